// The @yowasp/clang backend: clang and wasm-ld compiled to wasm, in Node and in the browser.
// No Node API here. The package (~100 MB of wasm) is imported only when first needed.
import type { Backend, BackendRun, SourceTree } from "./types.js";
import { flattenTree, nestTree, type NestedTree } from "./tree.js";
import { cacheablePlan, DriverPlans, parseDriverPlan, planKey } from "./clang-driver.js";

type YowaspModule = typeof import("@yowasp/clang") & { version?: string };

export interface YowaspOptions {
  /** Download progress of the compiler on its first use (the browser shows it; Node reads a file). */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

let loading: Promise<YowaspModule> | undefined;
let loaded = false;
let progressListeners: ((done: number, total: number) => void)[] = [];

/** Imports the package and fetches its resources once, with our own progress reporting:
 *  runClang's first internal step would otherwise print "yowasp-llvm: fetched N%" to the console. */
function load(): Promise<YowaspModule> {
  loading ??= (async () => {
    const mod = (await import("@yowasp/clang")) as YowaspModule;
    await mod.runLLVM(undefined, {}, {
      fetchProgress: ({ doneLength, totalLength }) => progressListeners.forEach((f) => f(doneLength, totalLength)),
    });
    progressListeners = [];
    loaded = true;
    return mod;
  })();
  loading.catch(() => (loading = undefined)); // a failed download can be retried
  return loading;
}

/** Starts downloading the compiler now (the playground calls this early); resolves when ready. */
export async function preloadYowasp(onProgress?: (doneBytes: number, totalBytes: number) => void): Promise<void> {
  if (onProgress && !loaded) progressListeners.push(onProgress);
  await load();
}

function isExit(e: unknown): e is { code: number; files?: NestedTree } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === "number";
}

type Io = { stdout: (b: Uint8Array | null) => void; stderr: (b: Uint8Array | null) => void; decodeASCII: false; synchronously: boolean };

/**
 * Instantiate each compiler instance synchronously: ~8 ms less CPU an instance (measured in Node
 * with --liftoff-only, 23 against 31–33 ms for `clang -###`). Not on a page's main thread, where
 * a browser may refuse a synchronous instance of a large module and a long task freezes the page.
 */
const SYNCHRONOUS = (globalThis as { document?: unknown }).document === undefined;

/** The driver's plans, for every backend of this process: the compiler is the same. */
export const driverPlans = new DriverPlans();

/**
 * `clang ARGS` as @yowasp/clang's own `commands.clang` runs it (`clang -### ARGS`, then each job
 * in a fresh instance, the files flowing from one job to the next), with the plan kept across
 * runs (clang-driver.ts).
 */
async function runClang(mod: YowaspModule, args: string[], flat: SourceTree, io: Io): Promise<NestedTree> {
  const files = nestTree(flat);
  if (!cacheablePlan(args)) return (await mod.commands.clang(args, files, io)) ?? {};
  const key = planKey(args, Object.keys(flat));
  let jobs = driverPlans.get(key);
  if (!jobs) {
    let output = "";
    const decoder = new TextDecoder();
    const capture = (bytes: Uint8Array | null) => {
      output += decoder.decode(bytes ?? undefined, { stream: bytes !== null });
    };
    driverPlans.driverRuns++;
    try {
      await mod.runLLVM(["clang", "-###", ...args], files, { stdout: capture, stderr: capture, decodeASCII: false, synchronously: io.synchronously });
    } catch (e) {
      io.stderr(new TextEncoder().encode(output)); // the driver's error ("no such file", "unknown argument")
      io.stderr(null);
      throw e;
    }
    const parsed = parseDriverPlan(output);
    if (!parsed) return (await mod.commands.clang(args, files, io)) ?? {}; // yowasp says what went wrong
    driverPlans.set(key, parsed);
    jobs = parsed;
  }
  let tree = files;
  try {
    for (const job of jobs) tree = (await mod.runLLVM(job, tree, io)) ?? {};
  } catch (e) {
    if (e && typeof e === "object" && "files" in e) delete (e.files as NestedTree)["tmp"]; // the jobs' objects
    throw e;
  }
  delete tree["tmp"];
  return tree;
}

export function createYowaspBackend(opts: YowaspOptions = {}): Backend {
  return {
    name: "yowasp-clang",
    async version() {
      const mod = (await import("@yowasp/clang")) as YowaspModule; // the 250 kB loader only
      return mod.version ?? "unknown";
    },
    async run(args, files): Promise<BackendRun> {
      if (opts.onProgress && !loaded && !progressListeners.includes(opts.onProgress)) progressListeners.push(opts.onProgress);
      const mod = await load();
      const decoder = new TextDecoder();
      let stderr = "";
      const sink = (bytes: Uint8Array | null) => {
        stderr += decoder.decode(bytes ?? undefined, { stream: bytes !== null });
      };
      const io: Io = { stdout: sink, stderr: sink, decodeASCII: false, synchronously: SYNCHRONOUS };
      try {
        const out = await runClang(mod, args, files, io);
        return { code: 0, files: flattenTree(out), stderr };
      } catch (e) {
        if (isExit(e)) return { code: e.code, files: flattenTree(e.files ?? {}), stderr };
        // An LLVM crash (assertion, out of memory) traps inside the wasm: report it as a failed run.
        if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
          return { code: 70, files: {}, stderr: `${stderr}clang: error: the compiler crashed: ${e.message}\n` };
        }
        throw e;
      }
    },
  };
}
