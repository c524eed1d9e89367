// `msgslot races`: explore the interleavings of a scenario's procs on a module and report what
// breaks (src/harness/races), or replay one reported schedule.

import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { parseScenario, ScenarioSyntaxError, type Scenario } from "../harness/scenario/parse.js";
import { buildModuleDir } from "../harness/node-build.js";
import { DEFAULT_BUDGET_SECONDS, DEFAULT_PREEMPTIONS, MAX_SERIAL, explore, replaySchedules, type ExploreResult } from "../harness/races/explore.js";
import { formatFinding, formatSchedule, formatTrace, parseReplay, replayFile } from "../harness/races/report.js";
import { raceTarget } from "../harness/races/target.js";
import { BUILTIN_RACES, builtinScenario } from "../harness/races/builtin.js";
import { ReplayMismatch, type RaceTarget } from "../harness/races/schedule.js";
import { formatDiagnostic } from "../toolchain/index.js";
import { moduleCDir } from "../toolchain/node.js";
import { parseArgs, UsageError } from "./args.js";

export const RACES_HELP = `Usage: msgslot races [--module DIR] [--preemptions K] [--budget SECONDS] [--out DIR] FILE.scn...
       msgslot races --builtin [--module DIR] [--preemptions K] [--budget SECONDS] [--out DIR]
       msgslot races --replay FILE [--module DIR]

Runs the procs of a scenario at the same time and explores their interleavings
on the module: module code is switched out where Linux may sleep or preempt it
(copy_to_user, copy_from_user, get_user, put_user, kmalloc(GFP_KERNEL) and
friends, mutex_lock, down, msleep/schedule, and on return from an unlock), and
every schedule with at most K preemptions is run, each on a fresh kernel.
Setup lines (!) run alone and separate the phases that run concurrently;
each proc's ops keep their order. At the end every proc exits and the module
is unloaded (its leak check runs).

Reported, each with the schedule that shows it, the interleaved syscall trace
and a replay file:
  - what the kernel detects under that schedule: use-after-free in
    copy_*_user (with where the object was allocated and freed), double
    free, an oops, a leak at rmmod, a warning
  - BUG: sleeping function called from invalid context (a might-sleep point
    with a spinlock held)
  - lockdep's possible circular locking dependency (lock orders seen across
    schedules), and a deadlock
  - atomicity violations: results no serial order of whole syscalls gives

Options:
  --module DIR       the module: DIR/message_slot.c and DIR/message_slot.h
                     (default: the reference driver in module-c/)
  --preemptions K    the preemption bound (default ${DEFAULT_PREEMPTIONS})
  --budget SECONDS   stop exploring after this long (default ${DEFAULT_BUDGET_SECONDS}); the
                     counts then say the exploration is incomplete
  --out DIR          where replay files go (default: the current directory),
                     NAME.race-N.json
  --builtin          explore the built-in scenarios (the grader's concurrency
                     test): ${BUILTIN_RACES.map((r) => r.name).join(", ")}
  --replay FILE      run the schedule of a replay file again and print its
                     trace and findings (--module overrides the module in it)
  -h, --help         show this help

Exit status: 0 no finding, 1 findings, 2 usage or malformed scenario, 3 the
module does not build.
`;

export async function racesCommand(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { values: ["--module", "--preemptions", "--budget", "--out", "--replay"], switches: ["--builtin"] });
    const replay = args.values["--replay"];
    const builtin = args.switches.has("--builtin");
    if (replay !== undefined && (args.positional.length > 0 || builtin)) throw new UsageError("--replay takes no scenario files");
    if (builtin && args.positional.length > 0) throw new UsageError("--builtin takes no scenario files");
    if (replay === undefined && !builtin && args.positional.length === 0) throw new UsageError("no scenario file given");
    for (const o of ["--preemptions", "--budget", "--out"]) {
      if (replay !== undefined && args.values[o] !== undefined) throw new UsageError(`${o} does not go with --replay`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usage(e.message);
  }
  const k = args.values["--preemptions"] ?? String(DEFAULT_PREEMPTIONS);
  if (!/^\d+$/.test(k) || Number(k) > 10) return usage(`--preemptions ${k}: a whole number from 0 to 10`);
  const budget = args.values["--budget"] ?? String(DEFAULT_BUDGET_SECONDS);
  if (!/^\d+(\.\d+)?$/.test(budget) || Number(budget) <= 0) return usage(`--budget ${budget}: a number of seconds above 0`);

  if (args.values["--replay"] !== undefined) return replayCommand(args.values["--replay"], args.values["--module"]);

  const scenarios: { scn: Scenario; text: string }[] = [];
  let bad = false;
  for (const f of args.positional) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(f);
    } catch (e) {
      process.stderr.write(`msgslot races: ${f}: ${fileError(e)}\n`);
      bad = true;
      continue;
    }
    try {
      scenarios.push({ scn: parseScenario(f, bytes), text: Buffer.from(bytes).toString("latin1") });
    } catch (e) {
      if (!(e instanceof ScenarioSyntaxError)) throw e;
      for (const err of e.errors) process.stderr.write(`${err.path}:${err.line}: ${err.message}\n`);
      bad = true;
    }
  }
  if (bad) return 2;
  if (args.switches.has("--builtin")) {
    for (const race of BUILTIN_RACES) scenarios.push({ scn: builtinScenario(race), text: race.text });
  }

  const moduleDir = resolve(args.values["--module"] ?? moduleCDir());
  const target = await loadTarget(moduleDir);
  if (typeof target === "number") return target;
  const outDir = args.values["--out"] ?? ".";

  let findings = 0;
  // replay files are named after their scenario: two scenarios with one name (a/x.scn, b/x.scn)
  // get x and x-2, so that the second's files do not replace the first's
  const stems = new Map<string, number>();
  for (const { scn, text } of scenarios) {
    const r = explore(scn, target, { preemptions: Number(k), budgetSeconds: Number(budget) });
    process.stdout.write(summary(scn, r, Number(k)));
    const stem = basename(scn.path).replace(/\.scn$/, "");
    const seen = (stems.get(stem) ?? 0) + 1;
    stems.set(stem, seen);
    const name = seen === 1 ? stem : `${stem}-${seen}`;
    for (const [n, rep] of r.reports.entries()) {
      findings++;
      const file = join(outDir, `${name}.race-${n + 1}.json`);
      await mkdir(outDir, { recursive: true });
      await writeFile(file, JSON.stringify(replayFile(scn, text, moduleDir, Number(k), rep.finding, rep.schedules), null, 1) + "\n");
      const again = replaySchedules(scn, target, rep.schedules);
      process.stdout.write(`\n[${n + 1}] ${formatFinding(rep.finding, scn.procs)}\n`);
      process.stdout.write(`  schedule (${rep.preemptions} preemption${rep.preemptions === 1 ? "" : "s"}): ${rep.schedules.map(formatSchedule).join(" / ")}\n`);
      process.stdout.write(`  trace:\n${indent(formatTrace(again.last), "    ")}\n`);
      process.stdout.write(`  replay: msgslot races --replay ${file}\n`);
    }
  }
  return findings > 0 ? 1 : 0;
}

function summary(scn: Scenario, r: ExploreResult, k: number): string {
  // every run counts: the serial orders too
  const runs = r.schedules + r.serialOrders;
  const rate = r.seconds > 0 ? Math.round(runs / r.seconds) : runs;
  const parts = [
    `${scn.path}: ${r.schedules} schedule${r.schedules === 1 ? "" : "s"} with at most ${k} preemption${k === 1 ? "" : "s"} in ${r.seconds.toFixed(2)} s (${rate} runs/s)`,
    r.complete ? "all explored" : "INCOMPLETE: the budget ran out",
    r.atomicityChecked ? `${r.serialOrders} serial orders` : `atomicity not checked (${r.serialOrders >= MAX_SERIAL ? `more than ${MAX_SERIAL} serial orders` : "the budget ran out in the serial orders"})`,
    `${r.reports.length} finding${r.reports.length === 1 ? "" : "s"}`,
  ];
  return parts.join("; ") + "\n";
}

async function replayCommand(file: string, moduleOverride: string | undefined): Promise<number> {
  let json: string;
  try {
    json = await readFile(file, "utf8");
  } catch (e) {
    process.stderr.write(`msgslot races: ${file}: ${fileError(e)}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseReplay(json);
  } catch (e) {
    process.stderr.write(`msgslot races: ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const { replay, scenario } = parsed;
  const target = await loadTarget(resolve(moduleOverride ?? replay.module));
  if (typeof target === "number") return target;
  let again;
  try {
    again = replaySchedules(scenario, target, replay.schedules);
  } catch (e) {
    if (!(e instanceof ReplayMismatch)) throw e;
    process.stderr.write(`msgslot races: ${file}: the schedule does not fit this module and scenario (${e.message})\n`);
    return 2;
  }
  process.stdout.write(`${scenario.path}: schedule ${replay.schedules.map(formatSchedule).join(" / ")}\n`);
  process.stdout.write(`trace:\n${indent(formatTrace(again.last), "  ")}\n`);
  for (const f of again.findings) process.stdout.write(`\n${formatFinding(f, scenario.procs)}\n`);
  const same = again.findings.some((f) => f.title === replay.finding.title);
  process.stdout.write(`\n${same ? "reproduced" : "NOT reproduced"}: ${replay.finding.title}\n`);
  return again.findings.length > 0 ? 1 : 0;
}

/** The module's race build, or the exit status when it cannot be had. */
async function loadTarget(moduleDir: string): Promise<RaceTarget | number> {
  const kind = await stat(moduleDir).then((st) => (st.isDirectory() ? "dir" : "file"), () => "none");
  if (kind !== "dir") return usage(`--module ${moduleDir}: ${kind === "none" ? "No such directory" : "Not a directory"}`);
  const built = await buildModuleDir(moduleDir);
  if (!built.image) {
    for (const d of built.result.diagnostics) process.stderr.write(formatDiagnostic(d) + "\n");
    process.stderr.write(`msgslot races: the module in ${moduleDir} does not build\n`);
    return 3;
  }
  try {
    return await raceTarget(built);
  } catch (e) {
    // binaryen refused the module (an instruction or a shape the Asyncify build does not take)
    process.stderr.write(`msgslot races: the module in ${moduleDir} builds, but not for the explorer: ${(e as Error).message}\n`);
    return 3;
  }
}

function usage(message: string): number {
  process.stderr.write(`msgslot races: ${message}\n\n${RACES_HELP}`);
  return 2;
}

function fileError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "No such file or directory" : code === "EISDIR" ? "Is a directory" : (e as Error).message;
}

function indent(s: string, by: string): string {
  return s.split("\n").map((l) => by + l).join("\n");
}
