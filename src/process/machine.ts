// A machine: one kernel and its processes (pid allocation, the process list,
// zombies until their parent waits), and its virtual clock.

import { Kernel, type KernelOptions } from "../kernel/kernel.js";
import { ScriptedMemory, type UserMemory } from "../kernel/task.js";
import { VirtualClock } from "./clock.js";
import { FdTable } from "./fd-table.js";
import { Process, type ProcessHost } from "./process.js";
import { doWait, type WaitOutcome } from "./wait.js";

/** RLIMIT_NPROC of the sandbox: processes (zombies included) a machine holds at once; fork fails
 *  with EAGAIN beyond it, as copy_process does over the limit. */
export const DEFAULT_MAX_PROCESSES = 64;

/** pid 1: the parent orphans are given to (forget_original_parent), which reaps them at once. */
export const INIT_PID = 1;

export interface MachineOptions extends KernelOptions {
  maxProcesses?: number;
}

export class Machine implements ProcessHost {
  readonly kernel: Kernel;
  /** live processes and zombies (dead, not yet waited for), by pid, oldest first */
  readonly processes = new Map<number, Process>();
  readonly clock = new VirtualClock();
  readonly maxProcesses: number;
  private pid = 1;

  constructor(opts: MachineOptions = {}) {
    // the kernel's clock (printk times, ktime_get) is the machine's: a sleep moves both
    const { maxProcesses, ...kernelOpts } = opts;
    this.kernel = new Kernel({ ...kernelOpts, clock: opts.clock ?? (() => this.clock.seconds()) });
    this.maxProcesses = maxProcesses ?? DEFAULT_MAX_PROCESSES;
    this.clock.onJump = () => this.kernel.tick();
  }

  nextPid(): number {
    return ++this.pid;
  }

  adopt(p: Process): void {
    this.processes.set(p.pid, p);
  }

  /**
   * A process died (exit_notify): its children go to init (a dead one is released at once), and it
   * stays a zombie while a live parent may wait for it; with none, it is released now.
   */
  reap(p: Process): void {
    for (const c of this.processes.values()) {
      if (c.ppid !== p.pid) continue;
      c.ppid = INIT_PID;
      if (c.state !== "running") this.processes.delete(c.pid);
    }
    const parent = this.processes.get(p.ppid);
    if (!parent || parent.state !== "running") this.processes.delete(p.pid);
  }

  /** wait4 for `caller` (wait.ts); a reaped zombie leaves the process list. */
  wait(caller: Process, pid: number, options: number): WaitOutcome {
    return doWait(caller, this.processes.values(), pid, options, (z) => this.processes.delete(z.pid));
  }

  /** copy_process's RLIMIT_NPROC check: may one more process exist? */
  canFork(): boolean {
    return this.processes.size < this.maxProcesses;
  }

  /** A new process with its own memory (scripted memory at USER_BASE by default). */
  spawn(comm: string, memory: UserMemory = new ScriptedMemory()): Process {
    const p = this.createProcess(this.nextPid(), comm, memory, new FdTable(), 0);
    this.adopt(p);
    return p;
  }

  /** The Process object of a new pid (spawn and fork); a subclass may watch its syscalls. */
  createProcess(pid: number, comm: string, memory: UserMemory, fds: FdTable, ppid: number): Process {
    return new Process(this, pid, comm, memory, fds, ppid);
  }
}
