// The worker side of the watchdog: receive the shared record, then run jobs
// one at a time and post their results. Browser-safe: the endpoint is the
// worker's own message port (parentPort in Node, `self` in a Web Worker).

import { InFlight, type FromWorker, type ToWorker } from "./protocol.js";

export interface JobEndpoint<J, R> {
  onMessage(cb: (msg: ToWorker<J>) => void): void;
  post(msg: FromWorker<R>): void;
}

/** Serve jobs: `handler` gets each job and the shared record to publish its module calls in. */
export function serveJobs<J, R>(ep: JobEndpoint<J, R>, handler: (job: J, inflight: InFlight) => R | Promise<R>): void {
  let inflight: InFlight | null = null;
  // jobs run strictly in order even if a handler is async
  let queue: Promise<void> = Promise.resolve();
  ep.onMessage((msg) => {
    if (msg.type === "init") {
      inflight = new InFlight(msg.shared);
      ep.post({ type: "ready" });
      return;
    }
    const { id, job } = msg;
    queue = queue.then(async () => {
      try {
        const value = await handler(job, inflight ?? new InFlight(new ArrayBuffer(1024)));
        ep.post({ type: "result", id, value });
      } catch (e) {
        const err = e as Error;
        ep.post({ type: "error", id, message: err && err.stack ? err.stack : String(e) });
      } finally {
        inflight?.leave();
      }
    });
  });
}
