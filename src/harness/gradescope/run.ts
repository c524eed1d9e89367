// Inside Gradescope's container (run_autograder): find the submission in $ROOT/submission as
// Gradescope delivers it (files at the top, in a subfolder, or a .zip), grade it with
// `msgslot grade --format json` in a child process under a deadline, and write
// $ROOT/results/results.json whatever happens.

import { spawn } from "node:child_process";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { discover, InputError, type SubmissionInput } from "../grade/input.js";
import { VARIANTS } from "../grade/types.js";
import { CONFIG_FILE, deadlineSeconds, type AutograderConfig } from "./config.js";
import { failedResults, fromGradeReport, type GradescopeResults, type RunContext } from "./results.js";

export interface RunOptions {
  root: string;
  /** bin/msgslot.js of this installation */
  msgslotBin: string;
  /** lines for the autograder's stdout (the staff see it, students do not) */
  log: (line: string) => void;
}

const STAFF = "This is a problem of the autograder, not of your submission: please tell the course staff.";
const WHAT_TO_SUBMIT = "Submit message_slot.c, message_slot.h, message_sender.c and message_reader.c (and your Makefile), as files or in one .zip.";

async function readConfig(root: string): Promise<AutograderConfig> {
  const file = join(root, "source", CONFIG_FILE);
  const c = JSON.parse(await readFile(file, "utf8")) as Partial<AutograderConfig>;
  const positive = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v > 0;
  if (typeof c.msgslot !== "string" || !(VARIANTS as readonly unknown[]).includes(c.variant) || !positive(c.timeScale) || !positive(c.lockupSeconds) || !positive(c.jobs) || !positive(c.timeoutSeconds))
    throw new Error(`${file}: not the settings msgslot gradescope writes`);
  return c as AutograderConfig;
}

/** The one submission in the folder, or why there is none to grade. */
async function findSubmission(dir: string): Promise<SubmissionInput | string> {
  let inputs: SubmissionInput[];
  try {
    inputs = await discover([dir], "auto");
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return `No C files were found in your submission. ${WHAT_TO_SUBMIT}`;
  }
  if (inputs.length === 1) return inputs[0];
  return `Your submission holds ${inputs.length} separate submissions (${inputs.map((i) => (i.kind === "zip" ? `${i.name}.zip` : `${i.name}/`)).join(", ")}), so it is not clear which one to grade. ${WHAT_TO_SUBMIT}`;
}

/** `msgslot grade`'s arguments for the submission at `path`, with the zip's settings. */
export function gradeArgs(config: AutograderConfig, root: string, path: string): string[] {
  const args = ["--format", "json", "--variant", config.variant, "--jobs", String(config.jobs), "--time-scale", String(config.timeScale), "--lockup", String(config.lockupSeconds)];
  if (config.tests) args.push("--tests", join(root, "source", config.tests));
  return [...args, path];
}

interface Child {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runGrade(bin: string, args: string[], deadlineMs: number): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "grade", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, deadlineMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

const tail = (text: string, lines = 30) => text.trim().split("\n").slice(-lines).join("\n");

async function writeResults(root: string, results: GradescopeResults): Promise<void> {
  const dir = join(root, "results");
  await mkdir(dir, { recursive: true });
  // a whole file or none: Gradescope must never read half of one
  await writeFile(join(dir, "results.json.tmp"), JSON.stringify(results, null, 2) + "\n");
  await rename(join(dir, "results.json.tmp"), join(dir, "results.json"));
}

/** Grade $root/submission into $root/results/results.json. Returns what was written. */
export async function runAutograder(opts: RunOptions): Promise<GradescopeResults> {
  const t0 = Date.now();
  const ctx = (c?: AutograderConfig): RunContext => ({ msgslot: c?.msgslot ?? "?", variant: c?.variant ?? "?", seconds: (Date.now() - t0) / 1000 });
  let config: AutograderConfig | undefined;
  let results: GradescopeResults;
  try {
    config = await readConfig(opts.root);
    const found = await findSubmission(join(opts.root, "submission"));
    if (typeof found === "string") {
      results = failedResults(found, ctx(config));
    } else {
      const args = gradeArgs(config, opts.root, found.path);
      const deadline = deadlineSeconds(config.timeoutSeconds);
      opts.log(`msgslot ${config.msgslot}: grading ${found.path} (variant ${config.variant}, time limits x${config.timeScale}, ${config.jobs} job${config.jobs > 1 ? "s" : ""}, stopping after ${deadline} s)`);
      const r = await runGrade(opts.msgslotBin, args, deadline * 1000);
      if (r.stderr.trim()) opts.log(r.stderr.trimEnd());
      if (r.timedOut) {
        results = failedResults(`Grading did not finish within ${deadline} s and was stopped; no score could be given. If your module is slow or hangs, that is the likely cause. (Staff: the assignment's timeout is ${config.timeoutSeconds} s; raise it on Gradescope and rebuild the autograder with --timeout.)`, ctx(config));
      } else {
        let report: unknown;
        try {
          report = JSON.parse(r.stdout);
        } catch {
          report = undefined;
        }
        if (Array.isArray(report) && report.length === 1) report = report[0];
        results = report === undefined
          ? failedResults(`msgslot grade failed (exit ${r.code}). ${STAFF}`, ctx(config), tail(r.stderr))
          : fromGradeReport(report, ctx(config));
      }
    }
  } catch (e) {
    results = failedResults(`The autograder failed: ${(e as Error).message}. ${STAFF}`, ctx(config));
  }
  await writeResults(opts.root, results);
  const passed = results.tests.filter((t) => t.status === "passed").length;
  opts.log(`results.json: score ${results.score}${results.max_score !== undefined ? `/${results.max_score}` : ""}, ${passed}/${results.tests.length} tests passed, ${results.execution_time} s`);
  return results;
}
