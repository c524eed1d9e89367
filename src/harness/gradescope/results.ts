// Gradescope's results.json from msgslot's grade report (`msgslot grade --format json`), and the
// results.json written when grading could not finish: Gradescope shows only "The autograder
// failed to execute correctly" for a missing or malformed file, so there always is one.
//
// Fields (Gradescope's autograder specification): score, max_score, execution_time (s), output,
// visibility, stdout_visibility, extra_data, tests[] of name, score, max_score, status
// ("passed"/"failed"), output, tags, visibility, extra_data.

export const VISIBILITIES = ["visible", "hidden", "after_due_date", "after_published"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  output: string;
  visibility: Visibility;
  tags?: string[];
  extra_data?: Record<string, unknown>;
}

export interface GradescopeResults {
  score: number;
  max_score?: number;
  execution_time: number;
  output: string;
  visibility: Visibility;
  stdout_visibility: Visibility;
  tests: GradescopeTest[];
  extra_data: Record<string, unknown>;
}

export interface RunContext {
  msgslot: string;
  variant: string;
  /** wall-clock seconds of the whole run */
  seconds: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback = 0) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
const str = (v: unknown) => (typeof v === "string" ? v : "");
const visibility = (v: unknown): Visibility => ((VISIBILITIES as readonly unknown[]).includes(v) ? (v as Visibility) : "visible");

const header = (ctx: RunContext) => `msgslot ${ctx.msgslot}, assignment variant ${ctx.variant}`;

/** Map one submission's grade report (an object of `msgslot grade --format json`) to results.json. */
export function fromGradeReport(report: unknown, ctx: RunContext): GradescopeResults {
  if (!isRecord(report) || !Array.isArray(report.tests)) throw new Error("the grade report is not a results object (no tests array)");
  const tests = report.tests.map((t, i): GradescopeTest => {
    if (!isRecord(t)) throw new Error(`the grade report's test ${i} is not an object`);
    const maxScore = num(t.max_score);
    const status = t.status === "passed" ? "passed" : "failed";
    const out: GradescopeTest = {
      name: str(t.name) || `test ${i + 1}`,
      score: num(t.score),
      max_score: maxScore,
      status,
      output: str(t.output),
      // the instructor's tests carry their own (msgslot grade --tests); msgslot's are visible
      visibility: visibility(t.visibility),
    };
    const tags = Array.isArray(t.tags) ? t.tags.filter((x): x is string => typeof x === "string") : [];
    if (tags.length) out.tags = tags;
    if (tags.includes("advisory") && status === "failed") out.output = `Advisory (0 points): msgslot's extra check, not part of the score.\n${out.output}`;
    if (isRecord(t.extra_data)) out.extra_data = t.extra_data;
    return out;
  });
  const summary = str(report.output);
  return {
    score: num(report.score),
    max_score: num(report.max_score, tests.reduce((n, t) => n + t.max_score, 0)),
    execution_time: Math.round(ctx.seconds),
    output: summary ? `${header(ctx)}\n${summary}` : header(ctx),
    visibility: "visible",
    // the autograder's stdout holds paths and timings for the staff, not for students
    stdout_visibility: "hidden",
    tests,
    extra_data: { ...(isRecord(report.extra_data) ? report.extra_data : {}), msgslot: ctx.msgslot },
  };
}

/** results.json for a submission that could not be graded: score 0 and why. */
export function failedResults(why: string, ctx: RunContext, detail?: string): GradescopeResults {
  return {
    score: 0,
    execution_time: Math.round(ctx.seconds),
    output: `${header(ctx)}\n${why}${detail ? `\n\n${detail}` : ""}`,
    visibility: "visible",
    stdout_visibility: "hidden",
    tests: [],
    extra_data: { msgslot: ctx.msgslot, variant: ctx.variant, error: why },
  };
}
