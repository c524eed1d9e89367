// src/toolchain/lp64.ts on small wasm64 modules built with binaryen itself (no clang): the address
// checks call kernel.fault with the 64-bit effective address, the lowered module runs on a wasm32
// memory, and the thunks keep pointers and sizes i32 at the boundary, saturating what does not fit.
import binaryen from "binaryen";
import { describe, expect, it } from "vitest";
import { kernelMemoryLimits } from "../../src/kernel/kernel-memory.js";
import { FAULT_COPY, FAULT_FILL, FAULT_WRITE, lowerLp64 } from "../../src/toolchain/lp64.js";

const MEMORY64 = binaryen.Features.Memory64, BULK = binaryen.Features.BulkMemory | binaryen.Features.BulkMemoryOpt;

/** A wasm64 module: 1 page of memory; load32(p), store32(p, v), copy(d, s, n), fill(d, v, n),
 *  kern_fop_ioctl(file, cmd, arg) → arg + host_len(arg), host_len an import taking a size. */
function wasm64(): Uint8Array {
  const b = binaryen;
  const m = new b.Module();
  m.setFeatures(MEMORY64 | BULK);
  m.setMemory(1, 2, "memory", [], false, true);
  const i64 = b.i64, i32 = b.i32;
  const c64 = (v: bigint) => (m.i64.const as unknown as (v: bigint) => number)(v); // binaryen 132 takes a bigint
  m.addFunctionImport("host_len", "kernel", "len", b.createType([i64]), i64);
  m.addFunctionImport("host_bug", "kernel", "bug", b.createType([i32, i64, i32, i64, i64]), b.none);
  // host_bug(3, file, line, func, -5): an index below zero must reach the host whole
  m.addFunction("bug_minus5", b.none, b.none, [],
    m.call("host_bug", [m.i32.const(3), c64(4096n), m.i32.const(7), c64(4096n), c64(-5n)], b.none));
  m.addFunction("load32", b.createType([i64]), i32, [], m.i32.load(4, 0, m.local.get(0, i64)));
  m.addFunction("store32", b.createType([i64, i32]), b.none, [], m.i32.store(0, 0, m.local.get(0, i64), m.local.get(1, i32)));
  m.addFunction("copy", b.createType([i64, i64, i64]), b.none, [], m.memory.copy(m.local.get(0, i64), m.local.get(1, i64), m.local.get(2, i64)));
  m.addFunction("fill", b.createType([i64, i32, i64]), b.none, [], m.memory.fill(m.local.get(0, i64), m.local.get(1, i32), m.local.get(2, i64)));
  m.addFunction("kern_fop_ioctl", b.createType([i64, i32, i64]), i64, [],
    m.i64.add(m.local.get(2, i64), m.call("host_len", [m.local.get(2, i64)], i64)));
  m.addFunction("len_of", b.createType([i64]), i64, [], m.call("host_len", [m.local.get(0, i64)], i64));
  for (const f of ["load32", "store32", "copy", "fill", "kern_fop_ioctl", "len_of", "bug_minus5"]) m.addFunctionExport(f, f);
  if (!m.validate()) throw new Error(`test module does not validate`);
  m.runPasses(["emit-target-features"]); // as clang's output has it: lowerLp64 reads the features from it
  const out = m.emitBinary();
  m.dispose();
  return out;
}

class Fault extends Error {
  constructor(readonly addr: bigint, readonly size: bigint, readonly kind: number) {
    super(`fault ${addr} ${size} ${kind}`);
  }
}

interface Exports {
  memory: WebAssembly.Memory;
  load32(p: number): number;
  store32(p: number, v: number): void;
  copy(d: number, s: number, n: number): void;
  fill(d: number, v: number, n: number): void;
  kern_fop_ioctl(file: number, cmd: number, arg: bigint): number;
  len_of(n: number): number;
  bug_minus5(): void;
}

async function instance(): Promise<{ x: Exports; seen: number[]; bugs: unknown[][] }> {
  const wasm = await lowerLp64(wasm64());
  const seen: number[] = [];
  const bugs: unknown[][] = [];
  const mod = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  // the lowered module imports its memory (kernel memory, src/kernel/kernel-memory.ts): a fresh one of its limits
  const limits = kernelMemoryLimits(mod)!;
  const inst = new WebAssembly.Instance(mod, {
    kernel: {
      memory: new WebAssembly.Memory({ initial: limits.min, maximum: limits.max }),
      len: (n: number) => (seen.push(n >>> 0), 1),
      bug: (...args: unknown[]) => void bugs.push(args),
      fault: (addr: bigint, size: bigint, kind: number) => {
        throw new Fault(addr, size, kind);
      },
    },
  });
  return { x: inst.exports as unknown as Exports, seen, bugs };
}

function faultOf(fn: () => unknown): Fault {
  try {
    fn();
  } catch (e) {
    if (e instanceof Fault) return e;
    throw e;
  }
  throw new Error("no fault");
}

describe("lowerLp64", () => {
  it("lowers to a wasm32 memory that the engine runs, and accesses inside memory work", async () => {
    const { x } = await instance();
    expect(x.memory.buffer.byteLength).toBe(65536);
    x.store32(4096, 0x12345678);
    expect(x.load32(4092)).toBe(0x12345678); // load32 adds its static offset 4
  });

  it("a load in the NULL page faults with the effective address (static offset included)", async () => {
    const { x } = await instance();
    const f = faultOf(() => x.load32(4));
    expect(f).toMatchObject({ addr: 8n, size: 4n, kind: 0 });
  });

  it("a store at or past the end of memory faults as a write; the last word does not", async () => {
    const { x } = await instance();
    expect(faultOf(() => x.store32(65536, 1))).toMatchObject({ addr: 65536n, size: 4n, kind: FAULT_WRITE });
    expect(faultOf(() => x.store32(65534, 1))).toMatchObject({ addr: 65534n, kind: FAULT_WRITE });
    x.store32(65532, 7);
    expect(x.load32(65528)).toBe(7);
  });

  it("memory.copy checks its source first, then its destination; memory.fill its destination", async () => {
    const { x } = await instance();
    expect(faultOf(() => x.copy(8192, 0x2000_0000, 5))).toMatchObject({ addr: 0x2000_0000n, size: 5n, kind: FAULT_COPY });
    expect(faultOf(() => x.copy(16, 8192, 5))).toMatchObject({ addr: 16n, kind: FAULT_COPY | FAULT_WRITE });
    expect(faultOf(() => x.copy(65530, 8192, 16))).toMatchObject({ addr: 65530n, size: 16n });
    expect(faultOf(() => x.fill(0, 0, 1))).toMatchObject({ addr: 0n, kind: FAULT_FILL | FAULT_WRITE });
    x.copy(0, 0, 0); // a zero-length copy touches nothing, even at NULL
    x.fill(8192, 0x41, 4);
    expect(x.load32(8188)).toBe(0x41414141);
  });

  it("an import's size parameter is saturated to 0xffffffff when it does not fit in 32 bits", async () => {
    const { x, seen } = await instance();
    x.len_of(0x1234);
    x.len_of(-1); // the export thunk zero-extends: 0xffffffff
    expect(seen).toEqual([0x1234, 0xffff_ffff]);
    expect(x.kern_fop_ioctl(0, 0, 2n ** 32n + 5n)).toBe(6); // wrapped result: (2^32 + 5 + 1) mod 2^32
    expect(seen[2]).toBe(0xffff_ffff);
  });

  it("bug()'s value stays 64-bit and signed (a negative index), its pointers cross as i32", async () => {
    const { x, bugs } = await instance();
    x.bug_minus5();
    expect(bugs).toEqual([[3, 4096, 7, 4096, -5n]]);
  });

  it("kern_fop_ioctl keeps its unsigned long argument 64-bit (a BigInt)", async () => {
    const { x } = await instance();
    expect(x.kern_fop_ioctl(0, 0, 41n)).toBe(42);
    expect(() => x.kern_fop_ioctl(0, 0, 41 as unknown as bigint)).toThrow(TypeError);
  });
});
