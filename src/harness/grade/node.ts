// Grading on Node: builds and tests of all submissions are jobs. The builds
// run in order in a process of their own (build-process.ts: V8's Liftoff
// only, the one place the compiler and binaryen are loaded, once per batch), a
// few submissions ahead of the tests. The tests run in `jobs` worker threads,
// each under a watchdog Supervisor, which take the earliest built
// submission's next test, so submissions finish in order while every core
// stays busy. A test whose module code does not return is a soft lockup: its
// worker is stopped and the next job gets a fresh one.

import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { findRepoRoot } from "../../toolchain/node.js";
import { nodeWorkerFactory } from "../watchdog/node.js";
import { describeCall, softLockupReport, stuckFunction } from "../watchdog/protocol.js";
import { Supervisor, type JobOutcome } from "../watchdog/supervisor.js";
import { BuildProcess } from "./build-process.js";
import { readSubmission, type SubmissionInput } from "./input.js";
import type { GradeJob, GradeResult } from "./jobs.js";
import { DEFAULT_TIME_MS, type TestDef } from "./suite-defs.js";
import { runnableTests, scoreSubmission, stoppedRun, type InstructorScoring } from "./suite.js";
import type { InstructorTest } from "./instructor.js";
import { VARIANT_INFO, type BuildReport, type SubmissionReport, type TestRun, type VariantName } from "./types.js";

export interface GradeOptions {
  variant: VariantName;
  /** worker threads running tests (default: os.availableParallelism()); the builds run in a process of their own */
  jobs?: number;
  /** a call into the module that does not return within this is a soft lockup, ms (default 2000) */
  lockupMs?: number;
  /** multiplies every test's time limit (default 1) */
  timeScale?: number;
  /** channels of the 2^20-channel test (default 2^20) */
  channels?: number;
  /** run only these tests (ids); the others are reported as not run */
  only?: string[];
  /** an instructor's tests (--tests DIR) and the programs they run, by name */
  instructor?: InstructorScoring & { programs: Record<string, Uint8Array> };
  onEvent?: (e: GradeEvent) => void;
}

/** An instructor's test as the pool sees a test: its id, its time limit; it never counts as a crash. */
function instructorDef(t: InstructorTest): TestDef {
  return { id: t.id, name: t.name, weight: t.points, kind: "extra", description: "", crashCounts: false, ...(t.timeMs ? { timeMs: t.timeMs } : {}) };
}

export type GradeEvent =
  | { type: "start"; index: number; input: SubmissionInput }
  | { type: "built"; index: number; input: SubmissionInput; build: BuildReport }
  | { type: "test"; index: number; input: SubmissionInput; test: string; passed: boolean; run: TestRun }
  | { type: "done"; index: number; input: SubmissionInput; report: SubmissionReport };

/** A script beside this one, from dist/harness/grade/ (also when this file runs from src/ under vitest). */
function gradeScript(file: string, what: string): URL {
  const here = new URL(`./${file}`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = join(findRepoRoot(), "dist/harness/grade", file);
  if (!existsSync(built)) throw new Error(`${what} is not built (${built}): run npm run build`);
  return pathToFileURL(built);
}

/** The worker script: dist/harness/grade/worker.js. */
export function workerScript(): URL {
  return gradeScript("worker.js", "the grading worker");
}

/** The build process's script: dist/harness/grade/build-child.js. */
export function buildScript(): URL {
  return gradeScript("build-child.js", "the grader's build process");
}

interface Task {
  sub: number;
  order: number;
  job: GradeJob;
  timeMs: number;
  def?: TestDef;
}

interface SubState {
  input: SubmissionInput;
  start: number;
  build?: BuildReport;
  error?: string;
  findings: string[];
  pending: number;
  runs: TestRun[];
  done: boolean;
}

const BUILD_TIME_MS = 300_000;
/** built submissions waiting for their tests before the builder pauses (their artifacts stay in memory) */
const BUILD_AHEAD = 4;

export async function gradeSubmissions(inputs: SubmissionInput[], opts: GradeOptions): Promise<SubmissionReport[]> {
  const variant = VARIANT_INFO[opts.variant];
  const scale = opts.timeScale ?? 1;
  const channels = opts.channels ?? 1 << 20;
  const instructor = opts.instructor;
  const tests = instructor?.only ? [] : runnableTests(opts.variant).filter((t) => !opts.only || opts.only.includes(t.id));
  const itests = instructor?.tests ?? [];
  const poolSize = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), Math.max(1, inputs.length * (tests.length + itests.length))));
  const factory = nodeWorkerFactory<GradeJob, GradeResult>(workerScript());
  const supervisor = () => new Supervisor<GradeJob, GradeResult>(factory, { lockupMs: opts.lockupMs ?? 2000 });
  // a worker or the build process starts on its first job: a pool with nothing to test starts none
  const builder = new BuildProcess(buildScript());
  const pool = Array.from({ length: poolSize }, supervisor);
  const subs: SubState[] = inputs.map((input) => ({ input, start: 0, findings: [], pending: 0, runs: [], done: false }));
  const reports: SubmissionReport[] = new Array(inputs.length);
  const builds: Task[] = [];
  const ready: Task[] = [];
  // the race explorer's build is made with the module's, in the builder (where binaryen is loaded)
  const raceBuild = tests.some((t) => t.raceBuild);
  const emit = (e: GradeEvent) => opts.onEvent?.(e);
  // the builder and idle test workers wait on this: notified when tests are queued, a submission
  // is done (room to build ahead) and when the last build is over
  const changed = new Wakeup();

  const finish = (i: number) => {
    const s = subs[i];
    if (s.done) return;
    s.done = true;
    const build: BuildReport = s.build ?? { root: "", files: [], units: [], findings: [], artifacts: { key: "", moduleName: "message_slot", programs: {} }, ms: 0 };
    build.findings = [...s.findings, ...build.findings];
    const report = scoreSubmission({
      submission: s.input.name, variant, build, runs: s.runs, seconds: (performance.now() - s.start) / 1000,
      ...(s.error ? { error: s.error } : {}), ...(opts.only ? { only: opts.only } : {}),
      ...(instructor ? { instructor: { tests: instructor.tests, only: instructor.only, ...(instructor.expected ? { expected: instructor.expected } : {}) } } : {}),
    });
    reports[i] = report;
    emit({ type: "done", index: i, input: s.input, report });
    changed.notify();
  };

  // read every input first (cheap), queue their builds
  for (let i = 0; i < subs.length; i++) {
    const s = subs[i];
    s.start = performance.now();
    const read = await readSubmission(s.input);
    s.findings.push(...read.findings);
    if (read.error) s.error = read.error;
    else builds.push({ sub: i, order: 0, job: { type: "build", files: read.files, variant: opts.variant, ...(raceBuild ? { raceBuild } : {}) }, timeMs: BUILD_TIME_MS });
  }

  // a submission's tests by time limit, longest first (the 2^20-channel test, then the race
  // explorer's and the other 60-second ones): while one worker runs the long test, the others
  // take the rest, and the last submission of a batch does not end on one long test alone
  const testOrder: number[] = new Array(tests.length);
  tests
    .map((def, k) => ({ k, limit: def.timeMs ?? DEFAULT_TIME_MS }))
    .sort((a, b) => b.limit - a.limit || a.k - b.k)
    .forEach(({ k }, rank) => (testOrder[k] = rank + 1));

  const queueTests = (i: number) => {
    const s = subs[i];
    // the instructor's programs beside the submission's, for every test (one artifacts key, one set)
    const art = instructor ? { ...s.build!.artifacts, programs: { ...s.build!.artifacts.programs, ...instructor.programs } } : s.build!.artifacts;
    if (!art.module) {
      // nothing to run: every test fails with the build's reason
      for (const def of [...tests, ...itests.map(instructorDef)]) s.runs.push(stoppedRun(def, { message: "the module did not build", ms: 0 }));
      return;
    }
    itests.forEach((t, k) => {
      s.pending++;
      const def = instructorDef(t);
      const timeMs = (def.timeMs ?? DEFAULT_TIME_MS) * scale;
      ready.push({ sub: i, order: tests.length + k + 1, def, job: { type: "itest", test: t, variant: opts.variant, artifacts: art }, timeMs });
    });
    tests.forEach((def, k) => {
      s.pending++;
      const timeMs = (def.timeMs ?? DEFAULT_TIME_MS) * scale;
      ready.push({ sub: i, order: testOrder[k]!, def, job: { type: "test", test: def.id, variant: opts.variant, artifacts: art, channels, timeMs }, timeMs });
    });
  };

  const take = (): Task | undefined => {
    if (ready.length === 0) return undefined;
    let best = 0;
    for (let k = 1; k < ready.length; k++) {
      const a = ready[k], b = ready[best];
      if (a.sub < b.sub || (a.sub === b.sub && a.order < b.order)) best = k;
    }
    return ready.splice(best, 1)[0];
  };

  const onTest = (t: Task, o: JobOutcome<GradeResult>) => {
    const s = subs[t.sub];
    const def = t.def!;
    let run: TestRun;
    if (o.kind === "done" && o.value.type === "test") run = o.value.run;
    else if (o.kind === "lockup") {
      const lines = softLockupReport(o.inflight, o.stuckMs, s.build?.artifacts.moduleName, o.frames);
      const func = stuckFunction(o.frames);
      run = stoppedRun(def, { lockup: { lines, syscall: describeCall(o.inflight) + (func ? ` in ${func}` : ""), stuckMs: o.stuckMs }, ms: o.ms });
    } else if (o.kind === "timeout") {
      run = stoppedRun(def, { timedOut: true, message: o.inflight.active ? `in ${describeCall(o.inflight)}` : undefined, ms: o.ms });
    } else run = stoppedRun(def, { message: o.kind === "failed" ? o.message.split("\n")[0] : "unexpected result", ms: o.ms });
    s.runs.push(run);
    emit({ type: "test", index: t.sub, input: s.input, test: def.id, passed: run.passed && !run.lockup && !run.timedOut, run });
    if (--s.pending === 0) finish(t.sub);
  };

  const onBuild = (t: Task, o: JobOutcome<GradeResult>) => {
    const s = subs[t.sub];
    if (o.kind === "done" && o.value.type === "build") {
      s.build = o.value.report;
      emit({ type: "built", index: t.sub, input: s.input, build: s.build });
      queueTests(t.sub);
      changed.notify();
      if (s.pending === 0) finish(t.sub);
    } else {
      s.error = `the build did not finish: ${o.kind === "failed" ? o.message.split("\n")[0] : o.kind}`;
      finish(t.sub);
    }
  };

  // the builder: every build in submission order, at most BUILD_AHEAD built submissions waiting
  let buildsLeft = builds.length;
  const waiting = () => subs.filter((s) => s.build && !s.done).length;
  const buildAll = async () => {
    try {
      for (const t of builds) {
        while (waiting() >= BUILD_AHEAD) await changed.wait();
        const s = subs[t.sub];
        s.start = performance.now();
        emit({ type: "start", index: t.sub, input: s.input });
        onBuild(t, await builder.run(t.job, { timeMs: t.timeMs }));
        buildsLeft--;
      }
    } finally {
      buildsLeft = 0;
      changed.notify();
    }
  };

  // only a build queues tests: a test worker with nothing to take waits while builds are left
  const tester = async (sup: Supervisor<GradeJob, GradeResult>) => {
    for (;;) {
      const t = take();
      if (!t) {
        if (buildsLeft === 0) return;
        await changed.wait();
        continue;
      }
      onTest(t, await sup.run(t.job, { timeMs: t.timeMs }));
    }
  };

  for (let i = 0; i < subs.length; i++) if (subs[i].error) finish(i);
  try {
    await Promise.all([buildAll(), ...pool.map(tester)]);
  } finally {
    for (const sup of pool) sup.close();
    await builder.close();
  }
  for (let i = 0; i < subs.length; i++) if (!subs[i].done) finish(i);
  return reports;
}

/** Wakes every waiter at once; a waiter checks its condition again (nothing is lost: JavaScript
 *  runs the check and the wait() after it without anything in between). */
class Wakeup {
  private waiters: (() => void)[] = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notify(): void {
    const woken = this.waiters;
    this.waiters = [];
    for (const w of woken) w();
  }
}
