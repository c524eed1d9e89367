// A user program that calls fork() is made resumable at build time (DESIGN.md §6 as replaced in
// docs/design-changes.md, "user programs with fork"): binaryen's Asyncify pass lets the host
// unwind the program's wasm stack into its own memory at fork, wait and sleep, and rewind it
// later, in the same instance (the parent) or in a copy of it (the child). Only the imports
// that can block are listed, so only the functions that can reach them are instrumented, and a
// program that never calls fork is left exactly as the linker wrote it (no cost at all).
// Browser-safe: binaryen is imported on first use.
import { loadBinaryen } from "./lp64.js";

/** In the compile cache key: bump when the output of forkable() changes for the same input. */
export const ASYNCIFY_VERSION = "asyncify/1";

/** The host imports a process may block in (src/wasi): fork, wait4 and poll_oneoff (sleep). */
export const BLOCKING_IMPORTS = ["msgslot.fork", "msgslot.wait4", "wasi_snapshot_preview1.poll_oneoff"] as const;

/** Every mutable global (the C stack pointer above all) is exported under this prefix + its
 *  index, so that the host can copy them into the child at fork. */
export const GLOBAL_EXPORT_PREFIX = "__msgslot_global_";

/** Does the program import msgslot.fork? */
export async function importsFork(wasm: Uint8Array): Promise<boolean> {
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
  } catch {
    return false; // not wasm (a test backend's output): nothing to transform
  }
  return WebAssembly.Module.imports(module).some((i) => i.module === "msgslot" && i.name === "fork" && i.kind === "function");
}

/** The program, asyncified and with its mutable globals exported, if it calls fork; else unchanged. */
export async function forkable(wasm: Uint8Array): Promise<Uint8Array> {
  if (!(await importsFork(wasm))) return wasm;
  const b = await loadBinaryen();
  const m = b.readBinary(wasm);
  // binaryen's optimize level is a global of the library: put back for its other users (lp64.ts,
  // race-build.ts) in this process
  const level = b.getOptimizeLevel();
  try {
    b.setPassArgument("asyncify-imports", BLOCKING_IMPORTS.join(","));
    // asyncify's own clean-up of what it adds; -O2 would cost seconds on every build for little
    b.setOptimizeLevel(1);
    m.runPasses(["asyncify"]);
    b.setPassArgument("asyncify-imports", null);
    for (let i = 0; i < m.getNumGlobals(); i++) {
      const g = b.getGlobalInfo(m.getGlobalByIndex(i));
      if (g.mutable && !g.module) m.addGlobalExport(g.name, `${GLOBAL_EXPORT_PREFIX}${i}`);
    }
    if (!m.validate()) throw new Error("asyncify: the transformed program does not validate");
    return m.emitBinary();
  } finally {
    b.setOptimizeLevel(level);
    m.dispose();
  }
}
