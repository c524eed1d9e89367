// The grading worker on Node (worker_threads): builds submissions with the
// project toolchain (disk cache shared with the CLI) and runs tests, while the
// main thread's Supervisor watches for soft lockups.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDiskCache, defaultCacheDir, findRepoRoot, selectBackend, systemTree } from "../../toolchain/node.js";
import { parentEndpoint } from "../watchdog/node.js";
import { serveJobs } from "../watchdog/serve.js";
import type { BuildDeps } from "./build.js";
import { handleGradeJob, type GradeJob, type GradeResult } from "./jobs.js";
import type { ProgramCase } from "./suite.js";

let deps: Promise<BuildDeps> | undefined;
let cases: ProgramCase[] | undefined | null = null;

/** conformance/programs/expected.json as ProgramCases (undefined when the checkout has none). */
function loadProgramCases(root: string = findRepoRoot()): ProgramCase[] | undefined {
  try {
    const recs = JSON.parse(readFileSync(join(root, "conformance/programs/expected.json"), "utf8")) as (Omit<ProgramCase, "setup"> & { setup: { line: string }[] })[];
    return recs.map((r) => ({ id: r.id, line: r.line, setup: r.setup.map((s) => s.line), argv_hex: r.argv_hex, status: r.status, stdout_hex: r.stdout_hex, stderr: r.stderr }));
  } catch {
    return undefined;
  }
}

serveJobs<GradeJob, GradeResult>(parentEndpoint(), (job, inflight) =>
  handleGradeJob(job, inflight, {
    build: () =>
      (deps ??= (async () => ({
        backend: selectBackend(),
        store: createDiskCache(defaultCacheDir()),
        moduleSystem: await systemTree("module"),
        programSystem: await systemTree("program"),
      }))()),
    programCases: () => (cases === null ? (cases = loadProgramCases()) : cases),
  }),
);
