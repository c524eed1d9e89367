// What a grading job needs on Node (GradeEnv): the toolchain with the disk cache shared with the
// CLI, loaded on the first build; conformance/programs' cases, read on first use. The grading
// worker threads (worker.ts) and the build process (build-child.ts) share it.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDiskCache, defaultCacheDir, findRepoRoot, selectBackend, systemTree } from "../../toolchain/node.js";
import type { BuildDeps } from "./build.js";
import type { GradeEnv } from "./jobs.js";
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

export const nodeGradeEnv: GradeEnv = {
  build: () =>
    (deps ??= (async () => ({
      backend: selectBackend(),
      store: createDiskCache(defaultCacheDir()),
      moduleSystem: await systemTree("module"),
      programSystem: await systemTree("program"),
    }))()),
  programCases: () => (cases === null ? (cases = loadProgramCases()) : cases),
};
