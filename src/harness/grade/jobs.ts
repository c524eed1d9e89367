// The grading worker's jobs: build a submission, or run one test on a fresh
// kernel. Browser-safe: a Node worker (./worker.ts) and a Web Worker both
// call handleGradeJob with what their platform provides.

import type { SourceTree } from "../../toolchain/index.js";
import { Call, type CallPublisher } from "../watchdog/protocol.js";
import { importMemory } from "../../wasi/program-memory.js";
import { buildSubmission, type BuildDeps } from "./build.js";
import type { Loaded } from "./session.js";
import { raceBuildOf, raceTargetFromBuild, raceTargetOf } from "../races/target.js";
import { findTest, runTest, type ProgramCase } from "./suite.js";
import type { InstructorTest } from "./instructor.js";
import { runInstructorTest } from "./instructor-run.js";
import { VARIANT_INFO, type Artifacts, type BuildReport, type TestRun, type VariantName } from "./types.js";

export type GradeJob =
  /** raceBuild: also make the race explorer's build of the module (the concurrency test's) */
  | { type: "build"; files: SourceTree; variant: VariantName; raceBuild?: boolean }
  | { type: "test"; test: string; variant: VariantName; artifacts: Artifacts; channels: number; timeMs?: number }
  /** an instructor's test (--tests DIR) */
  | { type: "itest"; test: InstructorTest; variant: VariantName; artifacts: Artifacts };

export type GradeResult = { type: "build"; report: BuildReport } | { type: "test"; run: TestRun };

export interface GradeEnv {
  /** the toolchain, for build jobs */
  build: () => Promise<BuildDeps>;
  /** conformance/programs cases, for the programs-linux test */
  programCases: () => ProgramCase[] | undefined;
}

let cached: { key: string; loaded: Promise<Loaded> } | null = null;

/** Compile the artifacts' wasm into runnable images (kept for the next test of the same build). */
export function loadArtifacts(a: Artifacts): Promise<Loaded> {
  if (cached && cached.key === a.key) return cached.loaded;
  const loaded = (async (): Promise<Loaded> => {
    const programs = new Map<string, { name: string; wasm: WebAssembly.Module }>();
    // each test runs the programs many times: their memory comes from runProgram's pool
    for (const [name, bytes] of Object.entries(a.programs)) programs.set(name, { name, wasm: await WebAssembly.compile(importMemory(bytes) as Uint8Array<ArrayBuffer>) });
    const module = a.module ? { name: a.moduleName, wasm: await WebAssembly.compile(a.module as Uint8Array<ArrayBuffer>), size: a.module.length } : undefined;
    return { module, programs, channelCmd: a.channelCmd, setCenCmd: a.setCenCmd };
  })();
  cached = { key: a.key, loaded };
  return loaded;
}

/** the race explorer's build of one module takes seconds; a minute means something is wrong */
const RACE_BUILD_LIMIT_MS = 60_000;

export async function handleGradeJob(job: GradeJob, publisher: CallPublisher, env: GradeEnv): Promise<GradeResult> {
  const variant = VARIANT_INFO[job.variant];
  if (job.type === "build") {
    const report = await buildSubmission(job.files, variant, await env.build());
    const a = report.artifacts;
    if (job.raceBuild && a.module) {
      try {
        a.raceModule = await raceBuildOf(a.module);
      } catch (e) {
        a.raceError = e instanceof Error ? e.message : String(e);
      }
    }
    return { type: "build", report };
  }
  if (job.type === "itest") return { type: "test", run: runInstructorTest(job.test, variant, await loadArtifacts(job.artifacts), publisher) };
  const def = findTest(job.variant, job.test);
  if (!def) throw new Error(`no test '${job.test}' in variant ${job.variant}`);
  const loaded = await loadArtifacts(job.artifacts);
  const a = job.artifacts;
  // the race explorer's build (binaryen's Asyncify, seconds): only for the test that uses it
  let races: Awaited<ReturnType<typeof raceTargetOf>> | undefined;
  if (def.raceBuild && a.raceError) throw new Error(a.raceError);
  if (def.raceBuild && a.raceModule) races = await raceTargetFromBuild(a.raceModule, a.module!, a.moduleName, a.channelCmd);
  else if (def.raceBuild && a.module) {
    // announced with its own limit: it makes no module calls for the watchdog to hear
    publisher.enter(Call.Other, 0, "msgslot", "", 0, 0, 0, "the race explorer's build of the module (binaryen's Asyncify)", RACE_BUILD_LIMIT_MS);
    try {
      races = await raceTargetOf(a.module, a.moduleName, a.channelCmd);
    } finally {
      publisher.leave();
    }
  }
  return { type: "test", run: runTest(def, variant, loaded, { channels: job.channels, programCases: env.programCases(), ...(job.timeMs ? { timeMs: job.timeMs } : {}), ...(races ? { races } : {}) }, publisher) };
}
