// node [--cpu-prof] bench/dist/bench/profile-test.js TEST [CHANNELS] [REPEAT]: one grading test
// (an id of the 2023 suite, e.g. million-channels) on the precompiled module and programs, as a
// grading worker runs it (runTest: a Session, the heap checks, the uninit probe), long enough for
// a CPU profile. Prints the test's verdict and its ms per run.
import { runTest, findTest } from "../src/harness/grade/suite.js";
import { VARIANT_INFO } from "../src/harness/grade/types.js";
import { InFlight } from "../src/harness/watchdog/protocol.js";
import { precompiledModule, precompiledProgram } from "./common.js";

const id = process.argv[2] ?? "million-channels";
const channels = Number(process.argv[3] ?? 1 << 20);
const repeat = Number(process.argv[4] ?? 1);
const def = findTest("2023", id);
if (!def) throw new Error(`no test ${id} in the 2023 suite`);
const { image, channelCmd } = await precompiledModule();
const programs = new Map();
for (const p of ["message_sender", "message_reader"]) programs.set(p, await precompiledProgram(p));
const loaded = { module: image, programs, channelCmd };
const publisher = new InFlight();
for (let i = 0; i < repeat; i++) {
  const c0 = process.cpuUsage();
  const run = runTest(def, VARIANT_INFO["2023"], loaded, { channels }, publisher);
  const c = process.cpuUsage(c0);
  console.log(`${id}: ${run.passed ? "passed" : "FAILED"} in ${run.ms.toFixed(0)} ms (CPU ${((c.user + c.system) / 1000).toFixed(0)} ms)${run.failures.length ? `: ${run.failures.join("; ")}` : ""}`);
}
