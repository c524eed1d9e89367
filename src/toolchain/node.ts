// Node helpers: reading C from disk, the repo's system trees, backend choice, the disk cache.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { compile, defaultBackend } from "./compile.js";
import { createDiskCache, defaultCacheDir } from "./disk-cache.js";
import { moduleSources } from "./kbuild.js";
import { createNativeBackend } from "./native.js";
import { moduleCDir } from "./repo-root.js";
import type { Backend, CompileKind, CompileRequest, CompileResult, CompileStore, SourceTree } from "./types.js";

export { findRepoRoot, moduleCDir } from "./repo-root.js";
export { createDiskCache, defaultCacheDir } from "./disk-cache.js";
export { createNativeBackend } from "./native.js";

// Build products of Kbuild and of us, never sources.
const SKIP = /^\.|^node_modules$|\.(o|ko|mod|mod\.c|wasm|cmd)$|^Module\.symvers$|^modules\.order$/;

export interface ReadTreeOptions {
  /** Descend into subdirectories (default true). */
  recursive?: boolean;
}

/** Reads a directory into a SourceTree with keys prefix + relative path. Text files become strings. */
export async function readTree(dir: string, prefix = "", opts: ReadTreeOptions = {}): Promise<SourceTree> {
  const out: SourceTree = {};
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      if (SKIP.test(entry.name)) continue;
      const path = rel + entry.name;
      if (entry.isDirectory()) {
        if (opts.recursive !== false) await walk(path + "/");
      } else if (entry.isFile()) {
        const bytes = new Uint8Array(await readFile(join(dir, path)));
        try {
          out[prefix + path] = utf8.decode(bytes);
        } catch {
          out[prefix + path] = bytes;
        }
      }
    }
  };
  await walk("");
  return out;
}

/** The project's C for a kind, from module-c/: include/ + kernel/ for a module, user/ for a program. */
export async function systemTree(kind: CompileKind, moduleC: string = moduleCDir()): Promise<SourceTree> {
  const dirs = kind === "module" ? ["include", "kernel"] : ["user"];
  const trees = await Promise.all(dirs.map((d) => readTree(join(moduleC, d), `${d}/`).catch(() => ({}))));
  return Object.assign({}, ...trees) as SourceTree;
}

const natives = new Map<string, Backend>();

/** wasi-sdk when WASI_SDK_PATH is set, else @yowasp/clang. */
export function selectBackend(env: NodeJS.ProcessEnv = process.env): Backend {
  const sdk = env.WASI_SDK_PATH;
  if (!sdk) return defaultBackend();
  let b = natives.get(sdk);
  if (!b) natives.set(sdk, (b = createNativeBackend(sdk)));
  return b;
}

const stores = new Map<string, CompileStore>();

export interface NodeCompileOptions {
  backend?: Backend;
  /** A cache directory, or false for none. Default: defaultCacheDir(). */
  cacheDir?: string | false;
}

/** compile() with Node's defaults: selectBackend() and the disk cache. */
export function nodeCompile(req: CompileRequest, opts: NodeCompileOptions = {}): Promise<CompileResult> {
  let store: CompileStore | undefined;
  if (opts.cacheDir !== false) {
    const dir = opts.cacheDir ?? defaultCacheDir();
    store = stores.get(dir);
    if (!store) stores.set(dir, (store = createDiskCache(dir)));
  }
  return compile(req, opts.backend ?? selectBackend(), store ? { store } : {});
}

export interface DirCompileOptions extends NodeCompileOptions {
  main?: string[];
  defines?: Record<string, string>;
  extraFlags?: string[];
  output?: string;
  /** The system tree; default systemTree(kind) from the repo's module-c/. */
  system?: SourceTree;
}

/** Compiles the module in a student's directory (its top-level files; the .c files from Kbuild or
 *  Makefile obj-m, else those without main()). */
export async function compileModuleDir(dir: string, opts: DirCompileOptions = {}): Promise<CompileResult> {
  const sources = await readTree(dir, "", { recursive: false });
  return nodeCompile(
    {
      kind: "module",
      sources,
      main: opts.main ?? moduleSources(sources),
      system: opts.system ?? (await systemTree("module")),
      ...pick(opts),
    },
    opts,
  );
}

/** Compiles user program `name` ("message_sender" or "message_sender.c") of a directory. */
export async function compileProgram(dir: string, name: string, opts: DirCompileOptions = {}): Promise<CompileResult> {
  const sources = await readTree(dir, "", { recursive: false });
  const main = name.endsWith(".c") ? name : `${name}.c`;
  return nodeCompile(
    {
      kind: "program",
      sources,
      main: opts.main ?? [main],
      system: opts.system ?? (await systemTree("program")),
      output: `${main.slice(0, -2)}.wasm`,
      ...pick(opts),
    },
    opts,
  );
}

function pick(opts: DirCompileOptions): Partial<CompileRequest> {
  const out: Partial<CompileRequest> = {};
  if (opts.defines) out.defines = opts.defines;
  if (opts.extraFlags) out.extraFlags = opts.extraFlags;
  if (opts.output) out.output = opts.output;
  return out;
}
