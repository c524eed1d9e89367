// copy_from_user/copy_to_user give the same bytes whether they copy by words (user memory that
// offers words(), like a WASI program's) or with set(): every alignment, length, mapped prefix.
import { describe, expect, it } from "vitest";
import { KmallocHeap } from "../../src/kernel/heap.js";
import { KernelOops } from "../../src/kernel/oops.js";
import { UserAccess } from "../../src/kernel/uaccess.js";
import { USER_BASE } from "../../src/kernel/constants.js";
import type { Task, UserMemory } from "../../src/kernel/task.js";

function kernelSide() {
  const memory = new WebAssembly.Memory({ initial: 4, maximum: 16 });
  const heap = new KmallocHeap(memory, 3 * 65536, {
    report: () => {},
    oops: (title) => {
      throw new KernelOops(title);
    },
    site: () => ({ file: "", line: 0, func: "?" }),
    pid: () => 1,
    now: () => 0,
  });
  return { memory, side: { view: () => new Uint8Array(memory.buffer), words: () => new Int32Array(memory.buffer), heap, report: () => {} } };
}

const pattern = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);

describe("copy_*_user by words", () => {
  it("copies exactly what set() copies, for every alignment, length and mapped prefix", () => {
    const { memory, side } = kernelSide();
    const kmem = () => new Uint8Array(memory.buffer);
    const K = 65536; // a kernel buffer outside the heap
    const ubuf = new ArrayBuffer(8192);
    const ubytes = new Uint8Array(ubuf);
    for (const withWords of [true, false]) {
      for (const n of [1, 3, 4, 5, 8, 13, 64, 127, 128, 129, 1024, 1030]) {
        for (const uOff of [0, 1, 2, 3, 4]) {
          for (const kOff of [0, 1, 2, 4]) {
            for (const cut of [0, 2 + uOff]) {
              // user memory mapped up to USER_BASE + limit; the copy ends `cut` bytes past it, or 8 before
              const limit = 4096;
              const uaddr = USER_BASE + limit - n - uOff - (cut === 0 ? 8 : 0) + cut;
              const user: UserMemory = {
                origin: USER_BASE,
                bytes: () => ubytes.subarray(0, limit),
                ...(withWords ? { words: () => new Int32Array(ubuf) } : {}),
              };
              const task: Task = { pid: 1, comm: "t", memory: user };
              const ua = new UserAccess(side, () => task);
              const reach = Math.max(0, Math.min(n, USER_BASE + limit - uaddr));
              const at = uaddr - USER_BASE;

              const src = pattern(n, n + uOff);
              ubytes.set(src.subarray(0, reach), at);
              kmem().fill(0xee, K, K + 2048);
              expect(ua.copyFromUser(K + kOff, uaddr, n)).toBe(n - reach);
              expect([...kmem().subarray(K + kOff, K + kOff + n)]).toEqual([...src.subarray(0, reach), ...new Array(n - reach).fill(0)]);
              expect(kmem()[K + kOff + n]).toBe(0xee);

              const ksrc = pattern(n, 3 * n + kOff);
              kmem().set(ksrc, K + kOff);
              ubytes.fill(0x11);
              expect(ua.copyToUser(uaddr, K + kOff, n)).toBe(n - reach);
              expect([...ubytes.subarray(at, at + reach)]).toEqual([...ksrc.subarray(0, reach)]);
              expect(ubytes[at - 1]).toBe(0x11);
              expect(ubytes[at + reach]).toBe(0x11);
            }
          }
        }
      }
    }
  });
});
