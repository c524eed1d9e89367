// The host side of module-c/include/kernel/host.h: every function a module
// imports from "kernel", in the header's order. Nothing else crosses the
// boundary (DESIGN.md section 4). The module is LP64 (wasm64, lowered): its
// thunks (src/toolchain/lp64.ts) pass pointers and sizes as i32, saturated to
// 0xffffffff when they do not fit; wasm i32 arguments arrive signed: every
// address and size is read with >>> 0. The truly 64-bit values (clock_ns, the
// fault address, bug's value) are BigInt.

import { readCString, decodeBytes } from "./cstring.js";
import { KernelOops } from "./oops.js";
import { faultOops, hex64 } from "./fault.js";
import { mappedPrefix } from "./task.js";
import type { LoadedModule } from "./module.js";

// host.h HOST_BUG_* / HOST_WARN_* kinds
const BUG_BUG = 1, BUG_NULL = 2, BUG_BOUNDS = 3, BUG_SPIN_RECURSION = 4, BUG_DEADLOCK = 5, BUG_PANIC = 6;
const WARN_WARN = 16, WARN_LOCK_HELD = 17, WARN_UNLOCK = 18;
/** printk's longest record (kernel/printk: LOG_LINE_MAX = 1024 - PREFIX_MAX) */
const LOG_LINE_MAX = 992;

export function kernelImports(mod: LoadedModule): WebAssembly.ModuleImports {
  const k = mod.kernel;
  const site = (file: number, line: number, func: number) => mod.sites.intern(file >>> 0, line, func >>> 0);

  return {
    printk(level: number, msg: number, len: number): void {
      const mem = mod.view();
      const p = msg >>> 0;
      // a record is at most LOG_LINE_MAX bytes, whatever length a module claims
      k.dmesg.log(level, decodeBytes(mem.subarray(p, p + Math.min(len >>> 0, LOG_LINE_MAX))));
    },

    kmalloc(size: number, flags: number, file: number, line: number, func: number): number {
      return mod.heap.alloc(size >>> 0, flags >>> 0, site(file, line, func));
    },
    krealloc(p: number, size: number, flags: number, file: number, line: number, func: number): number {
      return mod.heap.realloc(p >>> 0, size >>> 0, flags >>> 0, site(file, line, func));
    },
    kfree(p: number, file: number, line: number, func: number): void {
      mod.heap.free(p >>> 0, site(file, line, func));
    },
    ksize(p: number): number {
      return mod.heap.ksize(p >>> 0);
    },

    copy_from_user(to: number, from: number, n: number): number {
      return mod.uaccess.copyFromUser(to >>> 0, from >>> 0, n >>> 0);
    },
    copy_to_user(to: number, from: number, n: number): number {
      return mod.uaccess.copyToUser(to >>> 0, from >>> 0, n >>> 0);
    },
    clear_user(to: number, n: number): number {
      return mod.uaccess.clearUser(to >>> 0, n >>> 0);
    },
    access_ok(addr: number, n: number): number {
      return mod.uaccess.accessOk(addr >>> 0, n >>> 0) ? 1 : 0;
    },

    register_chrdev_region(major: number, baseminor: number, count: number, name: number, fops: number): number {
      return mod.registerRegion(major >>> 0, baseminor >>> 0, count >>> 0, readCString(mod.view(), name >>> 0, 64), fops >>> 0);
    },
    unregister_chrdev_region(major: number, baseminor: number, count: number): void {
      mod.unregisterRegion(major >>> 0, baseminor >>> 0, count >>> 0);
    },
    cdev_add(dev: number, count: number, fops: number): number {
      return mod.addCdev(dev >>> 0, count >>> 0, fops >>> 0);
    },
    cdev_del(dev: number, count: number): void {
      mod.removeCdev(dev >>> 0, count >>> 0);
    },

    bug(kind: number, file: number, line: number, func: number, wide: bigint): void {
      // value is an unsigned long (lp64.ts WIDE_IMPORTS): an address, an index (maybe negative), a count
      const value = Number(BigInt.asIntN(64, wide));
      const mem = mod.view();
      const where = `${readCString(mem, file >>> 0, 256) || "?"}:${line}`;
      const fn = readCString(mem, func >>> 0, 256);
      const at = fn ? `${fn} (${where})` : where;
      switch (kind) {
        case BUG_BUG:
          throw new KernelOops(`kernel BUG at ${where}!`, [`BUG_ON() in ${at}`, "invalid opcode: 0000 [#1] PREEMPT SMP NOPTI"]);
        case BUG_NULL:
          throw new KernelOops(`BUG: kernel NULL pointer dereference, address: ${hex64(wide)}`, [
            `#PF: supervisor access in kernel mode: a NULL pointer dereferenced in ${at}`,
          ]);
        case BUG_BOUNDS:
          // Debian's 6.1 has no UBSAN: the access goes on as it does there; the report is on the side
          k.report([`UBSAN: array-index-out-of-bounds in ${where}`, `index ${value} is out of range in ${at}`, "(msgslot's report: Linux 6.1 as Debian builds it does not check, and neither does the module here)"]);
          return;
        case BUG_SPIN_RECURSION:
          throw new KernelOops("BUG: spinlock recursion on CPU#0", [`spin_lock() of a lock this CPU already holds, in ${at}`]);
        case BUG_DEADLOCK:
          throw new KernelOops("WARNING: possible recursive locking detected (deadlock)", [
            `mutex_lock() of a mutex the task already holds, in ${at}: the task would sleep forever`,
          ]);
        case BUG_PANIC:
          // libkern passes the formatted panic message in place of the function name
          throw new KernelOops(`Kernel panic - not syncing: ${fn}`, [`panic() at ${where}`]);
        case WARN_WARN:
          k.warn([`WARNING: CPU: 0 PID: ${k.currentPid()} at ${where} ${fn}`, "WARN_ON() condition was true"]);
          return;
        case WARN_LOCK_HELD:
          k.warn([`WARNING: lock held when returning to user space!`, `${value} lock(s) still held after ${fn || "the driver"} returned`]);
          return;
        case WARN_UNLOCK:
          k.warn([`WARNING: bad unlock balance detected!`, `unlock of a lock that is not held, in ${at}`]);
          return;
        default:
          k.warn([`WARNING: unknown host_bug kind ${kind} in ${at}`]);
      }
    },

    // drivers/base/devtmpfs.c: the oracle's VM mounts devtmpfs on /dev, so device_create()
    // makes the node a scenario's `mknod` would then find taken (dev_t is MKDEV: major << 20 | minor)
    devtmpfs_create(name: number, dev: number): void {
      const d = dev >>> 0;
      k.vfs.devtmpfsCreate(readCString(mod.view(), name >>> 0, 64), d >>> 20, d & 0xfffff, new Date());
    },
    devtmpfs_delete(name: number, dev: number): void {
      const d = dev >>> 0;
      k.vfs.devtmpfsDelete(readCString(mod.view(), name >>> 0, 64), d >>> 20, d & 0xfffff);
    },

    current_pid(): number {
      return k.currentPid();
    },
    current_comm(buf: number, size: number): void {
      const n = size >>> 0;
      const to = buf >>> 0;
      if (n === 0) return;
      const bytes = new TextEncoder().encode(k.currentComm()).subarray(0, n - 1);
      const mem = mod.view();
      if (to < 4096 || to + bytes.length + 1 > mem.length) {
        // get_task_comm() writes where the module said: the CPU faults at the first bad byte
        throw faultOops(BigInt(to), BigInt(bytes.length + 1), 1, mem.length);
      }
      mem.set(bytes, to);
      mem[to + bytes.length] = 0;
      mod.heap.hostWrote(to, to + bytes.length + 1);
    },
    clock_ns(): bigint {
      return BigInt(Math.round(k.now() * 1e9));
    },

    // Not in host.h: the address checks that src/toolchain/lp64.ts puts before every load,
    // store, memory.copy and memory.fill call this when [addr, addr + size) leaves kernel
    // memory or touches the NULL page. kind: bit 0 a write; bits 1.. access, memcpy, memset.
    fault(addr: bigint, size: bigint, kind: number): never {
      const task = k.current();
      throw faultOops(addr, size, kind, mod.view().length, (a) => task !== null && mappedPrefix(task.memory, a, 1) > 0);
    },
  };
}
