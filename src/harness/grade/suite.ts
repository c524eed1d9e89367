// The grading suite: which tests a variant has, running one test on a fresh
// kernel, and turning the runs into scored results (the course's key as
// weights, msgslot's extra tests as advisory). Browser-safe: the watchdog,
// workers, files and zips are the caller's business.

import { ProcessKilled } from "../../process/process.js";
import { formatDiagnostic } from "../../toolchain/index.js";
import type { CallPublisher } from "../watchdog/protocol.js";
import { describeOops, Session, TestAbort, type Loaded } from "./session.js";
import { DEFAULT_TIME_MS, emptyRun, type SuiteContext, type TestDef } from "./suite-defs.js";
import { COURSE_TESTS, MODULE_EXTRAS } from "./suite-module.js";
import { CENSOR_TESTS, FAULT_TEST, MEMORY_TESTS } from "./suite-memory.js";
import { PROGRAM_TESTS, PROGRAMS_LINUX } from "./suite-programs.js";
import { probeable, probeUninit } from "./uninit.js";
import type { BuildReport, SubmissionReport, TestResult, TestRun, Variant, VariantName } from "./types.js";
import type { Expected, InstructorTest } from "./instructor.js";
import { judgeInstructorTest } from "./instructor-run.js";

/** An instructor's tests (--tests DIR) in a grade: after the built-in suite, or (only) instead of it. */
export interface InstructorScoring {
  tests: InstructorTest[];
  /** by test id; absent while recording them (--record) */
  expected?: Map<string, Expected>;
  /** --only-tests: the built-in suite is left out */
  only: boolean;
}

export type { SuiteContext, TestDef, ProgramCase } from "./suite-defs.js";

/** A test computed from the build or from the other tests' runs. */
export interface DerivedDef {
  id: string;
  name: string;
  weight: number;
  kind: "course" | "extra";
  description: string;
  variants?: VariantName[];
  verdict: (input: { build: BuildReport; runs: Map<string, TestRun>; variant: Variant }) => { passed: boolean; output: string[] };
}

export type SuiteItem = { type: "run"; def: TestDef } | { type: "derived"; def: DerivedDef };

const MAX_LIST = 8;


/**
 * The findings of all runs, each the same finding once (addresses and pids aside) with the
 * tests it happened in: "BUG: double free ... (in 12 tests: write then read back, ...)".
 */
function named(runs: Map<string, TestRun>, byId: Map<string, string>, pick: (r: TestRun) => string[]): string[] {
  const groups = new Map<string, { first: string; tests: string[] }>();
  for (const r of runs.values()) {
    for (const line of pick(r)) {
      const key = line.replace(/0x[0-9a-f]+|\b[0-9a-f]{8}\b/g, "ADDR").replace(/\[\d+\]/g, "[PID]").replace(/\d+/g, "N");
      const g = groups.get(key) ?? { first: line, tests: [] };
      const name = byId.get(r.id) ?? r.id;
      if (!g.tests.includes(name)) g.tests.push(name);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map(({ first, tests }) =>
    tests.length === 1 ? `${tests[0]}: ${first}` : `${first} (in ${tests.length} tests: ${tests.slice(0, 4).join("; ")}${tests.length > 4 ? "; ..." : ""})`);
}

function capped(lines: string[]): string[] {
  return lines.length > MAX_LIST ? [...lines.slice(0, MAX_LIST), `... and ${lines.length - MAX_LIST} more`] : lines;
}

/** Test names by id, for messages that say where something happened (filled below). */
const NAME_OF = new Map<string, string>();

const CRASH: DerivedDef = {
  id: "crash", name: "kernel crash", weight: 35, kind: "course",
  description: "no test oopses the kernel or locks it up (soft lockup), loading and unloading the module without using it included; fault injection (kmalloc failure) is judged on its own",
  verdict({ build, runs }) {
    if (!build.artifacts.module) return { passed: false, output: ["the module did not build: nothing could be tested"] };
    const lines = named(runs, NAME_OF, (r) => (r.crashCounts ? [...r.oopses.map(describeOops), ...(r.lockup ? [r.lockup.lines[0] + ` in ${r.lockup.syscall}`] : [])] : []));
    if (lines.length) return { passed: false, output: ["the kernel crashed:", ...capped(lines)] };
    if (runs.size > 0 && ![...runs.values()].some((r) => r.loaded)) {
      // no crash because nothing ran: not a pass
      const why = [...runs.values()].flatMap((r) => r.failures).find((f) => f.startsWith("insmod")) ?? "insmod failed";
      return { passed: false, output: [`the module could not be loaded: nothing could be tested (${why})`] };
    }
    return { passed: true, output: [] };
  },
};

const HEAP: DerivedDef = {
  id: "heap", name: "no heap corruption", weight: 0, kind: "extra",
  description: "no test writes past a kmalloc'd object (red zones: also past the requested size inside the size class, which Linux leaves silent), into freed memory, copies to or from a freed object, indexes an array out of bounds, frees twice or frees a bad pointer; each report names the object, where it was allocated and the call that did it",
  verdict({ build, runs }) {
    if (!build.artifacts.module) return { passed: false, output: ["the module did not build"] };
    const lines = named(runs, NAME_OF, (r) => [
      ...r.heap.map((h) => `${h.title}, found after ${h.syscall}${detail(h.lines)}`),
      ...r.oopses.filter((o) => o.heap).map(describeOops),
    ]);
    return lines.length ? { passed: false, output: capped(lines) } : { passed: true, output: [] };
  },
};

/** The "allocated in" line of a SLUB report. */
function detail(lines: string[]): string {
  const obj = lines.find((l) => /^INFO: (Object|Allocated)/.test(l) || /^Allocated in/.test(l));
  const freed = lines.find((l) => /Freed in/.test(l));
  const first = lines.find((l) => /First byte/.test(l));
  return [first, obj, freed].filter(Boolean).map((l) => `; ${l!.replace(/^INFO: /, "")}`).join("");
}

const UNINIT: DerivedDef = {
  id: "uninit", name: "no use of uninitialised kmalloc memory", weight: 0, kind: "extra",
  description: "every test gives the same results when new kmalloc'd memory holds garbage (0x5a) instead of the zeros Debian's init_on_alloc gives; a difference names the allocation site",
  verdict({ build, runs }) {
    if (!build.artifacts.module) return { passed: false, output: ["the module did not build"] };
    const lines = named(runs, NAME_OF, (r) => r.uninit ?? []);
    return lines.length ? { passed: false, output: capped(lines) } : { passed: true, output: [] };
  },
};

const USERPTR: DerivedDef = {
  id: "user-pointers", name: "user memory only through copy_*_user", weight: 0, kind: "extra",
  description: "no test finds the module dereferencing a __user pointer (an SMAP page fault: user memory accessed without copy_from_user/copy_to_user)",
  verdict({ build, runs }) {
    if (!build.artifacts.module) return { passed: false, output: ["the module did not build"] };
    const lines = named(runs, NAME_OF, (r) => r.oopses.filter((o) => o.userPointer).map(describeOops));
    return lines.length ? { passed: false, output: capped(lines) } : { passed: true, output: [] };
  },
};

const MODULE_WARNINGS: DerivedDef = {
  id: "module-warnings", name: "module compiles without warnings", weight: 0, kind: "extra",
  description: "message_slot.c compiles without warnings (-Wall, as Kbuild builds it)",
  verdict({ build }) {
    const unit = build.units.find((u) => u.name === "module");
    if (!unit) return { passed: false, output: ["no module was built"] };
    if (!unit.ok) return { passed: false, output: ["the module does not compile:", ...capped(unit.diagnostics.filter((d) => d.severity !== "note").map(formatDiagnostic))] };
    const w = unit.diagnostics.filter((d) => d.severity === "warning" && !isSystem(d.file));
    return w.length ? { passed: false, output: capped(w.map(formatDiagnostic)) } : { passed: true, output: [] };
  },
};

const PROGRAM_WARNINGS: DerivedDef = {
  id: "program-warnings", name: "programs compile cleanly with -O3 -Wall -std=c11", weight: 0, kind: "extra",
  description: "message_sender.c and message_reader.c compile without errors or warnings with -O3 -Wall -std=c11",
  verdict({ build }) {
    const out: string[] = [];
    for (const name of ["message_sender", "message_reader"]) {
      const unit = build.units.find((u) => u.name === name);
      if (!unit) {
        out.push(`${name}.c is missing`);
        continue;
      }
      if (!unit.ok) out.push(`${name}.c does not compile:`);
      out.push(...unit.diagnostics.filter((d) => d.severity !== "note" && !isSystem(d.file)).map(formatDiagnostic));
    }
    return out.length ? { passed: false, output: capped(out) } : { passed: true, output: [] };
  },
};

const isSystem = (file: string) => /^(include|kernel|user)\//.test(file);

const LEAKS_AGGREGATE = (runs: Map<string, TestRun>): string[] => named(runs, NAME_OF, (r) => {
  // a test whose kernel oopsed or locked up leaves state behind: not a leak finding; fault injection judges its own
  if (!r.crashCounts || r.oopses.length || r.lockup) return [];
  const out: string[] = [];
  if (r.leaks.length) {
    const by = new Map<string, number>();
    for (const l of r.leaks) by.set(`kmalloc(${l.size}) in ${l.site}`, (by.get(`kmalloc(${l.size}) in ${l.site}`) ?? 0) + 1);
    out.push(`rmmod found ${r.leaks.length} leaked object(s): ${[...by].map(([k, n]) => (n > 1 ? `${n} x ${k}` : k)).slice(0, 3).join("; ")}`);
  }
  for (const w of r.warnings) if (/unloaded with chrdev region/.test(w[0] ?? "")) out.push(w[0].replace(/^WARNING: /, "") + " (unregister_chrdev missing)");
  return out;
});

for (const d of [CRASH, HEAP, UNINIT, USERPTR, MODULE_WARNINGS, PROGRAM_WARNINGS, ...COURSE_TESTS, ...CENSOR_TESTS, ...PROGRAM_TESTS, PROGRAMS_LINUX, ...MODULE_EXTRAS, ...MEMORY_TESTS, FAULT_TEST]) {
  NAME_OF.set(d.id, d.name);
}

/** The tests of a variant in report order. */
export function suiteFor(variant: VariantName): SuiteItem[] {
  const has = (d: { variants?: VariantName[] }) => !d.variants || d.variants.includes(variant);
  const items: SuiteItem[] = [
    { type: "derived", def: CRASH },
    ...COURSE_TESTS.map((def) => ({ type: "run" as const, def })),
    ...CENSOR_TESTS.filter(has).map((def) => ({ type: "run" as const, def })),
    ...PROGRAM_TESTS.map((def) => ({ type: "run" as const, def })),
    { type: "derived", def: MODULE_WARNINGS },
    { type: "derived", def: PROGRAM_WARNINGS },
    ...[PROGRAMS_LINUX].filter(has).map((def) => ({ type: "run" as const, def })),
    ...MODULE_EXTRAS.map((def) => ({ type: "run" as const, def })),
    ...MEMORY_TESTS.filter(has).map((def) => ({ type: "run" as const, def })),
    { type: "derived", def: HEAP },
    { type: "derived", def: UNINIT },
    { type: "derived", def: USERPTR },
    { type: "run", def: FAULT_TEST },
  ];
  return items;
}

/** The tests that run on a kernel, longest first (a worker pool finishes sooner). */
export function runnableTests(variant: VariantName): TestDef[] {
  return suiteFor(variant).flatMap((i) => (i.type === "run" ? [i.def] : [])).sort((a, b) => (b.timeMs ?? DEFAULT_TIME_MS) - (a.timeMs ?? DEFAULT_TIME_MS));
}

export function findTest(variant: VariantName, id: string): TestDef | undefined {
  return runnableTests(variant).find((t) => t.id === id);
}

/** Run one test on a fresh kernel. An oops or a failed check is a result; only a bug of ours throws. */
export function runTest(def: TestDef, variant: Variant, loaded: Loaded, ctx: SuiteContext, publisher?: CallPublisher): TestRun {
  const t0 = performance.now();
  const s = new Session({ variant, loaded, publisher, checkEachCall: def.checkEachCall ?? true });
  const crashCounts = def.crashCounts ?? true;
  let aborted = false;
  try {
    if (!loaded.module) throw new TestAbort("the module did not build");
    def.run!(s, ctx);
  } catch (e) {
    aborted = true;
    if (e instanceof TestAbort) s.fail(e.message);
    else if (e instanceof ProcessKilled) {
      const o = s.oopses[s.oopses.length - 1];
      s.fail(`the process was killed: ${o ? s.describeOops(o) : e.message}`);
    } else throw e;
  }
  s.quiet = false;
  try {
    s.finish(def.rmmodLimitMs ?? 0);
  } catch (e) {
    if (!(e instanceof TestAbort || e instanceof ProcessKilled)) throw e;
  }
  const run: TestRun = {
    id: def.id,
    passed: !aborted && s.failures.length === 0,
    failures: s.failures,
    transcript: s.transcript,
    notes: s.notes,
    oopses: s.oopses,
    heap: s.heap,
    leaks: s.leaks,
    warnings: s.warnings,
    crashCounts,
    loaded: s.loadedOnce,
    ms: 0,
  };
  if (ctx.uninitProbe !== false && probeable(def)) {
    const probe = probeUninit(def, variant, loaded, ctx, run);
    if (probe.findings.length) run.uninit = probe.findings;
    // a NUL written past an object's end shows only in the poisoned run; once per finding
    if (!run.heap.some((h) => /inside its size class/.test(h.lines.join("\n")))) run.heap.push(...probe.heap.slice(0, 1));
  }
  run.ms = performance.now() - t0;
  return run;
}

/** The run of a test that never returned (the supervisor stopped it). */
export function stoppedRun(def: TestDef, how: { lockup?: TestRun["lockup"]; timedOut?: boolean; message?: string; ms: number }): TestRun {
  const r = emptyRun(def.id, def.crashCounts ?? true);
  r.ms = how.ms;
  if (how.lockup) {
    r.lockup = how.lockup;
    r.failures.push(`module code did not return: ${how.lockup.syscall}`, ...how.lockup.lines);
  } else if (how.timedOut) {
    r.timedOut = true;
    r.failures.push(`the test did not finish within its time limit of ${((def.timeMs ?? DEFAULT_TIME_MS) / 1000).toFixed(0)} s${how.message ? ` (${how.message})` : ""}`);
  } else {
    r.failures.push(`the test could not run: ${how.message ?? "?"}`);
  }
  return r;
}

const MAX_TRANSCRIPT = 30;

/** The report's text for a run test. */
function runOutput(def: TestDef, r: TestRun | undefined): { passed: boolean; output: string[] } {
  if (!r) return { passed: false, output: ["not run"] };
  const passed = r.passed && !r.lockup && !r.timedOut;
  const out: string[] = [];
  if (!passed) {
    out.push(...r.failures);
    const oops = r.oopses.find((o) => !r.failures.some((f) => f.includes(o.title)));
    if (oops && r.crashCounts) out.push(`oops: ${describeOops(oops)}`);
  }
  out.push(...r.notes);
  if (!passed && r.transcript.length) {
    out.push(`transcript${r.transcript.length > MAX_TRANSCRIPT ? ` (last ${MAX_TRANSCRIPT} of ${r.transcript.length} lines)` : ""}:`);
    out.push(...r.transcript.slice(-MAX_TRANSCRIPT).map((l) => `  ${l}`));
  }
  void def;
  return { passed, output: out };
}

/** Score the runs: one result per test, in report order. */
export function scoreSubmission(opts: {
  submission: string;
  variant: Variant;
  build: BuildReport;
  runs: TestRun[];
  seconds: number;
  error?: string;
  /** report only these tests (ids) */
  only?: string[];
  instructor?: InstructorScoring;
}): SubmissionReport {
  const items = opts.instructor?.only ? [] : suiteFor(opts.variant.name).filter((i) => !opts.only || opts.only.includes(i.def.id));
  const own = new Set(opts.instructor?.tests.map((t) => t.id) ?? []);
  const instructorRuns = new Map(opts.runs.filter((r) => own.has(r.id)).map((r) => [r.id, r]));
  // the built-in verdicts (crash, heap, leaks, ...) judge the built-in tests' runs only
  opts = { ...opts, runs: opts.runs.filter((r) => !own.has(r.id)) };
  // runs in report order, so findings are listed in the order of the tests
  const order = new Map(items.map((item, k) => [item.def.id, k]));
  const runs = new Map([...opts.runs].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)).map((r) => [r.id, r]));
  const tests: TestResult[] = items.map((item) => {
    let verdict: { passed: boolean; output: string[] };
    let ms = 0;
    if (item.type === "derived") verdict = item.def.verdict({ build: opts.build, runs, variant: opts.variant });
    else {
      const r = runs.get(item.def.id);
      ms = r?.ms ?? 0;
      verdict = runOutput(item.def, r);
      if (item.def.id === "leaks") {
        const agg = LEAKS_AGGREGATE(runs);
        if (agg.length) verdict = { passed: false, output: [...capped(agg), ...(verdict.passed ? [] : verdict.output)] };
      }
    }
    const weight = item.def.weight;
    return {
      id: item.def.id,
      name: item.def.name,
      score: verdict.passed ? weight : 0,
      maxScore: weight,
      status: verdict.passed ? "passed" : "failed",
      output: verdict.output.join("\n"),
      advisory: weight === 0,
      ms,
    };
  });
  for (const t of opts.instructor?.tests ?? []) {
    const run = instructorRuns.get(t.id);
    const expected = opts.instructor?.expected?.get(t.id);
    // while recording, a test passes when it ran to the end
    const verdict = expected ? judgeInstructorTest(t, expected, run) : { passed: !!run?.observed, output: run?.observed ? [] : run?.failures ?? ["not run"] };
    tests.push({
      id: t.id, name: t.name, score: verdict.passed ? t.points : 0, maxScore: t.points, status: verdict.passed ? "passed" : "failed",
      output: verdict.output.join("\n"), advisory: false, ms: run?.ms ?? 0, instructor: { visibility: t.visibility },
    });
  }
  const { artifacts: _artifacts, ...build } = opts.build;
  return {
    submission: opts.submission,
    variant: opts.variant.name,
    score: tests.reduce((n, t) => n + t.score, 0),
    maxScore: tests.reduce((n, t) => n + t.maxScore, 0),
    tests,
    build,
    seconds: opts.seconds,
    ...(opts.error ? { error: opts.error } : {}),
  };
}
