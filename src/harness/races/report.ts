// What the race explorer prints: a finding with its schedule and the interleaved syscall trace,
// and the replay file that brings that schedule back (`msgslot races --replay FILE`).

import type { Scenario } from "../scenario/parse.js";
import { parseScenario } from "../scenario/parse.js";
import type { Finding, ScheduleResult, TraceEvent } from "./schedule.js";

export const REPLAY_FORMAT = "msgslot-races-replay/1";

export interface ReplayFile {
  format: typeof REPLAY_FORMAT;
  /** the scenario file as given, and its bytes (latin1), so the replay needs nothing else */
  scenario: { path: string; text: string };
  /** the module directory the schedule was found with */
  module: string;
  preemptions: number;
  finding: { kind: string; title: string };
  /** the schedules to run, in order (lockdep: the ones whose dependencies make the cycle) */
  schedules: number[][];
}

export function replayFile(scn: Scenario, text: string, moduleDir: string, preemptions: number, f: Finding, schedules: number[][]): ReplayFile {
  return { format: REPLAY_FORMAT, scenario: { path: scn.path, text }, module: moduleDir, preemptions, finding: { kind: f.kind, title: f.title }, schedules };
}

/** A replay file's JSON, checked: the error says what is wrong. */
export function parseReplay(json: string): { replay: ReplayFile; scenario: Scenario } {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (e) {
    throw new Error(`not JSON (${(e as Error).message})`);
  }
  const r = v as Partial<ReplayFile>;
  if (!r || typeof r !== "object" || r.format !== REPLAY_FORMAT) throw new Error(`not a replay file (format is not "${REPLAY_FORMAT}")`);
  if (!r.scenario || typeof r.scenario.text !== "string" || typeof r.scenario.path !== "string") throw new Error("no scenario in it");
  if (typeof r.module !== "string") throw new Error("no module directory in it");
  const okSchedule = (s: unknown) => Array.isArray(s) && s.every((c) => Number.isInteger(c) && c >= 0);
  if (!Array.isArray(r.schedules) || r.schedules.length === 0 || !r.schedules.every(okSchedule)) throw new Error("no schedule in it (schedules: lists of choice numbers)");
  if (!r.finding || typeof r.finding.title !== "string") throw new Error("no finding in it");
  const scenario = parseScenario(r.scenario.path, Uint8Array.from(r.scenario.text, (c) => c.charCodeAt(0) & 0xff));
  return { replay: r as ReplayFile, scenario };
}

/** The finding as the kernel printed it, indented. */
export function formatFinding(f: Finding, procs: Scenario["procs"]): string {
  const who = f.proc >= 0 ? ` (proc ${procs[f.proc]?.name ?? f.proc})` : "";
  return [`${f.title}${who}`, ...f.lines.map((l) => `    ${l}`)].join("\n");
}

/**
 * The interleaved syscall trace: a line each time a proc stops running, because its op is done,
 * was preempted or sleeps on a lock ("..." before an op that had stopped before and went on).
 */
export function formatTrace(r: ScheduleResult): string {
  return r.trace.map(traceLine).join("\n");
}

function traceLine(e: TraceEvent): string {
  const text = e.resumed ? `... ${e.text}` : e.text;
  const at = e.at ? `${e.at.what}${e.at.func ? ` in ${e.at.func}()` : ""}` : "";
  switch (e.kind) {
    case "shell": return `${e.text} = ${e.result}`;
    case "done": return `${text} = ${e.result}`;
    case "stopped": return `${text} ...  preempted at ${at}`;
    case "blocked": return `${text} ...  ${at}: sleeps`;
    case "died": return `${text} = DIED (oops)`;
    case "deadlock": return "every proc left waits for a lock: deadlock";
  }
}

/** "0 0 1 0 2": a schedule as the report prints it */
export function formatSchedule(s: readonly number[]): string {
  return s.length ? s.join(" ") : "(no choices: the default order)";
}
