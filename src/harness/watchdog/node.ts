// The watchdog on Node: workers are worker_threads Workers. (The playground
// makes a Web Worker flavour of the same WorkerPort/JobEndpoint.)

import { parentPort, Worker, type WorkerOptions } from "node:worker_threads";
import type { FromWorker, ToWorker } from "./protocol.js";
import type { JobEndpoint } from "./serve.js";
import type { WorkerFactory, WorkerPort } from "./supervisor.js";

/** Workers running `script` (a .js file URL or path). */
export function nodeWorkerFactory<J, R>(script: URL | string, opts: WorkerOptions = {}): WorkerFactory<J, R> {
  return () => {
    const w = new Worker(script, opts);
    let exited = false;
    const exitCbs: ((why: string) => void)[] = [];
    const died = (why: string) => {
      if (exited) return;
      exited = true;
      for (const cb of exitCbs) cb(why);
    };
    w.on("error", (e) => died(e instanceof Error ? e.message : String(e)));
    w.on("exit", (code) => died(`exited with status ${code}`));
    const port: WorkerPort<J, R> = {
      post: (msg: ToWorker<J>) => w.postMessage(msg),
      onMessage: (cb) => void w.on("message", (m: FromWorker<R>) => cb(m)),
      onExit: (cb) => void exitCbs.push(cb),
      terminate: () => {
        exited = true; // a requested stop is not a death
        return w.terminate();
      },
    };
    return port;
  };
}

/** Inside a worker_threads worker: its port to the supervisor. */
export function parentEndpoint<J, R>(): JobEndpoint<J, R> {
  const port = parentPort;
  if (!port) throw new Error("parentEndpoint: not running in a worker thread");
  return {
    onMessage: (cb) => void port.on("message", (m: ToWorker<J>) => cb(m)),
    post: (msg) => port.postMessage(msg),
  };
}
