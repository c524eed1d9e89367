// A released heap's metadata arenas serve the next heaps of the thread (KmallocHeap.release): the
// next heap sees them as new, every object fresh.
import { describe, expect, it } from "vitest";
import { spareArenaCount } from "../../src/kernel/heap.js";
import { makeHeap } from "./make-heap.js";

describe("KmallocHeap.release", () => {
  it("hands its arenas on, and a heap that takes them starts with no live or freed object", () => {
    const first = makeHeap();
    // 20000 objects of two classes, some freed: thousands of slabs' metadata written
    const ptrs: number[] = [];
    for (let i = 0; i < 20000; i++) ptrs.push(first.heap.alloc(i % 2 ? 40 : 8, 0, 1));
    for (let i = 0; i < 20000; i += 3) first.heap.free(ptrs[i]!, 2);
    const spare = spareArenaCount();
    first.heap.release();
    expect(spareArenaCount()).toBeGreaterThan(spare);
    expect(first.heap.liveBlocks()).toEqual([]);

    const second = makeHeap();
    const taken = spareArenaCount();
    const mine = [second.heap.alloc(8, 0, 7), second.heap.alloc(40, 0, 8)];
    expect(spareArenaCount()).toBeLessThan(taken); // the new heap's slabs took released arenas
    expect(second.heap.liveBlocks().map((b) => b.ptr).sort()).toEqual([...mine].sort());
    expect(second.heap.reportLeaks("t")).toBe(2);
    // freeing one of its objects is fine; an object it never allocated is not a double free of the old heap's
    second.heap.free(mine[0]!, 9);
    expect(() => second.heap.free(mine[0]! + 40, 9)).toThrow(/kfree\(\) of invalid pointer/);
    expect(second.reports.some((r) => r.join("\n").includes("Poison overwritten"))).toBe(false);
  });
});
