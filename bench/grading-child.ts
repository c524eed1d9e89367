// One grading scenario in its own process (run by grading.ts), so that its peak RSS is its own:
//   node grading-child.js single RUNS DIR   a warm-up submission, then RUNS submissions one at a time
//   node grading-child.js batch COUNT DIR   COUNT submissions in one gradeSubmissions() call
// DIR holds uniquely commented copies of the reference submission (sub-0, sub-1, ...), so no
// student file is a compile-cache hit (libkern and libuser, the same for everyone, may be).
// Prints JSON: wall ms per call, build and test times, scores, peak RSS.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { discover } from "../src/harness/grade/input.js";
import { gradeSubmissions } from "../src/harness/grade/node.js";
import type { SubmissionReport } from "../src/harness/grade/types.js";

const [mode, countArg, dir] = process.argv.slice(2) as [string, string, string];
const count = Number(countArg);
const jobs = availableParallelism();

async function grade(names: string[]): Promise<{ ms: number; cpuMs: number; reports: SubmissionReport[] }> {
  const inputs = await discover(names.map((n) => join(dir, n)), false);
  const t0 = performance.now();
  // the process's CPU time, its worker threads and its build process included: what the call
  // cost, however loaded the machine
  const c0 = process.cpuUsage();
  const k0 = childrenCpuMs();
  const reports = await gradeSubmissions(inputs, { variant: "2023", jobs });
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 + childrenCpuMs() - k0, reports };
}

const summary = (r: SubmissionReport) => ({
  score: r.score,
  maxScore: r.maxScore,
  buildMs: r.build.ms,
  compiled: r.build.units.filter((u) => !u.cached).map((u) => u.name),
  testsMs: r.tests.reduce((s, t) => s + t.ms, 0),
  slowest: [...r.tests].sort((a, b) => b.ms - a.ms).slice(0, 2).map((t) => ({ id: t.id, ms: t.ms })),
  failed: r.tests.filter((t) => t.status === "failed").map((t) => t.id),
  ...(r.error ? { error: r.error } : {}),
});

/** CPU ms of this process's children that have ended (gradeSubmissions' build process, which it
 *  waits for): /proc/self/stat's cutime + cstime, in clock ticks (100 a second on Linux). */
function childrenCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[13]) + Number(f[14])) * 10;
}

const calls: { ms: number; cpuMs: number; submissions: ReturnType<typeof summary>[] }[] = [];
if (mode === "single") {
  const warm = await grade(["sub-warm"]);
  for (let i = 0; i < count; i++) {
    const r = await grade([`sub-${i}`]);
    calls.push({ ms: r.ms, cpuMs: r.cpuMs, submissions: r.reports.map(summary) });
  }
  process.stdout.write(JSON.stringify({ jobs, warmupMs: warm.ms, calls, maxRssKiB: process.resourceUsage().maxRSS }));
} else {
  const r = await grade(Array.from({ length: count }, (_, i) => `sub-${i}`));
  calls.push({ ms: r.ms, cpuMs: r.cpuMs, submissions: r.reports.map(summary) });
  process.stdout.write(JSON.stringify({ jobs, calls, maxRssKiB: process.resourceUsage().maxRSS }));
}
