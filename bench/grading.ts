// 4. Grading throughput: `msgslot grade`'s gradeSubmissions() on the reference submission
// (module-c's message_slot.c/.h, message_sender.c, message_reader.c; each copy carries a unique
// comment in every file and a load message of its own, so no compile is a cache hit and no two
// modules are the same wasm, as in a course): one submission at a time after a warm-up one (the
// compiler loaded, libkern/libuser cached), and a batch of 20 in one call; each scenario in its
// own Node process (grading-child.ts) for its peak RSS; with @yowasp/clang and, when
// WASI_SDK_PATH is set, with the native wasi-sdk.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT, fmt, spread, summarize, table, type Summary } from "./common.js";

const FILES = ["message_slot.c", "message_slot.h", "message_sender.c", "message_reader.c"];

interface ChildOutput {
  jobs: number;
  warmupMs?: number;
  calls: { ms: number; cpuMs: number; submissions: { score: number; maxScore: number; buildMs: number; compiled: string[]; testsMs: number; slowest: { id: string; ms: number }[]; failed: string[]; error?: string }[] }[];
  maxRssKiB: number;
}

export interface GradingScenario {
  backend: string;
  scenario: "single" | "batch";
  submissions: number;
  jobs: number;
  /** wall ms per gradeSubmissions() call */
  wallMs: Summary;
  /** ms of the build step (compile of the module and both programs) per submission */
  buildMs: Summary;
  /** ms of the tests per submission (sum of the tests' own times, on `jobs` workers) */
  testsMs: Summary;
  /** submissions per minute (batch: of the whole call) */
  perMinute: number;
  /** CPU seconds per submission (all threads of the grading process, and its build process), median over calls */
  cpuPerSub: number;
  /** submissions per minute if the jobs' worker threads had their cores to themselves: jobs * 60 / cpuPerSub */
  perMinuteIdle: number;
  maxRssMiB: number;
  scores: string[];
  slowestTests: { id: string; ms: number }[];
  warmupMs?: number;
}

export interface GradingResult {
  scenarios: GradingScenario[];
  table: string[];
  skipped: string[];
}

/** The reference's load message, which each copy makes its own: every student's module differs, so
 *  its wasm must too (a comment alone leaves it the same, and what is keyed by the module's
 *  bytes, such as the race explorer's build, would be made once for the whole batch). */
const LOAD_MESSAGE = '"message_slot: registered major %d\\n"';

function makeSubmissions(dir: string, names: string[]): void {
  const src = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(ROOT, "module-c", f), "utf8")]));
  if (!src["message_slot.c"]!.includes(LOAD_MESSAGE)) throw new Error(`module-c/message_slot.c no longer prints ${LOAD_MESSAGE}: update bench/grading.ts`);
  for (const name of names) {
    mkdirSync(join(dir, name));
    const id = `${name} ${Date.now()} ${Math.random().toString(36).slice(2)}`;
    // every file differs (the header too: the header probe compiles it), and so does the module's wasm
    for (const f of FILES) {
      const text = f === "message_slot.c" ? src[f]!.replace(LOAD_MESSAGE, `"message_slot (${id}): registered major %d\\n"`) : src[f]!;
      writeFileSync(join(dir, name, f), `/* msgslot bench ${id} */\n${text}`);
    }
  }
}

function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<ChildOutput> {
  const child = fileURLToPath(new URL("./grading-child.js", import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, ...args], { env, cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("close", (code) => {
      if (code !== 0) reject(new Error(`grading child ${args.join(" ")}: status ${code}\n${err}`));
      else resolve(JSON.parse(out) as ChildOutput);
    });
  });
}

function scenario(backend: string, kind: "single" | "batch", o: ChildOutput): GradingScenario {
  const subs = o.calls.flatMap((c) => c.submissions);
  const bad = subs.filter((s) => s.error || s.score !== s.maxScore);
  if (bad.length) throw new Error(`grading the reference submission did not give full marks: ${JSON.stringify(bad[0])}`);
  const wall = summarize(o.calls.map((c) => c.ms));
  const cpuPerSub = summarize(o.calls.map((c) => c.cpuMs / 1000 / c.submissions.length)).median;
  const slowest = subs.flatMap((s) => s.slowest).sort((a, b) => b.ms - a.ms).slice(0, 2);
  return {
    backend, scenario: kind, submissions: subs.length, jobs: o.jobs,
    wallMs: wall, buildMs: summarize(subs.map((s) => s.buildMs)), testsMs: summarize(subs.map((s) => s.testsMs)),
    perMinute: kind === "batch" ? (subs.length * 60_000) / wall.median : 60_000 / wall.median,
    cpuPerSub, perMinuteIdle: (o.jobs * 60) / cpuPerSub,
    maxRssMiB: o.maxRssKiB / 1024, scores: [...new Set(subs.map((s) => `${s.score}/${s.maxScore}`))],
    slowestTests: slowest, ...(o.warmupMs !== undefined ? { warmupMs: o.warmupMs } : {}),
  };
}

export async function grading(opts: { quick: boolean; progress: (m: string) => void }): Promise<GradingResult> {
  const skipped: string[] = [];
  const backends: { name: string; env: NodeJS.ProcessEnv }[] = [];
  const { WASI_SDK_PATH: sdk, ...base } = process.env;
  backends.push({ name: "@yowasp/clang", env: base });
  if (sdk) backends.push({ name: `wasi-sdk (${sdk})`, env: { ...base, WASI_SDK_PATH: sdk } });
  else skipped.push("grading with a native wasi-sdk: WASI_SDK_PATH is not set (no wasi-sdk on this machine)");

  const singleRuns = opts.quick ? 1 : 3;
  const batch = opts.quick ? 4 : 20;
  const scenarios: GradingScenario[] = [];
  for (const b of backends) {
    const dir = mkdtempSync(join(tmpdir(), "msgslot-grade-bench-"));
    try {
      makeSubmissions(dir, ["sub-warm", ...Array.from({ length: Math.max(singleRuns, batch) }, (_, i) => `sub-${i}`)]);
      opts.progress(`grading: ${b.name}, ${singleRuns} single submission(s) after a warm-up`);
      scenarios.push(scenario(b.name, "single", await runChild(["single", String(singleRuns), dir], b.env)));
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      makeSubmissions(dir, Array.from({ length: batch }, (_, i) => `sub-${i}`));
      opts.progress(`grading: ${b.name}, a batch of ${batch}`);
      scenarios.push(scenario(b.name, "batch", await runChild(["batch", String(batch), dir], b.env)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { scenarios, table: gradingTable(scenarios), skipped };
}

function gradingTable(rows: GradingScenario[]): string[] {
  const slow = rows[0]?.slowestTests[0];
  const warm = rows.filter((r) => r.warmupMs !== undefined).map((r) => `${r.backend} ${fmt(r.warmupMs! / 1000, 2)} s`);
  return [
    `4. grading: msgslot grade (variant 2023, the full suite) of the reference submission, ${rows[0]?.jobs ?? "?"} worker threads; compile of the student's files included (libkern/libuser cached)`,
    "   every gradeSubmissions() call starts its own worker pool and build process, which loads the compiler: a batch's median build is the warm-toolchain compile",
    table(["", "wall s/call", "build s/sub", "tests s/sub (sum)", "subs/min", "CPU s/sub", "peak RSS"], rows.map((r) => [
      `${r.backend}: ${r.scenario === "single" ? "one submission" : `batch of ${r.submissions}`}`,
      spread({ ...r.wallMs, median: r.wallMs.median / 1000, min: r.wallMs.min / 1000, max: r.wallMs.max / 1000 }, 2),
      spread({ ...r.buildMs, median: r.buildMs.median / 1000, min: r.buildMs.min / 1000, max: r.buildMs.max / 1000 }, 2),
      spread({ ...r.testsMs, median: r.testsMs.median / 1000, min: r.testsMs.min / 1000, max: r.testsMs.max / 1000 }, 2),
      fmt(r.perMinute, 1),
      fmt(r.cpuPerSub, 2),
      `${fmt(r.maxRssMiB)} MiB`,
    ])),
    "   CPU s/sub: CPU time of the grading process (every thread) and its build process per submission, which a loaded machine does not inflate as much as wall time",
    ...rows.filter((r) => r.scenario === "batch").map((r) => `target: ≥ 40 submissions a minute in the batch (${r.backend}) — ${r.perMinute >= 40 ? "met" : "NOT met"}: ${fmt(r.perMinute, 1)}/min (with the ${r.jobs} cores to itself, by CPU time: ${fmt(r.perMinuteIdle, 1)}/min)`),
    slow ? `slowest test: ${slow.id} (${fmt(slow.ms / 1000, 1)} s); scores: ${[...new Set(rows.flatMap((r) => r.scores))].join(", ")}` : "",
    warm.length ? `the warm-up call (the first in its process, not counted above): ${warm.join(", ")}` : "",
  ];
}
