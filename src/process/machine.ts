// A machine: one kernel and its processes (pid allocation, the process list).

import { Kernel, type KernelOptions } from "../kernel/kernel.js";
import { ScriptedMemory, type UserMemory } from "../kernel/task.js";
import { Process, type ProcessHost } from "./process.js";

export class Machine implements ProcessHost {
  readonly kernel: Kernel;
  readonly processes = new Map<number, Process>();
  private pid = 1;

  constructor(opts: KernelOptions = {}) {
    this.kernel = new Kernel(opts);
  }

  nextPid(): number {
    return ++this.pid;
  }

  adopt(p: Process): void {
    this.processes.set(p.pid, p);
  }

  reap(p: Process): void {
    this.processes.delete(p.pid);
  }

  /** A new process with its own memory (scripted memory at USER_BASE by default). */
  spawn(comm: string, memory: UserMemory = new ScriptedMemory()): Process {
    const p = new Process(this, this.nextPid(), comm, memory);
    this.adopt(p);
    return p;
  }
}
