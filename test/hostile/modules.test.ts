// Hostile modules (issue 7, part 3): whatever a module does, the caller gets
// a kernel-style report (an oops kills only the calling process), the host
// process keeps running, the kernel keeps serving other modules, and a fresh
// kernel works.
import { describe, expect, it } from "vitest";
import { runApplet } from "../../src/harness/busybox.js";
import { O_RDWR, USER_BASE } from "../../src/kernel/constants.js";
import { EBUSY, ENXIO } from "../../src/kernel/errno.js";
import { boot, dmesg, killed, nextKernelWorks, slotWorks } from "./helpers.js";

describe("traps in module code kill the caller with an oops naming the function", () => {
  const cases: [number, string, RegExp][] = [
    // the faulting address is known (src/toolchain/lp64.ts), printed as Linux's %px: 16 digits
    [101, "NULL dereference", /BUG: kernel NULL pointer dereference, address: 0000000000000000\n.*#PF: supervisor read access in kernel mode\n.*#PF: error_code\(0x0000\) - not-present page[\s\S]*RIP: 0010:trap_null \[trap\]/],
    // 0x7ff00000 is a user address (USER_BASE..TASK_SIZE) that the process has not mapped: SMAP, not present
    [102, "wild pointer", /BUG: unable to handle page fault for address: 000000007ff00000\n.*#PF: supervisor read access in kernel mode\n.*#PF: error_code\(0x0000\) - not-present page\n.*user memory accessed without copy_from_user[\s\S]*RIP: 0010:trap_wild \[trap\]/],
    [103, "__builtin_trap", /invalid opcode: 0000 \[#1\] \(unreachable code reached, __builtin_trap\)[\s\S]*RIP: 0010:trap_ioctl \[trap\]/],
    [104, "__builtin_unreachable reached", /invalid opcode[\s\S]*RIP: 0010:fall_off \[trap\][\s\S]*trap_ioctl \[trap\]/],
    [105, "divide by zero", /divide error: 0000 \[#1\][\s\S]*trap_divide/],
    [106, "call through a NULL function pointer", /call through a bad function pointer[\s\S]*trap_ioctl/],
  ];
  it.each(cases)("ioctl %i: %s", async (cmd, _what, report) => {
    const { m, env, p, fd } = await boot("trap");
    const err = killed(() => p.ioctl(fd, cmd, USER_BASE));
    expect(err.oops).toBeDefined();
    expect(p.state).toBe("killed");
    const log = dmesg(m);
    expect(log).toMatch(report);
    expect(log).toMatch(/Oops: 0000 \[#1\] PREEMPT SMP NOPTI\n.*CPU: 0 PID: \d+ Comm: victim Tainted: G +D +OE/);
    expect(log).toContain("do_vfs_ioctl");
    // the dead process's file was released: the module unloads, the kernel serves message_slot
    expect(m.kernel.modules.get("trap")!.refs).toBe(0);
    expect(runApplet(env, ["rmmod", "trap"]).status).toBe(0);
    await slotWorks(m, env);
  });

  it("an oops in open kills the opener and leaves no fd and no module reference", async () => {
    const { m, env } = await boot("trap");
    const q = m.spawn("opener");
    killed(() => q.open("/dev/h1", O_RDWR));
    expect(dmesg(m)).toMatch(/NULL pointer dereference[\s\S]*Comm: opener[\s\S]*trap_null[\s\S]*trap_open[\s\S]*do_sys_open/);
    expect(m.kernel.modules.get("trap")!.refs).toBe(1); // the victim's /dev/h0 only
    await slotWorks(m, env);
  });

  it("an oops in release (on close, and at exit) is reported and the file still goes away", async () => {
    const { m, env, p } = await boot("trap");
    const fd = p.open("/dev/h2", O_RDWR);
    killed(() => p.close(fd));
    expect(dmesg(m)).toMatch(/invalid opcode[\s\S]*RIP: 0010:trap_release \[trap\][\s\S]*filp_close/);
    const q = m.spawn("exiter");
    q.open("/dev/h2", O_RDWR);
    q.exit(0);
    expect(dmesg(m)).toMatch(/Comm: exiter[\s\S]*trap_release[\s\S]*do_exit/);
    expect(m.kernel.modules.get("trap")!.refs).toBe(0);
    expect(runApplet(env, ["rmmod", "trap"]).status).toBe(0);
    await slotWorks(m, env);
  });
});

describe("init that misbehaves", () => {
  it("an oops in init kills insmod (137), the module is not loaded, the next kernel works", async () => {
    const { m, env, insmod } = await boot("init_trap");
    expect(insmod).toMatchObject({ status: 137, signal: 9, stderr: "Killed\n" });
    expect(m.kernel.modules.has("init_trap")).toBe(false);
    const log = dmesg(m);
    expect(log).toMatch(/BUG: kernel NULL pointer dereference[\s\S]*Comm: insmod[\s\S]*init_module[\s\S]*do_init_module/);
    // it had registered major 236 before dying: the registration dangles, as on Linux
    expect(log).toContain("WARNING: module init_trap unloaded with chrdev region 236:0-255 (init_trap) still registered");
    const q = m.spawn("late");
    killed(() => q.open("/dev/h0", O_RDWR));
    expect(dmesg(m)).toContain("BUG: unable to handle page fault in chrdev_open: init_trap was unloaded but left major 236 registered");
    await slotWorks(m, env); // major 235 is unaffected
    await nextKernelWorks();
  });

  it("init returning 1: Linux's warning, loaded anyway", async () => {
    const { m, env, insmod } = await boot("init_positive");
    expect(insmod.status).toBe(0);
    expect(dmesg(m)).toContain("do_init_module: 'init_positive'->init suspiciously returned 1, it should follow 0/-E convention");
    expect(m.kernel.taintString()).toContain("W");
    expect(runApplet(env, ["rmmod", "init_positive"]).status).toBe(0);
  });
});

describe("unbounded recursion", () => {
  it("without a C frame (the wasm stack runs out): a stack overflow oops, the host stack survives", async () => {
    const { m, env, p, fd } = await boot("recurse");
    killed(() => p.ioctl(fd, 102, 0));
    expect(dmesg(m)).toContain("BUG: kernel stack overflow");
    // the same kernel, and even the same module, keep working
    const q = m.spawn("again");
    const fd2 = q.open("/dev/h0", O_RDWR);
    expect(q.ioctl(fd2, 999, 0)).toBe(-22);
    await slotWorks(m, env);
  });
});

describe("memory", () => {
  it("allocating until kmalloc fails: NULL at 512 MiB, a warning, the whole lot reported as leaks at rmmod", async () => {
    const { m, env, p, fd } = await boot("oom");
    const n = p.ioctl(fd, 4 << 20, 0);
    expect(n).toBeGreaterThan(100);
    expect(n).toBeLessThan(128); // 4 MiB objects in 512 MiB of module memory
    expect(dmesg(m)).toMatch(/kmalloc\(4194304\) in oom_ioctl \(oom\.c:\d+\): page allocation failure: out of memory/);
    p.close(fd);
    expect(runApplet(env, ["rmmod", "oom"]).status).toBe(0);
    expect(dmesg(m)).toMatch(new RegExp(`kmemleak: ${n} new suspected memory leaks \\(module oom unloaded\\)`));
    expect(dmesg(m)).toContain(`kmemleak: ... and ${n - 64} more`);
    await slotWorks(m, env);
  });
});

describe("heap corruption", () => {
  it("an overflow into the next object: red zone report at kfree (taint B), no crash", async () => {
    const { m, env, p, fd } = await boot("heap_corrupt");
    expect(p.ioctl(fd, 101, 0)).toBe(0);
    expect(dmesg(m)).toMatch(/BUG kmalloc-16: Right Redzone overwritten[\s\S]*a write at offset 16, 1 byte\(s\) past its end[\s\S]*heap_ioctl \(heap_corrupt\.c:\d+\)/);
    expect(m.kernel.taintString()).toContain("B");
    await slotWorks(m, env);
  });

  it("a write after free: poison report", async () => {
    const { m, env, p, fd } = await boot("heap_corrupt");
    expect(p.ioctl(fd, 102, 0)).toBe(0);
    p.close(fd);
    expect(runApplet(env, ["rmmod", "heap_corrupt"]).status).toBe(0);
    expect(dmesg(m)).toMatch(/BUG kmalloc-32: Poison overwritten[\s\S]*written after kfree \(use after free\)/);
  });

  it("a double free and a kfree of a stack address: oopses", async () => {
    const a = await boot("heap_corrupt");
    killed(() => a.p.ioctl(a.fd, 103, 0));
    expect(dmesg(a.m)).toMatch(/BUG: double free of kmalloc-8 object[\s\S]*Freed in heap_ioctl/);
    const b = await boot("heap_corrupt");
    killed(() => b.p.ioctl(b.fd, 104, 0));
    expect(dmesg(b.m)).toMatch(/BUG: kfree\(\) of invalid pointer 0x0000[0-9a-f]+/);
    await slotWorks(b.m, b.env);
  });

  it("scribbling over the whole heap: reports at exit and rmmod, and the host survives them", async () => {
    const { m, env, p, fd } = await boot("heap_corrupt");
    expect(p.ioctl(fd, 105, 0)).toBe(0); // the heap's bookkeeping is the host's: kmalloc and kfree still work
    p.exit(0); // the scribble went over the VFS's struct file too: release goes wild
    // struct file's f_op is now 0x4141414141414141: non-canonical, a #GP as on x86-64
    expect(dmesg(m)).toMatch(/general protection fault, probably for non-canonical address 0x41414141414141[0-9a-f]{2}: 0000 \[#1\][\s\S]*do_exit/);
    expect(runApplet(env, ["rmmod", "heap_corrupt"]).status).toBe(0);
    expect(dmesg(m)).toMatch(/BUG kmalloc-64: (Left|Right) Redzone overwritten/);
    expect(m.kernel.taintString()).toMatch(/Tainted: G +B +D/);
    await slotWorks(m, env);
  });

  it("a driver that corrupts its own struct file: the next call through it oopses, release too", async () => {
    const { m, env, p, fd } = await boot("heap_corrupt");
    expect(p.ioctl(fd, 106, 0)).toBe(0);
    killed(() => p.ioctl(fd, 999, 0));
    // f_op = 0x5a5a5a5a5a5a5a5a, a non-canonical address: exc_general_protection, no #PF lines
    expect(dmesg(m)).toMatch(/general protection fault, probably for non-canonical address 0x5a5a5a5a5a5a5a[0-9a-f]{2}: 0000 \[#1\] PREEMPT SMP NOPTI\n.*CPU: 0/);
    expect(m.kernel.modules.get("heap_corrupt")!.refs).toBe(0);
    await slotWorks(m, env);
  });
});

describe("chrdev registration abuse", () => {
  it("the same major twice: the second register_chrdev fails (EBUSY), the second unregister warns", async () => {
    const { m, env, p, fd } = await boot("double_major");
    expect(dmesg(m)).toContain(`double_major: 0 then -${EBUSY}`);
    p.close(fd);
    expect(runApplet(env, ["rmmod", "double_major"]).status).toBe(0);
    expect(dmesg(m)).toContain("WARNING: unregister_chrdev_region(236, 0, 256): no such region registered");
    expect(m.kernel.procDevices()).not.toContain("double_major");
    await slotWorks(m, env);
  });

  it("an exit that never unregisters: a warning at rmmod, an oops for whoever opens the node, EBUSY for the next insmod", async () => {
    const { m, env } = await boot("never_unregister");
    m.kernel.vfs.mknod("/dev/slot0", 235, 0, new Date(0));
    expect(runApplet(env, ["rmmod", "never_unregister"]).status).toBe(0);
    expect(dmesg(m)).toContain("WARNING: module never_unregister unloaded with chrdev region 235:0-255 (never_unregister) still registered");
    const q = m.spawn("late");
    killed(() => q.open("/dev/slot0", O_RDWR));
    expect(dmesg(m)).toContain("BUG: unable to handle page fault in chrdev_open: never_unregister was unloaded but left major 235 registered");
    // message_slot cannot have major 235 on this kernel any more
    const r = runApplet(env, ["insmod", "/message_slot.ko"]);
    expect(r).toMatchObject({ status: EBUSY, stderr: "insmod: can't insert '/message_slot.ko': Device or resource busy\n" });
    await nextKernelWorks();
  });
});

describe("results no driver should return", () => {
  it("counts larger than asked and non-errno negatives pass through as Linux passes them", async () => {
    const { p, fd, m, env } = await boot("liar");
    expect(p.read(fd, USER_BASE, 10)).toBe(1000010);
    expect(p.write(fd, USER_BASE, 10)).toBe(0x7fffffff);
    expect(p.ioctl(fd, 5000, 0)).toBe(-5000);
    expect(p.ioctl(fd, 22, 0)).toBe(-22);
    expect(m.kernel.modules.get("liar")!.refs).toBe(1);
    await slotWorks(m, env);
  });
});

describe("a module calling the host's imports with garbage", () => {
  it("strings and sizes that make no sense: warnings and NULL, never a host exception", async () => {
    const { m, p, fd } = await boot("abuse_imports");
    expect(p.ioctl(fd, 103, 0)).toBe(0); // host_register_chrdev_region(237, 0, 1, nowhere, 0) registers a nameless region
    expect(dmesg(m)).toMatch(/WARNING: CPU: 0 PID: \d+ at \?:1/);
    expect(p.ioctl(fd, 104, 0)).toBe(0);
    expect(dmesg(m)).toContain("kmalloc(4294967295) in  (:1): page allocation failure: size exceeds KMALLOC_MAX_SIZE");
    expect(p.ioctl(fd, 107, 0)).toBe(-22);
  });

  it("copy_from_user into a kernel address outside memory: a page fault oops", async () => {
    const { m, p, fd } = await boot("abuse_imports");
    killed(() => p.ioctl(fd, 105, USER_BASE));
    expect(dmesg(m)).toContain("BUG: unable to handle page fault for address: 00000000fffffff0");
  });

  it("a printk flood: the log keeps its last 8192 records", async () => {
    const { m, p, fd } = await boot("abuse_imports");
    expect(p.ioctl(fd, 106, 0)).toBe(0);
    const all = m.kernel.dmesg.all();
    expect(all.length).toBe(8192);
    expect(all[all.length - 1].text).toBe("abuse_imports: line 19999");
  });
});

describe("a kernel that has seen it all", () => {
  it("still runs message_slot after an oops from each hostile module in turn", async () => {
    const { m, env, p, fd } = await boot("trap");
    killed(() => p.ioctl(fd, 103, 0));
    expect(runApplet(env, ["rmmod", "trap"]).status).toBe(0);
    for (const [name, cmd] of [["heap_corrupt", 103], ["recurse", 102], ["abuse_imports", 105]] as const) {
      const img = (await import("./helpers.js")).hostile(name);
      env.modules.set(name, await img);
      expect(runApplet(env, ["insmod", `/${name}.ko`]).status).toBe(0);
      const q = m.spawn(name);
      const f = q.open("/dev/h0", O_RDWR);
      killed(() => q.ioctl(f, cmd, 0));
      expect(runApplet(env, ["rmmod", name]).status).toBe(0);
    }
    expect(dmesg(m).match(/Oops: 0000 \[#(\d+)\]/g)).toHaveLength(4);
    expect(m.kernel.procDevices()).not.toContain("236 ");
    expect(m.kernel.vfs.lookup("/dev/h0")).toBeDefined();
    const q = m.spawn("late");
    expect(q.open("/dev/h0", O_RDWR)).toBe(-ENXIO);
    await slotWorks(m, env);
  });
});
