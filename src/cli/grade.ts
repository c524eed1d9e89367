// `msgslot grade`: grade message-slot submissions (directories or .zip files)
// with the course's key and msgslot's extra checks.

import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { discover, InputError, type SubmissionInput } from "../harness/grade/input.js";
import { gradeSubmissions, type GradeEvent } from "../harness/grade/node.js";
import { formatCsv, formatGradescope, formatJunit, formatText } from "../harness/grade/report.js";
import { parseShard, selectShard, type Shard } from "../harness/grade/shard.js";
import { suiteFor } from "../harness/grade/suite.js";
import { VARIANTS, type SubmissionReport, type VariantName } from "../harness/grade/types.js";
import { parseArgs, UsageError } from "./args.js";
import { loadTestsDir, TestsDirError, writeExpected, type TestsDir } from "../harness/grade/tests-dir.js";
import { EXPECTED_FILE, TESTS_FILE, type Observed } from "../harness/grade/instructor.js";

function testList(): string {
  const seen = new Map<string, { name: string; weight: number; description: string; variants: VariantName[] }>();
  for (const v of VARIANTS) {
    for (const { def } of suiteFor(v)) {
      const e = seen.get(def.id) ?? { name: def.name, weight: def.weight, description: def.description, variants: [] };
      e.variants.push(v);
      seen.set(def.id, e);
    }
  }
  return [...seen.entries()].map(([id, e]) => {
    const w = e.weight > 0 ? `${e.weight} pts` : "advisory";
    const only = e.variants.length < VARIANTS.length ? `, ${e.variants.join("/")} only` : "";
    return `  ${e.name} [${id}] (${w}${only})\n      ${e.description}`;
  }).join("\n");
}

export const GRADE_HELP = `Usage: msgslot grade [options] SUBMISSION...

Grades message-slot submissions: builds the module and both programs with the
project toolchain, then runs every test on its own fresh emulated kernel, each
under a watchdog (a module call that never returns is a soft lockup; grading
goes on). The course's key (2021 weights, 100 points) is scored; msgslot's
extra checks are reported as advisory (0 points).

SUBMISSION is a directory or a .zip (e.g. ex3_123456789.zip; the files may be
in a subfolder). A directory holding no C files is a batch: each of its
subdirectories and .zip files is a submission.

Options:
  --variant V       2023 (default): major 235, release frees per-file memory
                    2021: major 240, no release requirement
                    2025-censor: adds ioctl MSG_SLOT_SET_CEN (every 3rd char
                    becomes '#'); message_sender PATH CHANNEL CENSOR MESSAGE
  --format F        text (default), json (Gradescope results.json), junit
  --out DIR         write one report per submission: DIR/NAME.txt, .json
                    (Gradescope) or .xml, by --format
  --csv FILE        write a CSV of scores (one row per submission)
  --jobs N          test worker threads (default: the number of cores,
                    ${availableParallelism()} here); the builds run in one more process
  --batch           treat every directory argument as a batch
  --lockup SECONDS  a call into the module that has not returned after this
                    long is a soft lockup (default 2)
  --time-scale F    multiply every test's time limit by F (slow machines)
  --channels N      channels for the 2^20-channel test (default 1048576)
  --only IDS        run only these tests (comma-separated ids, see below)
  --tests DIR       add an instructor's tests (DIR/${TESTS_FILE}, see below) to
                    the built-in suite; their points add to the total
  --only-tests      run the --tests DIR tests instead of the built-in suite
  --record REFERENCE
                    run the --tests DIR tests on REFERENCE (a module
                    directory, e.g. module-c) and write what it produced
                    into DIR/${EXPECTED_FILE}: the expected results. No
                    SUBMISSION is graded
  --programs DIR    more programs for the --tests DIR tests (built like
                    msgslot run --programs DIR)
  --shard I/N       grade only the I-th (1-based) of N shares of the batch:
                    the submissions sorted by name, the k-th (from 0) in
                    share (k mod N) + 1; output is always in batch form (an
                    empty share writes empty but valid reports). Combine the
                    shares' --csv, --format json and --format junit outputs
                    with 'msgslot merge'.
  -h, --help        show this help

Output: a single submission's report goes to stdout in --format. For a batch,
stdout gets a summary (text), an array of results.json objects (json) or one
JUnit document (junit); a progress bar (or a line per submission when stderr
is not a terminal) goes to stderr.

Text report: "NAME: OK (0.1s)" or "NAME: FAIL (0.1s) -POINTS" per test with
what was expected and what happened, then "Score: N/100".

Exit status: 0 every submission was graded (whatever its score), 1 a
submission could not be read or graded (--record: the reference failed a
test), 2 usage or an unusable --tests DIR.

Tests:
${testList()}

Instructors' tests (--tests DIR): DIR holds ${TESTS_FILE}, the programs the tests
run (every *.c defining main() is ./NAME; *.c without main() are linked into
each; DIR's headers are included) and scenario files (*.scn). ${TESTS_FILE}:
  {"tests": [
    {"name": "two slots", "points": 5, "visibility": "visible",
     "run": "insmod; mknod /dev/a c 235 0; mknod /dev/b c 235 1; ./tester /dev/a /dev/b"},
    {"name": "errno values", "points": 3, "visibility": "hidden", "scenario": "errors.scn"}
  ]}
Each test: "name", "points" (>= 0), "visibility" (visible, hidden,
after_due_date or after_published; default visible; carried into the JSON
report), and either "run" (a command line of msgslot run: its stdout and exit
status are compared) or "scenario" (its transcript and status are compared);
optional "id" (default: made from the name) and "timeout" (seconds, default
20). Each test runs on a fresh kernel under the watchdog; the expected results
come from DIR/${EXPECTED_FILE}, written by --record from the reference solution.
A failing test shows expected and actual output side by side.

Limits: a zip of at most 64 MiB, 2000 entries, 2 MiB per file and 32 MiB in
all (uncompressed, checked while inflating); paths with '..' or absolute paths
are refused, symlinks ignored. Each test has a time limit (20 s; 60 s for
fault injection and the program replay; 120 s for 2^20 channels).
`;

const FORMATS = ["text", "json", "junit"] as const;
type Format = (typeof FORMATS)[number];
const EXT: Record<Format, string> = { text: "txt", json: "json", junit: "xml" };

function render(format: Format, r: SubmissionReport): string {
  return format === "json" ? formatGradescope(r) : format === "junit" ? formatJunit([r]) : formatText(r);
}

/** The progress display on stderr: a bar on a terminal, a line per submission otherwise. */
function progress(total: number, testsPer: number): (e: GradeEvent) => void {
  const tty = process.stderr.isTTY === true;
  let done = 0;
  let tests = 0;
  let current = "";
  const draw = () => {
    const width = 30;
    const frac = Math.min(1, Math.max(done / Math.max(1, total), tests / Math.max(1, total * testsPer)));
    const fill = Math.round(frac * width);
    const line = `[${"#".repeat(fill)}${".".repeat(width - fill)}] ${done}/${total} ${current}`;
    process.stderr.write(`\r\x1b[K${line.slice(0, Math.max(20, (process.stderr.columns || 100) - 1))}`);
  };
  return (e) => {
    if (e.type === "start") {
      current = e.input.name;
      if (tty) draw();
    } else if (e.type === "test") {
      tests++;
      if (tty) draw();
    } else if (e.type === "done") {
      done++;
      const r = e.report;
      const line = `graded ${r.submission} (${done}/${total}): ${r.score}/${r.maxScore} in ${r.seconds.toFixed(1)}s${r.error ? ` (${r.error})` : ""}`;
      if (tty) {
        process.stderr.write(`\r\x1b[K${line}\n`);
        if (done < total) draw();
      } else process.stderr.write(line + "\n");
    }
  };
}

export async function gradeCommand(argv: string[]): Promise<number> {
  let args;
  let format: Format;
  let variant: VariantName;
  let jobs: number | undefined;
  let lockupMs: number | undefined;
  let timeScale: number | undefined;
  let channels: number | undefined;
  let only: string[] | undefined;
  let shard: Shard | undefined;
  try {
    args = parseArgs(argv, { values: ["--variant", "--format", "--out", "--csv", "--jobs", "--lockup", "--time-scale", "--channels", "--only", "--shard", "--tests", "--record", "--programs"], switches: ["--batch", "--only-tests"] });
    const testsDir = args.values["--tests"];
    if (testsDir === undefined) {
      for (const o of ["--record", "--programs", "--only-tests"]) if (o in args.values || args.switches.has(o)) throw new UsageError(`${o} needs --tests DIR`);
    }
    if (args.values["--record"] !== undefined && args.positional.length > 0) throw new UsageError("--record REFERENCE grades no submission: give no SUBMISSION");
    if (args.values["--record"] === undefined && args.positional.length === 0) throw new UsageError("no submission given");
    const v = args.values["--variant"] ?? "2023";
    if (!(VARIANTS as readonly string[]).includes(v)) throw new UsageError(`unknown variant '${v}' (2023, 2021 or 2025-censor)`);
    variant = v as VariantName;
    const f = args.values["--format"] ?? "text";
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format '${f}' (text, json or junit)`);
    format = f as Format;
    const num = (name: string, min: number, int: boolean): number | undefined => {
      const raw = args!.values[name];
      if (raw === undefined) return undefined;
      const n = Number(raw);
      if (!Number.isFinite(n) || n < min || (int && !Number.isInteger(n))) throw new UsageError(`${name} needs ${int ? "an integer" : "a number"} >= ${min}, not '${raw}'`);
      return n;
    };
    jobs = num("--jobs", 1, true);
    const lockup = num("--lockup", 0.1, false);
    lockupMs = lockup === undefined ? undefined : lockup * 1000;
    timeScale = num("--time-scale", 0.01, false);
    channels = num("--channels", 1, true);
    if (args.values["--shard"] !== undefined) {
      try {
        shard = parseShard(args.values["--shard"]);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    }
    if (args.values["--only"] !== undefined) {
      only = args.values["--only"].split(",").map((s) => s.trim()).filter(Boolean);
      const known = new Set(suiteFor(variant).map((i) => i.def.id));
      const bad = only.filter((id) => !known.has(id));
      if (bad.length) throw new UsageError(`unknown test id${bad.length > 1 ? "s" : ""} ${bad.join(", ")} (ids: ${[...known].join(", ")})`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`msgslot grade: ${e.message}\n\nUsage: msgslot grade [options] SUBMISSION...   (msgslot grade --help)\n`);
    return 2;
  }

  let tests: TestsDir | undefined;
  const record = args.values["--record"];
  if (args.values["--tests"] !== undefined) {
    try {
      tests = await loadTestsDir(args.values["--tests"], {
        record: record !== undefined,
        variant,
        reservedIds: suiteFor(variant).map((i) => i.def.id),
        ...(args.values["--programs"] !== undefined ? { programsDir: args.values["--programs"] } : {}),
      });
    } catch (e) {
      if (!(e instanceof TestsDirError)) throw e;
      process.stderr.write(e.problems.map((p) => `msgslot grade: --tests ${p}\n`).join(""));
      return 2;
    }
    if (tests.messages) process.stderr.write(tests.messages);
  }
  if (record !== undefined) return recordExpected(tests!, record, { variant, jobs, lockupMs, timeScale });

  let inputs: SubmissionInput[];
  try {
    inputs = await discover(args.positional, args.switches.has("--batch") ? true : "auto");
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`msgslot grade: ${e.message}\n`);
    return 1;
  }
  const names = new Map<string, number>();
  for (const i of inputs) {
    // two inputs with one name (a.zip and a/) would overwrite each other's report
    const n = names.get(i.name) ?? 0;
    names.set(i.name, n + 1);
    if (n > 0) i.name = `${i.name}-${n + 1}`;
  }
  if (shard) inputs = selectShard(inputs, shard);

  const batch = inputs.length > 1 || shard !== undefined;
  const onlyTests = args.switches.has("--only-tests");
  const testCount = (onlyTests ? 0 : suiteFor(variant).filter((i) => i.type === "run" && (!only || only.includes(i.def.id))).length) + (tests?.tests.length ?? 0);
  const reports = inputs.length === 0 ? [] : await gradeSubmissions(inputs, {
    variant, jobs, lockupMs, timeScale, channels, only,
    ...(tests ? { instructor: { tests: tests.tests, ...(tests.expected ? { expected: tests.expected } : {}), only: onlyTests, programs: tests.programs } } : {}),
    onEvent: batch || process.stderr.isTTY ? progress(inputs.length, testCount) : undefined,
  });

  const outDir = args.values["--out"];
  if (outDir) {
    await mkdir(outDir, { recursive: true });
    for (const r of reports) await writeFile(join(outDir, `${r.submission}.${EXT[format]}`), render(format, r));
  }
  const csv = args.values["--csv"];
  // an empty shard's header still names the tests, so it merges with the others
  if (csv) {
    const builtIn = onlyTests ? [] : suiteFor(variant).map((i) => i.def.id).filter((id) => !only || only.includes(id));
    await writeFile(csv, formatCsv(reports, [...builtIn, ...(tests?.tests.map((t) => t.id) ?? [])]));
  }

  if (!batch) process.stdout.write(render(format, reports[0]));
  else if (format === "json") process.stdout.write(JSON.stringify(reports.map((r) => JSON.parse(formatGradescope(r))), null, 2) + "\n");
  else if (format === "junit") process.stdout.write(formatJunit(reports));
  else {
    const w = Math.max(10, ...reports.map((r) => r.submission.length));
    process.stdout.write(`${"submission".padEnd(w)}  score\n`);
    for (const r of reports) process.stdout.write(`${r.submission.padEnd(w)}  ${r.score}/${r.maxScore}${r.error ? `  error: ${r.error}` : ""}\n`);
  }
  return reports.some((r) => r.error) ? 1 : 0;
}


/** --record REFERENCE: the instructor's tests on the reference solution; what it produced becomes
 *  DIR/expected.json. A test the reference does not finish, or in which its kernel oopses, is an
 *  error: nothing is written. */
async function recordExpected(tests: TestsDir, reference: string, opts: { variant: VariantName; jobs?: number; lockupMs?: number; timeScale?: number }): Promise<number> {
  let inputs: SubmissionInput[];
  try {
    inputs = await discover([reference], false);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stderr.write(`msgslot grade: --record ${e.message}\n`);
    return 1;
  }
  const observed = new Map<string, Observed>();
  const problems: string[] = [];
  const [report] = await gradeSubmissions(inputs, {
    variant: opts.variant, jobs: opts.jobs, lockupMs: opts.lockupMs, timeScale: opts.timeScale,
    instructor: { tests: tests.tests, only: true, programs: tests.programs },
    onEvent: (e) => {
      if (e.type !== "test") return;
      const name = tests.tests.find((t) => t.id === e.test)?.name ?? e.test;
      const r = e.run;
      if (!r.observed) problems.push(`"${name}": ${r.failures[0] ?? "did not finish"}`);
      else if (r.oopses.length) problems.push(`"${name}": the reference's kernel oopsed: ${r.oopses[0].title}`);
      else observed.set(e.test, r.observed);
    },
  });
  if (report?.error || !report?.build.units.find((u) => u.name === "module")?.ok) {
    process.stderr.write(`msgslot grade: --record ${reference}: the reference does not build${report?.error ? ` (${report.error})` : ""}\n`);
    return 1;
  }
  if (problems.length) {
    process.stderr.write(problems.map((p) => `msgslot grade: --record ${reference}: test ${p}\n`).join("") + `msgslot grade: nothing recorded\n`);
    return 1;
  }
  const path = await writeExpected(tests, observed, reference);
  for (const t of tests.tests) {
    const o = observed.get(t.id)!;
    const lines = o.output === "" ? 0 : o.output.replace(/\n$/, "").split("\n").length;
    process.stdout.write(`${t.name}: status ${o.status}, ${lines} line${lines === 1 ? "" : "s"} of ${t.run.kind === "shell" ? "stdout" : "transcript"}\n`);
  }
  process.stdout.write(`recorded ${tests.tests.length} expected result${tests.tests.length === 1 ? "" : "s"} from ${reference} into ${path}\n`);
  return 0;
}
