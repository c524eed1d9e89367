// A WASI program's linear memory as user memory: the program is linked with
// --global-base=0x20000000, so its pointers are user addresses as they are
// (origin 0); addresses below USER_BASE are never mapped (the NULL guard).
//
// The views are made once and re-made only after memory.grow: growing a
// (non-shared) memory detaches the old ArrayBuffer, and a typed array over a
// detached buffer has length 0. That check is a field load, where asking
// memory.buffer on every syscall is a call into the engine.

import type { UserMemory } from "../kernel/task.js";

export class WasmUserMemory implements UserMemory {
  readonly origin = 0;
  private view: Uint8Array;
  private data: DataView;
  private wordView: Int32Array;
  /** a shared memory's buffer is never detached: compare buffers instead */
  private readonly shared: boolean;

  constructor(private readonly memory: WebAssembly.Memory) {
    this.view = new Uint8Array(memory.buffer);
    this.data = new DataView(memory.buffer);
    this.wordView = new Int32Array(memory.buffer);
    this.shared = !(memory.buffer instanceof ArrayBuffer);
  }

  bytes(): Uint8Array {
    if (this.view.length === 0 || this.shared) this.refresh();
    return this.view;
  }

  /** A DataView of the current memory (for iovecs and results the shim reads and writes). */
  dataView(): DataView {
    if (this.view.length === 0 || this.shared) this.refresh();
    return this.data;
  }

  /** The memory as 32-bit words (a wasm memory is a whole number of 64 KiB pages). */
  words(): Int32Array {
    if (this.view.length === 0 || this.shared) this.refresh();
    return this.wordView;
  }

  private refresh(): void {
    const buf = this.memory.buffer;
    if (this.view.buffer !== buf) {
      this.view = new Uint8Array(buf);
      this.data = new DataView(buf);
      this.wordView = new Int32Array(buf);
    }
  }
}
