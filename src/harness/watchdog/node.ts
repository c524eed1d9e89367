// The watchdog on Node: workers are worker_threads Workers. (The playground
// makes a Web Worker flavour of the same WorkerPort/JobEndpoint.)
//
// A stuck worker can be looked at before it is stopped: an inspector session
// of this thread attaches to it (NodeWorker domain) only then, and
// Debugger.pause interrupts even a wasm loop, so the report names the C
// function it is stuck in. Until a lockup no worker has a debugger attached
// (an attached session slows wasm down).

import inspector from "node:inspector";
import { parentPort, Worker, type WorkerOptions } from "node:worker_threads";
import type { FromWorker, ToWorker } from "./protocol.js";
import type { JobEndpoint } from "./serve.js";
import type { WorkerFactory, WorkerPort } from "./supervisor.js";

export interface NodeWorkerOptions extends WorkerOptions {
  /** look at a stuck worker's stack through the inspector (default true; MSGSLOT_NO_INSPECT=1 turns it off) */
  inspect?: boolean;
}

/** Workers running `script` (a .js file URL or path). */
export function nodeWorkerFactory<J, R>(script: URL | string, opts: NodeWorkerOptions = {}): WorkerFactory<J, R> {
  const { inspect = !process.env.MSGSLOT_NO_INSPECT, ...workerOpts } = opts;
  return () => {
    const w = new Worker(script, workerOpts);
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
      ...(inspect ? { stack: () => workerStack(w.threadId) } : {}),
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

interface CallFrame {
  functionName: string;
  location: { scriptId: string };
}

/**
 * The module's frames of a paused stack (innermost first): wasm frames are "$name" (from the
 * module's name section), the JS frames are the kernel's. The first run of wasm frames of one
 * script is the module's; below the kernel's JS frames, another wasm script is the user program
 * that made the syscall, whose functions are not the module's.
 */
export function moduleFrames(callFrames: readonly CallFrame[]): string[] {
  const first = callFrames.findIndex((f) => f.functionName.startsWith("$"));
  if (first < 0) return [];
  const script = callFrames[first]!.location.scriptId;
  const out: string[] = [];
  for (let i = first; i < callFrames.length; i++) {
    const f = callFrames[i]!;
    if (!f.functionName.startsWith("$") || f.location.scriptId !== script) break;
    out.push(f.functionName.slice(1));
  }
  return out;
}

/**
 * Pause a running worker through a fresh inspector session and return its wasm frames
 * (innermost first), then let it run again (a worker paused in the debugger cannot be
 * terminated) and disconnect (a connected session keeps the process alive).
 */
export function workerStack(threadId: number, timeoutMs = 3000): Promise<string[] | undefined> {
  let session: inspector.Session;
  try {
    session = new inspector.Session();
    session.connect();
  } catch {
    return Promise.resolve(undefined); // no inspector in this Node build: reports name the syscall only
  }
  return new Promise<string[] | undefined>((resolve) => {
    let sid: string | undefined;
    let frames: string[] | undefined;
    let state: "attaching" | "pausing" | "resuming" | "done" = "attaching";
    const send = (id: number, method: string) =>
      session.post("NodeWorker.sendMessageToWorker", { sessionId: sid!, message: JSON.stringify({ id, method }) }, () => {});
    const end = () => {
      if (state === "done") return;
      state = "done";
      clearTimeout(timer);
      try {
        session.disconnect();
      } catch {
        // already gone
      }
      resolve(frames);
    };
    const timer = setTimeout(end, timeoutMs);
    session.on("NodeWorker.attachedToWorker", (e) => {
      // workerInfo.workerId counts attachments; the title names the thread: "[worker 3]"
      const p = e.params as { sessionId: string; workerInfo: { workerId: string; title: string } };
      if (/\[worker (\d+)\]/.exec(p.workerInfo.title)?.[1] !== String(threadId) || state !== "attaching") return;
      sid = p.sessionId;
      state = "pausing";
      send(1, "Debugger.enable");
      send(2, "Debugger.pause");
    });
    session.on("NodeWorker.receivedMessageFromWorker", (e) => {
      const p = e.params as { sessionId: string; message: string };
      if (p.sessionId !== sid) return;
      const msg = JSON.parse(p.message) as { id?: number; method?: string; params?: { callFrames?: CallFrame[] } };
      if (msg.method === "Debugger.paused" && state === "pausing") {
        frames = moduleFrames(msg.params?.callFrames ?? []);
        state = "resuming";
        send(3, "Debugger.disable"); // resumes, and detaches the debugger from the worker's code
      } else if (msg.id === 3 && state === "resuming") {
        end();
      }
    });
    session.post("NodeWorker.enable", { waitForDebuggerOnStart: false }, (err) => {
      if (err) end();
    });
  });
}
