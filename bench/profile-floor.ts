// node bench/dist/bench/profile-floor.js [ITERATIONS]: what the syscall pair costs without the
// kmalloc heap's work, and without the usercopies' too (stand-ins.ts), graded and bare: the floor
// of everything else on the path (WASI, the process and VFS layers, the calls into the module,
// the grader's per-call record and check). Each row is a fresh process
// (profile-roundtrip.js, the stand-ins loaded first with --import), so no row's stand-ins change
// another's optimised code. ns per pair: the median of the program's three timed rounds.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { fmt, summarize, table } from "./common.js";

const iterations = process.argv[2] ?? "500000";
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const variants: [string, string][] = [["the real heap and usercopies", ""], ["heap stand-in", "heap"], ["heap and usercopy stand-ins", "heap,copy"]];
const modes = ["graded", "slot"] as const;

const rows: string[][] = [];
for (const [name, parts] of variants) {
  const cells = [name];
  for (const mode of modes) {
    const r = spawnSync(process.execPath, ["--import", here("./stand-ins.js"), here("./profile-roundtrip.js"), mode, iterations], {
      encoding: "utf8",
      env: { ...process.env, MSGSLOT_STAND_INS: parts },
    });
    if (r.status !== 0) throw new Error(`${name}, ${mode}: status ${r.status}: ${r.stderr}`);
    // "r1 r2 r3  cpu X": the timed rounds' ns per pair
    const rounds = r.stdout.trim().split(/\s+/).slice(0, 3).map(Number);
    cells.push(fmt(summarize(rounds).median));
  }
  rows.push(cells);
}
console.log(`syscall pair, ns (median of 3 rounds of ${iterations} pairs), stand-ins from bench/stand-ins.ts`);
console.log(table(["", "graded (detectors on)", "bare machine"], rows));
