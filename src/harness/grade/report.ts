// Reports of a graded submission: human text, Gradescope's results.json,
// JUnit XML, and CSV rows for a batch. Browser-safe.

import { formatDiagnostic } from "../../toolchain/index.js";
import type { SubmissionReport } from "./types.js";

const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const indent = (text: string, pad = "    ") => text.split("\n").map((l) => pad + l).join("\n");

/** The build's findings and the compiler's messages, for the text report and Gradescope's output. */
export function buildSummary(r: SubmissionReport): string {
  const lines: string[] = [];
  if (r.error) lines.push(`error: ${r.error}`);
  if (r.build.root) lines.push(`sources found in ${r.build.root}`);
  for (const f of r.build.findings) lines.push(`finding: ${f}`);
  for (const u of r.build.units) {
    const diags = u.diagnostics.filter((d) => d.severity !== "note" && !/^(include|kernel|user)\//.test(d.file));
    const label = u.name === "module" ? "message_slot (module)" : u.name;
    lines.push(`build ${label}: ${u.ok ? "ok" : "FAILED"}${diags.length ? `, ${diags.length} message${diags.length === 1 ? "" : "s"}` : ""}${u.cached ? " (cached)" : ""}`);
    for (const d of diags.slice(0, 20)) lines.push(`  ${formatDiagnostic(d)}`);
    if (diags.length > 20) lines.push(`  ... and ${diags.length - 20} more`);
  }
  return lines.join("\n");
}

export function formatText(r: SubmissionReport): string {
  const out: string[] = [`msgslot grade: ${r.submission} (variant ${r.variant})`];
  const summary = buildSummary(r);
  if (summary) out.push(summary);
  out.push("");
  for (const t of r.tests) {
    const mark = t.status === "passed" ? "OK" : "FAIL";
    const tail = t.status === "passed" ? "" : t.advisory ? " (advisory)" : ` -${t.maxScore}`;
    const vis = t.instructor && t.instructor.visibility !== "visible" ? ` [${t.instructor.visibility}]` : "";
    out.push(`${t.name}: ${mark} (${secs(t.ms)})${tail}${vis}`);
    if (t.output && (t.status === "failed" || t.output.split("\n").length <= 2)) out.push(indent(t.output));
  }
  out.push("");
  out.push(`Score: ${fmt(r.score)}/${fmt(r.maxScore)}`);
  return out.join("\n") + "\n";
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Gradescope's results.json (autograder specification). */
export function formatGradescope(r: SubmissionReport): string {
  return JSON.stringify(gradescopeObject(r), null, 2) + "\n";
}

export function gradescopeObject(r: SubmissionReport): Record<string, unknown> {
  return {
    score: r.score,
    max_score: r.maxScore,
    execution_time: Math.round(r.seconds),
    output: buildSummary(r),
    visibility: "visible",
    stdout_visibility: "hidden",
    tests: r.tests.map((t) => ({
      name: t.name,
      score: t.score,
      max_score: t.maxScore,
      status: t.status,
      output: t.output,
      ...(t.advisory ? { tags: ["advisory"] } : t.instructor ? { tags: ["instructor"] } : {}),
      visibility: t.instructor?.visibility ?? "visible",
    })),
    extra_data: { submission: r.submission, variant: r.variant, ...(r.error ? { error: r.error } : {}) },
  };
}

const xml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!)
    // characters XML 1.0 cannot carry
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);

function testsuite(r: SubmissionReport): string {
  const failures = r.tests.filter((t) => t.status === "failed").length;
  const time = r.tests.reduce((n, t) => n + t.ms, 0) / 1000;
  const lines = [
    `  <testsuite name="${xml(r.submission)}" tests="${r.tests.length}" failures="${failures}" errors="${r.error ? 1 : 0}" time="${time.toFixed(3)}">`,
    `    <properties>`,
    `      <property name="variant" value="${xml(r.variant)}"/>`,
    `      <property name="score" value="${r.score}"/>`,
    `      <property name="max_score" value="${r.maxScore}"/>`,
    `    </properties>`,
  ];
  for (const t of r.tests) {
    const open = `    <testcase name="${xml(t.name)}" classname="msgslot.${xml(r.variant)}.${t.advisory ? "advisory" : "course"}" time="${(t.ms / 1000).toFixed(3)}"`;
    if (t.status === "passed") lines.push(`${open}/>`);
    else {
      const first = t.output.split("\n")[0] ?? "";
      lines.push(`${open}>`, `      <failure message="${xml(first)}" type="${t.advisory ? "advisory" : `-${t.maxScore}`}">${xml(t.output)}</failure>`, `    </testcase>`);
    }
  }
  const summary = buildSummary(r);
  if (summary) lines.push(`    <system-out>${xml(summary)}</system-out>`);
  lines.push(`  </testsuite>`);
  return lines.join("\n");
}

export function formatJunit(reports: SubmissionReport[]): string {
  const tests = reports.reduce((n, r) => n + r.tests.length, 0);
  const failures = reports.reduce((n, r) => n + r.tests.filter((t) => t.status === "failed").length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="msgslot grade" tests="${tests}" failures="${failures}">\n${reports.map(testsuite).join("\n")}\n</testsuites>\n`;
}

export const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A CSV of scores: submission, score, max_score, then 1/0 per test, then the error. */
export function formatCsv(reports: SubmissionReport[], idsIfEmpty: string[] = []): string {
  const ids = reports.find((r) => r.tests.length)?.tests.map((t) => t.id) ?? idsIfEmpty;
  const rows = [["submission", "score", "max_score", ...ids, "error"].map(csvCell).join(",")];
  for (const r of reports) {
    const byId = new Map(r.tests.map((t) => [t.id, t]));
    rows.push([r.submission, fmt(r.score), fmt(r.maxScore), ...ids.map((id) => (byId.get(id)?.status === "passed" ? 1 : 0)), r.error ?? ""].map(csvCell).join(","));
  }
  return rows.join("\n") + "\n";
}
