// What the kernel knows of the process a syscall runs for: its pid, its name
// and its user memory. src/process implements it; the kernel never imports it.

import { TASK_SIZE, USER_BASE } from "./constants.js";

/** A process's user memory: the bytes behind user addresses [USER_BASE, end). */
export interface UserMemory {
  /** the current bytes (a view that may change when the memory grows) */
  bytes(): Uint8Array;
  /** the user address of bytes()[0]: USER_BASE for scripted memory, 0 for a WASI program's linear memory */
  readonly origin: number;
  /** optional: the same bytes as 32-bit words (byte i is in word i >> 2), for word-wise copies */
  words?(): Int32Array;
}

export interface Task {
  readonly pid: number;
  readonly comm: string;
  readonly memory: UserMemory;
}

/** The end of a task's mapped user memory (exclusive). */
export function userEnd(memory: UserMemory): number {
  return Math.min(memory.origin + memory.bytes().length, TASK_SIZE);
}

/** How many bytes of [addr, addr+n) are mapped, counting from addr (0 if addr is unmapped). */
export function mappedPrefix(memory: UserMemory, addr: number, n: number): number {
  if (addr < USER_BASE) return 0;
  const end = userEnd(memory);
  if (addr >= end) return 0;
  return Math.min(n, end - addr);
}

/**
 * Linux access_ok(addr, n): the range lies below TASK_SIZE. An address at or
 * above TASK_SIZE fails even for n = 0, as x86-64's kernel half does (DESIGN
 * section 3: addresses >= TASK_SIZE are kernel addresses to a process).
 */
export function accessOk(addr: number, n: number): boolean {
  return addr < TASK_SIZE && n <= TASK_SIZE - addr;
}

/** Scripted user memory (scenarios, tests, the playground shell) mapped at USER_BASE. */
export class ScriptedMemory implements UserMemory {
  readonly origin = USER_BASE;
  private buf: Uint8Array;

  constructor(size = 64 * 1024) {
    this.buf = new Uint8Array(size);
  }

  bytes(): Uint8Array {
    return this.buf;
  }

  /** Make sure [USER_BASE, USER_BASE + size) is mapped. */
  ensure(size: number): void {
    if (size <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(size, this.buf.length * 2));
    bigger.set(this.buf);
    this.buf = bigger;
  }

  clone(): ScriptedMemory {
    const m = new ScriptedMemory(this.buf.length);
    m.buf.set(this.buf);
    return m;
  }
}
