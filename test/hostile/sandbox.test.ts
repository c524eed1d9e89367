// The user-program sandbox (issue 7, part 5): a WASI program sees /dev and
// nothing else of the host: no files, no directories, no environment, no
// sockets (and a call the WASI layer does not offer ends the program, not
// the host).
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgramsDir } from "../../src/harness/node-build.js";
import { Machine } from "../../src/process/machine.js";
import { runProgram, type ProgramImage } from "../../src/wasi/run.js";
import { runApplet } from "../../src/harness/busybox.js";
import { referenceModule } from "../helpers/modules.js";
import { HOSTILE } from "./helpers.js";

const programs = new Map<string, ProgramImage>();
beforeAll(async () => {
  for (const [name, p] of await buildProgramsDir(join(HOSTILE, "programs"), ["escape"])) {
    if (!p.image) throw new Error(`${name}: ${p.result.log}`);
    programs.set(name, p.image);
  }
});

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("a program sees only /dev", () => {
  it("no host file, directory, environment or socket is reachable", async () => {
    const ref = (await referenceModule()).image;
    const m = new Machine();
    runApplet({ machine: m, modules: new Map([[ref.name, ref]]) }, ["insmod", "/message_slot.ko"]);
    m.kernel.vfs.mknod("/dev/slot0", 235, 0, new Date(0));
    process.env.MSGSLOT_SECRET = "leaked";
    const r = runProgram({ machine: m, program: programs.get("escape")!, argv: ["./escape"] });
    delete process.env.MSGSLOT_SECRET;
    const out = text(r.stdout);
    expect(r.status).toBe(0);
    expect(out).toContain("environment: 0 variables, HOME=(unset) PATH=(unset)\n");
    for (const path of ["/etc/passwd", "/dev/../etc/passwd", "/dev/../../../etc/hostname", "../etc/passwd", "/proc/self/environ", "/tmp/escape"]) {
      expect(out).toMatch(new RegExp(`open ${path.replace(/[./]/g, "\\$&")}: (No such file or directory|Capabilities insufficient|Bad file descriptor|Read-only file system)\\n`));
    }
    expect(out).toContain("open /dev/escape: Read-only file system\n"); // no regular files, even in /dev
    expect(out).toMatch(/open \/dev\/slot0: fd \d+, read -1\n/); // the device itself, through the kernel
    expect(out).toMatch(/opendir \/: (No such file or directory|Capabilities insufficient)\n/);
    expect(out).toMatch(/opendir \/etc: (No such file or directory|Capabilities insufficient)\n/);
    expect(out).toContain("accept: -1 (Socket operation on non-socket)\n");
    expect(out).not.toMatch(/root:|leaked/);
  });

  it("the shell gives programs no environment of the host either", async () => {
    const { Shell } = await import("../../src/harness/shell/shell.js");
    let out = "";
    const sh = new Shell({ machine: new Machine(), modules: new Map(), programs, write: (_fd, d) => void (out += typeof d === "string" ? d : text(d)) });
    expect(sh.execute("./escape")).toBe(0);
    expect(out).toContain("environment: 0 variables");
  });
});
