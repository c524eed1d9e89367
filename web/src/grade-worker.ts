// A grading worker: runs one test of the suite at a time on a fresh kernel, publishing every call
// into the module in the shared record the page's watchdog Supervisor samples
// (src/harness/watchdog). Builds are not made here: the page's compile worker makes them.

import { handleGradeJob, type GradeJob, type GradeResult } from "../../src/harness/grade/jobs.js";
import type { ProgramCase } from "../../src/harness/grade/suite.js";
import { serveJobs } from "../../src/harness/watchdog/serve.js";
import type { FromWorker, ToWorker } from "../../src/harness/watchdog/protocol.js";
import expected from "../../conformance/programs/expected.json";

type Recorded = Omit<ProgramCase, "setup"> & { setup: { line: string }[] };

/** conformance/programs/expected.json as the suite's ProgramCases (the programs-linux test). */
const cases: ProgramCase[] = (expected as unknown as Recorded[]).map((r) => ({
  id: r.id, line: r.line, setup: r.setup.map((s) => s.line), argv_hex: r.argv_hex, status: r.status, stdout_hex: r.stdout_hex, stderr: r.stderr,
}));

const scope = self as unknown as Worker;

serveJobs<GradeJob, GradeResult>(
  {
    onMessage: (cb) => scope.addEventListener("message", (e: MessageEvent<ToWorker<GradeJob>>) => cb(e.data)),
    post: (msg: FromWorker<GradeResult>) => scope.postMessage(msg),
  },
  (job, inflight) =>
    handleGradeJob(job, inflight, {
      build: () => Promise.reject(new Error("the playground builds in its compile worker")),
      programCases: () => cases,
    }),
);
