// LP64 modules (DESIGN.md §4, docs/design-changes.md): a module is compiled for wasm64, so C sees
// x86-64's data model (sizeof(long) == sizeof(void *) == 8), then post-processed here with
// binaryen into a wasm32-memory module that Node 20 and Chromium run:
//  1. every load, store, memory.copy and memory.fill is checked, on its 64-bit effective address,
//     against the NULL page (< 4096) and the end of kernel memory (a global the host keeps, the
//     memory being the host's import: KERNEL_END_EXPORT below): outside, it calls the host's
//     `fault(addr, size, kind)` import, which raises Linux's oops for that address (page_fault_oops,
//     exc_general_protection); a wasm trap alone carries no address;
//     Every store into the kmalloc heap (above __heap_base) is also logged, and every memory.copy
//     and memory.fill there widens a written range, in a record in the NULL page (WRITE_RANGE):
//     the heap's checks after a syscall look only there, where the module can have broken a red
//     zone or a freed object;
//  2. binaryen's memory64-lowering pass turns the i64 addresses into i32 ones;
//  3. thin thunks keep the host boundary in i32 for pointers and sizes: an i64 argument of an
//     import is saturated to 0xffffffff when it does not fit (so access_ok fails rather than wrap
//     into a valid address), an i64 argument of an export is zero-extended and an i64 result
//     wrapped; the values that are truly 64-bit (the ioctl argument, clock_ns, the fault address)
//     stay i64 (BigInt in JavaScript). Browser-safe: binaryen (~15 MB) is imported on first use.
import type binaryenNs from "binaryen";

type Binaryen = typeof binaryenNs;
type Mod = InstanceType<Binaryen["Module"]>;
type Set = (expr: number, value: number) => void;
/** binaryen.js's in-place setters and the C API's FunctionAddVar, which its typings leave out */
interface Setters {
  Load: { setPtr: Set };
  Store: { setPtr: Set };
  MemoryCopy: { setDest: Set; setSource: Set; setSize: Set };
  MemoryFill: { setDest: Set; setSize: Set };
  _BinaryenFunctionAddVar(fn: number, type: number): number;
}

/** In the compile cache key: bump when the output of lowerLp64 changes for the same input. */
export const LP64_VERSION = "lp64-lowering/8";

/** binaryen's Features.Memory64 bit (a const enum in its typings) */
const MEMORY64_FEATURE = 1 << 11;

/** Addresses below this are the NULL page: never mapped on Linux, silently valid in wasm. */
export const NULL_PAGE = 4096;

/**
 * Where the lowered module records what it wrote into the kmalloc heap, in the NULL page, which
 * module code never reaches (the checks fault first). u32 words: [0] lo and [1] hi, the range
 * [lo, hi) of bulk writes (memory.copy, memory.fill) and of stores past the log; [2] n, the
 * stores so far; [4 + k] for k < WRITE_LOG_ENTRIES, the address of the k-th store (at most 8
 * bytes from there). The host reads the record after a syscall and empties it (lo 0xffffffff, hi
 * 0, n 0). A lowered module exports WRITE_RANGE_EXPORT, an i32 global holding the address.
 */
export const WRITE_RANGE = 256;
export const WRITE_LOG_ENTRIES = 256;
export const WRITE_RANGE_EXPORT = "__msgslot_write_range"; // ModuleExports.__msgslot_write_range

/**
 * Kernel memory (src/kernel/kernel-memory.ts): a lowered module imports its memory as
 * kernel.memory, and its checks compare against KERNEL_END_EXPORT, a mutable i64 global holding
 * the end of kernel memory in bytes (the memory's size at instantiation; the host raises it as
 * the kmalloc heap grows), not against memory.size: a memory from the host's pool, bigger than
 * this module has grown, then faults where a fresh one would. KERNEL_MEMORY_SECTION holds the
 * memory's limits, "MIN MAX" in 64 KiB pages, for the host to make or find one.
 */
export const KERNEL_END_EXPORT = "__msgslot_kernel_end";
export const KERNEL_MEMORY_SECTION = "msgslot.kernel-memory";

/** The host import the checks call: kernel.fault(addr: i64, size: i64, kind: i32), never returns. */
export const FAULT_IMPORT = "fault";
/** fault()'s kind: bit 0 set for a write; bits 1.. the access kind below. */
export const FAULT_WRITE = 1;
export const FAULT_ACCESS = 0 << 1, FAULT_COPY = 1 << 1, FAULT_FILL = 2 << 1;

/**
 * The truly 64-bit values at the boundary, by function: which parameters (index) and whether the
 * result stay i64. Everything else that is i64 is a pointer or a size and crosses as i32.
 */
export const WIDE_IMPORTS: Readonly<Record<string, { params: readonly number[]; result: boolean }>> = {
  clock_ns: { params: [], result: true },
  // host_bug(kind, file, line, func, unsigned long value): an index may be negative
  bug: { params: [4], result: false },
  [FAULT_IMPORT]: { params: [0, 1], result: false },
};
export const WIDE_EXPORTS: Readonly<Record<string, { params: readonly number[]; result: boolean }>> = {
  // long kern_fop_ioctl(struct file *, unsigned int cmd, unsigned long arg)
  kern_fop_ioctl: { params: [2], result: false },
};

let loading: Promise<Binaryen> | undefined;
/** binaryen.js, imported once on first use (also by asyncify.ts and the race explorer's race-build.ts) */
export function loadBinaryen(): Promise<Binaryen> {
  loading ??= import("binaryen").then(async (m) => {
    const b = (m.default ?? m) as Binaryen & { ready?: Promise<unknown> };
    if (b.ready) await b.ready;
    return b;
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * wasm64 link → checked, lowered, thunked wasm32-memory module. A binary without a 64-bit memory
 * (not a wasm64 link: a test backend's output) is returned unchanged.
 */
export async function lowerLp64(wasm: Uint8Array): Promise<Uint8Array> {
  const b = await loadBinaryen();
  b.setDebugInfo(true); // keep the name section: oops reports name C functions
  const m = b.readBinary(wasm);
  try {
    if (!m.hasMemory() || !m.getMemoryInfo().is64) return wasm;
    const features = m.getFeatures();
    const memory = m.getMemoryInfo();
    instrumentMemory(b, m, memory.initial);
    m.runPasses(["memory64-lowering"]);
    m.setFeatures(features & ~MEMORY64_FEATURE);
    importKernelMemory(m, memory.initial, memory.max ?? 65536);
    m.setFeatures(m.getFeatures() | b.Features.MutableGlobals); // the exported KERNEL_END_EXPORT
    thunkImports(b, m);
    thunkExports(b, m);
    if (!m.validate()) throw new Error("lp64: the lowered module does not validate");
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

/** binaryen 132's i64.const takes one bigint (its typings still say low, high) */
function i64const(m: Mod, v: bigint): number {
  return (m.i64.const as unknown as (v: bigint) => number)(BigInt.asIntN(64, v));
}

// --- 1. address checks ------------------------------------------------------------------------

/** binaryen.js's C API getters the walk uses (they build no info objects, unlike getExpressionInfo) */
interface Getters {
  _BinaryenExpressionGetId(e: number): number;
  _BinaryenLoadGetPtr(e: number): number;
  _BinaryenStoreGetPtr(e: number): number;
  _BinaryenStoreGetValue(e: number): number;
  _BinaryenMemoryCopyGetDest(e: number): number;
  _BinaryenMemoryCopyGetSource(e: number): number;
  _BinaryenMemoryCopyGetSize(e: number): number;
  _BinaryenMemoryFillGetDest(e: number): number;
  _BinaryenMemoryFillGetValue(e: number): number;
  _BinaryenMemoryFillGetSize(e: number): number;
  _BinaryenBlockGetNumChildren(e: number): number;
  _BinaryenBlockGetChildAt(e: number, i: number): number;
  _BinaryenIfGetCondition(e: number): number;
  _BinaryenIfGetIfTrue(e: number): number;
  _BinaryenIfGetIfFalse(e: number): number;
  _BinaryenLoopGetBody(e: number): number;
  _BinaryenBreakGetCondition(e: number): number;
  _BinaryenBreakGetValue(e: number): number;
  _BinaryenSwitchGetCondition(e: number): number;
  _BinaryenSwitchGetValue(e: number): number;
  _BinaryenCallGetNumOperands(e: number): number;
  _BinaryenCallGetOperandAt(e: number, i: number): number;
  _BinaryenCallIndirectGetTarget(e: number): number;
  _BinaryenCallIndirectGetNumOperands(e: number): number;
  _BinaryenCallIndirectGetOperandAt(e: number, i: number): number;
  _BinaryenLocalSetGetValue(e: number): number;
  _BinaryenGlobalSetGetValue(e: number): number;
  _BinaryenUnaryGetValue(e: number): number;
  _BinaryenDropGetValue(e: number): number;
  _BinaryenReturnGetValue(e: number): number;
  _BinaryenBinaryGetLeft(e: number): number;
  _BinaryenBinaryGetRight(e: number): number;
  _BinaryenSelectGetIfTrue(e: number): number;
  _BinaryenSelectGetIfFalse(e: number): number;
  _BinaryenSelectGetCondition(e: number): number;
  _BinaryenMemoryGrowGetDelta(e: number): number;
}

/**
 * Every memory access of the defined functions, found by walking their bodies (through the C
 * API's getters: getExpressionInfo per node made the walk most of a module build's lowering).
 */
function memoryAccesses(b: Binaryen, body: number): number[] {
  const g = b as unknown as Getters;
  const found: number[] = [];
  const stack = [body];
  const push = (...kids: number[]) => {
    for (const k of kids) if (k) stack.push(k);
  };
  while (stack.length) {
    const e = stack.pop()!;
    if (!e) continue;
    const id = g._BinaryenExpressionGetId(e);
    // leaves first: binaryen.js has no info for some of them (unreachable)
    if (id === b.NopId || id === b.ConstId || id === b.LocalGetId || id === b.GlobalGetId || id === b.MemorySizeId || id === b.UnreachableId) continue;
    switch (id) {
      case b.LoadId: found.push(e); push(g._BinaryenLoadGetPtr(e)); break;
      case b.StoreId: found.push(e); push(g._BinaryenStoreGetPtr(e), g._BinaryenStoreGetValue(e)); break;
      case b.MemoryCopyId: found.push(e); push(g._BinaryenMemoryCopyGetDest(e), g._BinaryenMemoryCopyGetSource(e), g._BinaryenMemoryCopyGetSize(e)); break;
      case b.MemoryFillId: found.push(e); push(g._BinaryenMemoryFillGetDest(e), g._BinaryenMemoryFillGetValue(e), g._BinaryenMemoryFillGetSize(e)); break;
      case b.BlockId: for (let i = 0, n = g._BinaryenBlockGetNumChildren(e); i < n; i++) push(g._BinaryenBlockGetChildAt(e, i)); break;
      case b.IfId: push(g._BinaryenIfGetCondition(e), g._BinaryenIfGetIfTrue(e), g._BinaryenIfGetIfFalse(e)); break;
      case b.LoopId: push(g._BinaryenLoopGetBody(e)); break;
      case b.BreakId: push(g._BinaryenBreakGetCondition(e), g._BinaryenBreakGetValue(e)); break;
      case b.SwitchId: push(g._BinaryenSwitchGetCondition(e), g._BinaryenSwitchGetValue(e)); break;
      case b.CallId: for (let i = 0, n = g._BinaryenCallGetNumOperands(e); i < n; i++) push(g._BinaryenCallGetOperandAt(e, i)); break;
      case b.CallIndirectId:
        push(g._BinaryenCallIndirectGetTarget(e));
        for (let i = 0, n = g._BinaryenCallIndirectGetNumOperands(e); i < n; i++) push(g._BinaryenCallIndirectGetOperandAt(e, i));
        break;
      case b.LocalSetId: push(g._BinaryenLocalSetGetValue(e)); break;
      case b.GlobalSetId: push(g._BinaryenGlobalSetGetValue(e)); break;
      case b.UnaryId: push(g._BinaryenUnaryGetValue(e)); break;
      case b.DropId: push(g._BinaryenDropGetValue(e)); break;
      case b.ReturnId: push(g._BinaryenReturnGetValue(e)); break;
      case b.BinaryId: push(g._BinaryenBinaryGetLeft(e), g._BinaryenBinaryGetRight(e)); break;
      case b.SelectId: push(g._BinaryenSelectGetIfTrue(e), g._BinaryenSelectGetIfFalse(e), g._BinaryenSelectGetCondition(e)); break;
      case b.MemoryGrowId: push(g._BinaryenMemoryGrowGetDelta(e)); break;
      default:
        // an instruction clang does not emit for our flags (SIMD, atomics, GC): refuse rather than miss it
        throw new Error(`lp64: unsupported wasm instruction (binaryen expression id ${id})`);
    }
  }
  return found;
}

/** The (only) memory becomes the import kernel.memory, its limits recorded in KERNEL_MEMORY_SECTION. */
function importKernelMemory(m: Mod, initial: number, max: number): void {
  // binaryen names an unnamed memory by its index
  m.addMemoryImport("0", "kernel", "memory", false);
  if (m.getMemoryInfo().module !== "kernel") throw new Error("lp64: the module's memory could not be made an import");
  m.addCustomSection(KERNEL_MEMORY_SECTION, new TextEncoder().encode(`${initial} ${max}`));
}

function instrumentMemory(b: Binaryen, m: Mod, initialPages: number): void {
  const i64 = b.i64, i32 = b.i32;
  const x = b as unknown as Setters;
  m.addFunctionImport("__lp64_fault", "kernel", FAULT_IMPORT, b.createType([i64, i64, i32]), b.none);
  const c64 = (v: number) => i64const(m, BigInt(v));
  m.addGlobal(KERNEL_END_EXPORT, i64, true, c64(initialPages * 65536));
  m.addGlobalExport(KERNEL_END_EXPORT, KERNEL_END_EXPORT);
  const memBytes = () => m.global.get(KERNEL_END_EXPORT, i64);
  const fault = (addr: number, size: number, kind: number) => m.call("__lp64_fault", [addr, size, m.i32.const(kind)], b.none);

  /** (block (local.set t P) (if (t + off - 4096 >u mem - 4096 - n) (fault (t + off) n kind)) (local.get t)) */
  const checked = (t: number, ptr: number, offset: number, bytes: number, kind: number) => {
    const addr = () => m.i64.add(m.local.get(t, i64), c64(offset));
    const low = m.i64.add(m.local.get(t, i64), c64(offset - NULL_PAGE));
    const limit = m.i64.sub(memBytes(), c64(NULL_PAGE + bytes));
    return m.block(null, [
      m.local.set(t, ptr),
      m.if(m.i64.gt_u(low, limit), fault(addr(), c64(bytes), kind)),
      m.local.get(t, i64),
    ], i64);
  };
  /** true when the range [t, t + n) (locals) is not all kernel memory, n != 0 */
  const outside = (t: number, n: number) =>
    m.i32.and(
      m.i64.ne(m.local.get(n, i64), c64(0)),
      m.i32.or(
        // t < 4096 or t > end (unsigned, as one compare), or the range runs past the end
        m.i64.gt_u(m.i64.sub(m.local.get(t, i64), c64(NULL_PAGE)), m.i64.sub(memBytes(), c64(NULL_PAGE))),
        m.i64.gt_u(m.local.get(n, i64), m.i64.sub(memBytes(), m.local.get(t, i64))),
      ),
    );
  const checkRange = (t: number, n: number, kind: number) => m.if(outside(t, n), fault(m.local.get(t, i64), m.local.get(n, i64), kind));

  // the written range: lo = min(lo, start), hi = max(hi, end), for a write that ends above __heap_base
  const heapBase = globalConst(b, m, "__heap_base") ?? NULL_PAGE;
  m.addGlobal(WRITE_RANGE_EXPORT, i32, false, m.i32.const(WRITE_RANGE));
  m.addGlobalExport(WRITE_RANGE_EXPORT, WRITE_RANGE_EXPORT);
  const rangeWord = (k: number) => c64(WRITE_RANGE + 4 * k);
  /** lo = min(lo, start); hi = max(hi, end), start and end i64 expressions (used twice) */
  const widenBy = (start: () => number, end: () => number) => m.block(null, [
    m.if(m.i32.lt_u(m.i32.wrap(start()), m.i32.load(0, 4, rangeWord(0))), m.i32.store(0, 4, rangeWord(0), m.i32.wrap(start()))),
    m.if(m.i32.gt_u(m.i32.wrap(end()), m.i32.load(0, 4, rangeWord(1))), m.i32.store(0, 4, rangeWord(1), m.i32.wrap(end()))),
  ]);
  const widen = (start: () => number, end: () => number) => m.if(m.i64.gt_u(end(), c64(heapBase)), widenBy(start, end));
  /** a store into the heap: (n = record.n) < LOG ? (log[n] = start; record.n = n + 1) : widen */
  const logStore = (nl: number, start: () => number, end: () => number) =>
    m.if(m.i64.gt_u(end(), c64(heapBase)), m.block(null, [
      m.local.set(nl, m.i32.load(0, 4, rangeWord(2))),
      m.if(m.i32.lt_u(m.local.get(nl, i32), m.i32.const(WRITE_LOG_ENTRIES)),
        m.block(null, [
          m.i32.store(WRITE_RANGE + 16, 4, m.i64.extend_u(m.i32.shl(m.local.get(nl, i32), m.i32.const(2))), m.i32.wrap(start())),
          m.i32.store(0, 4, rangeWord(2), m.i32.add(m.local.get(nl, i32), m.i32.const(1))),
        ]),
        widenBy(start, end)),
    ]));
  /** checked() for a store: the check, then the store logged */
  const checkedStore = (t: number, nl: number, ptr: number, offset: number, bytes: number, kind: number) => {
    const start = () => m.i64.add(m.local.get(t, i64), c64(offset));
    const end = () => m.i64.add(m.local.get(t, i64), c64(offset + bytes));
    const low = m.i64.add(m.local.get(t, i64), c64(offset - NULL_PAGE));
    const limit = m.i64.sub(memBytes(), c64(NULL_PAGE + bytes));
    return m.block(null, [
      m.local.set(t, ptr),
      m.if(m.i64.gt_u(low, limit), fault(start(), c64(bytes), kind)),
      logStore(nl, start, end),
      m.local.get(t, i64),
    ], i64);
  };
  const widenRange = (d: number, n: number) => widen(() => m.local.get(d, i64), () => m.i64.add(m.local.get(d, i64), m.local.get(n, i64)));

  for (let i = 0; i < m.getNumFunctions(); i++) {
    const fn = m.getFunctionByIndex(i);
    const info = b.getFunctionInfo(fn);
    if (info.module || !info.body) continue;
    const accesses = memoryAccesses(b, info.body);
    if (!accesses.length) continue;
    const addVar = (type: number) => x._BinaryenFunctionAddVar(fn, type);
    // One scratch local serves every load and store: the checked address is on the value stack
    // before any other operand (which may itself load) is evaluated.
    const t = addVar(i64);
    const nl = addVar(i32);
    for (const e of accesses) {
      const id = b.getExpressionId(e);
      if (id === b.LoadId || id === b.StoreId) {
        const a = b.getExpressionInfo(e) as binaryenNs.LoadInfo;
        const kind = FAULT_ACCESS | (id === b.StoreId ? FAULT_WRITE : 0);
        if (id === b.LoadId) x.Load.setPtr(e, checked(t, a.ptr, a.offset, a.bytes, kind));
        else x.Store.setPtr(e, checkedStore(t, nl, a.ptr, a.offset, a.bytes, kind));
        continue;
      }
      // memory.copy(dest, source, size) / memory.fill(dest, value, size): operands are evaluated in
      // that order, so dest and source are kept (local.tee) and the size operand becomes
      // (block (local.set n size) <check source> <check dest> (local.get n)): the checks run after
      // all three are known and before the operation. Locals of their own: an operand may hold
      // another bulk operation.
      const ops = b.getExpressionInfo(e) as unknown as { dest: number; source?: number; size: number };
      const d = addVar(i64), n = addVar(i64);
      const sizeChecks: number[] = [m.local.set(n, ops.size)];
      if (id === b.MemoryCopyId) {
        const s = addVar(i64);
        x.MemoryCopy.setDest(e, m.local.tee(d, ops.dest, i64));
        x.MemoryCopy.setSource(e, m.local.tee(s, ops.source!, i64));
        // the copy reads its source first (x86 `rep movsb`): that fault comes first
        sizeChecks.push(checkRange(s, n, FAULT_COPY), checkRange(d, n, FAULT_COPY | FAULT_WRITE), widenRange(d, n));
        x.MemoryCopy.setSize(e, m.block(null, [...sizeChecks, m.local.get(n, i64)], i64));
      } else {
        x.MemoryFill.setDest(e, m.local.tee(d, ops.dest, i64));
        sizeChecks.push(checkRange(d, n, FAULT_FILL | FAULT_WRITE), widenRange(d, n));
        x.MemoryFill.setSize(e, m.block(null, [...sizeChecks, m.local.get(n, i64)], i64));
      }
    }
  }
}

/** The constant an exported global is initialised with (an i32 or i64 const), or undefined. */
function globalConst(b: Binaryen, m: Mod, exportName: string): number | undefined {
  const e = m.getExport(exportName);
  if (!e) return undefined;
  const info = b.getExportInfo(e);
  if (info.kind !== b.ExternalGlobal) return undefined;
  const g = m.getGlobal(info.value);
  if (!g) return undefined;
  const init = b.getGlobalInfo(g).init;
  if (!init || b.getExpressionId(init) !== b.ConstId) return undefined;
  const v = (b.getExpressionInfo(init) as unknown as { value: number | bigint | { low: number; high: number } }).value;
  if (typeof v === "number" || typeof v === "bigint") return Number(v);
  return (v.low >>> 0) + v.high * 2 ** 32;
}

// --- 3. thunks -------------------------------------------------------------------------------

/** i64 → i32, 0xffffffff when the value does not fit. */
function saturate(m: Mod, v: () => number): number {
  return m.select(m.i64.gt_u(v(), i64const(m, 0xffff_ffffn)), m.i32.const(-1), m.i32.wrap(v()));
}

/** Which i64 parameters and result of a function cross the boundary as i32 (all but `wide`'s). */
function narrowing(b: Binaryen, info: binaryenNs.FunctionInfo, wide = { params: [] as readonly number[], result: false }) {
  const params = b.expandType(info.params);
  const results = b.expandType(info.results);
  const narrowParam = params.map((t, i) => t === b.i64 && !wide.params.includes(i));
  const narrowResult = results.length === 1 && results[0] === b.i64 && !wide.result;
  return { params, narrowParam, narrowResult };
}

function thunkImports(b: Binaryen, m: Mod): void {
  const i64 = b.i64, i32 = b.i32;
  const imports: binaryenNs.FunctionInfo[] = [];
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const info = b.getFunctionInfo(m.getFunctionByIndex(i));
    if (info.module === "kernel") imports.push(info);
  }
  for (const info of imports) {
    const { params, narrowParam, narrowResult } = narrowing(b, info, WIDE_IMPORTS[info.base!]);
    if (!narrowParam.some(Boolean) && !narrowResult) continue;
    const hostName = `${info.name}$host`;
    const hostParams = params.map((t, i) => (narrowParam[i] ? i32 : t));
    m.addFunctionImport(hostName, "kernel", info.base!, b.createType(hostParams), narrowResult ? i32 : info.results);
    const args = params.map((t, i) => (narrowParam[i] ? saturate(m, () => m.local.get(i, i64)) : m.local.get(i, t)));
    let call = m.call(hostName, args, narrowResult ? i32 : info.results);
    if (narrowResult) call = m.i64.extend_u(call);
    m.removeFunction(info.name);
    m.addFunction(info.name, info.params, info.results, [], call);
  }
}

function thunkExports(b: Binaryen, m: Mod): void {
  const i32 = b.i32;
  const exports: { name: string; fn: string }[] = [];
  for (let i = 0; i < m.getNumExports(); i++) {
    const e = b.getExportInfo(m.getExportByIndex(i));
    if (e.kind === b.ExternalFunction) exports.push({ name: e.name, fn: e.value });
  }
  const addThunk = (fn: string, info: binaryenNs.FunctionInfo, thunk: string, wide?: { params: readonly number[]; result: boolean }) => {
    const { params, narrowParam, narrowResult } = narrowing(b, info, wide);
    if (!narrowParam.some(Boolean) && !narrowResult) return false;
    const outer = params.map((t, i) => (narrowParam[i] ? i32 : t));
    const args = params.map((t, i) => (narrowParam[i] ? m.i64.extend_u(m.local.get(i, i32)) : m.local.get(i, t)));
    let call = m.call(fn, args, info.results);
    if (narrowResult) call = m.i32.wrap(call);
    m.addFunction(thunk, b.createType(outer), narrowResult ? i32 : info.results, [], call);
    return true;
  };
  for (const { name, fn } of exports) {
    const info = b.getFunctionInfo(m.getFunction(fn));
    const wide = WIDE_EXPORTS[name];
    if (!addThunk(fn, info, `${name}$i32`, wide)) continue;
    m.removeExport(name);
    m.addFunctionExport(`${name}$i32`, name);
    // and one with every argument an i32 (zero-extended), NAME_u32: the host's call with a
    // 32-bit value needs no BigInt (an ioctl's argument is a channel id or a user pointer)
    if (wide && addThunk(fn, info, `${name}$u32`)) m.addFunctionExport(`${name}$u32`, `${name}_u32`);
  }
}
