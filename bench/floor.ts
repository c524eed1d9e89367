// The syscall pair's floor: the round trip without the kmalloc heap's work, then without the
// usercopies' too (stand-ins.ts), graded and on a bare machine. What is left is the rest of the
// path (WASI, the process and VFS layers, the calls into the module, the grader's per-call record
// and check), which no faster heap or copy can remove. Each measurement is a fresh process
// (profile-roundtrip.js with the stand-ins loaded first by --import), so no row's stand-ins change
// another's optimised code. `npm run bench` prints it under the round trip;
// `node bench/dist/bench/floor.js [ITERATIONS]` alone.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { fmt, summarize, table, type Summary } from "./common.js";

export interface FloorRow {
  /** what was replaced */
  name: string;
  /** MSGSLOT_STAND_INS */
  parts: string;
  /** ns per pair, one sample per timed round of the program */
  graded: Summary;
  bare: Summary;
}

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const VARIANTS: [string, string][] = [["the real heap and usercopies", ""], ["heap stand-in", "heap"], ["heap and usercopy stand-ins", "heap,copy"]];

function pair(mode: "graded" | "slot", parts: string, iterations: number): Summary {
  const r = spawnSync(process.execPath, ["--import", here("./stand-ins.js"), here("./profile-roundtrip.js"), mode, String(iterations)], {
    encoding: "utf8",
    env: { ...process.env, MSGSLOT_STAND_INS: parts },
  });
  if (r.status !== 0) throw new Error(`floor (${parts || "no stand-ins"}, ${mode}): status ${r.status}: ${r.stderr}`);
  // "r1 r2 r3  cpu X": the timed rounds' ns per pair
  return summarize(r.stdout.trim().split(/\s+/).slice(0, 3).map(Number));
}

export function measureFloor(iterations: number): FloorRow[] {
  return VARIANTS.map(([name, parts]) => ({ name, parts, graded: pair("graded", parts, iterations), bare: pair("slot", parts, iterations) }));
}

export function floorTable(rows: FloorRow[]): string {
  return table(["", "graded (detectors on)", "bare machine"], rows.map((r) => [r.name, fmt(r.graded.median), fmt(r.bare.median)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const iterations = Number(process.argv[2] ?? "500000");
  console.log(`syscall pair, ns (median of 3 rounds of ${iterations} pairs), stand-ins from bench/stand-ins.ts`);
  console.log(floorTable(measureFloor(iterations)));
}
