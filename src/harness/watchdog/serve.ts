// The worker side of the watchdog: receive the shared record (or, without shared memory, post
// calls as messages: posted.ts), then run jobs one at a time and post their results.
// Browser-safe: the endpoint is the worker's own message port (parentPort in Node, `self` in a
// Web Worker).

import { InFlight, type CallPublisher, type FromWorker, type ToWorker } from "./protocol.js";
import { PostedInFlight } from "./posted.js";

export interface JobEndpoint<J, R> {
  onMessage(cb: (msg: ToWorker<J>) => void): void;
  post(msg: FromWorker<R>): void;
}

/** Serve jobs: `handler` gets each job and the publisher to announce its module calls to. */
export function serveJobs<J, R>(ep: JobEndpoint<J, R>, handler: (job: J, inflight: CallPublisher) => R | Promise<R>): void {
  let inflight: InFlight | PostedInFlight | null = null;
  // jobs run strictly in order even if a handler is async
  let queue: Promise<void> = Promise.resolve();
  ep.onMessage((msg) => {
    if (msg.type === "init") {
      inflight = msg.shared ? new InFlight(msg.shared) : new PostedInFlight((s) => ep.post({ type: "progress", inflight: s }));
      ep.post({ type: "ready" });
      return;
    }
    const { id, job } = msg;
    queue = queue.then(async () => {
      const pub = inflight ?? new InFlight(new ArrayBuffer(1024));
      if (pub instanceof PostedInFlight) pub.announce = msg.announce ?? "throttled";
      try {
        const value = await handler(job, pub);
        ep.post({ type: "result", id, value });
      } catch (e) {
        const err = e as Error;
        ep.post({ type: "error", id, message: err && err.stack ? err.stack : String(e) });
      } finally {
        pub.leave();
      }
    });
  });
}
