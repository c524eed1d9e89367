// Merging the outputs of sharded `msgslot grade` runs into what one run over
// the whole batch writes: the CSV of --csv, the JSON array of --format json,
// the JUnit document of --format junit. Entries are ordered by submission
// name (compareNames), so the merge of any sharding is the same document.
// Browser-safe: text in, text out.

import { csvCell } from "./report.js";
import { compareNames } from "./shard.js";

export type MergeKind = "csv" | "json" | "junit";

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MergeError";
  }
}

export interface MergeInput {
  /** for messages */
  file: string;
  text: string;
}

/** The kind of an input: by extension, else by content. */
export function kindOf(file: string, text: string): MergeKind {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  if (ext === "csv") return "csv";
  if (ext === "json") return "json";
  if (ext === "xml") return "junit";
  const head = text.trimStart();
  if (head.startsWith("<")) return "junit";
  if (head.startsWith("[") || head.startsWith("{")) return "json";
  if (head.startsWith("submission,")) return "csv";
  throw new MergeError(`${file}: not a CSV, JSON or JUnit report of msgslot grade`);
}

function noDuplicates(entries: { name: string; file: string }[]): void {
  const seen = new Map<string, string>();
  for (const e of entries) {
    const prev = seen.get(e.name);
    if (prev !== undefined) throw new MergeError(`submission '${e.name}' is in ${prev === e.file ? `${e.file} twice` : `both ${prev} and ${e.file}`}`);
    seen.set(e.name, e.file);
  }
}

const byName = <T extends { name: string }>(a: T, b: T) => compareNames(a.name, b.name);

/** RFC 4180 rows (quoted cells may hold commas, quotes and newlines). */
function parseCsv(text: string, file: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      cell += c; i++; continue;
    }
    if (c === '"' && cell === "") { quoted = true; i++; continue; }
    if (c === ",") { row.push(cell); cell = ""; i++; continue; }
    if (c === "\n" || c === "\r") {
      row.push(cell); rows.push(row); row = []; cell = "";
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    cell += c; i++;
  }
  if (quoted) throw new MergeError(`${file}: malformed CSV (an unterminated quoted cell)`);
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

export function mergeCsv(inputs: MergeInput[]): string {
  let header: string[] | undefined;
  let headerFile = "";
  const rows: { name: string; file: string; cells: string[] }[] = [];
  for (const { file, text } of inputs) {
    const [head, ...body] = parseCsv(text, file);
    if (!head || head[0] !== "submission" || head[1] !== "score" || head[head.length - 1] !== "error") {
      throw new MergeError(`${file}: not a CSV of msgslot grade (the header must be submission,score,...,error)`);
    }
    if (header === undefined) { header = head; headerFile = file; }
    else if (head.join(",") !== header.join(",")) {
      throw new MergeError(`${file}: its header differs from ${headerFile}'s (graded with other tests or another variant?):\n  ${head.join(",")}\n  ${header.join(",")}`);
    }
    body.forEach((cells, k) => {
      if (cells.length !== head.length) throw new MergeError(`${file}: row ${k + 2} has ${cells.length} cells, the header ${head.length}`);
      rows.push({ name: cells[0], file, cells });
    });
  }
  noDuplicates(rows);
  rows.sort(byName);
  return [header!, ...rows.map((r) => r.cells)].map((cells) => cells.map(csvCell).join(",")).join("\n") + "\n";
}

export function mergeJson(inputs: MergeInput[]): string {
  const entries: { name: string; file: string; value: unknown }[] = [];
  for (const { file, text } of inputs) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new MergeError(`${file}: malformed JSON (${(e as Error).message})`);
    }
    // a batch writes an array; a single submission its results.json object
    for (const value of Array.isArray(parsed) ? parsed : [parsed]) {
      const name = (value as { extra_data?: { submission?: unknown } } | null)?.extra_data?.submission;
      if (typeof name !== "string") throw new MergeError(`${file}: not results.json of msgslot grade (no extra_data.submission)`);
      entries.push({ name, file, value });
    }
  }
  noDuplicates(entries);
  entries.sort(byName);
  return JSON.stringify(entries.map((e) => e.value), null, 2) + "\n";
}

const unxml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!);

export function mergeJunit(inputs: MergeInput[]): string {
  const suites: { name: string; file: string; text: string; tests: number; failures: number }[] = [];
  for (const { file, text } of inputs) {
    if (!/^<\?xml [^>]*\?>\n<testsuites [^>]*>\n[\s\S]*\n<\/testsuites>\n?$/.test(text)) {
      throw new MergeError(`${file}: not a JUnit document of msgslot grade (<testsuites> ... </testsuites>)`);
    }
    // grade writes each <testsuite> from "  <testsuite " to "  </testsuite>" on their own lines;
    // the content is escaped, so the closing tag cannot occur inside it
    for (const m of text.matchAll(/^ {2}<testsuite [^\n]*>$[\s\S]*?^ {2}<\/testsuite>$/gm)) {
      const open = /^ {2}<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)"/.exec(m[0]);
      if (!open) throw new MergeError(`${file}: a <testsuite> without name, tests and failures`);
      suites.push({ name: unxml(open[1]), file, text: m[0], tests: Number(open[2]), failures: Number(open[3]) });
    }
  }
  noDuplicates(suites);
  suites.sort(byName);
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="msgslot grade" tests="${tests}" failures="${failures}">\n${suites.map((s) => s.text).join("\n")}\n</testsuites>\n`;
}

export const MERGERS: Record<MergeKind, (inputs: MergeInput[]) => string> = { csv: mergeCsv, json: mergeJson, junit: mergeJunit };
