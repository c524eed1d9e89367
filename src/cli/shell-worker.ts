// The worker of `msgslot run` and `msgslot shell` (worker_threads): the
// emulated machine and its shell run here, so that a module call or a program
// that never returns blocks this thread only; the command's thread watches it
// (src/harness/watchdog) and stops it. Each syscall a process makes is
// published, so a stuck one is reported by name (a soft lockup).

import { parentPort } from "node:worker_threads";
import { parentEndpoint } from "../harness/watchdog/node.js";
import { serveJobs } from "../harness/watchdog/serve.js";
import { Call, type CallPublisher } from "../harness/watchdog/protocol.js";
import { Shell } from "../harness/shell/shell.js";
import { Machine } from "../process/machine.js";
import { Process } from "../process/process.js";
import type { UserMemory } from "../kernel/task.js";
import type { FdTable } from "../process/fd-table.js";
import type { ShellJob, ShellOutput, ShellReply } from "./shell-runner.js";

/** A machine whose processes publish each syscall into the watchdog's shared record. */
class PublishingMachine extends Machine {
  publisher: CallPublisher | null = null;

  // spawned and forked processes alike
  override createProcess(pid: number, comm: string, memory: UserMemory, fds: FdTable, ppid: number): Process {
    return new PublishingProcess(this, pid, comm, memory, fds, ppid);
  }
}

class PublishingProcess extends Process {
  constructor(private readonly pm: PublishingMachine, pid: number, comm: string, memory: UserMemory, fds?: Process["fds"], ppid = 0) {
    super(pm, pid, comm, memory, fds, ppid);
  }

  private around<T>(call: Call, path: string, a: number, b: number, c: number, fn: () => T): T {
    const pub = this.pm.publisher;
    pub?.enter(call, this.pid, this.comm, path, a, b, c);
    try {
      return fn();
    } finally {
      pub?.leave();
    }
  }

  private path(fd: number): string {
    return this.fds.get(fd)?.file.node.path ?? "";
  }

  override open(path: string, flags: number): number {
    return this.around(Call.Open, path, flags, 0, 0, () => super.open(path, flags));
  }
  override close(fd: number): number {
    return this.around(Call.Close, this.path(fd), fd, 0, 0, () => super.close(fd));
  }
  override read(fd: number, buf: number, count: number): number {
    return this.around(Call.Read, this.path(fd), fd, buf, count, () => super.read(fd, buf, count));
  }
  override write(fd: number, buf: number, count: number): number {
    return this.around(Call.Write, this.path(fd), fd, buf, count, () => super.write(fd, buf, count));
  }
  override ioctl(fd: number, cmd: number, arg: number): number {
    return this.around(Call.Ioctl, this.path(fd), fd, cmd, arg, () => super.ioctl(fd, cmd, arg));
  }
  override exit(status = 0): void {
    if (this.state !== "running") return;
    this.around(Call.Exit, "", status, 0, 0, () => super.exit(status));
  }
}

let machine: PublishingMachine | null = null;
let shell: Shell | null = null;

const output = (fd: 1 | 2, data: Uint8Array | string) => {
  const msg: ShellOutput = { type: "output", fd, data: typeof data === "string" ? data : data.slice() };
  parentPort!.postMessage(msg);
};

serveJobs<ShellJob, ShellReply>(parentEndpoint(), (job, inflight) => {
  if (!shell || !machine) {
    machine = new PublishingMachine();
    shell = new Shell({
      machine,
      modules: new Map(job.modules.map((m) => [m.name, m])),
      programs: new Map(job.programs.map((p) => [p.name, p])),
      write: output,
      terminal: job.terminal,
    });
    shell.status = job.status;
  }
  machine.publisher = inflight;
  const status = shell.execute(job.text);
  return { status, exited: shell.exited };
});
