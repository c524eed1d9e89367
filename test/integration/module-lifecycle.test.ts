// insmod/rmmod failures with busybox's exit statuses and messages.
import { describe, expect, it } from "vitest";
import { Machine } from "../../src/process/machine.js";
import { runApplet, type ModuleImage } from "../../src/harness/busybox.js";
import { fixtureModule } from "../helpers/modules.js";

function env(image: ModuleImage) {
  const machine = new Machine();
  return { machine, modules: new Map([[image.name, image]]) };
}

describe("module load and unload errors", () => {
  it("a module without an exit function cannot be unloaded (EBUSY, exit 1)", async () => {
    const { image } = await fixtureModule("no_exit");
    const e = env(image);
    expect(runApplet(e, ["insmod", "/no_exit.ko"]).status).toBe(0);
    const r = runApplet(e, ["rmmod", "no_exit"]);
    expect(r).toMatchObject({ status: 1, stderr: "rmmod: can't unload module 'no_exit': Device or resource busy\n" });
    expect(e.machine.kernel.lsmod()).toContain("no_exit");
  });

  it("an init that fails unloads the module, exits with the errno and reports what it leaked", async () => {
    const { image } = await fixtureModule("init_fails");
    const e = env(image);
    const r = runApplet(e, ["insmod", "/init_fails.ko"]);
    expect(r).toMatchObject({ status: 12, stderr: "insmod: can't insert '/init_fails.ko': Cannot allocate memory\n" });
    expect(e.machine.kernel.modules.size).toBe(0);
    expect(e.machine.kernel.dmesg.format()).toMatch(/unreferenced object 0x[0-9a-f]+ \(size 40\)[\s\S]*init_fails_init \(init_fails\.c:\d+\)/);
    // and it can be tried again
    expect(runApplet(e, ["insmod", "/init_fails.ko"]).status).toBe(12);
  });

  it("a wasm file that is not a module is refused as an invalid module format (ENOEXEC)", async () => {
    const notAModule = await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const e = env({ name: "junk", wasm: notAModule, size: 8 });
    expect(runApplet(e, ["insmod", "/junk.ko"])).toMatchObject({ status: 8, stderr: "insmod: can't insert '/junk.ko': invalid module format\n" });
    expect(e.machine.kernel.dmesg.format()).toContain("junk: not a msgslot module (missing memory");
  });

  it("insmod of a file that does not exist and rmmod of a module never loaded fail with exit 1", async () => {
    const { image } = await fixtureModule("no_exit");
    const e = env(image);
    expect(runApplet(e, ["insmod", "/nope.ko"])).toMatchObject({ status: 1, stderr: "insmod: can't read '/nope.ko': No such file or directory\n" });
    expect(runApplet(e, ["rmmod", "nope"])).toMatchObject({ status: 1, stderr: "rmmod: can't unload module 'nope': No such file or directory\n" });
  });
});
