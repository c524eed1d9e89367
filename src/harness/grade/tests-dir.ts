// Reading an instructor's test directory (msgslot grade --tests DIR, Node): DIR/tests.json, the
// scenarios (*.scn) and programs (*.c, built as --programs builds them) it names, and the expected
// results that --record wrote into DIR/expected.json.

import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildProgramsFromDir, formatProgramsBuild, programsFailures, ProgramsDirError, builtPrograms } from "../programs/node.js";
import { parseScenario, ScenarioSyntaxError } from "../scenario/parse.js";
import {
  EXPECTED_FILE, formatExpected, parseExpected, parseTests, sourcesHash, TESTS_FILE, TestsDirError,
  type Expected, type InstructorTest, type Observed,
} from "./instructor.js";
import { PROGRAMS } from "./build.js";

export { TestsDirError } from "./instructor.js";

export interface TestsDir {
  dir: string;
  tests: InstructorTest[];
  /** absent when recording */
  expected?: Map<string, Expected>;
  /** the directory's programs (and --programs DIR's), by name */
  programs: Record<string, Uint8Array>;
  /** the compiler's warnings about them (file:line:col), to show */
  messages: string;
  /** what expected.json records the sources as */
  hash: string;
  variant: string;
}

const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");

async function programsOfDir(dir: string): Promise<{ programs: Record<string, Uint8Array>; messages: string }> {
  let built;
  try {
    built = await buildProgramsFromDir(dir);
  } catch (e) {
    if (e instanceof ProgramsDirError) throw new TestsDirError([e.message]);
    throw e;
  }
  const messages = formatProgramsBuild(built, dir);
  const failures = programsFailures(built);
  if (built.problems.length) throw new TestsDirError(built.problems.map((p) => `${dir}: ${p}`));
  if (failures.length) throw new TestsDirError([`${dir}: ${failures.join(", ")}`, ...messages.trimEnd().split("\n")]);
  const programs: Record<string, Uint8Array> = {};
  for (const [name, wasm] of builtPrograms(built)) {
    // the submission's own programs keep their names: a test runs them as ./message_sender
    if (PROGRAMS.includes(name)) throw new TestsDirError([`${dir}: ${name}.c would replace the submission's own ./${name}: rename it (e.g. ref_${name}.c)`]);
    programs[name] = wasm;
  }
  return { programs, messages };
}

/** DIR read, checked, its programs built; `record`: no expected results needed (they are being made). */
export async function loadTestsDir(dir: string, opts: { record: boolean; variant: string; reservedIds: string[]; programsDir?: string }): Promise<TestsDir> {
  const st = await stat(dir).catch(() => undefined);
  if (!st) throw new TestsDirError([`${dir}: No such directory`]);
  if (!st.isDirectory()) throw new TestsDirError([`${dir}: Not a directory`]);
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  if (!names.includes(TESTS_FILE)) throw new TestsDirError([`${dir}: no ${TESTS_FILE} (the list of tests; see msgslot grade --help)`]);
  const scenarios: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const n of names) {
    if (n.endsWith(".scn")) scenarios[n] = latin1(new Uint8Array(await readFile(join(dir, n))));
    if (/\.[ch]$/.test(n)) sources[n] = await readFile(join(dir, n), "latin1");
  }
  const tests = parseTests(await readFile(join(dir, TESTS_FILE), "utf8"), scenarios, opts.reservedIds);
  // a malformed scenario is found now, with its file:line, not in every submission's report
  const problems: string[] = [];
  for (const t of tests) {
    if (t.run.kind !== "scenario") continue;
    try {
      parseScenario(t.run.file, t.run.text);
    } catch (e) {
      if (!(e instanceof ScenarioSyntaxError)) throw e;
      problems.push(...e.errors.map((x) => `${dir}/${x.path}:${x.line}: ${x.message}`));
    }
  }
  if (problems.length) throw new TestsDirError(problems);

  let programs: Record<string, Uint8Array> = {};
  let messages = "";
  if (Object.keys(sources).some((f) => f.endsWith(".c"))) ({ programs, messages } = await programsOfDir(dir));
  if (opts.programsDir !== undefined) {
    const more = await programsOfDir(opts.programsDir);
    programs = { ...programs, ...more.programs };
    messages += more.messages;
  }
  const hash = sourcesHash(sources);
  const expectedPath = join(dir, EXPECTED_FILE);
  const expected = opts.record ? undefined : parseExpected(await readFile(expectedPath, "utf8").catch(() => undefined), tests, hash, opts.variant);
  return { dir, tests, ...(expected ? { expected } : {}), programs, messages, hash, variant: opts.variant };
}

/** Write DIR/expected.json from the reference's runs. */
export async function writeExpected(t: TestsDir, observed: Map<string, Observed>, recordedFrom: string): Promise<string> {
  const path = join(t.dir, EXPECTED_FILE);
  await writeFile(path, formatExpected(t.tests, observed, recordedFrom, t.variant, t.hash));
  return path;
}
