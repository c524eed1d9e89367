// The host's half of Asyncify (src/toolchain/asyncify.ts made the program's half): the exports
// binaryen's pass adds, and the two words at the start of the unwind area it expects
// (current position, end), as binaryen's src/passes/Asyncify.cpp documents.

export interface AsyncifyExports {
  asyncify_start_unwind(area: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(area: number): void;
  asyncify_stop_rewind(): void;
}

/** The unwind area a program handed to fork(): its address and size in the program's memory. */
export interface UnwindArea {
  addr: number;
  size: number;
}

/** The Asyncify exports of an instance, or undefined for a program that was not transformed. */
export function asyncifyExports(exports: WebAssembly.Exports): AsyncifyExports | undefined {
  const e = exports as unknown as Partial<AsyncifyExports>;
  return typeof e.asyncify_start_unwind === "function" && typeof e.asyncify_stop_unwind === "function" &&
    typeof e.asyncify_start_rewind === "function" && typeof e.asyncify_stop_rewind === "function"
    ? (e as AsyncifyExports)
    : undefined;
}

/** Ready the area for an unwind: data starts after the two header words. */
export function resetArea(view: DataView, area: UnwindArea): void {
  view.setUint32(area.addr, area.addr + 8, true);
  view.setUint32(area.addr + 4, area.addr + area.size, true);
}
