// `msgslot scenario --expect DIR`: compare a run with what the real-Linux oracle
// recorded in DIR (NAME.out, and summary.txt when present). The transcript must
// match byte for byte, a proc that died on Linux (`= DIED`) included; with a
// summary, an oops (or soft lockup) must happen in the same scenario on both
// kernels. The oracle unloads the module after every scenario, so the caller
// does that clean-up before asking about oopses. A module that Linux refused
// (DIR/oracle.log: "run-oracle: FAIL: module build failed" or "FAIL: header: …")
// must be refused here too, gcc's first error (DIR/build.log or header.log) at
// the same file:line and modpost's errors in the build's messages.

import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Kernel } from "../kernel/kernel.js";
import { formatDiagnostic, type CompileResult } from "../toolchain/index.js";

export interface Expected {
  /** DIR/NAME.out, latin1; undefined when not recorded */
  transcript?: string;
  /** the scenario's line of DIR/summary.txt ("03_x rc=3 taint=DOE NEW-TAINT=D"); undefined without one */
  summary?: string;
}

export async function readExpected(dir: string, name: string): Promise<Expected> {
  const out = await readFile(join(dir, `${name}.out`)).catch(() => undefined);
  const summary = await readFile(join(dir, "summary.txt"), "latin1").catch(() => undefined);
  const line = summary?.split("\n").find((l) => l.startsWith(`  ${name} `))?.trim();
  return { transcript: out?.toString("latin1"), summary: line };
}

/** Linux oopsed or locked up in this scenario: a proc died or timed out, or the scenario first tainted the kernel D or L. */
export function linuxOopsed(e: Expected): boolean {
  if (e.transcript !== undefined && / = (DIED|TIMEOUT)\n/.test(e.transcript)) return true;
  const m = /NEW-TAINT=(\S+)/.exec(e.summary ?? "");
  return !!m && /[DL]/.test(m[1]);
}

/** The kernel oopsed or locked up since it booted. */
export const emulatorOopsed = (k: Kernel): boolean => k.isTainted("D") || k.isTainted("L");

/** Why a run does not match Linux's record, or null when it does. */
export function compareWithLinux(e: Expected, transcript: string, oopsed: boolean): string | null {
  if (e.transcript === undefined) return "no expected transcript";
  const diff = firstDifference(e.transcript, transcript);
  if (diff) return diff;
  if (e.summary === undefined) return null;
  const linux = linuxOopsed(e);
  if (linux && !oopsed) return `Linux oopsed in this scenario (${e.summary}); the emulator did not`;
  // a taint Linux had from an earlier scenario is not new here: only a clean Linux line says "no oops"
  if (!linux && oopsed && !/taint=\S*D/.test(e.summary)) return `the emulator oopsed; Linux did not (${e.summary})`;
  return null;
}

export function firstDifference(want: string, got: string): string | null {
  if (want === got) return null;
  const a = want.split("\n");
  const b = got.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}\n  linux:    ${a[i] ?? "(end)"}\n  emulator: ${b[i] ?? "(end)"}`;
  }
  return "differs";
}

// run-oracle.sh's die messages for a module that does not build or whose header is unusable
const BUILD_FAIL = /^run-oracle: FAIL: (module build failed|build produced no message_slot\.ko)/m;
const HEADER_FAIL = /^run-oracle: FAIL: header: /m;

export interface LinuxRefusal {
  kind: "build" | "header";
  /** run-oracle's FAIL line */
  line: string;
  /** build.log or header.log ("" when missing) */
  log: string;
}

/** Linux's refusal of the module, from DIR/oracle.log; undefined when it built (or there is no oracle.log). */
export async function readRefusal(dir: string): Promise<LinuxRefusal | undefined> {
  const log = await readFile(join(dir, "oracle.log"), "latin1").catch(() => undefined);
  const fail = log === undefined ? undefined : refusalIn(log);
  if (!fail) return undefined;
  return { ...fail, log: await readFile(join(dir, `${fail.kind}.log`), "latin1").catch(() => "") };
}

/** run-oracle's FAIL line for the build or the header in its output, if it stopped there. */
export function refusalIn(oracleLog: string): Omit<LinuxRefusal, "log"> | undefined {
  const fail = BUILD_FAIL.exec(oracleLog) ?? HEADER_FAIL.exec(oracleLog);
  if (!fail) return undefined;
  return { kind: fail[0].includes("header") ? "header" : "build", line: oracleLog.slice(fail.index).split("\n")[0] };
}

/** gcc's first "FILE:LINE:COL: error:" (or fatal error) of a build or header log, as "basename:line". */
export function firstGccError(log: string): string | undefined {
  for (const l of log.split("\n")) {
    const m = /^(\S+?):(\d+):(?:\d+:)? (?:fatal )?error: /.exec(l);
    if (m) return `${basename(m[1])}:${m[2]}`;
  }
  return undefined;
}

/** Kbuild's modpost errors, paths reduced to basenames. */
export function modpostErrors(log: string): string[] {
  return log.split("\n").filter((l) => l.startsWith("ERROR: modpost: ")).map((l) => l.replace(/\/?(?:[^\s/[\]"]+\/)+([^\s/[\]"]+)/g, "$1").trimEnd());
}

/** Why msgslot's refusal of a module differs from Linux's, or null when it says what Linux said. */
export function compareRefusal(linux: LinuxRefusal, result: CompileResult): string | null {
  const where = firstGccError(linux.log);
  if (where) {
    const errors = result.diagnostics.filter((d) => d.severity === "error" || d.severity === "fatal error").map((d) => `${basename(d.file)}:${d.line}`);
    if (!errors.includes(where)) return `gcc's first error is at ${where}; msgslot's errors are at ${errors.join(", ") || "(none)"}`;
  }
  const text = [result.log, ...result.diagnostics.map(formatDiagnostic)].join("\n");
  const missing = modpostErrors(linux.log).filter((l) => !text.includes(l));
  if (missing.length) return `Linux's "${missing[0]}" is not among msgslot's messages`;
  return null;
}
