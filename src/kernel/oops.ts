// Oopses: a bug inside module code, found either by the host (a bad kfree, a
// NULL dereference reported by libkern, BUG_ON) or by WebAssembly itself (a
// trap). Either way it ends the syscall and kills the calling process, as
// Linux's die() does; the kernel logs the report and stays up, tainted 'D'.

/** How die() words the oops line: "Oops: 0002 [#1] …" or "general protection fault, …: 0000 [#1] …". */
export interface DieInfo {
  /** set for a #GP: the title is then die()'s own line and no "Oops:" line follows */
  die?: "general protection fault";
  /** the error code printed in that line (a page fault's: bit 0 protection, bit 1 write) */
  errorCode?: number;
}

export class KernelOops extends Error {
  /** wasm function names on the stack when it happened, innermost first */
  readonly frames: string[];

  constructor(readonly title: string, readonly details: string[] = [], stack?: string, readonly dieInfo: DieInfo = {}) {
    super(title);
    this.name = "KernelOops";
    this.frames = wasmFrames(stack ?? new Error().stack ?? "");
  }
}

/** A module function that did not return in time (raised by the watchdog). */
export class SoftLockup extends Error {
  constructor(readonly seconds: number) {
    super(`soft lockup - CPU#0 stuck for ${seconds}s!`);
    this.name = "SoftLockup";
  }
}

// V8 prints wasm frames as "at <module>.<function> (wasm://wasm/...)" or
// "at <function> (wasm://wasm/...)"; names come from the name section.
const FRAME = /at (?:\S+\.wasm\.)?([^\s(]+) \(wasm:\/\//;

// libkern's sanitizer handlers report a fault found in the caller: the caller is where it happened
const REPORTER = /^__ubsan_handle_/;
// the LP64 thunks of src/toolchain/lp64.ts are no C function: NAME$i32 (and NAME$u32) around an export, and
// around an import the function named as host.h's C declaration (host_bug, host_kmalloc, …)
const THUNK = /\$(?:i32|u32|host)$|^host_/;

export function wasmFrames(stack: string): string[] {
  const out: string[] = [];
  for (const line of stack.split("\n")) {
    const m = FRAME.exec(line);
    if (m && !(out.length === 0 && REPORTER.test(m[1])) && !THUNK.test(m[1])) out.push(m[1]);
  }
  return out;
}

export interface TrapContext {
  /** the module's C stack pointer when the trap happened (a wrapped value means stack overflow) */
  stackPointer: number;
  memoryBytes: number;
  /** a user pointer the syscall carried, if any: a fault near it means a user pointer was used directly */
  userPointer?: number;
}

/**
 * The module's C stack is the bottom 64 KiB of its memory (--stack-first) and
 * grows down: a stack pointer in the lowest page, below zero (wrapped) or past
 * the memory means the stack ran out, whatever fault that then caused (an
 * out-of-bounds trap, or a "NULL dereference" of a frame in the lowest page).
 */
const STACK_GUARD = 4096;

/** Turn a WebAssembly trap into an oops with a Linux-like title. */
export function oopsFromTrap(err: unknown, ctx: TrapContext): KernelOops {
  const stack = err instanceof Error ? err.stack ?? "" : "";
  const message = err instanceof Error ? err.message : String(err);
  const exhausted = ctx.stackPointer < STACK_GUARD || ctx.stackPointer > ctx.memoryBytes;
  if (err instanceof RangeError || (exhausted && (err instanceof KernelOops || /out of bounds/.test(message)))) {
    return new KernelOops("BUG: kernel stack overflow (stack guard page was hit)", [
      "the module's stack (64 KiB) is exhausted: unbounded recursion or a huge local array?",
    ], stack);
  }
  if (err instanceof KernelOops) return err;
  if (/memory access out of bounds/.test(message)) {
    const user = ctx.userPointer;
    if (user !== undefined && user >= ctx.memoryBytes) {
      return new KernelOops(`BUG: unable to handle page fault for address: ${hex(user)}`, [
        "#PF: supervisor access in kernel mode (SMAP)",
        "user memory accessed without copy_from_user/copy_to_user: a __user pointer was dereferenced",
      ], stack);
    }
    return new KernelOops("BUG: unable to handle page fault for an address outside kernel memory", [
      "#PF: supervisor access in kernel mode",
      "a wild pointer, or a __user pointer dereferenced without copy_from_user/copy_to_user",
    ], stack);
  }
  if (/unreachable/.test(message)) return new KernelOops("invalid opcode: 0000 [#1] (unreachable code reached, __builtin_trap)", [], stack);
  if (/divide by zero|remainder by zero|integer overflow/.test(message)) return new KernelOops("divide error: 0000 [#1]", [message], stack);
  if (/null function|signature mismatch|table index|indirect call/.test(message)) {
    return new KernelOops("BUG: kernel NULL pointer dereference: call through a bad function pointer", [message], stack);
  }
  return new KernelOops(`BUG: ${message}`, [], stack);
}

/** A kernel address as Linux's %px prints it on x86-64: 16 hex digits. */
export function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(16, "0");
}
