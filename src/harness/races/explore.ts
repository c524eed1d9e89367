// Stateless, preemption-bounded exploration (CHESS: Musuvathi & Qadeer, "Iterative context
// bounding for systematic testing of multithreaded programs", PLDI 2007): every schedule runs on
// a fresh machine from its choice prefix; depth-first, the last decision that still has an
// untried choice within the preemption bound gets its next choice. Each schedule with at most K
// preemptions is run exactly once. Switching away from a task that could go on is a preemption;
// switching when it blocked or finished is not.
//
// Findings: what the kernel reports under a schedule, lockdep cycles across schedules, a deadlock,
// and atomicity violations: an outcome (every op's result) that no serial order of whole syscalls
// gives, those serial orders being run first (serial: the same engine with no preemption inside
// syscalls and no bound on switches between them).

import type { Scenario } from "../scenario/parse.js";
import { Lockdep } from "./lockdep.js";
import { ReplayMismatch, runSchedule, type Decision, type Finding, type RaceTarget, type ScheduleResult } from "./schedule.js";

export interface ExploreOptions {
  /** the preemption bound K */
  preemptions: number;
  /** stop after this many seconds (the counts say the exploration is incomplete) */
  budgetSeconds: number;
  /** the serial orders enumerated for the atomicity check, at most */
  maxSerial?: number;
  /** performance.now(), injectable for tests of the budget */
  now?: () => number;
}

export interface Report {
  finding: Finding;
  /** the schedules that show it, in order (one, or several for lockdep) */
  schedules: number[][];
  /** preemptions in the (last) schedule */
  preemptions: number;
}

export interface ExploreResult {
  schedules: number;
  serialOrders: number;
  /** false when the budget ran out first (or the serial orders were too many to check atomicity) */
  complete: boolean;
  atomicityChecked: boolean;
  seconds: number;
  reports: Report[];
}

export const DEFAULT_PREEMPTIONS = 2;
export const DEFAULT_BUDGET_SECONDS = 60;
/** the serial orders enumerated for the atomicity check, at most (default) */
export const MAX_SERIAL = 5000;

export function explore(scn: Scenario, target: RaceTarget, opts: ExploreOptions): ExploreResult {
  const now = opts.now ?? (() => performance.now());
  const start = now();
  const deadline = start + opts.budgetSeconds * 1000;
  const lockdep = new Lockdep();
  const reports: Report[] = [];
  const seen = new Set<string>();
  const add = (f: Finding, schedule: number[], r: ScheduleResult) => {
    const key = findingKey(f);
    if (seen.has(key)) return;
    seen.add(key);
    reports.push({ finding: f, schedules: f.schedules ?? [schedule], preemptions: r.preemptions });
  };

  // the serial orders: the outcomes a correct (atomic) driver may give
  const serial = enumerate(scn, target, { serial: true, bound: Infinity, lockdep: new Lockdep(), deadline, max: opts.maxSerial ?? MAX_SERIAL });
  const serialOutcomes = new Set(serial.results.map((r) => r.outcome));
  const atomicityChecked = serial.complete;

  let schedules = 0;
  let complete = true;
  let prefix: number[] = [];
  for (;;) {
    if (schedules > 0 && now() > deadline) {
      complete = false;
      break;
    }
    lockdep.schedule = prefix;
    const r = runSchedule(scn, target, { prefix, lockdep });
    schedules++;
    const choices = r.decisions.map((d) => d.chosen);
    for (const f of r.findings) add(f.schedules ? { ...f, schedules: f.schedules.map((s) => (s === prefix ? choices : s)) } : f, choices, r);
    // lockdep keeps the prefix object as the schedule's tag: make it the whole choice list
    prefix.splice(0, prefix.length, ...choices);
    if (atomicityChecked && r.findings.length === 0 && !serialOutcomes.has(r.outcome)) {
      add(atomicityFinding(r.outcome, serialOutcomes.size), choices, r);
    }
    const next = backtrack(r.decisions, opts.preemptions);
    if (!next) break;
    prefix = next;
  }
  return { schedules, serialOrders: serial.results.length, complete, atomicityChecked, seconds: (now() - start) / 1000, reports };
}

/**
 * Run the schedules of a report again, in order (with the C function of every point), sharing one
 * lockdep as the exploration did; an atomicity finding is checked against the serial orders again.
 */
export function replaySchedules(scn: Scenario, target: RaceTarget, schedules: readonly number[][]): { last: ScheduleResult; findings: Finding[] } {
  const lockdep = new Lockdep();
  const findings: Finding[] = [];
  let last: ScheduleResult | undefined;
  for (const s of schedules) {
    lockdep.schedule = s;
    last = runSchedule(scn, target, { prefix: s, lockdep, detailed: true });
    if (last.decisions.length !== s.length) throw new ReplayMismatch(`the schedule has ${s.length} choices, this scenario and module make ${last.decisions.length}`);
    findings.push(...last.findings);
  }
  if (!last) throw new Error("no schedule to replay");
  if (findings.length === 0) {
    const serial = enumerate(scn, target, { serial: true, bound: Infinity, lockdep: new Lockdep(), deadline: Infinity, max: MAX_SERIAL });
    const outcomes = new Set(serial.results.map((r) => r.outcome));
    if (serial.complete && !outcomes.has(last.outcome)) findings.push(atomicityFinding(last.outcome, outcomes.size));
  }
  return { last, findings };
}

/** The next prefix after a run's decisions (depth first), or null when the tree is done. */
export function backtrack(decisions: readonly Decision[], bound: number): number[] | null {
  const used: number[] = [];
  let n = 0;
  for (const d of decisions) {
    used.push(n);
    if (d.preempts && d.chosen > 0) n++;
  }
  for (let i = decisions.length - 1; i >= 0; i--) {
    const d = decisions[i]!;
    const next = d.chosen + 1;
    if (next >= d.alts.length) continue;
    // choosing another proc than alts[0] costs a preemption when alts[0] could go on
    if (d.preempts && used[i]! + 1 > bound) continue;
    return [...decisions.slice(0, i).map((x) => x.chosen), next];
  }
  return null;
}

/** Every schedule of a kind (the serial orders), up to a count and a deadline. */
function enumerate(scn: Scenario, target: RaceTarget, o: { serial: boolean; bound: number; lockdep: Lockdep; deadline: number; max: number }): { results: ScheduleResult[]; complete: boolean } {
  const results: ScheduleResult[] = [];
  let prefix: number[] | null = [];
  while (prefix) {
    if (results.length >= o.max || (results.length > 0 && Number.isFinite(o.deadline) && performance.now() > o.deadline)) return { results, complete: false };
    const r = runSchedule(scn, target, { prefix, lockdep: o.lockdep, serial: o.serial });
    results.push(r);
    prefix = backtrack(r.decisions, o.bound);
  }
  return { results, complete: true };
}

function atomicityFinding(outcome: string, serialCount: number): Finding {
  const [, ...perProc] = JSON.parse(outcome) as string[][];
  const lines = ["the results of this schedule:", ...perProc.flat().map((op) => `  ${op}`)];
  lines.push(`no serial order of whole syscalls gives them (${serialCount} different outcome${serialCount === 1 ? "" : "s"} of the serial orders): a syscall saw another one half done`);
  return { kind: "atomicity", title: "atomicity violation: an outcome no serial order of the syscalls can produce", lines, proc: -1 };
}

/** The same finding in another schedule: addresses, pids and counts aside; leaks are one finding. */
function findingKey(f: Finding): string {
  if (f.kind === "leak") return "leak";
  return `${f.kind}|${f.title.replace(/0x[0-9a-f]+|\d+/g, "N")}`;
}
