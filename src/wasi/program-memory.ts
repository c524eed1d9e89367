// A user program's memory is [0, USER_BASE + its data, stack and heap): over 512 MiB for every
// process (the program is linked at USER_BASE, DESIGN.md section 6). A fresh 512 MiB
// WebAssembly.Memory per process costs a millisecond, and each one counts as external memory to
// V8, which answers with a full garbage collection almost every time: process start was mostly
// that. So a program's binary can be rewritten (importMemory) to import its memory instead, and
// runProgram hands it one from a small pool, zeroed where a process leaves bytes behind.
//
// Zeroing covers [USER_BASE, end), everything a correct program can touch (its data, stack and
// heap), and the first 64 KiB (a write through a NULL pointer, which wasm allows and Linux would
// have killed). A program that writes elsewhere below USER_BASE through a wild pointer could leave
// bytes there for a later process, which only reads them through a wild pointer too.
// Browser-safe.

import { USER_BASE } from "../kernel/constants.js";
import { leb, readU32 } from "./wasm-leb.js";

const WASM_PAGE = 65536;
/** the custom section that records the memory's limits: "MIN MAX" in pages */
const LIMITS_SECTION = "msgslot.memory";
/** processes that ended leave at most this many memories of one size for the next ones */
const POOL_SIZE = 4;
/** NULL-page writes (and small offsets from NULL) are zeroed too */
const LOW_BYTES = 64 << 10;

interface Section {
  id: number;
  /** the section's payload */
  body: Uint8Array;
}

function sections(wasm: Uint8Array): Section[] | null {
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) return null;
  const out: Section[] = [];
  let p = 8;
  while (p < wasm.length) {
    const id = wasm[p++]!;
    const [size, q] = readU32(wasm, p);
    if (q + size > wasm.length) return null;
    out.push({ id, body: wasm.subarray(q, q + size) });
    p = q + size;
  }
  return out;
}

/**
 * The program with its one memory imported as env.memory (limits unchanged; still exported as
 * before), and the limits in a custom section for runProgram. Unchanged if it has no memory of
 * its own, more than one, or a shared one.
 */
export function importMemory(wasm: Uint8Array): Uint8Array {
  let secs: Section[] | null;
  try {
    secs = sections(wasm);
  } catch {
    return wasm;
  }
  if (!secs) return wasm;
  const memIndex = secs.findIndex((s) => s.id === 5);
  if (memIndex < 0) return wasm;
  const mem = secs[memIndex]!.body;
  const [count, p] = readU32(mem, 0);
  const flags = mem[p];
  if (count !== 1 || (flags !== 0 && flags !== 1)) return wasm;
  const limits = mem.subarray(p);
  const [min, q] = readU32(mem, p + 1);
  const max = flags === 1 ? readU32(mem, q)[0] : 65536;
  const enc = new TextEncoder();
  const entry = [...leb(3), ...enc.encode("env"), ...leb(6), ...enc.encode("memory"), 0x02, ...limits];
  const importIndex = secs.findIndex((s) => s.id === 2);
  let imports: Section;
  if (importIndex >= 0) {
    const old = secs[importIndex]!.body;
    const [n, r] = readU32(old, 0);
    imports = { id: 2, body: new Uint8Array([...leb(n + 1), ...old.subarray(r), ...entry]) };
  } else {
    imports = { id: 2, body: new Uint8Array([...leb(1), ...entry]) };
  }
  const name = enc.encode(LIMITS_SECTION);
  const custom: Section = { id: 0, body: new Uint8Array([...leb(name.length), ...name, ...enc.encode(`${min} ${max}`)]) };
  const out: Section[] = [];
  for (const s of secs) {
    if (s.id === 5 || s.id === 2) continue;
    // the import section goes after the type section (id 1), before every other known section
    if (s.id !== 0 && s.id !== 1 && !out.includes(imports)) out.push(imports);
    out.push(s);
  }
  if (!out.includes(imports)) out.push(imports);
  out.push(custom);
  const parts: number[][] = [];
  let total = 8;
  for (const s of out) {
    const head = [s.id, ...leb(s.body.length)];
    parts.push(head);
    total += head.length + s.body.length;
  }
  const bytes = new Uint8Array(total);
  bytes.set(wasm.subarray(0, 8));
  let o = 8;
  out.forEach((s, k) => {
    bytes.set(parts[k]!, o);
    o += parts[k]!.length;
    bytes.set(s.body, o);
    o += s.body.length;
  });
  return bytes;
}

const limitsOf = new WeakMap<WebAssembly.Module, { min: number; max: number } | null>();

function limits(module: WebAssembly.Module): { min: number; max: number } | null {
  let l = limitsOf.get(module);
  if (l === undefined) {
    l = null;
    const sec = WebAssembly.Module.customSections(module, LIMITS_SECTION)[0];
    const imported = WebAssembly.Module.imports(module).some((i) => i.module === "env" && i.name === "memory" && i.kind === "memory");
    if (sec && imported) {
      const [min, max] = new TextDecoder().decode(sec).split(" ").map(Number);
      if (Number.isInteger(min) && Number.isInteger(max)) l = { min: min!, max: max! };
    }
    limitsOf.set(module, l);
  }
  return l;
}

const pool = new Map<string, WebAssembly.Memory[]>();

/** A memory for a process of `module` (from the pool when one is free), or null when the program defines its own. */
export function acquireProgramMemory(module: WebAssembly.Module): WebAssembly.Memory | null {
  const l = limits(module);
  if (!l) return null;
  const free = pool.get(`${l.min} ${l.max}`);
  return free?.pop() ?? new WebAssembly.Memory({ initial: l.min, maximum: l.max });
}

/** The process has ended: its memory, zeroed where it can hold bytes, serves the next one. */
export function releaseProgramMemory(module: WebAssembly.Module, memory: WebAssembly.Memory): void {
  const l = limits(module);
  if (!l) return;
  const size = memory.buffer.byteLength;
  // a memory that grew is dropped: the next process must start with the size it was linked for
  if (size !== l.min * WASM_PAGE) return;
  const key = `${l.min} ${l.max}`;
  let free = pool.get(key);
  if (!free) pool.set(key, (free = []));
  if (free.length >= POOL_SIZE) return;
  const bytes = new Uint8Array(memory.buffer);
  bytes.fill(0, 0, Math.min(LOW_BYTES, size));
  if (size > USER_BASE) bytes.fill(0, USER_BASE, size);
  free.push(memory);
}
