// The students' conformance suite (conformance/students): fixture modules and
// what the real-Linux oracle recorded for them (FIXTURE/linux/). Reads the
// record: did the build or header fail on Linux, which scenarios ran, which
// of them oopsed. Shared by test/conformance/students.test.ts and
// test/grade/students-verdict.test.ts.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { linuxOopsed as oopsedIn, refusalIn, type LinuxRefusal } from "../../src/cli/expect.js";
import { REPO } from "./modules.js";

export { compareRefusal, firstDifference } from "../../src/cli/expect.js";

export const STUDENTS = join(REPO, "conformance/students");
/** the common scenarios: run against every fixture without a scenarios/ of its own */
export const COMMON_SCENARIOS = join(STUDENTS, "scenarios");

/** Every fixture: a directory of conformance/students other than scenarios/. */
export function studentFixtures(): string[] {
  return readdirSync(STUDENTS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "scenarios")
    .map((d) => d.name)
    .sort();
}

export interface Scn {
  name: string;
  path: string;
}

/** One oracle run of a fixture: FIXTURE/linux/ or FIXTURE/linux-common/. */
export interface LinuxRun {
  /** the record's directory */
  dir: string;
  /** the scenarios it ran */
  scenarios: Scn[];
  /** the directory exists with an oracle.log */
  recorded: boolean;
  /** run-oracle's FAIL line for the build or the header, if it stopped there, with build.log / header.log */
  buildFailure?: LinuxRefusal;
  /** per scenario: NAME.out, if recorded */
  transcripts: Map<string, string>;
  /** per scenario: its summary.txt line ("02_write_read rc=0 taint=OE") */
  summary: Map<string, string>;
  /** Linux's dmesg.txt */
  dmesg: string;
}

export interface LinuxRecord {
  fixture: string;
  dir: string;
  moduleDir: string;
  /** the fixture has scenarios/ of its own */
  ownScenarios: boolean;
  /** linux/: the fixture's own scenarios, else the common ones */
  main: LinuxRun;
  /** the common scenarios: linux-common/ for a fixture with scenarios of its own, else linux/ */
  common: LinuxRun;
}

/** The oracle's oops/warning patterns (run-oracle.sh OOPS_RE). */
export const ORACLE_OOPS_RE = /BUG:|Oops|general protection fault|WARNING:|Call Trace|kernel BUG|UBSAN:|KASAN:|list_del corruption|refcount_t:|Kernel panic|stack-protector|usercopy: Kernel memory|unable to handle|segfault at|soft lockup|hung_task|blocked for more than/;

const scenariosIn = (dir: string): Scn[] => readdirSync(dir).filter((f) => f.endsWith(".scn")).sort()
  .map((f) => ({ name: f.replace(/\.scn$/, ""), path: join(dir, f) }));

export function readRecord(fixture: string): LinuxRecord {
  const dir = join(STUDENTS, fixture);
  const own = join(dir, "scenarios");
  const ownScenarios = existsSync(own);
  const main = readRun(join(dir, "linux"), scenariosIn(ownScenarios ? own : COMMON_SCENARIOS));
  const common = ownScenarios ? readRun(join(dir, "linux-common"), scenariosIn(COMMON_SCENARIOS)) : main;
  return { fixture, dir, moduleDir: join(dir, "module"), ownScenarios, main, common };
}

function readRun(dir: string, scenarios: Scn[]): LinuxRun {
  const run: LinuxRun = { dir, scenarios, recorded: existsSync(join(dir, "oracle.log")), transcripts: new Map(), summary: new Map(), dmesg: "" };
  if (!run.recorded) return run;
  const fail = refusalIn(readFileSync(join(dir, "oracle.log"), "latin1"));
  if (fail) {
    const file = join(dir, `${fail.kind}.log`);
    run.buildFailure = { ...fail, log: existsSync(file) ? readFileSync(file, "latin1") : "" };
  }
  for (const s of scenarios) {
    const out = join(dir, `${s.name}.out`);
    if (existsSync(out)) run.transcripts.set(s.name, readFileSync(out, "latin1"));
  }
  const summary = join(dir, "summary.txt");
  if (existsSync(summary)) {
    for (const l of readFileSync(summary, "latin1").split("\n")) {
      const m = /^ {2}(\S+) /.exec(l);
      if (m) run.summary.set(m[1], l.trim());
    }
  }
  const dmesg = join(dir, "dmesg.txt");
  if (existsSync(dmesg)) run.dmesg = readFileSync(dmesg, "latin1");
  return run;
}

/** Linux oopsed (or locked up) in this scenario: a proc died, the runner timed out, or the scenario first tainted the kernel D or L. */
export function linuxOopsed(run: LinuxRun, scenario: string): boolean {
  return oopsedIn({ transcript: run.transcripts.get(scenario), summary: run.summary.get(scenario) });
}

/** The first scenario after which Linux's kernel was damaged (an oops, or the module stuck), or -1. */
export function firstDamaged(run: LinuxRun): number {
  return run.scenarios.findIndex((s) => linuxOopsed(run, s.name) || /DIRTY/.test(run.summary.get(s.name) ?? ""));
}

/** Linux's kernel was still free of oopses, warnings and lockups after this scenario (its taint= has none of D, W, L, B). */
export function linuxCleanAfter(run: LinuxRun, scenario: string): boolean {
  const line = run.summary.get(scenario);
  const taint = line ? /taint=(\S+)/.exec(line) : null;
  if (!taint) return !ORACLE_OOPS_RE.test(run.dmesg);
  return !/[DWLB]/.test(taint[1]) && !linuxOopsed(run, scenario);
}

/** Linux oopsed or locked up in any scenario of the run. */
export function linuxCrashed(run: LinuxRun): boolean {
  return run.scenarios.some((s) => linuxOopsed(run, s.name)) || /BUG:|Oops|kernel BUG|soft lockup|general protection fault/.test(run.dmesg);
}
