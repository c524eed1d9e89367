// The watchdog's protocol (DESIGN.md section 5, "Watchdog"): the kernel runs
// in a worker; the thread that started it stays responsive and stops a module
// that never returns. Browser-safe: a Web Worker and a Node worker_threads
// Worker speak the same messages and share the same SharedArrayBuffer layout. (Without a
// SharedArrayBuffer, in a page that is not cross-origin isolated, the record travels by
// messages instead: posted.ts.)
//
// Before every call into module code the worker publishes what it is about to
// do (the syscall, its arguments, the process) into a SharedArrayBuffer and
// bumps a sequence number; after the call it clears the "active" flag and
// bumps it again. The supervising thread samples the buffer: a call that stays
// active with no progress past its limit is a soft lockup, reported the way
// Linux's watchdog prints it, naming the syscall in flight.

/** What kind of call is in flight. */
export const Call = {
  None: 0,
  Open: 1,
  Close: 2,
  Read: 3,
  Write: 4,
  Ioctl: 5,
  Exit: 6,
  Insmod: 7,
  Rmmod: 8,
  Other: 9,
} as const;
export type Call = (typeof Call)[keyof typeof Call];

// Int32 slots of the header
const SEQ = 0, ACTIVE = 1, CALL = 2, PID = 3, A = 4, B = 5, C = 6, LIMIT = 7, COMM_LEN = 8, PATH_LEN = 9, LABEL_LEN = 10;
const HEADER_WORDS = 16;
const COMM_OFF = HEADER_WORDS * 4, COMM_MAX = 32;
const PATH_OFF = COMM_OFF + COMM_MAX, PATH_MAX = 96;
const LABEL_OFF = PATH_OFF + PATH_MAX, LABEL_MAX = 128;
export const INFLIGHT_BYTES = LABEL_OFF + LABEL_MAX;

/** What the supervisor reads back: the call in flight when it sampled. */
export interface InFlightSnapshot {
  seq: number;
  active: boolean;
  call: Call;
  pid: number;
  comm: string;
  /** the device path of the fd (or the path being opened) */
  path: string;
  args: [number, number, number];
  /** free text for calls that are not syscalls ("insmod message_slot.ko") */
  label: string;
  /** this call's own lockup limit in ms (0: the supervisor's default) */
  limitMs: number;
}

/** The worker side's view: publish before and after each module call. */
export interface CallPublisher {
  enter(call: Call, pid: number, comm: string, path: string, a?: number, b?: number, c?: number, label?: string, limitMs?: number): void;
  leave(): void;
}

/** A publisher that does nothing (no watchdog: tests, the playground's main thread). */
export const NO_PUBLISHER: CallPublisher = { enter() {}, leave() {} };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The shared record of the call in flight. One per worker. */
export class InFlight implements CallPublisher {
  private readonly words: Int32Array;
  private readonly bytes: Uint8Array;
  private lastComm = "";
  private lastPath = "";
  private lastLabel = "";

  constructor(readonly buffer: SharedArrayBuffer | ArrayBuffer = new SharedArrayBuffer(INFLIGHT_BYTES)) {
    this.words = new Int32Array(buffer, 0, HEADER_WORDS);
    this.bytes = new Uint8Array(buffer);
  }

  enter(call: Call, pid: number, comm: string, path: string, a = 0, b = 0, c = 0, label = "", limitMs = 0): void {
    const w = this.words;
    w[CALL] = call;
    w[PID] = pid;
    w[A] = a | 0;
    w[B] = b | 0;
    w[C] = c | 0;
    w[LIMIT] = limitMs | 0;
    // strings only when they change: a syscall loop publishes a few integers
    if (comm !== this.lastComm) this.lastComm = this.putString(comm, COMM_OFF, COMM_MAX, COMM_LEN);
    if (path !== this.lastPath) this.lastPath = this.putString(path, PATH_OFF, PATH_MAX, PATH_LEN);
    if (label !== this.lastLabel) this.lastLabel = this.putString(label, LABEL_OFF, LABEL_MAX, LABEL_LEN);
    // one atomic operation per change: the sequence number's Atomics.add publishes the plain
    // stores before it to a supervisor that reads the new number (seq-cst synchronizes-with)
    w[ACTIVE] = 1;
    Atomics.add(w, SEQ, 1);
  }

  leave(): void {
    // plain stores: they reach the supervisor as an atomic one would, only their order is not
    // guaranteed, and the end of a call has nothing to order (a lockup is a record that stays
    // active with its number unchanged for seconds; the next enter()'s Atomics.add orders these
    // before its own). The worker is the number's only writer, so a plain increment loses
    // nothing. Two atomics a syscall were 5% of the graded syscall pair (issue 14).
    const w = this.words;
    w[ACTIVE] = 0;
    w[SEQ] = (w[SEQ]! + 1) | 0;
  }

  /** The sequence number alone (cheap: the supervisor polls it). */
  seq(): number {
    return Atomics.load(this.words, SEQ);
  }

  snapshot(): InFlightSnapshot {
    const w = this.words;
    return {
      seq: Atomics.load(w, SEQ),
      active: Atomics.load(w, ACTIVE) === 1,
      call: w[CALL] as Call,
      pid: w[PID],
      comm: this.getString(COMM_OFF, COMM_LEN),
      path: this.getString(PATH_OFF, PATH_LEN),
      args: [w[A], w[B], w[C]],
      label: this.getString(LABEL_OFF, LABEL_LEN),
      limitMs: w[LIMIT],
    };
  }

  private putString(s: string, off: number, max: number, lenSlot: number): string {
    const enc = encoder.encode(s);
    const n = Math.min(enc.length, max);
    this.bytes.set(enc.subarray(0, n), off);
    this.words[lenSlot] = n;
    return s;
  }

  private getString(off: number, lenSlot: number): string {
    const n = this.words[lenSlot];
    // copy out: TextDecoder refuses views of a SharedArrayBuffer
    return decoder.decode(this.bytes.slice(off, off + n));
  }
}

const hex = (n: number) => "0x" + (n >>> 0).toString(16);

/** The call as strace would show it: `read(3, 0x20000100, 128)`. */
export function describeCall(s: InFlightSnapshot): string {
  const [a, b, c] = s.args;
  switch (s.call) {
    case Call.Open:
      return `open("${s.path}", ${a})`;
    case Call.Close:
      return `close(${a})${s.path ? ` [${s.path}]` : ""}`;
    case Call.Read:
      return `read(${a}, ${hex(b)}, ${c >>> 0})${s.path ? ` [${s.path}]` : ""}`;
    case Call.Write:
      return `write(${a}, ${hex(b)}, ${c >>> 0})${s.path ? ` [${s.path}]` : ""}`;
    case Call.Ioctl:
      return `ioctl(${a}, ${hex(b)}, ${c >>> 0})${s.path ? ` [${s.path}]` : ""}`;
    case Call.Exit:
      return `exit_group(${a}) (closing its files: release)`;
    case Call.Insmod:
      return s.label || "init_module";
    case Call.Rmmod:
      return s.label || "delete_module";
    default:
      return s.label || "?";
  }
}

/** The file_operations method (or module entry) a call ends up in. */
export function methodOf(call: Call): string {
  switch (call) {
    case Call.Open: return "file_operations.open";
    case Call.Close: return "file_operations.release";
    case Call.Read: return "file_operations.read";
    case Call.Write: return "file_operations.write";
    case Call.Ioctl: return "file_operations.unlocked_ioctl";
    case Call.Exit: return "file_operations.release";
    case Call.Insmod: return "the module's init function";
    case Call.Rmmod: return "the module's exit function";
    default: return "module code";
  }
}

/**
 * Linux's soft-lockup report (kernel/watchdog.c) for a call that did not return. With the
 * stuck worker's wasm frames (innermost first) it names the C function like RIP and a call trace.
 */
export function softLockupReport(s: InFlightSnapshot, stuckMs: number, module = "message_slot", frames?: string[]): string[] {
  const secs = Math.max(1, Math.round(stuckMs / 1000));
  const comm = s.comm || "swapper/0";
  const lines = [
    `watchdog: BUG: soft lockup - CPU#0 stuck for ${secs}s! [${comm}:${s.pid}]`,
    `Modules linked in: ${module}(OE)`,
    `CPU: 0 PID: ${s.pid} Comm: ${comm} Tainted: G           OEL    6.1.0-msgslot #1`,
  ];
  if (frames && frames.length) {
    lines.push(`RIP: 0010:${frames[0]} [${module}]`, "Call Trace:", " <TASK>", ...frames.slice(1, 12).map((f) => ` ${f} [${module}]`), " </TASK>");
  } else {
    lines.push(`RIP: 0010:${module} ${methodOf(s.call)} (did not return)`);
  }
  lines.push(`in syscall: ${describeCall(s)}`);
  return lines;
}

/** The driver's function in a stuck stack: the frame below libkern's kern_* entry (else the innermost). */
export function stuckFunction(frames: string[] | undefined): string | undefined {
  if (!frames || frames.length === 0) return undefined;
  const i = frames.findIndex((f) => f.startsWith("kern_") || f === "init_module" || f === "cleanup_module");
  return i > 0 ? frames[i - 1] : frames[0];
}

// --- messages between the supervisor and the worker ---------------------------

export type ToWorker<J> =
  /** shared: the record to publish in; without it (no SharedArrayBuffer) calls are posted (posted.ts) */
  | { type: "init"; shared?: SharedArrayBuffer }
  /** announce: how a worker without shared memory posts this job's calls */
  | { type: "job"; id: number; job: J; announce?: "throttled" | "every-call" };

export type FromWorker<R> =
  | { type: "ready" }
  /** the call in flight, from a worker without shared memory */
  | { type: "progress"; inflight: InFlightSnapshot }
  | { type: "result"; id: number; value: R }
  | { type: "error"; id: number; message: string };
