// A hook for tools that run module code their own way (the race explorer, src/harness/races):
// extra imports for the module's instance and a wrapper around its exports. The kernel itself
// never sets one; without it a module runs exactly as before.

import type { ModuleExports } from "./module-exports.js";
import type { LoadedModule } from "./module.js";

export interface ModuleInstrumentation {
  /** import namespaces added to the module's instance ("kernel" stays the kernel's) */
  imports(mod: LoadedModule): WebAssembly.Imports;
  /** the exports the kernel calls (the instance's own are given) */
  exports(mod: LoadedModule, raw: ModuleExports): ModuleExports;
  /** the kmalloc heap's options (KmallocHeap's constructor) */
  readonly heap?: { freedCopyBytes?: number };
}

/**
 * Thrown through the kernel's JavaScript when module code stopped in the middle of a call (the
 * race explorer switched to another task): not an oops, nothing is cleaned up, the call is
 * resumed later from the top of the same syscall.
 */
export class Suspended extends Error {
  constructor() {
    super("the task was switched out in the middle of module code");
    this.name = "Suspended";
  }
}
