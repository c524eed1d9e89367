// The heap's syscall-path queries agree with the slow, detailed ones they stand in for.
import { describe, expect, it } from "vitest";
import { COPY_FREED, COPY_OK, COPY_OVERRUN, KmallocHeap } from "../../src/kernel/heap.js";
import { KernelOops } from "../../src/kernel/oops.js";
import { fillBytes, firstMismatch } from "../../src/kernel/heap-bytes.js";
import { makeHeap } from "./make-heap.js";

/** The verdict the usercopy check gave before copyCheck existed, from block(). */
function fromBlock(heap: KmallocHeap, addr: number, n: number): number {
  const b = heap.block(addr);
  if (!b) return COPY_OK;
  if (!b.live) return COPY_FREED;
  return addr < b.ptr || addr + n > b.ptr + b.cls ? COPY_OVERRUN : COPY_OK;
}

describe("KmallocHeap.copyCheck", () => {
  it("gives block()'s verdict for every address around live, freed and large objects", () => {
    const { heap } = makeHeap();
    const ptrs = [heap.alloc(24, 0, 1), heap.alloc(128, 0, 2), heap.alloc(100, 0, 3), heap.alloc(6000, 0, 4), heap.alloc(8, 0, 5)];
    heap.free(ptrs[2]!, 6);
    heap.free(ptrs[4]!, 7);
    const lo = Math.min(...ptrs) - 64;
    const hi = Math.max(...ptrs) + 6100;
    const seen = new Set<number>();
    for (let addr = lo; addr < hi; addr += 3) {
      for (const n of [1, 8, 24, 128, 200]) {
        const v = heap.copyCheck(addr, n);
        expect(v, `addr ${addr} n ${n}`).toBe(fromBlock(heap, addr, n));
        seen.add(v);
      }
    }
    expect([...seen].sort()).toEqual([COPY_OK, COPY_FREED, COPY_OVERRUN]);
    expect(heap.copyCheck(16, 4)).toBe(COPY_OK); // below the heap
  });
});

describe("freed objects (no quarantine: SLUB's per-CPU freelist is last in, first out)", () => {
  it("hands the last freed object out first and reports a write after kfree when it is reused", () => {
    const reports: string[][] = [];
    const memory = new WebAssembly.Memory({ initial: 2, maximum: 8192 });
    const heap = new KmallocHeap(memory, 65536, {
      report: (lines) => void reports.push(lines),
      oops: (title) => {
        throw new KernelOops(title);
      },
      site: (id) => ({ file: "t.c", line: id, func: `fn${id}` }),
      pid: () => 1,
      now: () => 0,
    });
    const victim = heap.alloc(64, 0, 1);
    heap.free(victim, 2);
    new Uint8Array(memory.buffer)[victim + 5] = 0x42; // use after free
    expect(reports).toEqual([]);
    expect(heap.alloc(64, 0, 3)).toBe(victim);
    const text = reports.flat().join("\n");
    expect(text).toContain("BUG kmalloc-64: Poison overwritten");
    expect(text).toContain("at offset 5 of the freed object");
    expect(text).toContain("Freed in fn2 (t.c:2)");
    // init_on_alloc: the reused object reads as zeros again
    expect(new Uint8Array(memory.buffer)[victim + 5]).toBe(0);
    reports.length = 0;
    for (let k = 0; k < 300; k++) heap.free(heap.alloc(64, 0, 5), 6);
    expect(reports).toEqual([]);
    expect(heap.check()).toBe(0);
  });
});

describe("KmallocHeap.view", () => {
  it("writes guards and zeros into the grown memory after memory.grow, and a freed object keeps its bytes", () => {
    const { heap, memory } = makeHeap();
    const first = heap.alloc(64, 0, 1);
    const before = memory.buffer.byteLength;
    const ptrs: number[] = [];
    while (memory.buffer.byteLength === before) ptrs.push(heap.alloc(1000, 0, 2));
    const mem = new Uint8Array(memory.buffer);
    for (const [p, size] of [[first, 64], ...ptrs.map((p) => [p, 1000])] as [number, number][]) {
      expect(mem[p - 1], `left red zone of ${p}`).toBe(0xcc);
      expect(mem[p + size - 1], `last byte of ${p}`).toBe(0);
      expect(mem[p + (size <= 64 ? 64 : 1024)], `guard after the class of ${p}`).toBe(0xcc);
    }
    const last = ptrs[ptrs.length - 1]!;
    new Uint8Array(memory.buffer)[last] = 0x41;
    heap.free(last, 3);
    expect(new Uint8Array(memory.buffer)[last]).toBe(0x41);
  });
});

describe("firstMismatch and fillBytes with a words view", () => {
  it("agree with a byte loop and with fill() for every range and every single corrupted byte", () => {
    const buf = new ArrayBuffer(512);
    const mem = new Uint8Array(buf);
    const words = new Int32Array(buf);
    const naive = (from: number, to: number, v: number) => {
      for (let i = from; i < to; i++) if (mem[i] !== v) return i;
      return -1;
    };
    for (const v of [0x6b, 0xcc, 0xbb]) {
      for (let from = 0; from < 24; from++) {
        for (let to = from; to < from + 200; to++) {
          mem.fill(v);
          expect(firstMismatch(mem, from, to, v, words)).toBe(-1);
          for (const k of [from, from + 5, to - 1, (from + to) >> 1, to]) {
            mem.fill(v);
            mem[k] = v ^ 0x40;
            expect(firstMismatch(mem, from, to, v, words), `${from}..${to} bad ${k}`).toBe(naive(from, to, v));
          }
          const ref = new Uint8Array(512).fill(1);
          ref.fill(v, from, to);
          mem.fill(1);
          fillBytes(mem, words, from, to, v);
          expect(mem).toEqual(ref);
        }
      }
    }
  });
});

describe("growing module memory", () => {
  it("still fills the memory to its maximum before kmalloc fails (a big step that does not fit falls back to the pages needed)", () => {
    const { heap, memory, reports } = makeHeap(100);
    let grows = 0;
    let size = memory.buffer.byteLength;
    let n = 0;
    while (heap.alloc(4000, 0, 1) !== 0) {
      n++;
      if (memory.buffer.byteLength !== size) {
        grows++;
        size = memory.buffer.byteLength;
      }
    }
    expect(memory.buffer.byteLength).toBe(100 * 65536);
    expect(heap.stats.footprint).toBeGreaterThan(100 * 65536 - 65536 - 64 * 1024);
    expect(n).toBeGreaterThan(1400);
    expect(grows).toBeLessThan(12);
    expect(reports.flat().join("\n")).toContain("out of memory");
  });
});

describe("checkWritten with the module's writes tracked", () => {
  /** a heap whose module write record (lp64.ts WRITE_RANGE) sits at REC, reports collected */
  const REC = 1024;
  function tracked() {
    const { heap, memory, reports } = makeHeap();
    heap.trackWrites(REC);
    const words = () => new Int32Array(memory.buffer);
    const bytes = () => new Uint8Array(memory.buffer);
    /** the module stored `value` at addr and logged the store, as a lowered module does */
    const store = (addr: number, value: number) => {
      bytes()[addr] = value;
      const w = words();
      const n = w[(REC >> 2) + 2]!;
      w[(REC >> 2) + 4 + n] = addr;
      w[(REC >> 2) + 2] = n + 1;
    };
    return { heap, reports, bytes, store };
  }

  it("reports nothing for stores and copies inside an object's requested bytes", () => {
    const { heap, reports, bytes, store } = tracked();
    const p = heap.alloc(100, 0, 1);
    store(p, 1);
    store(p + 92, 2);
    bytes().fill(7, p, p + 100);
    heap.hostWrote(p, p + 100);
    expect(heap.checkWritten()).toBe(0);
    expect(reports).toEqual([]);
  });

  it("reports a store past the requested size (the size class's slack), past the class (the guard) and into a freed object", () => {
    const { heap, reports, store } = tracked();
    const a = heap.alloc(100, 0, 1); // kmalloc-128: bytes 100..127 are slack
    const b = heap.alloc(64, 0, 2);
    const c = heap.alloc(32, 0, 3);
    heap.free(c, 4);
    expect(heap.checkWritten()).toBe(0);
    store(a + 100, 0x41);
    expect(heap.checkWritten()).toBe(1);
    expect(reports.at(-1)!.join("\n")).toMatch(/kmalloc-128: Right Redzone overwritten[\s\S]*inside its size class/);
    store(b + 64, 0x42);
    expect(heap.checkWritten()).toBe(1);
    expect(reports.at(-1)!.join("\n")).toMatch(/kmalloc-64: Right Redzone overwritten[\s\S]*past its size class/);
    store(c + 3, 0x43);
    expect(heap.checkWritten()).toBe(1);
    expect(reports.at(-1)!.join("\n")).toMatch(/kmalloc-32: Poison overwritten/);
  });

  it("still reports a store past an object's requested size after stores inside it in the same call", () => {
    const { heap, reports, store } = tracked();
    const a = heap.alloc(100, 0, 1); // kmalloc-128: bytes 100..127 are slack
    store(a, 1);
    store(a + 40, 2);
    store(a + 92, 3); // the last 8 bytes of the requested 100
    store(a + 100, 4); // the slack, 8 bytes further
    expect(heap.checkWritten()).toBe(1);
    expect(reports.at(-1)!.join("\n")).toMatch(/kmalloc-128: Right Redzone overwritten[\s\S]*inside its size class/);
  });

  it("reports a copy from user space that ran past the requested size", () => {
    const { heap, reports, bytes } = tracked();
    const p = heap.alloc(20, 0, 1); // kmalloc-32
    bytes().fill(9, p, p + 24);
    heap.hostWrote(p, p + 24);
    expect(heap.checkWritten()).toBe(1);
    expect(reports.at(-1)!.join("\n")).toMatch(/kmalloc-32: Right Redzone overwritten[\s\S]*at offset 20/);
  });
});
