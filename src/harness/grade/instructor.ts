// Instructors' own tests (msgslot grade --tests DIR): what a test is, reading DIR/tests.json and
// DIR/expected.json (validated, every problem a clear message), and the expected results written
// by --record. Browser-safe: the caller reads the files.

export const VISIBILITIES = ["visible", "hidden", "after_due_date", "after_published"] as const;
/** Gradescope's test visibility (autograder specification: results.json `visibility`). */
export type Visibility = (typeof VISIBILITIES)[number];

export const TESTS_FILE = "tests.json";
export const EXPECTED_FILE = "expected.json";

export type InstructorRun =
  /** a shell command line on a fresh kernel: its stdout and exit status are compared */
  | { kind: "shell"; line: string }
  /** a scenario file: its transcript (and scnrun's status) is compared */
  | { kind: "scenario"; file: string; /** the file's bytes as latin1 */ text: string };

export interface InstructorTest {
  /** the key of expected.json, CSV columns and reports */
  id: string;
  name: string;
  points: number;
  visibility: Visibility;
  run: InstructorRun;
  /** the job's time limit, ms */
  timeMs?: number;
}

/** What a test produced: stdout (a shell line) or the transcript (a scenario), as latin1. */
export interface Observed {
  status: number;
  output: string;
  /** stderr of a shell line, shown with a failure */
  stderr: string;
}

export interface Expected {
  status: number;
  output: string;
}

/** DIR/tests.json or DIR/expected.json is malformed: every problem, one per line. */
export class TestsDirError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "TestsDirError";
  }
}

const TEST_FIELDS = ["name", "id", "points", "visibility", "run", "scenario", "timeout"];
const TOP_FIELDS = ["tests", "description"];

/** "Two slots, one fd" → "two-slots-one-fd" */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "test";
}

const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`);

/**
 * DIR/tests.json parsed and checked: `scenarios` holds the text (latin1) of DIR's .scn files by
 * name, `reserved` the ids of the built-in tests (an instructor's id may not reuse one).
 */
export function parseTests(json: string, scenarios: Record<string, string>, reserved: Iterable<string> = []): InstructorTest[] {
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new TestsDirError([`${TESTS_FILE}: not valid JSON: ${(e as Error).message}`]);
  }
  const list = Array.isArray(doc) ? doc : (doc as { tests?: unknown } | null)?.tests;
  if (doc && typeof doc === "object" && !Array.isArray(doc)) {
    for (const k of Object.keys(doc)) if (!TOP_FIELDS.includes(k)) problems.push(`${TESTS_FILE}: unknown field "${k}" (known: ${TOP_FIELDS.join(", ")})`);
  }
  if (!Array.isArray(list)) throw new TestsDirError([...problems, `${TESTS_FILE}: expected {"tests": [...]}, an array of tests, got ${typeOf(list ?? doc)}`]);
  if (list.length === 0) problems.push(`${TESTS_FILE}: "tests" is empty`);
  const taken = new Set(reserved);
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  const out: InstructorTest[] = [];
  list.forEach((raw, i) => {
    const at = `${TESTS_FILE}: tests[${i}]`;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      problems.push(`${at}: expected an object, got ${typeOf(raw)}`);
      return;
    }
    const t = raw as Record<string, unknown>;
    const bad = (m: string) => problems.push(`${at}${typeof t.name === "string" ? ` ("${t.name}")` : ""}: ${m}`);
    for (const k of Object.keys(t)) if (!TEST_FIELDS.includes(k)) bad(`unknown field "${k}" (known: ${TEST_FIELDS.join(", ")})`);
    if (typeof t.name !== "string" || t.name.trim() === "") return bad(`"name" must be a non-empty string`);
    const name = t.name;
    if (names.has(name)) bad(`the name "${name}" is also tests[${names.get(name)}]'s`);
    names.set(name, i);
    const id = t.id === undefined ? slug(name) : t.id;
    if (typeof id !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id)) return bad(`"id" must be letters, digits, '_', '.', '-'`);
    if (ids.has(id)) bad(`the id "${id}" is also tests[${ids.get(id)}]'s${t.id === undefined ? ' (made from the name: give an "id")' : ""}`);
    else if (taken.has(id)) bad(`the id "${id}" is a built-in test's: give another "id"`);
    ids.set(id, i);
    if (typeof t.points !== "number" || !Number.isFinite(t.points) || t.points < 0) bad(`"points" must be a number >= 0`);
    const visibility = t.visibility ?? "visible";
    if (!(VISIBILITIES as readonly unknown[]).includes(visibility)) bad(`"visibility" must be one of ${VISIBILITIES.join(", ")}, not ${JSON.stringify(visibility)}`);
    let timeMs: number | undefined;
    if (t.timeout !== undefined) {
      if (typeof t.timeout !== "number" || !(t.timeout > 0) || t.timeout > 3600) bad(`"timeout" must be a number of seconds (0 < timeout <= 3600)`);
      else timeMs = t.timeout * 1000;
    }
    let run: InstructorRun | undefined;
    if ((t.run === undefined) === (t.scenario === undefined)) bad(`give exactly one of "run" (a shell command line) and "scenario" (a .scn file of the directory)`);
    else if (t.run !== undefined) {
      if (typeof t.run !== "string" || t.run.trim() === "") bad(`"run" must be a non-empty command line`);
      else run = { kind: "shell", line: t.run };
    } else if (typeof t.scenario !== "string") bad(`"scenario" must be a file name`);
    else if (!(t.scenario in scenarios)) bad(`"scenario": no file ${t.scenario} in the directory${Object.keys(scenarios).length ? ` (there: ${Object.keys(scenarios).sort().join(", ")})` : ""}`);
    else run = { kind: "scenario", file: t.scenario, text: scenarios[t.scenario]! };
    if (run && typeof t.points === "number") out.push({ id, name, points: t.points, visibility: visibility as Visibility, run, ...(timeMs ? { timeMs } : {}) });
  });
  if (problems.length) throw new TestsDirError(problems);
  return out;
}

// --- expected.json ------------------------------------------------------------

/** An entry of expected.json: what the reference produced, and what it was produced for. */
interface ExpectedEntry {
  run?: string;
  scenario?: string;
  /** fnv1a of the scenario's text when recorded */
  scenario_hash?: string;
  status: number;
  /** stdout or transcript, when it is UTF-8 text */
  output?: string;
  /** else its bytes */
  output_base64?: string;
}

export interface ExpectedFile {
  /** what the expectations were recorded from (the REFERENCE argument) */
  recorded_from: string;
  /** the --variant they were recorded with (its major, its sender's arguments) */
  variant: string;
  /** fnv1a over the directory's C sources when recorded: a change asks for a new --record */
  sources_hash: string;
  tests: Record<string, ExpectedEntry>;
}

/** FNV-1a, 32 bits, as hex: enough to notice that a file changed since --record. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The hash of a directory's C sources (name and content of each .c and .h, sorted). */
export function sourcesHash(sources: Record<string, string>): string {
  return fnv1a(Object.keys(sources).filter((f) => /\.[ch]$/.test(f)).sort().map((f) => `${f}\0${sources[f]}\0`).join(""));
}

const latin1ToBytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const bytesToLatin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");

function encodeOutput(latin1: string): Pick<ExpectedEntry, "output" | "output_base64"> {
  const bytes = latin1ToBytes(latin1);
  try {
    return { output: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { output_base64: btoa(latin1) };
  }
}

function decodeOutput(e: ExpectedEntry): string | undefined {
  if (typeof e.output === "string") return bytesToLatin1(new TextEncoder().encode(e.output));
  if (typeof e.output_base64 === "string") return atob(e.output_base64);
  return undefined;
}

/** expected.json for what the reference produced. */
export function formatExpected(tests: InstructorTest[], observed: Map<string, Observed>, recordedFrom: string, variant: string, hash: string): string {
  const entries: Record<string, ExpectedEntry> = {};
  for (const t of tests) {
    const o = observed.get(t.id);
    if (!o) continue;
    entries[t.id] = {
      ...(t.run.kind === "shell" ? { run: t.run.line } : { scenario: t.run.file, scenario_hash: fnv1a(t.run.text) }),
      status: o.status,
      ...encodeOutput(o.output),
    };
  }
  const file: ExpectedFile = { recorded_from: recordedFrom, variant, sources_hash: hash, tests: entries };
  return JSON.stringify(file, null, 2) + "\n";
}

/** The expectations of each test from expected.json (undefined: there is none); every test must have
 *  one recorded for its current command line or scenario, else "run --record first". */
export function parseExpected(json: string | undefined, tests: InstructorTest[], hash: string, variant: string): Map<string, Expected> {
  const again = "run msgslot grade --tests DIR --record REFERENCE first";
  if (json === undefined) throw new TestsDirError([`no ${EXPECTED_FILE}: the expected results are recorded from a reference solution: ${again}`]);
  let doc: ExpectedFile;
  try {
    doc = JSON.parse(json) as ExpectedFile;
  } catch (e) {
    throw new TestsDirError([`${EXPECTED_FILE}: not valid JSON (${(e as Error).message}): ${again}`]);
  }
  if (!doc || typeof doc !== "object" || !doc.tests || typeof doc.tests !== "object") throw new TestsDirError([`${EXPECTED_FILE}: no "tests" object: ${again}`]);
  const problems: string[] = [];
  if (doc.variant !== variant) problems.push(`${EXPECTED_FILE}: the expected results were recorded for --variant ${doc.variant ?? "(none)"}, this grade is for ${variant}: run msgslot grade --tests DIR --variant ${variant} --record REFERENCE first`);
  if (doc.sources_hash !== hash) problems.push(`${EXPECTED_FILE}: the directory's C sources changed since the expected results were recorded: ${again}`);
  const out = new Map<string, Expected>();
  for (const t of tests) {
    const e = doc.tests[t.id];
    const output = e ? decodeOutput(e) : undefined;
    if (!e || typeof e.status !== "number" || output === undefined) {
      problems.push(`${EXPECTED_FILE}: no expected result for test "${t.name}" (id ${t.id}): ${again}`);
      continue;
    }
    const same = t.run.kind === "shell" ? e.run === t.run.line : e.scenario === t.run.file && e.scenario_hash === fnv1a(t.run.text);
    if (!same) {
      problems.push(`${EXPECTED_FILE}: test "${t.name}" changed since its expected result was recorded (${t.run.kind === "shell" ? "its command line" : "its scenario"}): ${again}`);
      continue;
    }
    out.set(t.id, { status: e.status, output });
  }
  if (problems.length) throw new TestsDirError(problems);
  return out;
}
