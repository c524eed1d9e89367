// The race explorer's side of a module (docs/design-changes.md, "The race explorer"): each
// proc's syscall in flight is a coroutine over the Asyncify build (src/toolchain/race-build.ts),
// with its own C stack and Asyncify buffer. The hooks the build put at the preemption points
// land here: this file keeps each task's locks (lockdep's held-lock stack), blocks a task on a
// lock another one holds, reports a might-sleep point under a spinlock, and asks the scheduler
// (Switcher) whether to switch tasks. Switching = unwinding the module's stack into the
// coroutine's buffer and throwing Suspended through the kernel's JavaScript; resuming = running
// the same syscall again from the top, where every module call that already finished answers
// from a memo and the one that was cut short rewinds.

import { GFP_INTERNAL } from "../../kernel/heap.js";
import { readCString } from "../../kernel/cstring.js";
import { Suspended, type ModuleInstrumentation } from "../../kernel/instrumentation.js";
import type { ModuleExports } from "../../kernel/module-exports.js";
import type { LoadedModule } from "../../kernel/module.js";
import { HookKind } from "../../toolchain/race-build.js";
import { Lockdep, type HeldLock } from "./lockdep.js";

/** ___GFP_DIRECT_RECLAIM (include/linux/gfp.h): gfpflags_allow_blocking() */
const GFP_DIRECT_RECLAIM = 0x400;
/** each coroutine's C stack (Linux's THREAD_SIZE on x86-64 is 16 KiB; wasm frames are larger) */
const STACK_BYTES = 32 * 1024;
/** each coroutine's Asyncify buffer: the wasm locals of the frames it unwinds */
const ASYNCIFY_BYTES = 16 * 1024;
const UNWINDING = 1, REWINDING = 2;

interface AsyncifyExports {
  asyncify_start_unwind(data: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(data: number): void;
  asyncify_stop_rewind(): void;
  asyncify_get_state(): number;
}

export type BlockedOn = { kind: "mutex" | "spin" | "sem" | "read" | "write"; addr: number; name: string };

/** Where a task was stopped: what the point is, and (when traced) the C functions on its stack. */
export interface Point {
  what: string;
  /** innermost C function of the module (traced runs only) */
  func?: string;
}

/** One proc's in-flight syscall. */
export class Coroutine {
  /** the C stack and the Asyncify buffer (a libkern-internal kmalloc object), 0 until first used */
  base = 0;
  savedSp = 0n;
  /** the module call that was cut short (memo key), or null */
  suspendedKey: string | null = null;
  private readonly memo = new Map<string, unknown>();
  private readonly counts = new Map<string, number>();
  readonly held: HeldLock[] = [];
  /** spinlocks held: preempt_count() */
  spinDepth = 0;
  blocked: BlockedOn | null = null;
  /** the __func__ of the lock call in progress (its exit hook has no site) */
  lockSite = 0;
  /** where it was last stopped (for the trace) */
  stoppedAt: Point | null = null;

  constructor(readonly proc: number, readonly name: string, readonly pid: () => number) {}

  /** A new syscall (or step of one): finished module calls are no longer replayed. */
  freshStep(): void {
    this.memo.clear();
    this.counts.clear();
    this.suspendedKey = null;
  }

  key(name: string, args: unknown[]): string {
    const k = `${name}(${args.map(String).join(",")})`;
    const n = (this.counts.get(k) ?? 0) + 1;
    this.counts.set(k, n);
    return `${k}#${n}`;
  }

  /** restarts of a step replay it from the top: module calls seen again start counting anew */
  restart(): void {
    this.counts.clear();
  }

  recall(key: string): { hit: boolean; value?: unknown } {
    return this.memo.has(key) ? { hit: true, value: this.memo.get(key) } : { hit: false };
  }

  remember(key: string, value: unknown): void {
    this.memo.set(key, value);
  }
}

/** What the runtime asks of the scheduler. */
export interface Switcher {
  /** A preemption point of the running task: true to switch it out here. */
  preempt(co: Coroutine, at: Point): boolean;
  /** The kernel would print this (BUG: sleeping function called from invalid context, lockdep). */
  report(title: string, lines: string[], proc: number, schedules?: unknown[]): void;
  /** Trace more (the C function of each point)? */
  readonly detailed: boolean;
}

export class RaceRuntime implements ModuleInstrumentation {
  /** a machine per schedule: 64 KiB of freed objects' copies (not 4 MiB) is plenty for a scenario */
  readonly heap = { freedCopyBytes: 64 * 1024 };
  current: Coroutine | null = null;
  private mod: LoadedModule | null = null;
  private raw: (ModuleExports & AsyncifyExports) | null = null;
  private inCall = false;

  constructor(private readonly switcher: Switcher, readonly lockdep: Lockdep) {}

  imports(mod: LoadedModule): WebAssembly.Imports {
    this.mod = mod;
    return {
      race: {
        enter: (kind: number, a: number, site: number) => this.enter(kind, a >>> 0, site >>> 0),
        exit: (kind: number, a: number, r: number) => this.exit(kind, a >>> 0, r),
        depth: (global: number) => (this.current ? this.current.held.length : global),
        lockcheck: (depth: number, where: number) => this.lockCheck(depth, where >>> 0),
      },
    };
  }

  exports(mod: LoadedModule, raw: ModuleExports): ModuleExports {
    this.mod = mod;
    this.raw = raw as ModuleExports & AsyncifyExports;
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(raw)) {
      out[name] = typeof value === "function" && !name.startsWith("asyncify_") ? this.wrapExport(name, value as (...a: unknown[]) => unknown) : value;
    }
    return out as unknown as ModuleExports;
  }

  /** Can `co` go on? (not blocked, or the lock it waits for is free now) */
  runnable(co: Coroutine): boolean {
    const b = co.blocked;
    if (!b) return true;
    if (!this.mod) return true;
    const mem = this.mod.view();
    const u32 = (p: number) => (mem[p]! | (mem[p + 1]! << 8) | (mem[p + 2]! << 16) | (mem[p + 3]! << 24)) >>> 0;
    switch (b.kind) {
      case "mutex": case "spin": return u32(b.addr) === 0;
      case "sem": return (u32(b.addr) | 0) > 0;
      case "read": return u32(b.addr + 4) === 0;
      case "write": return u32(b.addr) === 0 && u32(b.addr + 4) === 0;
    }
  }

  // --- exports: calls into the module as coroutine steps ------------------------------------

  private wrapExport(name: string, fn: (...a: unknown[]) => unknown): (...a: unknown[]) => unknown {
    return (...args: unknown[]) => {
      const co = this.current;
      if (!co || this.inCall) return fn(...args);
      const key = co.key(name, args);
      const memo = co.recall(key);
      if (memo.hit) return memo.value;
      const x = this.raw!;
      const sp = x.__stack_pointer;
      const outer = sp.value as bigint | number;
      const rewinding = co.suspendedKey === key;
      if (co.suspendedKey !== null && !rewinding) {
        throw new Error(`race explorer: ${co.name} resumed into ${key}, not the call it stopped in (${co.suspendedKey})`);
      }
      this.ensureStack(co);
      setSp(sp, rewinding ? co.savedSp : BigInt(co.base + STACK_BYTES + ASYNCIFY_BYTES));
      if (rewinding) x.asyncify_start_rewind(co.base);
      this.inCall = true;
      let r: unknown;
      try {
        r = fn(...args);
      } catch (err) {
        setSp(sp, outer);
        co.suspendedKey = null;
        throw err;
      } finally {
        this.inCall = false;
      }
      if (x.asyncify_get_state() === UNWINDING) {
        x.asyncify_stop_unwind();
        co.savedSp = BigInt(sp.value as bigint | number);
        setSp(sp, outer);
        co.suspendedKey = key;
        throw new Suspended();
      }
      setSp(sp, outer);
      co.suspendedKey = null;
      co.remember(key, r);
      return r;
    };
  }

  /** [asyncify data header | buffer | C stack], 16-aligned, from the heap as a libkern object */
  private ensureStack(co: Coroutine): void {
    if (co.base) return;
    const mod = this.mod!;
    const p = mod.heap.alloc(STACK_BYTES + ASYNCIFY_BYTES + 16, GFP_INTERNAL, 0);
    if (!p) throw new Error("race explorer: no memory for a task's stack");
    co.base = (p + 15) & ~15;
  }

  /** Unwind the running task out of the module, to be resumed later (Asyncify). */
  private suspend(co: Coroutine, at: Point): void {
    const x = this.raw!;
    const mem = new DataView(this.mod!.exports.memory.buffer);
    // struct { i32 current; i32 end; } then the buffer (binaryen's Asyncify data layout)
    mem.setUint32(co.base, co.base + 8, true);
    mem.setUint32(co.base + 4, co.base + ASYNCIFY_BYTES, true);
    co.stoppedAt = at;
    x.asyncify_start_unwind(co.base);
  }

  // --- the hooks ----------------------------------------------------------------------------

  private resumed(): boolean {
    const x = this.raw!;
    if (x.asyncify_get_state() !== REWINDING) return false;
    x.asyncify_stop_rewind();
    return true;
  }

  private enter(kind: HookKind, a: number, site: number): void {
    const resumed = this.resumed();
    const co = this.current;
    if (!co) return;
    if (resumed) {
      co.blocked = null;
      // the lock it waited for (or passed by) may have been taken while it was out: wait again
      const blocked = this.blockingLock(co, kind, a);
      if (blocked) this.block(co, blocked);
      return;
    }
    co.lockSite = site;
    switch (kind) {
      case HookKind.Kmalloc:
        if (!(a & GFP_DIRECT_RECLAIM) || a & GFP_INTERNAL) return;
        this.sleepPoint(co, "kmalloc(GFP_KERNEL)", site);
        return;
      case HookKind.CopyToUser: this.sleepPoint(co, "copy_to_user", 0); return;
      case HookKind.CopyFromUser: this.sleepPoint(co, "copy_from_user", 0); return;
      case HookKind.ClearUser: this.sleepPoint(co, "clear_user", 0); return;
      case HookKind.MightSleep: this.sleepPoint(co, "might_sleep (msleep/schedule)", 0); return;
      case HookKind.MutexLock:
      case HookKind.Down: {
        const blocked = this.blockingLock(co, kind, a);
        if (blocked) {
          this.checkAtomic(co, kind === HookKind.Down ? "down" : "mutex_lock", site);
          this.block(co, blocked);
          return;
        }
        this.sleepPoint(co, kind === HookKind.Down ? `down(${this.lockName(kind, a)})` : `mutex_lock(${this.lockName(kind, a)})`, site);
        return;
      }
      case HookKind.SpinLock: case HookKind.ReadLock: case HookKind.WriteLock: {
        const blocked = this.blockingLock(co, kind, a);
        if (blocked) this.block(co, blocked);
        return;
      }
      default:
        return;
    }
  }

  private exit(kind: HookKind, a: number, r: number): void {
    if (this.resumed()) return;
    const co = this.current;
    if (!co) return;
    switch (kind) {
      case HookKind.MutexLock: case HookKind.Down:
      case HookKind.SpinLock: case HookKind.ReadLock: case HookKind.WriteLock:
        this.acquired(co, kind, a, true);
        return;
      case HookKind.MutexTrylock: case HookKind.SpinTrylock: case HookKind.ReadTrylock: case HookKind.WriteTrylock:
        if (r === 1) this.acquired(co, kind, a, false);
        return;
      case HookKind.MutexUnlock: case HookKind.SpinUnlock: case HookKind.ReadUnlock: case HookKind.WriteUnlock: case HookKind.Up: {
        this.released(co, a);
        // preempt_enable() / the wakeup of a waiter: where Linux may switch tasks
        if (co.spinDepth === 0) this.point(co, { what: `return from ${UNLOCK_NAMES[kind]}(${this.lockName(kind, a)})` });
        return;
      }
      default:
        return;
    }
  }

  private acquired(co: Coroutine, kind: HookKind, addr: number, edges: boolean): void {
    if (kind === HookKind.Down) return; // semaphores have no owner: lockdep does not follow them here
    const spin = kind !== HookKind.MutexLock && kind !== HookKind.MutexTrylock;
    const lock: HeldLock = { addr, name: this.lockName(kind, addr), spin, site: this.cString(co.lockSite) };
    if (edges) {
      const r = this.lockdep.acquire(co, co.held, lock);
      if (r) this.switcher.report(r.title, r.lines, co.proc, r.schedules);
    }
    co.held.push(lock);
    if (spin) co.spinDepth++;
  }

  private released(co: Coroutine, addr: number): void {
    for (let i = co.held.length - 1; i >= 0; i--) {
      if (co.held[i]!.addr !== addr) continue;
      if (co.held[i]!.spin) co.spinDepth--;
      co.held.splice(i, 1);
      return;
    }
  }

  /** The lock `co` must wait for at this hook, if another task holds it. */
  private blockingLock(co: Coroutine, kind: HookKind, a: number): BlockedOn | null {
    const k = kind === HookKind.MutexLock ? "mutex" : kind === HookKind.Down ? "sem" : kind === HookKind.SpinLock ? "spin"
      : kind === HookKind.ReadLock ? "read" : kind === HookKind.WriteLock ? "write" : null;
    if (!k) return null;
    const b: BlockedOn = { kind: k, addr: a, name: this.lockName(kind, a) };
    co.blocked = b;
    const free = this.runnable(co);
    co.blocked = null;
    if (free) return null;
    // a lock this very task holds: the C code reports the recursion or deadlock itself
    if (k !== "sem" && co.held.some((h) => h.addr === a)) return null;
    return b;
  }

  private block(co: Coroutine, b: BlockedOn): void {
    co.blocked = b;
    this.suspend(co, { what: `blocked on ${b.name}`, ...this.where() });
  }

  /** A might-sleep point: the atomic-context check, then maybe a switch. */
  private sleepPoint(co: Coroutine, what: string, site: number): void {
    if (this.checkAtomic(co, what, site)) return; // preemption is off: no switch here
    this.point(co, { what });
  }

  private point(co: Coroutine, at: Point): void {
    const where = { ...at, ...this.where() };
    if (this.switcher.preempt(co, where)) this.suspend(co, where);
  }

  /** CONFIG_DEBUG_ATOMIC_SLEEP's __might_sleep(): true (and a report) when a spinlock is held. */
  private checkAtomic(co: Coroutine, what: string, site: number): boolean {
    if (co.spinDepth === 0) return false;
    const func = site ? this.cString(site) : this.where(true).func ?? "?";
    const spins = co.held.filter((h) => h.spin);
    this.switcher.report(`BUG: sleeping function called from invalid context at ${what} in ${func}`, [
      `in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: ${co.pid()}, name: ${co.name}`,
      `preempt_count: ${co.spinDepth}, expected: 0`,
      `${spins.length} lock${spins.length === 1 ? "" : "s"} held by ${co.name}/${co.pid()}:`,
      ...spins.map((h, i) => ` #${i}: ${h.name}`),
    ], co.proc);
    return true;
  }

  private lockCheck(depth: number, where: number): number {
    const co = this.current;
    if (!co) return 0;
    const held = co.held.length;
    if (held > depth) {
      this.mod!.kernel.warn([`WARNING: lock held when returning to user space!`, `${held} lock(s) still held after ${this.cString(where) || "the driver"} returned`]);
    }
    return 1;
  }

  private lockName(kind: HookKind, addr: number): string {
    const hex = `0x${addr.toString(16)}`;
    if (kind === HookKind.MutexLock || kind === HookKind.MutexTrylock || kind === HookKind.MutexUnlock) {
      // struct mutex { unsigned int locked; const char *name; } (LP64: name at 8)
      const mem = this.mod!.view();
      const p = mem[addr + 8]! | (mem[addr + 9]! << 8) | (mem[addr + 10]! << 16) | (mem[addr + 11]! << 24);
      const name = p ? readCString(mem, p >>> 0, 64) : "";
      return name ? `mutex ${name} (${hex})` : `mutex ${hex}`;
    }
    if (kind === HookKind.Down || kind === HookKind.Up) return `semaphore ${hex}`;
    if (kind >= HookKind.ReadLock && kind <= HookKind.WriteTrylock) return `rwlock ${hex}`;
    return `spinlock ${hex}`;
  }

  private cString(p: number): string {
    return p ? readCString(this.mod!.view(), p, 128) : "";
  }

  /** The module's C function that reached the hook, from the engine's stack trace (traced runs). */
  private where(always = false): { func?: string } {
    if (!this.switcher.detailed && !always) return {};
    const func = cFunction(new Error().stack ?? "");
    return func ? { func } : {};
  }
}

const UNLOCK_NAMES: Partial<Record<HookKind, string>> = {
  [HookKind.MutexUnlock]: "mutex_unlock",
  [HookKind.SpinUnlock]: "spin_unlock",
  [HookKind.ReadUnlock]: "read_unlock",
  [HookKind.WriteUnlock]: "write_unlock",
  [HookKind.Up]: "up",
};

/**
 * The innermost frame of module code that is the module's own (not libkern's wrappers, not the
 * hooks): V8 prints a wasm frame as "at NAME (wasm://wasm/…:wasm-function[N]:0x…)".
 */
export function cFunction(stack: string): string | undefined {
  for (const m of stack.matchAll(/at (\S+) \(wasm:\/\/[^)]*wasm-function\[\d+\]/g)) {
    // "message_slot.wasm.device_read": the module's name, then the function's
    const name = m[1]!.slice(m[1]!.lastIndexOf(".") + 1);
    if (name.includes("$") || name.startsWith("_") || name.startsWith("host_") || name.startsWith("kern_")) continue;
    return name;
  }
  return undefined;
}

function setSp(g: WebAssembly.Global, v: bigint | number): void {
  g.value = typeof g.value === "bigint" ? BigInt(v) : Number(v);
}
