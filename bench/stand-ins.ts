// node --import ./bench/dist/bench/stand-ins.js ...: replaces parts of the syscall path with trivial
// stand-ins, chosen by MSGSLOT_STAND_INS (a comma list of "heap" and "copy"), to measure what the
// rest of the path costs (floor.ts). Never what msgslot runs: no detector works with them.
//
// heap: kmalloc hands a freed pointer of the same size back at once (the real heap made it the
//   first time, so it stays a live object to every other check), kfree only keeps it for that;
//   no red zones, zeroing, freed copies or checks.
// copy: copy_from_user and copy_to_user copy whole words (the benchmark's 128-byte buffers are
//   word-aligned), with no check of either side.
import { KmallocHeap } from "../src/kernel/heap.js";
import { UserAccess } from "../src/kernel/uaccess.js";

const chosen = new Set((process.env.MSGSLOT_STAND_INS ?? "").split(",").filter(Boolean));
for (const c of chosen) if (c !== "heap" && c !== "copy") throw new Error(`MSGSLOT_STAND_INS: unknown part ${c} (heap, copy)`);

if (chosen.has("heap")) {
  // one heap in the measured process: its free pointers by size, and each pointer's size
  const free: number[][] = [];
  const sizeOf = new Map<number, number>();
  const realAlloc = KmallocHeap.prototype.alloc;
  KmallocHeap.prototype.alloc = function (this: KmallocHeap, size: number, flags: number, site: number): number {
    const reuse = free[size]?.pop();
    if (reuse !== undefined) return reuse;
    const ptr = realAlloc.call(this, size, flags, site);
    sizeOf.set(ptr, size);
    return ptr;
  };
  KmallocHeap.prototype.free = function (ptr: number): void {
    const size = sizeOf.get(ptr);
    if (size !== undefined) (free[size] ??= []).push(ptr);
  };
}

if (chosen.has("copy")) {
  // UserAccess's private fields (its constructor's `kernel` and `current`): a rename there must follow here
  interface Side {
    kernel: { words(): Int32Array };
    current(): { memory: { words?(): Int32Array; origin: number } } | null;
  }
  // the benchmark's buffers are word-aligned and 128 bytes: word copies, the cheapest there are
  const copy = (dst: Int32Array, d: number, src: Int32Array, s: number, n: number) => {
    for (let k = 0, w = n >>> 2; k < w; k++) dst[(d >>> 2) + k] = src[(s >>> 2) + k]!;
  };
  UserAccess.prototype.copyFromUser = function (this: UserAccess, to: number, from: number, len: number): number {
    const me = this as unknown as Side;
    const user = me.current()!.memory;
    copy(me.kernel.words(), to, user.words!(), from - user.origin, len & 0x7fff_ffff);
    return 0;
  };
  UserAccess.prototype.copyToUser = function (this: UserAccess, to: number, from: number, len: number): number {
    const me = this as unknown as Side;
    const user = me.current()!.memory;
    copy(user.words!(), to - user.origin, me.kernel.words(), from, len & 0x7fff_ffff);
    return 0;
  };
}
