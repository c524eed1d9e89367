// The toolchain's browser-safe API. Node-only helpers (native backend, disk cache, reading
// directories) are in ./node.js.
export type {
  Backend, BackendRun, CacheEntry, CompileKind, CompileRequest, CompileResult, CompileStore,
  Diagnostic, Severity, SourceTree,
} from "./types.js";
export { compile, compileObject, clearMemoryCache, defaultBackend, type CompileOptions } from "./compile.js";
export { formatDiagnostic, parseDiagnostics } from "./diagnostics.js";
export { moduleSources } from "./kbuild.js";
export { createYowaspBackend, preloadYowasp, type YowaspOptions } from "./yowasp.js";
export { MODULE_FLAGS, programFlags } from "./flags.js";
export { objectSymbols, definesMain, type ObjectSymbol } from "./object-symbols.js";
