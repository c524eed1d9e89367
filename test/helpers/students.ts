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

export interface LinuxRecord {
  fixture: string;
  dir: string;
  moduleDir: string;
  /** the scenarios the fixture runs: its own scenarios/, else the common ones */
  scenarios: Scn[];
  ownScenarios: boolean;
  /** linux/ exists with an oracle.log */
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

/** The oracle's oops/warning patterns (run-oracle.sh OOPS_RE). */
export const ORACLE_OOPS_RE = /BUG:|Oops|general protection fault|WARNING:|Call Trace|kernel BUG|UBSAN:|KASAN:|list_del corruption|refcount_t:|Kernel panic|stack-protector|usercopy: Kernel memory|unable to handle|segfault at|soft lockup|hung_task|blocked for more than/;

export function readRecord(fixture: string): LinuxRecord {
  const dir = join(STUDENTS, fixture);
  const own = join(dir, "scenarios");
  const ownScenarios = existsSync(own);
  const scnDir = ownScenarios ? own : COMMON_SCENARIOS;
  const scenarios = readdirSync(scnDir).filter((f) => f.endsWith(".scn")).sort()
    .map((f) => ({ name: f.replace(/\.scn$/, ""), path: join(scnDir, f) }));
  const linux = join(dir, "linux");
  const rec: LinuxRecord = {
    fixture, dir, moduleDir: join(dir, "module"), scenarios, ownScenarios,
    recorded: existsSync(join(linux, "oracle.log")), transcripts: new Map(), summary: new Map(), dmesg: "",
  };
  if (!rec.recorded) return rec;
  const log = readFileSync(join(linux, "oracle.log"), "latin1");
  const fail = refusalIn(log);
  if (fail) {
    const file = join(linux, `${fail.kind}.log`);
    rec.buildFailure = { ...fail, log: existsSync(file) ? readFileSync(file, "latin1") : "" };
  }
  for (const s of scenarios) {
    const out = join(linux, `${s.name}.out`);
    if (existsSync(out)) rec.transcripts.set(s.name, readFileSync(out, "latin1"));
  }
  const summary = join(linux, "summary.txt");
  if (existsSync(summary)) {
    for (const l of readFileSync(summary, "latin1").split("\n")) {
      const m = /^ {2}(\S+) /.exec(l);
      if (m) rec.summary.set(m[1], l.trim());
    }
  }
  const dmesg = join(linux, "dmesg.txt");
  if (existsSync(dmesg)) rec.dmesg = readFileSync(dmesg, "latin1");
  return rec;
}

/** Linux oopsed (or locked up) in this scenario: a proc died, the runner timed out, or the scenario first tainted the kernel D or L. */
export function linuxOopsed(rec: LinuxRecord, scenario: string): boolean {
  return oopsedIn({ transcript: rec.transcripts.get(scenario), summary: rec.summary.get(scenario) });
}

/** Linux's kernel was still free of oopses, warnings and lockups after this scenario (its taint= has none of D, W, L, B). */
export function linuxCleanAfter(rec: LinuxRecord, scenario: string): boolean {
  const line = rec.summary.get(scenario);
  const taint = line ? /taint=(\S+)/.exec(line) : null;
  if (!taint) return linuxDmesgClean(rec);
  return !/[DWLB]/.test(taint[1]) && !linuxOopsed(rec, scenario);
}

/** Linux oopsed in any scenario of the fixture. */
export function linuxCrashed(rec: LinuxRecord): boolean {
  return rec.scenarios.some((s) => linuxOopsed(rec, s.name)) || /BUG:|Oops|kernel BUG|soft lockup|general protection fault/.test(rec.dmesg);
}

/** Linux's kernel log has none of the oracle's problem patterns. */
export function linuxDmesgClean(rec: LinuxRecord): boolean {
  return !ORACLE_OOPS_RE.test(rec.dmesg);
}

