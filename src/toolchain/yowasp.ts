// The @yowasp/clang backend: clang and wasm-ld compiled to wasm, in Node and in the browser.
// No Node API here. The package (~100 MB of wasm) is imported only when first needed.
import type { Backend, BackendRun } from "./types.js";
import { flattenTree, nestTree, type NestedTree } from "./tree.js";

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
      const io = { stdout: sink, stderr: sink, decodeASCII: false };
      try {
        const out = (await mod.commands.clang(args, nestTree(files), io)) ?? {};
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
