// The emulated kernel observed through a real module (test/fixtures/modules/kernel_probe).
import { beforeAll, describe, expect, it } from "vitest";
import { Machine } from "../../src/process/machine.js";
import { ProcessKilled, type Process } from "../../src/process/process.js";
import { ScriptedMemory } from "../../src/kernel/task.js";
import { TASK_SIZE, USER_BASE, O_RDWR, O_RDONLY } from "../../src/kernel/constants.js";
import { EBUSY, EEXIST, EFAULT, ENOENT, ENOTTY, ENXIO, EWOULDBLOCK, EBADF, EINVAL } from "../../src/kernel/errno.js";
import { fixtureModule } from "../helpers/modules.js";
import type { ModuleImage } from "../../src/harness/busybox.js";

let probe: ModuleImage;
beforeAll(async () => {
  probe = (await fixtureModule("kernel_probe")).image;
});

function boot(): { m: Machine; p: Process; mem: ScriptedMemory } {
  const m = new Machine();
  expect(m.kernel.insmod(probe.name, probe.wasm, probe.size)).toBe(0);
  for (let minor = 0; minor < 8; minor++) m.kernel.vfs.mknod(`/dev/p${minor}`, 240, minor, new Date(0));
  const mem = new ScriptedMemory(4096);
  const p = m.spawn("test", mem);
  return { m, p, mem };
}

const dmesg = (m: Machine) => m.kernel.dmesg.format();

describe("module load and unload", () => {
  it("insmod twice is EEXIST; rmmod of an unknown module is ENOENT; rmmod while open is EWOULDBLOCK", () => {
    const { m, p } = boot();
    expect(m.kernel.insmod(probe.name, probe.wasm, probe.size)).toBe(-EEXIST);
    expect(m.kernel.rmmod("nope")).toBe(-ENOENT);
    const fd = p.open("/dev/p0", O_RDWR);
    expect(m.kernel.rmmod(probe.name)).toBe(-EWOULDBLOCK);
    p.close(fd);
    expect(m.kernel.rmmod(probe.name)).toBe(0);
    expect(p.open("/dev/p0", O_RDWR)).toBe(-ENXIO);
    expect(m.kernel.procDevices()).not.toContain("kernel_probe");
  });

  it("lists the module in /proc/devices and taints the kernel OE", () => {
    const { m } = boot();
    expect(m.kernel.procDevices()).toContain("240 kernel_probe\n");
    expect(m.kernel.taintString()).toBe("Tainted: G           OE     ");
    expect(dmesg(m)).toContain("loading out-of-tree module taints kernel.");
  });

  it("a second module asking for a taken major fails init with EBUSY and is not loaded", () => {
    const { m } = boot();
    expect(m.kernel.insmod("other", probe.wasm, probe.size)).toBe(-EBUSY);
    expect(m.kernel.modules.has("other")).toBe(false);
    expect(dmesg(m)).toContain("probe: register_chrdev failed -16");
  });
});

describe("files: fd table and refcounted release", () => {
  it("uses the lowest free fd and calls release only when the last reference goes", () => {
    const { m, p } = boot();
    expect(p.open("/dev/p0", O_RDWR)).toBe(0);
    expect(p.open("/dev/p1", O_RDWR)).toBe(1);
    expect(p.dup(0)).toBe(2);
    const child = p.fork("child");
    expect(p.close(0)).toBe(0);
    expect(p.close(2)).toBe(0);
    expect(dmesg(m)).not.toContain("release");
    child.exit(0);
    expect(dmesg(m)).toContain("probe: release #1");
    expect(dmesg(m).match(/release/g)).toHaveLength(1);
    expect(p.open("/dev/p3", O_RDWR)).toBe(0);
    expect(p.close(5)).toBe(-EBADF);
  });

  it("a failed driver open returns its error, leaves no fd and no module reference", () => {
    const { m, p } = boot();
    expect(p.open("/dev/p7", O_RDWR)).toBe(-EBUSY);
    expect(p.open("/dev/p0", O_RDWR)).toBe(0);
    expect(m.kernel.modules.get(probe.name)!.refs).toBe(1);
    expect(p.open("/dev/missing", O_RDWR)).toBe(-ENOENT);
  });

  it("VFS checks come before the driver: EBADF on mode, EINVAL without write method, EFAULT from access_ok", () => {
    const { p } = boot();
    const fd = p.open("/dev/p0", O_RDONLY);
    expect(p.write(fd, USER_BASE, 4)).toBe(-EBADF);
    const rw = p.open("/dev/p0", O_RDWR);
    expect(p.write(rw, USER_BASE, 4)).toBe(-EINVAL); // kernel_probe has no .write
    expect(p.read(rw, TASK_SIZE, 4)).toBe(-EFAULT);
    expect(p.ioctl(rw, 0x5451, 0)).toBe(0); // FIOCLEX never reaches the driver
    expect(p.ioctl(rw, 99, 0)).toBe(-ENOTTY);
  });
});

describe("uaccess", () => {
  it("copy_from_user copies the mapped prefix, zero-fills the rest and returns the bytes not copied", () => {
    const { p, mem } = boot();
    const fd = p.open("/dev/p0", O_RDWR);
    const end = USER_BASE + mem.bytes().length;
    expect(p.ioctl(fd, 101, USER_BASE)).toBe(0);
    expect(p.ioctl(fd, 101, end - 10)).toBe(54);
    expect(p.ioctl(fd, 101, 8)).toBe(64); // below USER_BASE: never mapped
    expect(p.ioctl(fd, 101, TASK_SIZE)).toBe(64); // kernel half: access_ok fails
  });

  it("copy_to_user writes the mapped prefix only", () => {
    const { p, mem } = boot();
    const fd = p.open("/dev/p0", O_RDWR);
    const len = mem.bytes().length;
    expect(p.ioctl(fd, 102, USER_BASE + len - 4)).toBe(60);
    expect([...mem.bytes().subarray(len - 4)]).toEqual([0x6b, 0x6b, 0x6b, 0x6b]);
    expect(p.read(fd, USER_BASE + len - 100, 256)).toBe(100);
  });

  it("get_user and put_user return 0 or -EFAULT", () => {
    const { p, mem } = boot();
    const fd = p.open("/dev/p0", O_RDWR);
    mem.bytes().set([0x2a, 0, 0, 0], 16);
    expect(p.ioctl(fd, 103, USER_BASE + 16)).toBe(42);
    expect(p.ioctl(fd, 103, 8)).toBe(-EFAULT);
    expect(p.ioctl(fd, 111, USER_BASE)).toBe(0);
    expect([...mem.bytes().subarray(0, 4)]).toEqual([0x78, 0x56, 0x34, 0x12]);
    expect(p.ioctl(fd, 111, TASK_SIZE + 4)).toBe(-EFAULT);
  });
});

describe("oopses kill the caller, the kernel stays up", () => {
  function oops(cmd: number, arg: number): { m: Machine; err: ProcessKilled; text: string } {
    const { m, p } = boot();
    const fd = p.open("/dev/p0", O_RDWR);
    let err: unknown;
    try {
      p.ioctl(fd, cmd, arg);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProcessKilled);
    expect(p.state).toBe("killed");
    // the file was released when the process died, so the module can go
    expect(dmesg(m)).toContain("probe: release #1");
    expect(m.kernel.taintString()).toContain("D");
    // the kernel still works for a new process
    const q = m.spawn("after");
    expect(q.open("/dev/p1", O_RDWR)).toBe(0);
    return { m, err: err as ProcessKilled, text: dmesg(m) };
  }

  it("a user pointer dereferenced in the driver is a page fault naming the function", () => {
    const { text } = oops(105, USER_BASE + 16);
    expect(text).toContain("BUG: unable to handle page fault for address: 0000000020000010");
    // SMAP: the user page is present, the kernel may not touch it (error code 0x0001)
    expect(text).toContain("#PF: error_code(0x0001) - permissions violation");
    expect(text).toContain("copy_from_user");
    expect(text).toMatch(/RIP: 0010:probe_ioctl \[kernel_probe\]/);
    expect(text).toContain("do_vfs_ioctl");
  });

  it("a NULL dereference is reported as one", () => {
    const { text } = oops(106, 0);
    expect(text).toContain("BUG: kernel NULL pointer dereference, address: 0000000000000000");
    expect(text).toMatch(/RIP: 0010:probe_ioctl \[kernel_probe\]/);
  });

  it("a double free is a kernel BUG", () => {
    expect(oops(107, 0).text).toContain("double free");
  });

  it("hardened usercopy catches a copy past a kmalloc object", () => {
    expect(oops(104, USER_BASE).text).toContain("usercopy: Kernel memory overwrite attempt detected to SLUB object 'kmalloc-16' (offset 0, size 32)!");
  });

  it("BUG_ON is a kernel BUG at file:line", () => {
    expect(oops(110, 110).text).toMatch(/kernel BUG at kernel_probe\.c:\d+!/);
  });
});

describe("heap reports from a module", () => {
  it("an overflow by one is reported at kfree with the allocating line", () => {
    const { m, p } = boot();
    const fd = p.open("/dev/p0", O_RDWR);
    expect(p.ioctl(fd, 109, 0)).toBe(0);
    expect(dmesg(m)).toMatch(/BUG kmalloc-8: Right Redzone overwritten[\s\S]*probe_ioctl \(kernel_probe\.c:\d+\)/);
  });

  it("a leak is reported at rmmod", () => {
    const { m, p } = boot();
    const fd = p.open("/dev/p0", O_RDWR);
    p.ioctl(fd, 108, 0);
    p.close(fd);
    expect(m.kernel.rmmod(probe.name)).toBe(0);
    expect(dmesg(m)).toMatch(/unreferenced object 0x[0-9a-f]+ \(size 24\)[\s\S]*leaked bytes[\s\S]*probe_ioctl \(kernel_probe\.c:\d+\)/);
  });

  it("the Nth kmalloc can be made to fail", () => {
    const { m, p } = boot();
    const fd = p.open("/dev/p0", O_RDWR);
    m.kernel.modules.get(probe.name)!.heap.failNth(1);
    expect(p.ioctl(fd, 112, 0)).toBe(-12);
    expect(p.ioctl(fd, 112, 0)).toBe(0);
  });

  it("printk formats with libkern's vsnprintf at the given level", () => {
    const { m, p } = boot();
    const fd = p.open("/dev/p0", O_RDWR);
    p.ioctl(fd, 113, 0);
    const rec = m.kernel.dmesg.all().find((r) => r.text.startsWith("probe: -5"));
    expect(rec?.text).toBe("probe: -5 7 ff str    ab|3   |z 42 -9");
    expect(rec?.level).toBe(3);
    expect(EWOULDBLOCK).toBe(11);
  });
});
