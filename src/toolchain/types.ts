// The toolchain's contract (DESIGN.md §7): C sources in, wasm + diagnostics out.
// Browser-safe: no Node API in this file.

export type CompileKind = "module" | "program";

/** A flat map of relative paths to contents: "message_slot.c", "include/linux/fs.h", … */
export interface SourceTree {
  [relPath: string]: string | Uint8Array;
}

export type Severity = "error" | "warning" | "note" | "fatal error";

export interface Diagnostic {
  /** The user's relative name ("message_slot.c"), a system path ("include/linux/fs.h"), or the tool ("wasm-ld"). */
  file: string;
  /** 1-based; 0 when unknown (linker errors). */
  line: number;
  /** 1-based; 0 when unknown. */
  col: number;
  severity: Severity;
  message: string;
  /** The warning option, e.g. "-Wunused-variable". */
  flag?: string;
}

export interface CompileRequest {
  kind: CompileKind;
  /** The user's files; every .c is compiled unless `main` is given. */
  sources: SourceTree;
  /** Which .c files of `sources` to compile. */
  main?: string[];
  /** The project's C: "include/…" + "kernel/…" for a module, "user/…" for a program. */
  system: SourceTree;
  /** Passed as -DNAME=value. */
  defines?: Record<string, string>;
  /** Appended after the standard flags, e.g. ["-Werror"]. */
  extraFlags?: string[];
  /** Symbols to link with -Wl,--wrap=NAME. Default: every NAME for which a system .c defines __wrap_NAME. */
  wrap?: string[];
  /** Output name, default "out.wasm". */
  output?: string;
}

export interface CompileResult {
  ok: boolean;
  wasm?: Uint8Array;
  diagnostics: Diagnostic[];
  /** Raw compiler + linker stderr. */
  log: string;
  /** True when the result came from a cache and no compiler ran. */
  cached: boolean;
  ms: number;
  /** Backend name and version, e.g. "yowasp-clang 21.1.4-3". */
  backend: string;
}

export interface BackendRun {
  code: number;
  /** The file tree after the run: at least every file the command wrote. */
  files: SourceTree;
  stderr: string;
}

export interface Backend {
  name: string;
  /** Toolchain version ("21.1.4-3", "clang version 19.1.5-wasi-sdk …"); part of the cache key
   *  and tells which linker flags exist. */
  version?(): Promise<string>;
  /** Runs the clang driver with `args` (no argv[0]) in a directory holding `files`. */
  run(args: string[], files: SourceTree): Promise<BackendRun>;
}

/** What the caches keep of a compile. */
export interface CacheEntry {
  ok: boolean;
  wasm?: Uint8Array;
  diagnostics: Diagnostic[];
  log: string;
  backend: string;
}

/** A persistent cache behind the in-memory one (in Node: the disk cache). */
export interface CompileStore {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): Promise<void>;
}
