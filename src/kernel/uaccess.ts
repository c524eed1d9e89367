// copy_from_user and friends (DESIGN.md section 3): copies between the current
// process's user memory and a module's kernel memory, with Linux's results
// (bytes not copied; the longest accessible prefix is copied) and Linux's
// hardening: a kernel range outside kernel memory is a page fault (oops), a
// copy that overruns a kmalloc object is a usercopy BUG (mm/usercopy.c).

import { KernelOops, hex } from "./oops.js";
import { accessOk, mappedPrefix, type Task } from "./task.js";
import { COPY_OK, type KmallocHeap } from "./heap.js";

export interface KernelSide {
  view(): Uint8Array;
  /** the same memory as 32-bit words */
  words(): Int32Array;
  readonly heap: KmallocHeap;
  report(lines: string[], taint?: string): void;
}

/**
 * Set in a copy's length by libkern when the length is a compile-time constant: Linux's
 * check_object_size() does nothing then (include/linux/thread_info.h, 6.1), so the copy is not
 * checked against the kmalloc object. check_copy_size() refuses lengths above INT_MAX first, so
 * the bit is free.
 */
export const USERCOPY_CONST_LEN = 0x8000_0000;

/** Injected faults: the next user copy stops after `bytes` bytes. */
export interface CopyFault {
  bytes: number;
}

export class UserAccess {
  /** set by fault injection: the next copy_*_user faults after this many bytes */
  fault: CopyFault | null = null;

  constructor(private readonly kernel: KernelSide, private readonly current: () => Task | null) {}

  copyFromUser(to: number, from: number, len: number): number {
    const n = len & ~USERCOPY_CONST_LEN;
    if (n === 0) return 0;
    const mem = this.checkKernelRange(to, n, "overwrite", "to", n !== len);
    const copied = this.userPrefix(from, n);
    if (copied > 0) {
      const user = this.task().memory;
      copyBytes(mem, this.kernel.words(), to, user.bytes(), user.words?.(), from - user.origin, copied);
    }
    if (copied < n) mem.fill(0, to + copied, to + n);
    this.kernel.heap.hostWrote(to, to + n);
    return n - copied;
  }

  copyToUser(to: number, from: number, len: number): number {
    const n = len & ~USERCOPY_CONST_LEN;
    if (n === 0) return 0;
    const mem = this.checkKernelRange(from, n, "exposure", "from", n !== len);
    const copied = this.userPrefix(to, n);
    if (copied > 0) {
      const user = this.task().memory;
      const words = user.words?.();
      copyBytes(user.bytes(), words, to - user.origin, mem, words && this.kernel.words(), from, copied);
    }
    return n - copied;
  }

  clearUser(to: number, n: number): number {
    if (n === 0) return 0;
    const copied = this.userPrefix(to, n);
    if (copied > 0) {
      const user = this.task().memory;
      user.bytes().fill(0, to - user.origin, to - user.origin + copied);
    }
    return n - copied;
  }

  accessOk(addr: number, n: number): boolean {
    return accessOk(addr, n);
  }

  /** bytes of [addr, addr+n) that a copy can reach before it faults */
  private userPrefix(addr: number, n: number): number {
    if (!accessOk(addr, n)) return 0;
    let reach = mappedPrefix(this.task().memory, addr, n);
    if (this.fault) {
      reach = Math.min(reach, this.fault.bytes);
      this.fault = null;
    }
    return reach;
  }

  private task(): Task {
    const t = this.current();
    if (!t) throw new KernelOops("BUG: copy to/from user space with no current process");
    return t;
  }

  /** check_object_size(): the kernel side must be kernel memory and must not overrun a heap object */
  private checkKernelRange(addr: number, n: number, what: "overwrite" | "exposure", dir: "to" | "from", constLen = false): Uint8Array {
    const mem = this.kernel.view();
    if (addr < 4096) {
      throw new KernelOops(`BUG: kernel NULL pointer dereference, address: ${hex(addr)}`, [
        `copy_${dir === "to" ? "from" : "to"}_user with kernel buffer ${hex(addr)}`,
      ]);
    }
    if (addr + n > mem.length) {
      throw new KernelOops(`BUG: unable to handle page fault for address: ${hex(Math.max(addr, mem.length))}`, [
        `copy_${dir === "to" ? "from" : "to"}_user with kernel buffer ${hex(addr)}, ${n} bytes: beyond kernel memory`,
      ]);
    }
    const heap = this.kernel.heap;
    if (constLen || heap.copyCheck(addr, n) === COPY_OK) return mem;
    const block = heap.block(addr);
    if (block) {
      if (!block.live) {
        this.kernel.report([
          `BUG: KASAN: use-after-free in copy_${dir === "to" ? "from" : "to"}_user`,
          `${dir === "to" ? "Write" : "Read"} of size ${n} at addr ${hex(addr)}: the kmalloc-${block.cls} object was freed (msgslot's report: Linux's __check_heap_object does not look at freed objects, the copy goes on)`,
          `Allocated in ${block.site.func} (${block.site.file}:${block.site.line})`,
          ...(block.freeSite ? [`Freed in ${block.freeSite.func} (${block.freeSite.file}:${block.freeSite.line})`] : []),
        ], "B");
      } else if (addr < block.ptr || addr + n > block.ptr + block.cls) {
        const offset = addr - block.ptr;
        throw new KernelOops(
          `usercopy: Kernel memory ${what} attempt detected ${dir} SLUB object 'kmalloc-${block.cls}' (offset ${offset}, size ${n})!`,
          [`the object (${block.size} bytes requested) was allocated in ${block.site.func} (${block.site.file}:${block.site.line})`, "kernel BUG at mm/usercopy.c:101!"],
        );
      }
    }
    return mem;
  }
}

/**
 * dst.set(src.subarray(s, s + n), d) for ranges known to be inside both arrays. A message-sized
 * copy between 4-aligned offsets goes a word at a time (with the words views of the same
 * buffers): no subarray object, no call into the engine.
 */
function copyBytes(dst: Uint8Array, dstWords: Int32Array | undefined, d: number, src: Uint8Array, srcWords: Int32Array | undefined, s: number, n: number): void {
  if (n <= 16) {
    // a short message (2^20 one-byte writes): a byte loop costs less than a subarray
    for (let k = 0; k < n; k++) dst[d + k] = src[s + k]!;
    return;
  }
  if (n <= 1024 && dstWords !== undefined && srcWords !== undefined && ((d | s) & 3) === 0) {
    let dw = d >>> 2;
    let sw = s >>> 2;
    const end = sw + (n >>> 2);
    // eight words a step (unrolled: half the loop's bounds checks and branches), then the rest
    const end8 = sw + ((end - sw) & ~7);
    for (; sw < end8; sw += 8, dw += 8) {
      dstWords[dw] = srcWords[sw]!;
      dstWords[dw + 1] = srcWords[sw + 1]!;
      dstWords[dw + 2] = srcWords[sw + 2]!;
      dstWords[dw + 3] = srcWords[sw + 3]!;
      dstWords[dw + 4] = srcWords[sw + 4]!;
      dstWords[dw + 5] = srcWords[sw + 5]!;
      dstWords[dw + 6] = srcWords[sw + 6]!;
      dstWords[dw + 7] = srcWords[sw + 7]!;
    }
    while (sw < end) dstWords[dw++] = srcWords[sw++]!;
    for (let k = n & ~3; k < n; k++) dst[d + k] = src[s + k]!;
    return;
  }
  dst.set(src.subarray(s, s + n), d);
}
