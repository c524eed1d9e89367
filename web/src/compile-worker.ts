// The compile worker: @yowasp/clang (clang + wasm-ld as wasm) builds the module and the user
// programs from the editor's sources. The ~100 MB compiler is fetched on first use, with progress.

import { buildModule } from "../../src/harness/module-build.js";
import { buildSubmission } from "../../src/harness/grade/build.js";
import { VARIANT_INFO } from "../../src/harness/grade/types.js";
import { buildPrograms } from "../../src/harness/programs/build.js";
import { createYowaspBackend, preloadYowasp, type CompileResult } from "../../src/toolchain/index.js";
import { MODULE_FILE } from "./file-names.js";
import type { BuildOutput, CompileReply, CompileRequest } from "./protocol.js";
import { MODULE_SYSTEM, PROGRAM_SYSTEM } from "./system-trees.js";
import { createIdbStore } from "./idb-store.js";

const post = (m: CompileReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
const progress = (done: number, total: number) => post({ type: "progress", done, total });
const backend = createYowaspBackend({ onProgress: progress });
/** compiles survive a reload (IndexedDB): a cache hit does not even start the compiler */
const store = createIdbStore();
const cacheOpts = store ? { store } : {};

function output(r: CompileResult): BuildOutput {
  return { ok: r.ok && !!r.wasm, ...(r.wasm ? { wasm: r.wasm } : {}), diagnostics: r.diagnostics, log: r.log, ms: r.ms, cached: r.cached };
}

/** The files of `sources` that `keep` keeps. */
function pick(sources: Record<string, string>, keep: (file: string) => boolean): Record<string, string> {
  return Object.fromEntries(Object.entries(sources).filter(([f]) => keep(f)));
}

let compilerReady = false;

/** Fetch and start the compiler once; returns how long that took (0 when it was ready). */
async function ensureCompiler(): Promise<number> {
  if (compilerReady) return 0;
  const t0 = performance.now();
  await preloadYowasp(progress);
  compilerReady = true;
  return performance.now() - t0;
}

self.onmessage = async (e: MessageEvent<CompileRequest>) => {
  const req = e.data;
  if (req.type === "preload") {
    const t0 = performance.now();
    await ensureCompiler().catch(() => undefined);
    post({ type: "ready", ms: performance.now() - t0 });
    return;
  }
  if (req.type === "grade-build") {
    try {
      const report = await buildSubmission(req.files, VARIANT_INFO[req.variant], { backend, moduleSystem: MODULE_SYSTEM, programSystem: PROGRAM_SYSTEM, ...cacheOpts });
      const a = report.artifacts;
      const transfer = [a.module, ...Object.values(a.programs)].flatMap((b) => (b ? [b.buffer as ArrayBuffer] : []));
      post({ type: "grade-built", id: req.id, report }, transfer);
    } catch (err) {
      post({ type: "failed", id: req.id, message: (err as Error).message ?? String(err) });
    }
    return;
  }
  const t0 = performance.now();
  try {
    // the module: message_slot.c and the headers; the programs: every other file
    // (src/harness/programs: each .c with main is ./NAME, the others are linked into each)
    const built = await buildModule(pick(req.sources, (f) => f === MODULE_FILE || f.endsWith(".h")), MODULE_SYSTEM, backend, cacheOpts, "message_slot", PROGRAM_SYSTEM);
    const progs = await buildPrograms(pick(req.sources, (f) => f !== MODULE_FILE), { backend, system: PROGRAM_SYSTEM, ...cacheOpts });
    const programs: Record<string, BuildOutput> = {};
    const mains: Record<string, string> = {};
    for (const p of progs.programs) {
      programs[p.name] = output(p.result);
      mains[p.name] = p.file;
    }
    const module = output(built.result);
    const transfer = [module, ...Object.values(programs)].flatMap((o) => (o.wasm ? [o.wasm.buffer as ArrayBuffer] : []));
    post({
      type: "built",
      id: req.id,
      result: {
        module,
        programs,
        mains,
        helpers: progs.helpers,
        skipped: progs.skipped,
        problems: progs.problems,
        ...(built.msgSlotChannel !== undefined ? { msgSlotChannel: built.msgSlotChannel } : {}),
        backend: built.result.backend,
        ms: performance.now() - t0,
      },
    }, transfer);
  } catch (err) {
    post({ type: "failed", id: req.id, message: (err as Error).message ?? String(err) });
  }
};
