// compile(): C → wasm for a kernel module or a user program (DESIGN.md §7). Browser-safe.
import { cacheKey } from "./hash.js";
import { formatDiagnostic, parseDiagnostics } from "./diagnostics.js";
import { llvmMajor, planCompile, planObject, USER_DIR, type CompileStep } from "./flags.js";
import { LP64_VERSION, lowerLp64 } from "./lp64.js";
import { ASYNCIFY_VERSION, forkable } from "./asyncify.js";
import { MemoryCache } from "./memory-cache.js";
import type {
  Backend, CacheEntry, CompileKind, CompileRequest, CompileResult, CompileStore, Diagnostic, SourceTree,
} from "./types.js";
import { createYowaspBackend } from "./yowasp.js";

export interface CompileOptions {
  /** Consulted after the in-memory cache; successful compiles are written to it. */
  store?: CompileStore;
}

const memory = new MemoryCache();
let fallbackBackend: Backend | undefined;

/** The backend used when none is given: @yowasp/clang, which runs everywhere. */
export function defaultBackend(): Backend {
  return (fallbackBackend ??= createYowaspBackend());
}

/** Forgets every in-memory result (tests; a playground "clean build"). */
export function clearMemoryCache(): void {
  memory.clear();
}

export async function compile(req: CompileRequest, backend: Backend = defaultBackend(), opts: CompileOptions = {}): Promise<CompileResult> {
  const start = performance.now();
  const version = backend.version ? await backend.version() : "";
  const label = version ? `${backend.name} ${version}` : backend.name;
  const plan = planCompile(req, llvmMajor(version));
  const finish = (e: CacheEntry, cached: boolean): CompileResult => ({
    ok: e.ok,
    ...(e.wasm ? { wasm: e.wasm.slice() } : {}), // a copy: the cached bytes stay intact
    diagnostics: e.diagnostics.map((d) => ({ ...d })),
    log: e.log,
    cached,
    ms: performance.now() - start,
    backend: e.backend,
  });

  if (plan.problems.length) {
    const log = plan.problems.map((d) => formatDiagnostic(d) + "\n").join("");
    return finish({ ok: false, diagnostics: plan.problems, log, backend: label }, false);
  }

  const keyOf = (kind: string, step: { args: string[]; files: SourceTree }) =>
    cacheKey({ kind, args: step.args, backend: backend.name, version, files: step.files });
  // a module's output is the lowered link: the key names the post-processing's version too
  // (a program's: Asyncify's, for one that forks)
  const mainKind = req.kind === "module" ? `module+${LP64_VERSION}` : `program+${ASYNCIFY_VERSION}`;
  const { entry, ran } = await cached(await keyOf(mainKind, plan), opts.store, async () => {
    let lib: CacheEntry | undefined;
    if (plan.lib) {
      const libStep = plan.lib;
      lib = (await cached(await keyOf(`${req.kind}-lib`, libStep), opts.store, () => runStep(backend, libStep, req.kind, label))).entry;
      if (!lib.ok || !lib.wasm) return lib;
    }
    const files = lib ? { ...plan.files, [plan.lib!.output]: lib.wasm! } : plan.files;
    const linked = await runStep(backend, { ...plan, files }, req.kind, label);
    const main = req.kind === "module" ? await lowered(linked) : await resumable(linked);
    if (!lib) return main;
    // As if it were one run: the student's messages first, then libkern's (its warnings).
    return { ...main, diagnostics: [...main.diagnostics, ...lib.diagnostics], log: main.log + lib.log };
  });
  return finish(entry, !ran);
}

/** One user .c file of a program request compiled alone (`clang -c`): `wasm` is the relocatable
 *  object (its symbol table says what the file defines), cached like a link. */
export async function compileObject(req: CompileRequest, file: string, backend: Backend = defaultBackend(), opts: CompileOptions = {}): Promise<CompileResult> {
  const start = performance.now();
  const version = backend.version ? await backend.version() : "";
  const label = version ? `${backend.name} ${version}` : backend.name;
  const step = planObject(req, file, llvmMajor(version));
  const key = await cacheKey({ kind: `${req.kind}-object`, args: step.args, backend: backend.name, version, files: step.files });
  const { entry, ran } = await cached(key, opts.store, () => runStep(backend, step, req.kind, label));
  return {
    ok: entry.ok, ...(entry.wasm ? { wasm: entry.wasm.slice() } : {}), diagnostics: entry.diagnostics.map((d) => ({ ...d })),
    log: entry.log, cached: !ran, ms: performance.now() - start, backend: entry.backend,
  };
}

/** The memory cache, then the store, then `produce` (whose successes go to the store). */
async function cached(key: string, store: CompileStore | undefined, produce: () => Promise<CacheEntry>): Promise<{ entry: CacheEntry; ran: boolean }> {
  const hit = memory.get(key);
  if (hit) return { entry: await hit, ran: false };
  let ran = false;
  const pending = (async () => {
    const stored = await store?.get(key).catch(() => undefined);
    if (stored) return stored;
    ran = true;
    const entry = await produce();
    if (entry.ok) await store?.set(key, entry).catch(() => undefined); // the cache is best-effort
    return entry;
  })();
  memory.set(key, pending);
  const entry = await pending;
  return { entry, ran };
}

async function runStep(backend: Backend, step: CompileStep, kind: CompileKind, label: string): Promise<CacheEntry> {
  const run = await backend.run(step.args, step.files);
  // Show the user's names, not the directory we placed their files in.
  const log = run.stderr.replace(new RegExp(`(^|In file included from )${USER_DIR}`, "gm"), "$1");
  const parsed = parseDiagnostics(run.stderr, { stripPrefix: USER_DIR, compiled: step.compiled });
  const diagnostics = kind === "module" ? kernelWording(parsed, step.output) : parsed;

  const out = run.files[step.output];
  const ok = run.code === 0 && out !== undefined;
  if (!ok && !diagnostics.some((d) => d.severity === "error" || d.severity === "fatal error")) {
    const last = run.stderr.trim().split("\n").pop() ?? "";
    const why = run.code === 0 ? "the compiler produced no output" : `the compiler failed (exit status ${run.code})`;
    diagnostics.push({ file: "clang", line: 0, col: 0, severity: "error", message: last ? `${why}: ${last}` : why });
  }
  const wasm = ok ? (typeof out === "string" ? new TextEncoder().encode(out) : out) : undefined;
  return { ok, ...(wasm ? { wasm } : {}), diagnostics, log, backend: label };
}

/** A module's wasm64 link → its LP64 module for wasm32 engines (lp64.ts); a failure is the build's. */
async function lowered(entry: CacheEntry): Promise<CacheEntry> {
  if (!entry.ok || !entry.wasm) return entry;
  try {
    return { ...entry, wasm: await lowerLp64(entry.wasm) };
  } catch (e) {
    const message = `the LP64 lowering failed: ${e instanceof Error ? e.message : String(e)}`;
    const { wasm: _dropped, ...rest } = entry;
    void _dropped;
    return { ...rest, ok: false, diagnostics: [...entry.diagnostics, { file: "clang", line: 0, col: 0, severity: "error", message }], log: entry.log + message + "\n" };
  }
}

/** A program that forks, asyncified (asyncify.ts); a failure is the build's. */
async function resumable(entry: CacheEntry): Promise<CacheEntry> {
  if (!entry.ok || !entry.wasm) return entry;
  try {
    return { ...entry, wasm: await forkable(entry.wasm) };
  } catch (e) {
    const message = `the fork support (Asyncify) failed: ${e instanceof Error ? e.message : String(e)}`;
    const { wasm: _dropped, ...rest } = entry;
    void _dropped;
    return { ...rest, ok: false, diagnostics: [...entry.diagnostics, { file: "clang", line: 0, col: 0, severity: "error", message }], log: entry.log + message + "\n" };
  }
}

/** A module links against libkern only: an undefined symbol is one the kernel does not export
 *  (a libc function, a helper never defined). Linux's modpost says so after the compile
 *  (scripts/mod/modpost.c: `ERROR: modpost: "malloc" [<path>/message_slot.ko] undefined!`); the
 *  same words here, the .ko by its base name, one line per symbol. */
function kernelWording(diagnostics: Diagnostic[], output: string): Diagnostic[] {
  const ko = output.replace(/\.wasm$/, "") + ".ko";
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  let undefinedSymbol = false;
  for (const d of diagnostics) {
    const m = d.severity === "error" ? /^undefined symbol: (.+)$/.exec(d.message) : null;
    if (!m) {
      // wasm-ld's ">>> referenced by" notes belong to the undefined symbol before them
      if (!(undefinedSymbol && d.severity === "note")) out.push(d);
      if (d.severity !== "note") undefinedSymbol = false;
      continue;
    }
    undefinedSymbol = true;
    if (seen.has(m[1]!)) continue;
    seen.add(m[1]!);
    out.push({ file: "modpost", line: 0, col: 0, severity: "error", message: `"${m[1]}" [${ko}] undefined!` });
  }
  return out;
}
