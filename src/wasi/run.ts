// Run a compiled user program (wasm32-wasip1) as a process of the emulated
// machine (DESIGN.md section 6, docs/design-changes.md "user programs with
// fork"). @bjorn3/browser_wasi_shim is the WASI implementation; device fds
// are routed around it, to the kernel, with the program's own pointers:
// read/write/ioctl see real user addresses. A program that forks runs with its
// children under scheduler.ts until all of them have ended.
//
// The program sees only /dev (a preopen backed by the kernel's VFS), its
// argv, the environment it is given (nothing of the host's) and stdin.

import { ConsoleStdout, File, OpenFile as ShimOpenFile } from "@bjorn3/browser_wasi_shim";
import type { Machine } from "../process/machine.js";
import { OpenFile } from "../process/open-file.js";
import { DevPreopen, PipeOutput } from "./device-fd.js";
import { HostStreamFile } from "./host-file.js";
import { Collector } from "./output.js";
import { Scheduler } from "./scheduler.js";

export { ProgramLoadError, SIGSEGV, SIGSYS, type ProgramImage } from "./wasi-process.js";
import type { ProgramImage } from "./wasi-process.js";

export interface RunRequest {
  machine: Machine;
  program: ProgramImage;
  /** argv[0] included; a Uint8Array argument is passed as raw bytes (argv is bytes on Linux) */
  argv: (string | Uint8Array)[];
  env?: string[];
  stdin?: Uint8Array;
  /** called as output arrives (the playground's terminal); the result has it all too */
  onStdout?: (bytes: Uint8Array) => void;
  onStderr?: (bytes: Uint8Array) => void;
  /** stdout and stderr are a terminal (isatty; stdout line-buffered), as in an interactive shell.
   *  Default: pipes, as when a grader captures them (stdout fully buffered, flushed at exit). */
  terminal?: boolean;
  /** system(3): runs a command line in msgslot's shell and returns its exit status (the
   *  harness injects it; without it, system() reports status 127, no shell) */
  system?: (command: string) => number;
}

export interface RunResult {
  /** exit status as a shell shows it: the code, or 128 + signal */
  status: number;
  /** the signal that killed it (SIGKILL after an oops, SIGSEGV after a trap) */
  signal?: number;
  /** everything the program and its children wrote */
  stdout: Uint8Array;
  stderr: Uint8Array;
  pid: number;
  /** why it died, for reports */
  reason?: string;
}

export function runProgram(req: RunRequest): RunResult {
  const out = new Collector(req.onStdout);
  const err = new Collector(req.onStderr);
  const fds = [
    new ShimOpenFile(new File(req.stdin ?? new Uint8Array(0))),
    req.terminal ? new ConsoleStdout((b) => out.push(b)) : new PipeOutput((b) => out.push(b)),
    req.terminal ? new ConsoleStdout((b) => err.push(b)) : new PipeOutput((b) => err.push(b)),
    new DevPreopen(),
  ];
  const argv = req.argv.map((a) => (typeof a === "string" ? new TextEncoder().encode(a) : a));
  const scheduler = new Scheduler({ machine: req.machine, program: req.program, argv, env: req.env ?? [], fds, ...(req.system ? { system: req.system } : {}) });
  const first = scheduler.instantiate(fds);
  const arg0 = req.argv[0];
  const proc = req.machine.spawn(basename(typeof arg0 === "string" ? arg0 : req.program.name), first.memory);
  first.proc = proc;
  // the kernel's fds 0-2 are the shim's stdio; 3 is left free (the /dev preopen is virtual, imports.ts)
  for (const name of ["stdin", "stdout", "stderr"]) proc.fds.install(proc.fds.lowestFree(), new OpenFile(new HostStreamFile(name, req.terminal === true && name !== "stdin")));

  const ending = scheduler.run(first);
  return {
    status: ending.signal !== undefined ? 128 + ending.signal : ending.status & 0xff,
    ...(ending.signal !== undefined ? { signal: ending.signal } : {}),
    stdout: out.bytes(),
    stderr: err.bytes(),
    pid: proc.pid,
    ...(ending.reason !== undefined ? { reason: ending.reason } : {}),
  };
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1) || p;
}
