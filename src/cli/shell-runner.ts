// The command side of `msgslot run` and `msgslot shell`: the shell runs in a
// worker (./shell-worker.ts) under the watchdog. A module call that does not
// return within the lockup limit is a soft lockup, reported as Linux's
// watchdog reports it; a command line that runs past the time limit (a
// program spinning in user space, a sleep) is stopped. Either way the worker
// and its kernel are gone: the next command line gets a fresh kernel.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { nodeWorkerFactory } from "../harness/watchdog/node.js";
import { describeCall, softLockupReport } from "../harness/watchdog/protocol.js";
import { Supervisor } from "../harness/watchdog/supervisor.js";
import { findRepoRoot } from "../toolchain/node.js";
import type { ModuleImage } from "../harness/busybox.js";
import type { ProgramImage } from "../wasi/run.js";

/** One command line (or script) for the worker, with what its kernel can load and run. */
export interface ShellJob {
  text: string;
  /** $? before this line (a fresh worker's shell starts from it) */
  status: number;
  modules: ModuleImage[];
  programs: ProgramImage[];
  /** our stdout is a terminal: the programs' stdout is line-buffered, as on a tty */
  terminal: boolean;
}

export interface ShellReply {
  status: number;
  exited: boolean;
}

/** Output as it happens (posted by the worker next to the watchdog's messages). */
export interface ShellOutput {
  type: "output";
  fd: 1 | 2;
  data: Uint8Array | string;
}

export interface ShellLimits {
  /** a call into module code that has not returned after this long is a soft lockup, ms */
  lockupMs: number;
  /** a command line (a whole `run` script) must finish within this, ms */
  timeMs: number;
}

/** Defaults: 5 s for one module call, 5 minutes for a command line. */
export const DEFAULT_LIMITS: ShellLimits = { lockupMs: 5_000, timeMs: 300_000 };

/** Exit status of a command line that was stopped: 137 after a soft lockup (SIGKILL), 124 after the time limit (as timeout(1)). */
export const LOCKUP_STATUS = 137, TIMEOUT_STATUS = 124;

function workerScript(): URL {
  const here = new URL("./shell-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = join(findRepoRoot(), "dist/cli/shell-worker.js");
  if (!existsSync(built)) throw new Error(`the shell worker is not built (${built}): run npm run build`);
  return pathToFileURL(built);
}

export class ShellRunner {
  private readonly sup: Supervisor<ShellJob, ShellReply>;
  exited = false;
  /** $? */
  status = 0;

  constructor(
    private readonly images: { modules: Map<string, ModuleImage>; programs: Map<string, ProgramImage> },
    private readonly limits: ShellLimits,
    private readonly write: (fd: 1 | 2, data: Uint8Array | string) => void,
    /** the output goes to a terminal (programs see a tty) rather than a pipe or a file */
    private readonly terminal = false,
  ) {
    const base = nodeWorkerFactory<ShellJob, ShellReply>(workerScript());
    this.sup = new Supervisor<ShellJob, ShellReply>(() => {
      const port = base();
      port.onMessage((m) => {
        const out = m as unknown as ShellOutput;
        if (out.type === "output") write(out.fd, typeof out.data === "string" ? out.data : new Uint8Array(out.data));
      });
      return port;
    }, { lockupMs: limits.lockupMs });
  }

  /** Run one command line (or a script); returns its status ($?). */
  async run(text: string): Promise<number> {
    return (this.status = await this.runJob(text));
  }

  private async runJob(text: string): Promise<number> {
    const job: ShellJob = { text, status: this.status, modules: [...this.images.modules.values()], programs: [...this.images.programs.values()], terminal: this.terminal };
    const o = await this.sup.run(job, { timeMs: this.limits.timeMs, lockupMs: this.limits.lockupMs });
    switch (o.kind) {
      case "done":
        this.exited = o.value.exited;
        return o.value.status;
      case "lockup": {
        const module = [...this.images.modules.keys()][0];
        const report = softLockupReport(o.inflight, o.stuckMs, module);
        this.write(2, report.map((l) => `[${(o.ms / 1000).toFixed(6).padStart(12)}] ${l}\n`).join(""));
        this.write(2, `msgslot: ${o.inflight.comm || "a process"} was stuck in the module for ${(o.stuckMs / 1000).toFixed(1)} s: the kernel was stopped; the next command line gets a fresh one\n`);
        return LOCKUP_STATUS;
      }
      case "timeout":
        this.write(2, `msgslot: stopped after ${(o.ms / 1000).toFixed(1)} s, the time limit of a command line` +
          `${o.inflight.active ? ` (in ${describeCall(o.inflight)})` : ""}: the kernel was stopped; the next command line gets a fresh one\n`);
        return TIMEOUT_STATUS;
      case "failed":
        this.write(2, `msgslot: the emulator failed: ${o.message.split("\n")[0]}\n`);
        return 1;
    }
  }

  close(): void {
    this.sup.close();
  }
}
