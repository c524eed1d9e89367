// The grader's build process (build-process.ts starts it): build jobs, one at a time, received
// and answered over the IPC channel. It exits when its parent goes.

import { InFlight } from "../watchdog/protocol.js";
import { handleGradeJob, type GradeJob } from "./jobs.js";
import { nodeGradeEnv } from "./node-env.js";
import type { BuildReply, BuildRequest } from "./build-process.js";

const send = (m: BuildReply) => process.send!(m);
// a build makes no module calls: nobody watches this record
const inflight = new InFlight(new ArrayBuffer(1024));
let queue: Promise<void> = Promise.resolve();

process.on("message", (m: BuildRequest) => {
  queue = queue.then(async () => {
    try {
      send({ id: m.id, type: "result", value: await handleGradeJob(m.job as GradeJob, inflight, nodeGradeEnv) });
    } catch (e) {
      send({ id: m.id, type: "error", message: e instanceof Error && e.stack ? e.stack : String(e) });
    }
  });
});
process.on("disconnect", () => process.exit(0));
