// The grading worker on Node (worker_threads): runs tests (and, for a caller that sends it
// builds, builds with the project toolchain), while the main thread's Supervisor watches for
// soft lockups. gradeSubmissions sends its builds to the build process (build-child.ts).

import { parentEndpoint } from "../watchdog/node.js";
import { serveJobs } from "../watchdog/serve.js";
import { handleGradeJob, type GradeJob, type GradeResult } from "./jobs.js";
import { nodeGradeEnv } from "./node-env.js";

serveJobs<GradeJob, GradeResult>(parentEndpoint(), (job, inflight) => handleGradeJob(job, inflight, nodeGradeEnv));
