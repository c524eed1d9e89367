// The supervising side of the watchdog: runs jobs in a worker and stops the
// worker from outside when module code does not return. Browser-safe: the
// worker comes from a WorkerFactory (worker_threads in ./node.ts, a Web
// Worker in the playground), and only timers and Atomics are used here. Where there is no
// SharedArrayBuffer (a page that is not cross-origin isolated) the worker posts its calls
// instead (posted.ts).

import { InFlight, INFLIGHT_BYTES, type FromWorker, type InFlightSnapshot, type ToWorker } from "./protocol.js";
import { HeardInFlight, type Announce } from "./posted.js";

/** The supervisor's handle on one worker. */
export interface WorkerPort<J, R> {
  post(msg: ToWorker<J>): void;
  onMessage(cb: (msg: FromWorker<R>) => void): void;
  /** the worker died (uncaught error, out of memory, exited) */
  onExit(cb: (why: string) => void): void;
  terminate(): void | Promise<unknown>;
  /**
   * The stuck worker's wasm call stack (C function names, innermost first), if the platform
   * can interrupt a running worker and look (Node: the inspector); asked before a lockup's stop.
   */
  stack?(): Promise<string[] | undefined>;
}

export type WorkerFactory<J, R> = () => WorkerPort<J, R>;

export interface JobLimits {
  /** the whole job must finish within this (a runaway program, a slow module) */
  timeMs: number;
  /** one call into module code must return within this (default: the supervisor's) */
  lockupMs?: number;
}

export type JobOutcome<R> =
  | { kind: "done"; value: R; ms: number }
  /** a module call stayed in flight past its limit: the worker was stopped (frames: its wasm stack, if known) */
  | { kind: "lockup"; ms: number; stuckMs: number; inflight: InFlightSnapshot; frames?: string[] }
  /** the job as a whole ran past its time limit: the worker was stopped */
  | { kind: "timeout"; ms: number; inflight: InFlightSnapshot }
  /** the job threw (worker alive) or the worker died */
  | { kind: "failed"; ms: number; message: string };

export interface SupervisorOptions {
  /** default per-call lockup limit, ms (default 2000) */
  lockupMs?: number;
  /** how often the shared record is sampled, ms (default 50) */
  pollMs?: number;
  /** now() in ms (default performance.now) */
  clock?: () => number;
  /**
   * share the record through a SharedArrayBuffer (default: when the platform has one). Without it
   * the worker posts its calls (posted.ts) and a job whose worker falls silent is run again
   * announcing every call, so jobs must be repeatable (the grader's are: a fresh kernel each).
   */
  shared?: boolean;
}

/** What the poll loop reads: the shared record, or the last update a worker posted. */
type Watched = Pick<InFlight, "seq" | "snapshot">;

/** A job's run under one way of watching; "silent": a throttled worker went quiet (run it again). */
type Pass = "shared" | Announce;
type PassOutcome<R> = JobOutcome<R> | { kind: "silent"; ms: number };

/** One worker and the jobs it runs, one at a time. A stopped worker is replaced on the next job. */
export class Supervisor<J, R> {
  private port: WorkerPort<J, R> | null = null;
  private inflight: Watched | null = null;
  private nextId = 1;
  private pending: { id: number; settle: (m: FromWorker<R> | { type: "exit"; why: string }) => void } | null = null;
  private readonly lockupMs: number;
  private readonly pollMs: number;
  private readonly clock: () => number;
  /** true: a SharedArrayBuffer record; false: posted updates (posted.ts) */
  readonly shared: boolean;
  /** how many workers this supervisor has started (1 + restarts) */
  started = 0;
  /** jobs run a second time because their worker fell silent without shared memory */
  replays = 0;

  constructor(private readonly factory: WorkerFactory<J, R>, opts: SupervisorOptions = {}) {
    this.lockupMs = opts.lockupMs ?? 2000;
    this.pollMs = opts.pollMs ?? 50;
    this.clock = opts.clock ?? (() => performance.now());
    this.shared = opts.shared ?? typeof SharedArrayBuffer !== "undefined";
  }

  private ensure(): { port: WorkerPort<J, R>; inflight: Watched } {
    if (this.port && this.inflight) return { port: this.port, inflight: this.inflight };
    const shared = this.shared ? new SharedArrayBuffer(INFLIGHT_BYTES) : undefined;
    const heard = shared ? null : new HeardInFlight();
    const port = this.factory();
    this.started++;
    // a stopped worker may still deliver a message or its exit: only the current one counts
    port.onMessage((msg) => {
      if (this.port !== port || msg.type === "ready") return;
      if (msg.type === "progress") return heard?.heard(msg.inflight);
      if (this.pending && msg.id === this.pending.id) this.pending.settle(msg);
    });
    port.onExit((why) => {
      if (this.port !== port) return;
      this.port = null;
      this.inflight = null;
      this.pending?.settle({ type: "exit", why });
    });
    port.post(shared ? { type: "init", shared } : { type: "init" });
    this.port = port;
    this.inflight = shared ? new InFlight(shared) : heard!;
    return { port, inflight: this.inflight };
  }

  /** Run one job. Never rejects: every way a job can end is an outcome. */
  async run(job: J, limits: JobLimits): Promise<JobOutcome<R>> {
    if (this.pending) throw new Error("Supervisor.run: a job is already running");
    if (this.shared) return (await this.pass(job, limits, "shared")) as JobOutcome<R>;
    const first = await this.pass(job, limits, "throttled");
    if (first.kind !== "silent") return first;
    // the worker went quiet, and which call it is in (if any) was not posted: run the job again on
    // a fresh worker that posts every call, and judge that run as the shared record would be
    this.replays++;
    const again = (await this.pass(job, limits, "every-call")) as JobOutcome<R>;
    return { ...again, ms: again.ms + first.ms };
  }

  private pass(job: J, limits: JobLimits, pass: Pass): Promise<PassOutcome<R>> {
    const { port, inflight } = this.ensure();
    const id = this.nextId++;
    const start = this.clock();
    const callLimit = (s: InFlightSnapshot) => (s.limitMs > 0 ? s.limitMs : limits.lockupMs ?? this.lockupMs);
    return new Promise<PassOutcome<R>>((resolve) => {
      let lastSeq = inflight.seq();
      let lastChange = start;
      let timer: ReturnType<typeof setInterval> | undefined;
      const finish = (o: PassOutcome<R>, stop: boolean) => {
        if (timer !== undefined) clearInterval(timer);
        this.pending = null;
        if (stop) this.stop();
        resolve(o);
      };
      this.pending = {
        id,
        settle: (m) => {
          const ms = this.clock() - start;
          if (m.type === "result") finish({ kind: "done", value: m.value, ms }, false);
          else if (m.type === "error") finish({ kind: "failed", ms, message: m.message }, false);
          else if (m.type === "exit") finish({ kind: "failed", ms, message: `the worker died: ${m.why}` }, true);
        },
      };
      timer = setInterval(() => {
        const now = this.clock();
        const seq = inflight.seq();
        if (seq !== lastSeq) {
          lastSeq = seq;
          lastChange = now;
        } else if (pass === "throttled") {
          // quiet for longer than any call may take: in a call or not, we cannot tell
          const s = inflight.snapshot();
          if (now - lastChange > Math.max(callLimit(s), limits.lockupMs ?? this.lockupMs)) {
            finish({ kind: "silent", ms: now - start }, true);
            return;
          }
        } else {
          const s = inflight.snapshot();
          if (s.active && now - lastChange > callLimit(s)) {
            clearInterval(timer);
            timer = undefined;
            const stuckMs = now - lastChange;
            // where is it stuck? (at most 3 s to find out, then the worker goes anyway)
            const look = port.stack ? withTimeout(port.stack(), 3000) : Promise.resolve(undefined);
            void look.then((frames) => finish({ kind: "lockup", ms: now - start, stuckMs, inflight: s, ...(frames?.length ? { frames } : {}) }, true));
            return;
          }
        }
        if (now - start > limits.timeMs) finish({ kind: "timeout", ms: now - start, inflight: inflight.snapshot() }, true);
      }, this.pollMs);
      port.post({ type: "job", id, job, ...(pass === "shared" ? {} : { announce: pass }) });
    });
  }

  /** Stop the worker (a new one starts with the next job). */
  stop(): void {
    const port = this.port;
    this.port = null;
    this.inflight = null;
    if (port) void port.terminate();
  }

  /** Stop for good. */
  close(): void {
    this.stop();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(undefined), ms);
    p.then((v) => {
      clearTimeout(t);
      resolve(v);
    }, () => {
      clearTimeout(t);
      resolve(undefined);
    });
  });
}
