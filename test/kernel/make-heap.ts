// A kmalloc heap over a fresh memory for the heap's unit tests, its reports collected.
import { KmallocHeap, type HeapHost } from "../../src/kernel/heap.js";
import { KernelOops } from "../../src/kernel/oops.js";

/** a heap over a fresh memory of at most `maxPages` wasm pages; its reports are collected */
export function makeHeap(maxPages = 8192) {
  const memory = new WebAssembly.Memory({ initial: 2, maximum: maxPages });
  const reports: string[][] = [];
  const host: HeapHost = {
    report: (lines) => void reports.push(lines),
    oops: (title, lines) => {
      throw new KernelOops(title, lines);
    },
    site: (id) => ({ file: "t.c", line: id, func: `fn${id}` }),
    pid: () => 1,
    now: () => 0,
  };
  return { heap: new KmallocHeap(memory, 65536, host), memory, reports };
}
