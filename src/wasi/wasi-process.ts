// One process of a user program: its wasm instance (its memory is the process's user memory),
// its WASI shim (the fds the shim serves: stdio and the /dev preopen; device fds are the
// kernel's) and its kernel Process. A process runs until it exits or blocks; it blocks by
// unwinding its wasm stack (Asyncify) inside fork, wait or sleep, and continues by rewinding
// into the same import, which then returns. The scheduler (scheduler.ts) decides who runs.

import { WASI, WASIProcExit } from "@bjorn3/browser_wasi_shim";
import { USER_BASE } from "../kernel/constants.js";
import { KernelOops } from "../kernel/oops.js";
import { ProcessKilled, SIGKILL, type Process } from "../process/process.js";
import { asyncifyExports, resetArea, type AsyncifyExports, type UnwindArea } from "./asyncify.js";
import { WasmUserMemory } from "./user-memory.js";

export const SIGSEGV = 11;
export const SIGSYS = 31;
const GLOBAL_EXPORT_PREFIX = "__msgslot_global_";
const WASM_PAGE = 65536;

export interface ProgramImage {
  name: string;
  wasm: WebAssembly.Module;
}

export class ProgramLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramLoadError";
  }
}

/** Why a process stopped running without exiting. */
export type Block =
  | { kind: "fork" }
  /** wait4 with no dead child yet: runnable again when one of its children dies */
  | { kind: "wait" }
  /** a sleep (poll_oneoff on a clock): runnable again at `deadline` (monotonic ns) */
  | { kind: "sleep"; deadline: bigint };

/** How a process ended: an exit status, or the signal that killed it. */
export interface Ending {
  status: number;
  signal?: number;
  /** why it died, for reports */
  reason?: string;
}

interface ProgramExports {
  memory: WebAssembly.Memory;
  _start: () => unknown;
}

export class WasiProcess {
  readonly exports: ProgramExports;
  readonly memory: WasmUserMemory;
  readonly async: AsyncifyExports | undefined;
  /** the kernel's side: pid, fds, the state wait4 sees */
  proc!: Process;
  /** set while the process is switched out */
  blocked: Block | null = null;
  /** an import started an unwind: _start returning means "blocked", not "exited" */
  private unwinding = false;
  /** the next run rewinds into the import it blocked in */
  rewinding = false;
  /** what fork() returns when the process is rewound into it: the child's pid, 0 in the child, or -errno */
  forkResult = 0;
  ending: Ending | undefined;
  /** the exported mutable globals (the C stack pointer...), copied into a child at fork */
  private readonly globals: [string, WebAssembly.Global][];

  /**
   * Instantiate the program; `imports` are made for this process (they close over it).
   * A program that cannot start (missing imports, not a WASI command) is a ProgramLoadError.
   */
  constructor(
    readonly program: ProgramImage,
    readonly shim: WASI,
    imports: (self: WasiProcess) => WebAssembly.Imports,
    /** the memory it imports, from the pool (program-memory.ts), or null: it defines its own */
    readonly pooled: WebAssembly.Memory | null = null,
  ) {
    let instance: WebAssembly.Instance;
    try {
      instance = new WebAssembly.Instance(program.wasm, imports(this));
    } catch (e) {
      throw new ProgramLoadError(`${program.name}: cannot start: ${(e as Error).message}`);
    }
    const exports = instance.exports as unknown as ProgramExports;
    if (!(exports.memory instanceof WebAssembly.Memory) || typeof exports._start !== "function") {
      throw new ProgramLoadError(`${program.name}: not a WASI command (no memory or _start export)`);
    }
    this.exports = exports;
    this.memory = new WasmUserMemory(exports.memory);
    this.async = asyncifyExports(instance.exports);
    // the shim reads and writes through inst.exports.memory
    (shim as unknown as { inst: WebAssembly.Instance }).inst = instance;
    this.globals = Object.entries(instance.exports).filter((e): e is [string, WebAssembly.Global] =>
      e[0].startsWith(GLOBAL_EXPORT_PREFIX) && e[1] instanceof WebAssembly.Global);
  }

  /** Can this process be switched out (was the program asyncified, and is the area known)? */
  canBlock(area: UnwindArea | undefined): area is UnwindArea {
    return this.async !== undefined && area !== undefined;
  }

  /** Called by an import: unwind the stack into `area`; the import's return value is ignored. */
  unwind(area: UnwindArea, why: Block): void {
    resetArea(this.memory.dataView(), area);
    this.async!.asyncify_start_unwind(area.addr);
    this.unwinding = true;
    this.blocked = why;
  }

  /** Called by an import that is being rewound into: normal execution resumes from here. */
  rewound(): void {
    this.async!.asyncify_stop_rewind();
    this.rewinding = false;
  }

  /**
   * Run until the process exits (the ending, also kept in `ending`) or blocks (undefined;
   * `blocked` says why). A first run starts _start; later runs rewind into the blocking import.
   */
  run(area: UnwindArea | undefined): Ending | undefined {
    this.blocked = null;
    try {
      if (this.rewinding) this.async!.asyncify_start_rewind(area!.addr);
      this.exports._start();
      if (this.unwinding) {
        this.async!.asyncify_stop_unwind();
        this.unwinding = false;
        return undefined;
      }
      return (this.ending = { status: 0 });
    } catch (e) {
      this.unwinding = false;
      return (this.ending = this.endingOf(e));
    }
  }

  /** Copy this process's memory and globals into `child`, a fresh instance of the same program
   *  (fork's copy of the address space: everything from USER_BASE up; nothing lies below). */
  copyInto(child: WasiProcess): void {
    const from = this.exports.memory;
    const to = child.exports.memory;
    const grow = (from.buffer.byteLength - to.buffer.byteLength) / WASM_PAGE;
    if (grow > 0) to.grow(grow);
    new Uint8Array(to.buffer).set(new Uint8Array(from.buffer, USER_BASE), USER_BASE);
    const theirs = new Map(child.globals);
    for (const [name, g] of this.globals) {
      const t = theirs.get(name);
      if (t) t.value = g.value;
    }
  }

  private endingOf(e: unknown): Ending {
    if (e instanceof WASIProcExit) return { status: e.code };
    if (e instanceof ProcessKilled) return { status: 128 + e.signal, signal: e.signal, ...(e.oops ? { reason: e.oops.title } : {}) };
    if (e instanceof KernelOops) return { status: 128 + SIGKILL, signal: SIGKILL, reason: e.title };
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
      return { status: 128 + SIGSEGV, signal: SIGSEGV, reason: `${this.program.name}: ${(e as Error).message}` };
    }
    // the WASI shim refuses a call it does not implement by throwing a string: a bad system call
    if (typeof e === "string") return { status: 128 + SIGSYS, signal: SIGSYS, reason: `${this.program.name}: ${e}` };
    throw e;
  }
}
