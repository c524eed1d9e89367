// 1. The syscall round trip: bench/programs/roundtrip.c writes 128 bytes and reads 128 bytes
// back, in a loop, once as a WASI process of the emulator (on /dev/slot0, channel set once; and
// on the emulator's /dev/null + /dev/zero) and once compiled natively by the host's cc -O2 (on a
// pipe; on /dev/null + /dev/zero), in the same run. The program times its own loop with
// CLOCK_MONOTONIC, so both sides measure exactly the same C code.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProgram, type ProgramImage } from "../src/wasi/run.js";
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
  const modes: [string, string[]][] = [
    ["message slot /dev/slot0", ["slot", String(opts.rounds), String(opts.iterations), "/dev/slot0", "1"]],
    ["/dev/null + /dev/zero", ["null", String(opts.rounds), String(opts.iterations)]],
  ];
  for (const [name, args] of modes) {
    const machine = bootMachine(image);
    const r = runProgram({ machine, program: prog, argv: ["./roundtrip", ...args] });
    const dec = new TextDecoder();
    if (r.status !== 0) throw new Error(`emulated roundtrip ${args[0]}: status ${r.status}: ${dec.decode(r.stderr)}${r.reason ?? ""}`);
    const { ns, iterations } = parseRounds(dec.decode(r.stdout));
    rows.push({ name, where: "emulated", ns: summarize(ns), iterations });
  }
  return rows;
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
