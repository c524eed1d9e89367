// The grader's builds run in a Node process of their own (build-child.ts), with V8's Liftoff
// compiler only (--liftoff-only). clang is 72 MB of wasm that a batch runs a few dozen times:
// TurboFan's tier-up of its hot functions costs more background CPU than it saves (measured on
// 20 compiles of the reference: 19 s of CPU with tier-up, 12 s without, the compiling thread's
// own time the same), and binaryen (LP64 lowering, the race build) likewise. V8's flags are the
// process's, so the tests, whose module code does gain from TurboFan, stay in worker threads.
// A build makes no module calls, so no watchdog record: a build that runs past its time limit,
// or a process that dies, is an outcome like a worker's (JobOutcome).

import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { InFlight } from "../watchdog/protocol.js";
import type { JobOutcome } from "../watchdog/supervisor.js";
import type { GradeJob, GradeResult } from "./jobs.js";

/** no module call in flight (a build makes none) */
const IDLE = new InFlight(new ArrayBuffer(1024)).snapshot();

/** The V8 flags of the build process (besides the parent's own). */
export const BUILD_PROCESS_FLAGS = ["--liftoff-only"];

export interface BuildRequest {
  id: number;
  job: GradeJob;
}

export type BuildReply = { id: number; type: "result"; value: GradeResult } | { id: number; type: "error"; message: string };

/** One build process, started on the first job and again after one was stopped; one job at a time. */
export class BuildProcess {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private settle: ((m: BuildReply | { type: "exit"; why: string }) => void) | null = null;

  constructor(private readonly script: URL) {}

  private ensure(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(fileURLToPath(this.script), [], {
      execArgv: [...process.execArgv, ...BUILD_PROCESS_FLAGS],
      // Uint8Arrays (sources, wasm) cross as they are
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child.on("message", (m: BuildReply) => {
      if (this.child === child) this.settle?.(m);
    });
    const died = (why: string) => {
      if (this.child !== child) return;
      this.child = null;
      this.settle?.({ type: "exit", why });
    };
    child.on("exit", (code, signal) => died(signal ? `killed by ${signal}` : `exited with status ${code}`));
    child.on("error", (e) => died(e.message));
    this.child = child;
    return child;
  }

  /** Run one build job. Never rejects: every way a job can end is an outcome. */
  run(job: GradeJob, limits: { timeMs: number }): Promise<JobOutcome<GradeResult>> {
    if (this.settle) throw new Error("BuildProcess.run: a job is already running");
    const child = this.ensure();
    const id = this.nextId++;
    const start = performance.now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        finish({ kind: "timeout", ms: performance.now() - start, inflight: IDLE });
        this.stop();
      }, limits.timeMs);
      const finish = (o: JobOutcome<GradeResult>) => {
        clearTimeout(timer);
        this.settle = null;
        resolve(o);
      };
      this.settle = (m) => {
        const ms = performance.now() - start;
        if (m.type === "exit") finish({ kind: "failed", ms, message: `the build process died: ${m.why}` });
        else if (m.id !== id) return;
        else if (m.type === "result") finish({ kind: "done", value: m.value, ms });
        else finish({ kind: "failed", ms, message: m.message });
      };
      child.send({ id, job } satisfies BuildRequest);
    });
  }

  /** Stop the process (a new one starts with the next job). */
  stop(): void {
    const child = this.child;
    this.child = null;
    child?.kill();
  }

  /** Let the process end (it exits when its channel closes; killed if it has not within 5 s). */
  close(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.disconnect();
    });
  }
}
