// The processes of one run of a user program (the program and every child it forks), switched
// cooperatively and deterministically on one simulated CPU:
//  - a process runs until it exits or blocks (fork, wait4 without a dead child, a sleep while
//    another process can run); nothing preempts it;
//  - after fork the parent runs on (Linux's default, sched_child_runs_first = 0); the child
//    waits at the end of the run queue;
//  - a process blocked in wait4 is runnable again (end of the queue) when one of its children dies;
//  - when nothing is runnable, the sleeper with the earliest deadline wakes (ties: who slept
//    first) and the virtual clock jumps to its deadline: a sleep costs no real time;
//  - the run ends when every process has ended; its result is the first process's.
// The run's processes count toward the machine's process limit (fork fails with EAGAIN).

import { WASI, type Fd } from "@bjorn3/browser_wasi_shim";
import { ENOMEM } from "../kernel/errno.js";
import type { Machine } from "../process/machine.js";
import { SIGKILL } from "../process/process.js";
import type { UnwindArea } from "./asyncify.js";
import { linuxToWasi } from "./errno.js";
import { acquireProgramMemory, releaseProgramMemory } from "./program-memory.js";
import { programImports, type ProcessContext } from "./imports.js";
import { ProgramLoadError, WasiProcess, type Ending, type ProgramImage } from "./wasi-process.js";

export interface RunSetup {
  machine: Machine;
  program: ProgramImage;
  argv: Uint8Array[];
  env: string[];
  /** the first process's shim fds (stdin, stdout, stderr, the /dev preopen) */
  fds: Fd[];
  system?: (command: string) => number;
}

export class Scheduler implements ProcessContext {
  readonly machine: Machine;
  area: UnwindArea | undefined;
  readonly system?: (command: string) => number;
  private readonly ready: WasiProcess[] = [];
  /** sleeping processes, in the order they went to sleep */
  private readonly sleepers: WasiProcess[] = [];
  private readonly waiting = new Set<WasiProcess>();

  constructor(private readonly setup: RunSetup) {
    this.machine = setup.machine;
    if (setup.system) this.system = setup.system;
  }

  /** A process of the run: instantiated with this run's imports and `fds` as its shim fds. */
  instantiate(fds: Fd[]): WasiProcess {
    const shim = new WASI([], this.setup.env, fds, { debug: false });
    // a program rewritten by importMemory() runs in a pooled memory (program-memory.ts)
    const pooled = acquireProgramMemory(this.setup.program.wasm);
    try {
      return new WasiProcess(this.setup.program, shim, (wp) => {
        const imports = programImports(wp, this, this.setup.argv);
        return pooled ? { ...imports, env: { memory: pooled } } : imports;
      }, pooled);
    } catch (e) {
      if (pooled) releaseProgramMemory(this.setup.program.wasm, pooled);
      throw e;
    }
  }

  /** The process's memory back to the pool, zeroed (it never runs again). */
  private release(wp: WasiProcess): void {
    if (wp.pooled) releaseProgramMemory(this.setup.program.wasm, wp.pooled);
  }

  othersCanRun(self: WasiProcess): boolean {
    return this.ready.some((p) => p !== self) || this.sleepers.some((p) => p !== self);
  }

  /** Run `first` (already given its kernel process) and everything it forks, to the end. */
  run(first: WasiProcess): Ending {
    this.ready.push(first);
    for (;;) {
      const wp = this.ready.shift() ?? this.wakeSleeper();
      if (!wp) break;
      const ending = wp.run(this.area);
      if (ending) this.ended(wp, ending);
      else this.blocked(wp);
    }
    // nothing runnable, nobody asleep: a process still waiting could never be woken
    for (const wp of this.waiting) this.ended(wp, { status: 128 + SIGKILL, signal: SIGKILL, reason: "deadlock: waiting for a child that cannot end" });
    return first.ending!;
  }

  private wakeSleeper(): WasiProcess | undefined {
    if (this.sleepers.length === 0) return undefined;
    let at = 0;
    this.sleepers.forEach((p, i) => {
      if (sleepDeadline(p) < sleepDeadline(this.sleepers[at])) at = i;
    });
    const [wp] = this.sleepers.splice(at, 1);
    this.machine.clock.advanceTo(sleepDeadline(wp));
    wp.rewinding = true;
    return wp;
  }

  private blocked(wp: WasiProcess): void {
    const why = wp.blocked!;
    if (why.kind === "sleep") this.sleepers.push(wp);
    else if (why.kind === "wait") this.waiting.add(wp);
    else {
      const child = this.forkChild(wp);
      wp.rewinding = true;
      this.ready.unshift(wp); // the parent runs on
      if (child) this.ready.push(child);
    }
  }

  /** fork's second half, after the parent unwound: a fresh instance with the parent's memory and
   *  globals (the unwound stack included) and the kernel's fork (the fds shared). */
  private forkChild(parent: WasiProcess): WasiProcess | undefined {
    let child: WasiProcess;
    try {
      child = this.instantiate(parent.shim.fds.slice());
      parent.copyInto(child);
    } catch (e) {
      if (!(e instanceof ProgramLoadError || e instanceof RangeError)) throw e;
      parent.forkResult = -linuxToWasi(ENOMEM); // the engine could not make another memory
      return undefined;
    }
    const proc = parent.proc.forkChecked(child.memory);
    if (typeof proc === "number") {
      this.release(child);
      parent.forkResult = -linuxToWasi(-proc);
      return undefined;
    }
    child.proc = proc;
    child.forkResult = 0;
    child.rewinding = true;
    parent.forkResult = proc.pid;
    return child;
  }

  /** A process ended: the kernel's exit (files closed, a zombie for its parent); a parent
   *  waiting for it runs again. */
  private ended(wp: WasiProcess, ending: Ending): void {
    wp.ending = ending;
    this.waiting.delete(wp);
    const p = wp.proc;
    if (ending.signal !== undefined) {
      if (p.state === "running") p.kill(ending.signal);
    } else {
      p.exit(ending.status);
    }
    this.release(wp);
    for (const w of this.waiting) {
      if (w.proc.pid === p.ppid) {
        this.waiting.delete(w);
        w.rewinding = true;
        this.ready.push(w);
      }
    }
  }
}

function sleepDeadline(wp: WasiProcess): bigint {
  const b = wp.blocked;
  return b && b.kind === "sleep" ? b.deadline : 0n;
}
