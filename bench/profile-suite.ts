// node [--cpu-prof] bench/dist/bench/profile-suite.js [CHANNELS]: every test of the 2023 suite
// once, as a grading worker runs them (runTest, uninit probe included), on the precompiled
// module and programs; prints each test's ms, slowest first, and the total.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runTest, runnableTests } from "../src/harness/grade/suite.js";
import type { ProgramCase } from "../src/harness/grade/suite.js";
import { VARIANT_INFO } from "../src/harness/grade/types.js";
import { InFlight } from "../src/harness/watchdog/protocol.js";
import { ROOT, precompiledModule, precompiledProgram } from "./common.js";

const channels = Number(process.argv[2] ?? 1 << 20);
const { image, channelCmd } = await precompiledModule();
const programs = new Map();
for (const p of ["message_sender", "message_reader"]) programs.set(p, await precompiledProgram(p));
const loaded = { module: image, programs, channelCmd };
const recs = JSON.parse(readFileSync(join(ROOT, "conformance/programs/expected.json"), "utf8")) as (Omit<ProgramCase, "setup"> & { setup: { line: string }[] })[];
const programCases = recs.map((r) => ({ ...r, setup: r.setup.map((s) => s.line) }));
const publisher = new InFlight();
const rows: [string, number, boolean][] = [];
const t0 = performance.now();
for (const def of runnableTests("2023")) {
  const run = runTest(def, VARIANT_INFO["2023"], loaded, { channels, programCases }, publisher);
  rows.push([def.id, run.ms, run.passed]);
}
const total = performance.now() - t0;
for (const [id, ms, ok] of rows.sort((a, b) => b[1] - a[1])) console.log(`${ms.toFixed(0).padStart(7)} ms  ${id}${ok ? "" : "  FAILED"}`);
console.log(`${total.toFixed(0).padStart(7)} ms  total`);
