// The watchdog without shared memory (a browser page that is not cross-origin isolated has no
// SharedArrayBuffer; see DESIGN.md section 5, "Watchdog"). The worker tells the supervisor what it
// is doing by messages instead: postMessage from a worker is delivered even while the worker
// keeps running, so what it posted before a call that never returns still arrives.
//
// Posting every call would flood the page (a test makes two million of them), so in the normal
// "throttled" mode the worker posts at most one update per `heartbeatMs`: enough for the
// supervisor to see progress, not enough to know which call a stuck worker is in. When a worker
// falls silent, the supervisor stops it and runs the same job again (tests are deterministic: a
// fresh kernel each) in "every-call" mode, where each enter and leave is posted, and judges that
// run exactly as it would judge the shared record.

import type { Call, CallPublisher, InFlightSnapshot } from "./protocol.js";

export type Announce = "throttled" | "every-call";

const IDLE: InFlightSnapshot = { seq: 0, active: false, call: 0, pid: 0, comm: "", path: "", args: [0, 0, 0], label: "", limitMs: 0 };

/** The worker's side: publish calls as messages. */
export class PostedInFlight implements CallPublisher {
  announce: Announce = "throttled";
  private state: InFlightSnapshot = { ...IDLE, args: [0, 0, 0] };
  private lastPost = -Infinity;

  constructor(private readonly send: (s: InFlightSnapshot) => void, private readonly heartbeatMs = 20, private readonly now: () => number = () => performance.now()) {}

  enter(call: Call, pid: number, comm: string, path: string, a = 0, b = 0, c = 0, label = "", limitMs = 0): void {
    const s = this.state;
    s.call = call;
    s.pid = pid;
    s.comm = comm;
    s.path = path;
    s.args = [a | 0, b | 0, c | 0];
    s.label = label;
    s.limitMs = limitMs | 0;
    s.active = true;
    s.seq++;
    // a phase announced with its own limit (a build, the race explorer) posts nothing while it
    // runs: the supervisor must hear of it, or it takes the silence for a lockup
    this.maybePost(limitMs > 0);
  }

  leave(): void {
    this.state.active = false;
    this.state.seq++;
    // the supervisor must not be left believing a call is still in flight: the worker may now
    // run a long while outside the module (a build, the race explorer's transform) posting nothing
    this.maybePost(this.postedActive);
  }

  /** the last update sent had a call in flight */
  private postedActive = false;

  private maybePost(force = false): void {
    if (this.announce === "throttled" && !force) {
      const t = this.now();
      if (t - this.lastPost < this.heartbeatMs) return;
      this.lastPost = t;
    }
    this.postedActive = this.state.active;
    this.send({ ...this.state, args: [...this.state.args] });
  }
}

/** The supervisor's side: the last update heard, read like the shared record. */
export class HeardInFlight {
  private last: InFlightSnapshot = { ...IDLE, args: [0, 0, 0] };

  heard(s: InFlightSnapshot): void {
    this.last = s;
  }

  seq(): number {
    return this.last.seq;
  }

  snapshot(): InFlightSnapshot {
    return this.last;
  }
}
