// 1. The syscall round trip: bench/programs/roundtrip.c writes 128 bytes and reads 128 bytes
// back, in a loop, once as a WASI process of the emulator (on /dev/slot0, channel set once; and
// on the emulator's /dev/null + /dev/zero) and once compiled natively by the host's cc -O2 (on a
// pipe; on /dev/null + /dev/zero), in the same run. The program times its own loop with
// CLOCK_MONOTONIC, so both sides measure exactly the same C code. The slot is measured twice: on
// a bare machine, and as the grader runs a student's program (a Session of the grade suite: the
// heap check after every syscall, the watchdog's call publishing into a SharedArrayBuffer, the
// processes that name each call for reports), which is the figure the target is about.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProgram, type ProgramImage } from "../src/wasi/run.js";
import { Session } from "../src/harness/grade/session.js";
import { VARIANT_INFO } from "../src/harness/grade/types.js";
import { InFlight } from "../src/harness/watchdog/protocol.js";
import type { ModuleImage } from "../src/harness/busybox.js";
import type { Machine } from "../src/process/machine.js";
import { BENCH, ROOT, benchProgram, bootMachine, hostCompiler, precompiledModule, summarize, type Summary } from "./common.js";

export interface RoundtripRow {
  name: string;
  where: "emulated" | "native";
  /** ns per write+read pair, one sample per timed round */
  ns: Summary;
  iterations: number;
}

export interface RoundtripResult {
  rows: RoundtripRow[];
  skipped: string[];
}

export interface RoundtripOptions {
  rounds: number;
  iterations: number;
}

function parseRounds(out: string): { ns: number[]; iterations: number } {
  const ns: number[] = [];
  let iterations = 0;
  for (const line of out.trim().split("\n")) {
    const [a, b] = line.trim().split(/\s+/);
    ns.push(Number(a));
    iterations = Number(b);
  }
  if (ns.length === 0 || ns.some((x) => !Number.isFinite(x))) throw new Error(`roundtrip printed: ${out}`);
  return { ns, iterations };
}

/** The emulated side: one WASI process per mode, `rounds` timed rounds each. */
export async function emulatedRoundtrip(opts: RoundtripOptions, program?: ProgramImage): Promise<RoundtripRow[]> {
  const prog = program ?? (await benchProgram("roundtrip"));
  const { image } = await precompiledModule();
  const rows: RoundtripRow[] = [];
  const slotArgs = ["slot", String(opts.rounds), String(opts.iterations), "/dev/slot0", "1"];
  const modes: [string, string[], boolean][] = [
    [GRADED_SLOT, slotArgs, true],
    ["message slot /dev/slot0", slotArgs, false],
    ["/dev/null + /dev/zero", ["null", String(opts.rounds), String(opts.iterations)], false],
  ];
  for (const [name, args, graded] of modes) {
    const machine = graded ? gradedMachine(image, prog) : bootMachine(image);
    const r = runProgram({ machine, program: prog, argv: ["./roundtrip", ...args] });
    const dec = new TextDecoder();
    if (r.status !== 0) throw new Error(`emulated roundtrip ${args[0]}: status ${r.status}: ${dec.decode(r.stderr)}${r.reason ?? ""}`);
    const { ns, iterations } = parseRounds(dec.decode(r.stdout));
    rows.push({ name, where: "emulated", ns: summarize(ns), iterations });
  }
  return rows;
}

/** The row the target is about: the slot with every detector the grader uses. */
export const GRADED_SLOT = "message slot /dev/slot0, graded (detectors on)";

/**
 * A machine as a grading worker runs a student's program on it: a grade-suite Session (heap check
 * after every syscall, WatchedProcess naming each call) publishing to a watchdog's InFlight record.
 */
export function gradedMachine(image: ModuleImage, prog: ProgramImage): Machine {
  const s = new Session({
    variant: VARIANT_INFO["2023"],
    loaded: { module: image, programs: new Map([[prog.name, prog]]) },
    publisher: new InFlight(),
    checkEachCall: true,
  });
  s.boot([0]);
  if (s.machine.kernel.vfs.mknod("/dev/null", 1, 3, new Date(0)) !== 0 || s.machine.kernel.vfs.mknod("/dev/zero", 1, 5, new Date(0)) !== 0) throw new Error("mknod");
  return s.machine;
}

/** The native side: the same C built with the host's cc -O2, on a pipe and on /dev/null + /dev/zero. */
export function nativeRoundtrip(opts: RoundtripOptions): { rows: RoundtripRow[]; skipped: string[] } {
  const cc = hostCompiler();
  if (!cc) return { rows: [], skipped: ["native round trip: no C compiler (cc, gcc, clang or $CC) on this machine"] };
  const dir = mkdtempSync(join(tmpdir(), "msgslot-bench-"));
  try {
    const exe = join(dir, "roundtrip");
    execFileSync(cc.path, ["-O2", "-Wall", `-I${join(ROOT, "module-c")}`, "-o", exe, join(BENCH, "programs", "roundtrip.c")], { stdio: "pipe" });
    const rows: RoundtripRow[] = [];
    for (const [name, mode] of [["pipe", "pipe"], ["/dev/null + /dev/zero", "null"]] as const) {
      const r = spawnSync(exe, [mode, String(opts.rounds), String(opts.iterations)], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`native roundtrip ${mode}: status ${r.status}: ${r.stderr}`);
      const { ns, iterations } = parseRounds(r.stdout);
      rows.push({ name, where: "native", ns: summarize(ns), iterations });
    }
    return { rows, skipped: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function roundtrip(opts: RoundtripOptions): Promise<RoundtripResult> {
  const emulated = await emulatedRoundtrip(opts);
  const native = nativeRoundtrip(opts);
  return { rows: [...emulated, ...native.rows], skipped: native.skipped };
}
