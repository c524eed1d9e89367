// The syscall hot path (Process.read/write -> ModuleFile -> LoadedModule.call3) keeps the
// slow path's behaviour when the driver oopses: the report names vfs_read/ksys_read or
// vfs_write/ksys_write, the caller is killed, the C stack pointer is back at the top and the
// module keeps serving other processes.
import { beforeAll, describe, expect, it } from "vitest";
import { Machine } from "../../src/process/machine.js";
import { ProcessKilled } from "../../src/process/process.js";
import { ScriptedMemory } from "../../src/kernel/task.js";
import { O_RDWR, USER_BASE } from "../../src/kernel/constants.js";
import { fixtureModule } from "../helpers/modules.js";
import type { ModuleImage } from "../../src/harness/busybox.js";

let image: ModuleImage;
beforeAll(async () => {
  image = (await fixtureModule("rw_oops")).image;
});

function boot() {
  const m = new Machine();
  expect(m.kernel.insmod(image.name, image.wasm, image.size)).toBe(0);
  expect(m.kernel.vfs.mknod("/dev/rw", 242, 0, new Date(0))).toBe(0);
  const mod = m.kernel.modules.get("rw_oops")!;
  return { m, mod, sp: () => mod.exports.__stack_pointer.value as number };
}

/** dmesg without the timestamps */
const dmesg = (m: Machine) => m.kernel.dmesg.format().replace(/^\[[ .\d]+\] /gm, "");

function killed(fn: () => unknown): ProcessKilled {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ProcessKilled);
    return e as ProcessKilled;
  }
  throw new Error("the syscall returned");
}

describe("an oops on the read/write path", () => {
  it("a trap in read: reported under vfs_read, the caller killed, the C stack back at its top", () => {
    const { m, sp } = boot();
    const top = sp();
    const p = m.spawn("reader", new ScriptedMemory());
    const fd = p.open("/dev/rw", O_RDWR);
    const frame = p.ioctl(fd, 1, 0);
    const e = killed(() => p.read(fd, USER_BASE, 16));
    expect(e.oops?.title).toContain("page fault");
    expect(p.state).toBe("killed");
    expect(dmesg(m)).toMatch(/deep_read \[rw_oops\][\s\S]* vfs_read\n ksys_read\n <\/TASK>/);
    expect(sp()).toBe(top);
    const q = m.spawn("after", new ScriptedMemory());
    const qfd = q.open("/dev/rw", O_RDWR);
    expect(q.ioctl(qfd, 1, 0)).toBe(frame);
    expect(() => p.read(fd, USER_BASE, 16)).toThrow(ProcessKilled);
  });

  it("a host-reported NULL dereference in write: reported under vfs_write, the stack back at its top", () => {
    const { m, sp } = boot();
    const top = sp();
    const p = m.spawn("writer", new ScriptedMemory());
    const fd = p.open("/dev/rw", O_RDWR);
    const frame = p.ioctl(fd, 1, 0);
    const e = killed(() => p.write(fd, USER_BASE, 4));
    expect(e.oops?.title).toContain("NULL pointer dereference");
    expect(dmesg(m)).toMatch(/ vfs_write\n ksys_write\n <\/TASK>/);
    expect(sp()).toBe(top);
    expect(m.kernel.current()).toBeNull();
    const q = m.spawn("after", new ScriptedMemory());
    expect(q.ioctl(q.open("/dev/rw", O_RDWR), 1, 0)).toBe(frame);
  });
});
