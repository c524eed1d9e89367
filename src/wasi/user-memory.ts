// A WASI program's linear memory as user memory: the program is linked with
// --global-base=0x20000000, so its pointers are user addresses as they are
// (origin 0); addresses below USER_BASE are never mapped (the NULL guard).

import type { UserMemory } from "../kernel/task.js";

export class WasmUserMemory implements UserMemory {
  readonly origin = 0;
  private view: Uint8Array;

  constructor(private readonly memory: WebAssembly.Memory) {
    this.view = new Uint8Array(memory.buffer);
  }

  bytes(): Uint8Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Uint8Array(this.memory.buffer);
    return this.view;
  }
}
