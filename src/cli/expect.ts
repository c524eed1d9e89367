// `msgslot scenario --expect DIR`: compare a run with what the real-Linux oracle
// recorded in DIR (NAME.out, and summary.txt when present). The transcript must
// match byte for byte, a proc that died on Linux (`= DIED`) included; with a
// summary, an oops (or soft lockup) must happen in the same scenario on both
// kernels. The oracle unloads the module after every scenario, so the caller
// does that clean-up before asking about oopses.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Kernel } from "../kernel/kernel.js";

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
