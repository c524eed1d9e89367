import { describe, expect, it } from "vitest";
import { KmallocHeap, GFP_ZERO, GFP_INTERNAL, ZERO_SIZE_PTR, type HeapHost } from "../../src/kernel/heap.js";
import { KernelOops } from "../../src/kernel/oops.js";

function makeHeap() {
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 8192 });
  const reports: string[][] = [];
  const taints: string[] = [];
  const host: HeapHost = {
    report: (lines, taint) => {
      reports.push(lines);
      if (taint) taints.push(taint);
    },
    oops: (title, lines) => {
      throw new KernelOops(title, lines);
    },
    site: (id) => ({ file: "message_slot.c", line: id, func: `fn${id}` }),
    pid: () => 7,
    now: () => 1.5,
  };
  const heap = new KmallocHeap(memory, 65536, host);
  return { heap, memory, reports, taints, mem: () => new Uint8Array(memory.buffer) };
}

describe("kmalloc heap", () => {
  it("returns distinct, 16-byte aligned objects inside module memory and counts them", () => {
    const { heap, memory } = makeHeap();
    const a = heap.alloc(13, 0, 1);
    const b = heap.alloc(13, 0, 1);
    const c = heap.alloc(5000, 0, 2);
    expect(new Set([a, b, c]).size).toBe(3);
    for (const p of [a, b, c]) {
      expect(p % 16).toBe(0);
      expect(p).toBeGreaterThanOrEqual(65536);
      expect(p).toBeLessThan(memory.buffer.byteLength);
    }
    expect(heap.stats.liveBlocks).toBe(3);
    expect(heap.stats.liveBytes).toBe(13 + 13 + 5000);
    expect(heap.ksize(a)).toBe(16);
  });

  it("kmalloc(0) is ZERO_SIZE_PTR and kfree of NULL or ZERO_SIZE_PTR is a no-op", () => {
    const { heap, reports } = makeHeap();
    expect(heap.alloc(0, 0, 1)).toBe(ZERO_SIZE_PTR);
    heap.free(0, 1);
    heap.free(ZERO_SIZE_PTR, 1);
    expect(reports).toEqual([]);
  });

  it("init_on_alloc: a new object reads as zeros up to its size class, also when reused", () => {
    const { heap, mem } = makeHeap();
    const p = heap.alloc(5, 0, 1);
    expect([...mem().subarray(p, p + 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    mem().fill(0x41, p, p + 5);
    heap.free(p, 1);
    const q = heap.alloc(6, 0, 1);
    expect(q).toBe(p);
    expect([...mem().subarray(q, q + 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("initPoison fills the chosen sites' new objects with 0x5a, but never kzalloc's", () => {
    const { heap, mem } = makeHeap();
    heap.initPoison = (site) => site.line === 2;
    const a = heap.alloc(8, 0, 1);
    const b = heap.alloc(8, 0, 2);
    const z = heap.alloc(8, GFP_ZERO, 2);
    expect([...mem().subarray(a, a + 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect([...mem().subarray(b, b + 8)]).toEqual([0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a]);
    expect([...mem().subarray(z, z + 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(heap.poisoned).toBe(1);
  });

  it("reports an overflow by one byte as a Right Redzone overwrite at kfree, naming the allocation site", () => {
    const { heap, mem, reports, taints } = makeHeap();
    const p = heap.alloc(10, 0, 42);
    mem()[p + 10] = 0x41;
    heap.free(p, 43);
    const text = reports.flat().join("\n");
    expect(text).toContain("BUG kmalloc-16: Right Redzone overwritten");
    expect(text).toContain("fn42 (message_slot.c:42)");
    expect(text).toContain("1 byte(s) past its end (inside its size class kmalloc-16: silent on Linux)");
    expect(taints).toContain("B");
  });

  it("a NUL written one past the end is found when the allocation was poisoned, and is left in place", () => {
    const { heap, mem, reports } = makeHeap();
    heap.initPoison = () => true;
    const p = heap.alloc(5, 0, 1);
    mem()[p + 5] = 0;
    expect(heap.check()).toBe(1);
    expect(reports.flat().join("\n")).toContain("instead of 0x5a");
    expect(mem()[p + 5]).toBe(0); // the object's own byte, as on Linux
    expect(heap.check()).toBe(0); // reported once
  });

  it("a write past the size class lands in a guard, is reported once and stays (a struct in too small an object reads back)", () => {
    const { heap, mem, reports } = makeHeap();
    const p = heap.alloc(8, 0, 1);
    mem().set([1, 2, 3, 4, 5, 6, 7, 8], p + 8);
    expect(heap.check()).toBe(1);
    expect(reports.flat().join("\n")).toContain("past its size class: on Linux this corrupts the next object");
    expect([...mem().subarray(p + 8, p + 16)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(heap.check()).toBe(0);
    // freed and reused: checked again
    heap.free(p, 1);
    expect(heap.alloc(8, 0, 1)).toBe(p);
    mem()[p + 9] = 0x41;
    expect(heap.check()).toBe(1);
  });

  it("a freed object keeps its bytes but for SLUB's free pointer in its middle", () => {
    const { heap, mem } = makeHeap();
    const p = heap.alloc(128, 0, 1);
    for (let k = 0; k < 128; k++) mem()[p + k] = k;
    heap.free(p, 2);
    for (let k = 0; k < 128; k++) {
      if (k >= 64 && k < 72) continue;
      expect(mem()[p + k]).toBe(k);
    }
    // s->offset = ALIGN_DOWN(128 / 2, 8): a pointer read there is no valid address
    const fp = new DataView(mem().buffer).getUint32(p + 64, true);
    expect(fp).toBeGreaterThanOrEqual(0xc0000000);
    expect(heap.check()).toBe(0);
  });

  it("reports a write before the object as a Left Redzone overwrite", () => {
    const { heap, mem, reports } = makeHeap();
    const p = heap.alloc(32, 0, 1);
    mem()[p - 1] = 0x41;
    expect(heap.check()).toBe(1);
    expect(reports.flat().join("\n")).toContain("Left Redzone overwritten");
    // the red zone was restored: a second check is clean
    expect(heap.check()).toBe(0);
  });

  it("a double free is an oops that names both the allocation and the first free", () => {
    const { heap } = makeHeap();
    const p = heap.alloc(64, 0, 5);
    heap.free(p, 6);
    let oops: KernelOops | undefined;
    try {
      heap.free(p, 7);
    } catch (e) {
      oops = e as KernelOops;
    }
    expect(oops).toBeInstanceOf(KernelOops);
    expect(oops!.title).toContain("double free");
    expect(oops!.details.join("\n")).toContain("Allocated in fn5");
    expect(oops!.details.join("\n")).toContain("Freed in fn6");
  });

  it("kfree of a pointer that is not an object start is an invalid-free oops", () => {
    const { heap } = makeHeap();
    const p = heap.alloc(64, 0, 1);
    expect(() => heap.free(p + 8, 2)).toThrow(/invalid pointer/);
    expect(() => heap.free(12345, 2)).toThrow(/invalid pointer/);
  });

  it("a write after kfree is reported as overwritten poison (use after free) when the object is checked, once", () => {
    const { heap, mem, reports } = makeHeap();
    const p = heap.alloc(128, 0, 9);
    heap.free(p, 10);
    mem()[p + 3] = 0x42;
    expect(heap.check()).toBe(1);
    expect(heap.check()).toBe(0);
    expect(mem()[p + 3]).toBe(0x42);
    const text = reports.flat().join("\n");
    expect(text).toContain("Poison overwritten");
    expect(text).toContain("use after free");
    expect(text).toContain("Freed in fn10");
  });

  it("reports leaks kmemleak-style with size, site and a hex dump", () => {
    const { heap, mem, reports } = makeHeap();
    const p = heap.alloc(5, 0, 77);
    mem().set([104, 101, 108, 108, 111], p);
    heap.alloc(3, GFP_INTERNAL, 1); // libkern's own objects never count
    expect(heap.reportLeaks("message_slot")).toBe(1);
    const text = reports.flat().join("\n");
    expect(text).toContain("kmemleak: 1 new suspected memory leak");
    expect(text).toContain("(size 5)");
    expect(text).toContain("fn77 (message_slot.c:77)");
    expect(text).toContain("hello");
  });

  it("makes exactly the Nth allocation fail when asked", () => {
    const { heap } = makeHeap();
    heap.failNth(3);
    expect(heap.alloc(8, 0, 1)).not.toBe(0);
    expect(heap.alloc(8, 0, 1)).not.toBe(0);
    expect(heap.alloc(8, 0, 1)).toBe(0);
    expect(heap.alloc(8, 0, 1)).not.toBe(0);
    expect(heap.stats.failures).toBe(1);
  });

  it("krealloc keeps the contents and moves to a bigger class when needed", () => {
    const { heap, mem } = makeHeap();
    const p = heap.alloc(4, 0, 1);
    mem().set([1, 2, 3, 4], p);
    const q = heap.realloc(p, 100, 0, 1);
    expect(q).not.toBe(p);
    expect([...mem().subarray(q, q + 4)]).toEqual([1, 2, 3, 4]);
    expect(heap.block(p)!.live).toBe(false);
    expect(heap.stats.liveBytes).toBe(100);
  });

  it("refuses allocations above KMALLOC_MAX_SIZE with a warning instead of crashing", () => {
    const { heap, reports } = makeHeap();
    expect(heap.alloc(5 << 20, 0, 1)).toBe(0);
    expect(reports.flat().join("\n")).toContain("page allocation failure");
  });

  it("grows module memory for many objects and reuses freed ones", () => {
    const { heap, memory } = makeHeap();
    const before = memory.buffer.byteLength;
    const ptrs: number[] = [];
    for (let i = 0; i < 20000; i++) ptrs.push(heap.alloc(100, 0, 1));
    expect(memory.buffer.byteLength).toBeGreaterThan(before);
    const footprint = heap.stats.footprint;
    for (const p of ptrs) heap.free(p, 1);
    for (let i = 0; i < 20000; i++) heap.alloc(100, 0, 1);
    expect(heap.stats.footprint).toBeLessThan(footprint * 1.1);
  });
});
