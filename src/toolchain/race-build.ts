// The race explorer's build of a module (docs/design-changes.md, "The race explorer"): the
// lowered module (lp64.ts) with hooks where Linux may sleep or switch tasks, made resumable with
// binaryen's Asyncify so that a syscall can stop in the middle of module code and go on later.
// Only `msgslot races` uses it; the normal path runs the module as lp64.ts left it.
//
//  1. every call of a preemption point goes through a hook: the imports copy_to_user,
//     copy_from_user, clear_user (get_user/put_user use them), kmalloc and krealloc, and libkern's
//     lock functions (kernel/lock.c), __kern_up and __kern_might_sleep (msleep, schedule, ...).
//     A wrapper with the point's old name calls race.enter(kind, a, b) before it and
//     race.exit(kind, a, result) after it;
//  2. __kern_lock_depth and __kern_lock_check (the "lock held when returning to user space"
//     check) ask the host, which counts each task's locks (the C counter is one for all tasks);
//  3. Asyncify with race.enter and race.exit as the only imports that may unwind: the host stops
//     a syscall by unwinding from a hook and resumes it by rewinding into the same hook; then
//     binaryen's inlining. No optimisation: the build is made once per graded submission, and
//     the optimised module explored hardly faster.
import type binaryenNs from "binaryen";
import { loadBinaryen } from "./lp64.js";

type Binaryen = typeof binaryenNs;
type Mod = InstanceType<Binaryen["Module"]>;

/** In a cache key: bump when the output changes for the same input. */
export const RACE_BUILD_VERSION = "race-build/3";

export const RACE_MODULE = "race";

/** What a hook is about (race.enter/race.exit's first argument). */
export enum HookKind {
  MutexLock = 1,
  MutexTrylock = 2,
  MutexUnlock = 3,
  SpinLock = 4,
  SpinTrylock = 5,
  SpinUnlock = 6,
  Down = 7,
  Up = 8,
  MightSleep = 9,
  CopyToUser = 10,
  Kmalloc = 11,
  /** read_lock/write_lock: spinning, like a spinlock, but readers share */
  ReadLock = 12,
  WriteLock = 13,
  ReadUnlock = 14,
  WriteUnlock = 15,
  ReadTrylock = 16,
  WriteTrylock = 17,
  CopyFromUser = 18,
  ClearUser = 19,
}

/** a: which parameter names the lock (or the flags); b: which one is the caller's __func__ (-1: none) */
interface Hook {
  kind: HookKind;
  a: number;
  b: number;
}

/** libkern's functions (module-c/kernel/lock.c, sched.c), by C name */
const FUNCTION_HOOKS: Record<string, Hook> = {
  __kern_mutex_lock: { kind: HookKind.MutexLock, a: 0, b: 3 },
  __kern_mutex_trylock: { kind: HookKind.MutexTrylock, a: 0, b: -1 },
  __kern_mutex_unlock: { kind: HookKind.MutexUnlock, a: 0, b: 3 },
  __kern_spin_lock: { kind: HookKind.SpinLock, a: 0, b: 3 },
  __kern_spin_trylock: { kind: HookKind.SpinTrylock, a: 0, b: -1 },
  __kern_spin_unlock: { kind: HookKind.SpinUnlock, a: 0, b: 3 },
  __kern_read_lock: { kind: HookKind.ReadLock, a: 0, b: 3 },
  __kern_write_lock: { kind: HookKind.WriteLock, a: 0, b: 3 },
  __kern_read_unlock: { kind: HookKind.ReadUnlock, a: 0, b: 3 },
  __kern_write_unlock: { kind: HookKind.WriteUnlock, a: 0, b: 3 },
  __kern_read_trylock: { kind: HookKind.ReadTrylock, a: 0, b: -1 },
  __kern_write_trylock: { kind: HookKind.WriteTrylock, a: 0, b: -1 },
  __kern_down: { kind: HookKind.Down, a: 0, b: 3 },
  __kern_up: { kind: HookKind.Up, a: 0, b: -1 },
  __kern_might_sleep: { kind: HookKind.MightSleep, a: -1, b: -1 },
};

/** host.h imports, by import name: a is the length (copies) or the gfp flags, b the allocating function */
const IMPORT_HOOKS: Record<string, Hook> = {
  copy_to_user: { kind: HookKind.CopyToUser, a: 2, b: -1 },
  copy_from_user: { kind: HookKind.CopyFromUser, a: 2, b: -1 },
  clear_user: { kind: HookKind.ClearUser, a: 1, b: -1 },
  kmalloc: { kind: HookKind.Kmalloc, a: 1, b: 4 },
  krealloc: { kind: HookKind.Kmalloc, a: 2, b: 5 },
};

/** The lowered module (lowerLp64's output) → the explorer's resumable module. */
export async function buildForRaces(wasm: Uint8Array): Promise<Uint8Array> {
  const b = await loadBinaryen();
  b.setDebugInfo(true); // C function names: the explorer's traces name them
  const m = b.readBinary(wasm);
  try {
    const i32 = b.i32;
    m.addFunctionImport("race$enter", RACE_MODULE, "enter", b.createType([i32, i32, i32]), b.none);
    m.addFunctionImport("race$exit", RACE_MODULE, "exit", b.createType([i32, i32, i32]), b.none);
    m.addFunctionImport("race$depth", RACE_MODULE, "depth", b.createType([i32]), i32);
    m.addFunctionImport("race$lockcheck", RACE_MODULE, "lockcheck", b.createType([i32, i32]), i32);

    const byImport = new Map<string, string>();
    const names: string[] = [];
    for (let i = 0; i < m.getNumFunctions(); i++) {
      const info = b.getFunctionInfo(m.getFunctionByIndex(i));
      names.push(info.name);
      if (info.module === "kernel" && info.base && IMPORT_HOOKS[info.base]) byImport.set(info.base, info.name);
    }
    for (const [base, name] of byImport) wrap(b, m, name, IMPORT_HOOKS[base]!);
    for (const name of names) if (Object.hasOwn(FUNCTION_HOOKS, name)) wrap(b, m, name, FUNCTION_HOOKS[name]!);
    if (names.includes("__kern_lock_depth")) {
      replace(b, m, "__kern_lock_depth", (orig) => m.call("race$depth", [m.call(orig, [], i32)], i32));
    }
    if (names.includes("__kern_lock_check")) {
      replace(b, m, "__kern_lock_check", (orig, params) =>
        m.if(m.i32.eqz(m.call("race$lockcheck", [m.local.get(0, params[0]!), asI32(b, m, 1, params[1]!)], i32)),
          m.call(orig, params.map((t, i) => m.local.get(i, t)), b.none)));
    }

    // libkern is linked whole (--no-gc-sections, for modpost): most of its functions are unused,
    // and Asyncify's analysis of them was most of its time
    m.runPasses(["remove-unused-module-elements"]);
    // Asyncify without binaryen's optimiser (optimize level 0; the levels are global, so they are
    // put back after). At a level above 0, Asyncify runs binaryen's function passes twice on every
    // function it instruments, and the -O2 that followed optimised them all again: four fifths of
    // the build's CPU. The explorer's time goes to its kernels and schedules, not to module code:
    // the unoptimised output explores nearly as fast (3-4 % more CPU, ~0.01 s a module, against
    // ~0.4 s less for the build), and its findings, schedules and traces were the same on 57
    // modules (docs/design-changes.md, "Performance (issue 14, batch grading)";
    // scripts/race-build-snapshot.mjs). Its frames keep more locals: at most 640 bytes unwound
    // on those modules, of the explorer's 16 KiB a task (ASYNCIFY_BYTES in races/runtime.ts).
    const levels = [b.getOptimizeLevel(), b.getShrinkLevel()] as const;
    try {
      b.setOptimizeLevel(0);
      b.setShrinkLevel(0);
      b.setPassArgument("asyncify-imports", `${RACE_MODULE}.enter,${RACE_MODULE}.exit`);
      m.runPasses(["asyncify"]);
      // binaryen's plain inlining with its usual limits: it inlines what it did after -O2, so the
      // functions the explorer's traces and oops reports name are the same (but for two functions
      // with one body, which -O2 merged into one name and which now keep their own)
      m.runPasses(["inlining", "remove-unused-module-elements"]);
    } finally {
      b.setPassArgument("asyncify-imports", null);
      b.setOptimizeLevel(levels[0]);
      b.setShrinkLevel(levels[1]);
    }
    if (!m.validate()) throw new Error("race build: the instrumented module does not validate");
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

/** parameter i as an i32 (pointers are i64 in the LP64 module: the low half addresses memory) */
function asI32(b: Binaryen, m: Mod, i: number, type: number): number {
  const v = m.local.get(i, type);
  return type === b.i64 ? m.i32.wrap(v) : type === b.i32 ? v : m.i32.const(0);
}

/**
 * Give function `name` (an import or a defined function) a new body built around the original,
 * which moves to `name$race`: calls of `name` (by name) reach the new body.
 */
function replace(b: Binaryen, m: Mod, name: string, body: (orig: string, params: number[]) => number): void {
  const fn = m.getFunction(name);
  const info = b.getFunctionInfo(fn);
  const orig = `${name}$race`;
  const params = b.expandType(info.params);
  if (info.module) {
    m.removeFunction(name);
    m.addFunctionImport(orig, info.module, info.base!, info.params, info.results);
  } else {
    // the body's expressions live in the module's arena: the moved function takes them as they are
    m.addFunction(orig, info.params, info.results, info.vars, info.body);
    m.removeFunction(name);
  }
  const results = b.expandType(info.results);
  const vars = results.length === 1 ? [results[0]!] : [];
  m.addFunction(name, info.params, info.results, vars, body(orig, params));
}

function wrap(b: Binaryen, m: Mod, name: string, hook: Hook): void {
  replace(b, m, name, (orig, params) => {
    const i32 = b.i32;
    const a = () => (hook.a >= 0 && hook.a < params.length ? asI32(b, m, hook.a, params[hook.a]!) : m.i32.const(0));
    const site = hook.b >= 0 && hook.b < params.length ? asI32(b, m, hook.b, params[hook.b]!) : m.i32.const(0);
    const kind = () => m.i32.const(hook.kind);
    const info = b.getFunctionInfo(m.getFunction(orig));
    const results = b.expandType(info.results);
    const call = m.call(orig, params.map((t, i) => m.local.get(i, t)), info.results);
    const enter = m.call("race$enter", [kind(), a(), site], b.none);
    if (results.length === 0) return m.block(null, [enter, call, m.call("race$exit", [kind(), a(), m.i32.const(0)], b.none)]);
    const r = params.length; // the wrapper's one local
    const t = results[0]!;
    const low = t === b.i64 ? m.i32.wrap(m.local.get(r, t)) : t === i32 ? m.local.get(r, t) : m.i32.const(0);
    return m.block(null, [enter, m.local.set(r, call), m.call("race$exit", [kind(), a(), low], b.none), m.local.get(r, t)], t);
  });
}
