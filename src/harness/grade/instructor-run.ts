// Running an instructor's test on a fresh kernel (in the grading worker, under the watchdog like the
// built-in tests: the session's processes publish every call into the module), and judging it
// against the reference's expected result: the failure shows expected and actual side by side.
// Browser-safe.

import type { Variant } from "./types.js";
import type { CallPublisher } from "../watchdog/protocol.js";
import { Shell } from "../shell/shell.js";
import { parseScenario } from "../scenario/parse.js";
import { runScenario } from "../scenario/run.js";
import { describeOops, Session, type Loaded } from "./session.js";
import { emptyRun } from "./suite-defs.js";
import type { Expected, InstructorTest, Observed } from "./instructor.js";
import type { TestRun } from "./types.js";

const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");

/** Run one instructor test on a fresh kernel with the submission's module and programs. */
export function runInstructorTest(test: InstructorTest, variant: Variant, loaded: Loaded, publisher?: CallPublisher): TestRun {
  const t0 = performance.now();
  const run = emptyRun(test.id, false);
  if (!loaded.module) {
    run.failures.push("the module did not build");
    return run;
  }
  // the heap is checked once at the end (a tester may make 10^5 calls; its reports are notes here)
  const s = new Session({ variant, loaded, publisher, checkEachCall: false });
  const module = loaded.module;
  let observed: Observed;
  if (test.run.kind === "shell") {
    const out: string[] = [];
    const err: string[] = [];
    const enc = new TextEncoder();
    const shell = new Shell({
      machine: s.machine,
      modules: new Map([[module.name, module]]),
      programs: loaded.programs,
      write: (fd, data) => (fd === 1 ? out : err).push(latin1(typeof data === "string" ? enc.encode(data) : data)),
    });
    const status = shell.execute(test.run.line);
    observed = { status, output: out.join(""), stderr: err.join("") };
  } else {
    const scn = parseScenario(test.run.file, test.run.text);
    const r = runScenario(scn, { module, msgSlotChannel: loaded.channelCmd, machine: s.machine });
    observed = { status: r.status, output: r.transcript, stderr: r.stderr };
  }
  s.quiet = true;
  try {
    s.finish();
  } catch {
    // an oops in the module's exit function is recorded in s.oopses
  }
  run.observed = observed;
  run.oopses = s.oopses;
  run.heap = s.heap;
  run.leaks = s.leaks;
  run.passed = true;
  run.ms = performance.now() - t0;
  return run;
}

/** The verdict: same exit status and same output (stdout, or the transcript) as the reference. */
export function judgeInstructorTest(test: InstructorTest, expected: Expected, run: TestRun | undefined): { passed: boolean; output: string[] } {
  if (!run) return { passed: false, output: ["not run"] };
  const what = test.run.kind === "shell" ? "stdout" : "transcript";
  const head = test.run.kind === "shell" ? `$ ${test.run.line}` : `scenario ${test.run.file}`;
  if (!run.observed) return { passed: false, output: [head, ...(run.failures.length ? run.failures : ["the test did not finish"])] };
  const o = run.observed;
  const sameStatus = o.status === expected.status;
  const sameOutput = o.output === expected.output;
  const passed = sameStatus && sameOutput;
  const out: string[] = [head];
  if (!passed) {
    const status = test.run.kind === "shell" ? "exit status" : "scnrun status (3: a proc died)";
    out.push(sameStatus ? `${status}: ${o.status} as expected` : `${status}: expected ${expected.status}, got ${o.status}`);
    out.push(sameOutput ? `${what}: as expected` : `${what}: expected (left) and actual (right), '|' marks a difference, '<' '>' a line on one side only:`);
    if (!sameOutput) out.push(...sideBySide(expected.output, o.output));
    if (o.stderr && test.run.kind === "shell") {
      const lines = o.stderr.replace(/\n$/, "").split("\n");
      out.push("stderr:", ...lines.slice(0, MAX_ROWS).map((l) => `  ${printable(l)}`), ...(lines.length > MAX_ROWS ? [`  ... ${lines.length - MAX_ROWS} more lines`] : []));
    }
  }
  for (const oops of run.oopses) out.push(`oops: ${describeOops(oops)}`);
  for (const h of run.heap) out.push(`heap: ${h.title}, found after ${h.syscall}`);
  return { passed, output: out };
}

/** A line as the report shows it: control characters and non-ASCII bytes as \xHH. */
function printable(line: string): string {
  return line.replace(/[\x00-\x08\x0b-\x1f\x7f-\xff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`).replace(/\t/g, "\\t");
}

const MAX_ROWS = 40;
const WIDTH = 48;

/**
 * Two texts side by side, sdiff style: the lines aligned by their longest common subsequence; a row
 * whose sides differ marked '|', a line only on the left '<', only on the right '>'. A text that
 * does not end with a newline says so. Long outputs show the rows around the first difference.
 */
export function sideBySide(expected: string, actual: string): string[] {
  const split = (t: string) => {
    const lines = t === "" ? [] : t.replace(/\n$/, "").split("\n").map(printable);
    if (t !== "" && !t.endsWith("\n")) lines[lines.length - 1] += " (no newline at end)";
    return lines;
  };
  const a = split(expected), b = split(actual);
  // LCS table (outputs are small; a test's output is capped by the report anyway)
  const n = Math.min(a.length, 2000), m = Math.min(b.length, 2000);
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const rows: { l: string; mark: string; r: string }[] = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) rows.push({ l: a[i++]!, mark: " ", r: b[j++]! });
    else if (i < n && j < m && lcs[i + 1]![j + 1] === lcs[i]![j]) rows.push({ l: a[i++]!, mark: "|", r: b[j++]! });
    else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) rows.push({ l: "", mark: ">", r: b[j++]! });
    else rows.push({ l: a[i++]!, mark: "<", r: "" });
  }
  if (a.length > n || b.length > m) rows.push({ l: `... ${a.length - n} more lines`, mark: "|", r: `... ${b.length - m} more lines` });
  if (rows.length === 0) return ["  (both empty)"];
  const width = Math.min(WIDTH, Math.max(1, ...rows.map((r) => r.l.length)));
  const first = Math.max(0, rows.findIndex((r) => r.mark !== " "));
  const start = rows.length <= MAX_ROWS ? 0 : Math.max(0, Math.min(first - 5, rows.length - MAX_ROWS));
  const shown = rows.slice(start, start + MAX_ROWS);
  const out = shown.map((r) => `  ${r.l.padEnd(width)} ${r.mark} ${r.r}`.trimEnd());
  if (a.length === 0) out.unshift("  (expected: no output)");
  if (b.length === 0) out.unshift("  (actual: no output)");
  if (start > 0) out.unshift(`  ... ${start} rows before`);
  if (start + MAX_ROWS < rows.length) out.push(`  ... ${rows.length - start - MAX_ROWS} rows after`);
  return out;
}
