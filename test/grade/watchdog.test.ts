// The watchdog: jobs in a worker thread, stopped from outside when a call into module code does not return.
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { nodeWorkerFactory } from "../../src/harness/watchdog/node.js";
import { Supervisor } from "../../src/harness/watchdog/supervisor.js";
import { Call, describeCall, InFlight, softLockupReport, type InFlightSnapshot } from "../../src/harness/watchdog/protocol.js";
import { PostedInFlight } from "../../src/harness/watchdog/posted.js";

const script = fileURLToPath(new URL("../fixtures/watchdog/worker.mjs", import.meta.url));
type Job = { op: string; value?: unknown; n?: number; limitMs?: number };
const withShared = new Supervisor<Job, unknown>(nodeWorkerFactory(script), { lockupMs: 500, pollMs: 25 });
// as in a browser page that is not cross-origin isolated: no SharedArrayBuffer, calls are posted
const withMessages = new Supervisor<Job, unknown>(nodeWorkerFactory(script), { lockupMs: 500, pollMs: 25, shared: false });
afterAll(() => {
  withShared.close();
  withMessages.close();
});

describe("InFlight: the shared record", () => {
  it("publishes a call and reads it back on the other side of the buffer", () => {
    const a = new InFlight();
    const b = new InFlight(a.buffer);
    a.enter(Call.Ioctl, 5, "message_sender", "/dev/slot1", 3, 0x4004eb00, 7);
    const s = b.snapshot();
    expect(s).toMatchObject({ active: true, call: Call.Ioctl, pid: 5, comm: "message_sender", path: "/dev/slot1", args: [3, 0x4004eb00, 7] });
    expect(describeCall(s)).toBe("ioctl(3, 0x4004eb00, 7) [/dev/slot1]");
    a.leave();
    expect(b.snapshot().active).toBe(false);
    expect(b.seq()).toBe(2);
    expect(softLockupReport(s, 22_000)[0]).toBe("watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [message_sender:5]");
  });
});

describe.each([
  ["a SharedArrayBuffer", withShared],
  ["posted messages (no SharedArrayBuffer)", withMessages],
])("Supervisor with worker_threads, the record in %s", (_how, sup) => {
  it("runs jobs and returns their results; many short calls are no lockup", async () => {
    expect(await sup.run({ op: "echo", value: { a: [1, 2] } }, { timeMs: 10_000 })).toMatchObject({ kind: "done", value: { a: [1, 2] } });
    expect(await sup.run({ op: "calls", n: 200_000 }, { timeMs: 10_000 })).toMatchObject({ kind: "done", value: 200_000 });
    expect(await sup.run({ op: "slow-call" }, { timeMs: 10_000, lockupMs: 1000 })).toMatchObject({ kind: "done", value: "ok" });
  });

  it("stops a call that never returns and names it; the next job gets a fresh worker", async () => {
    const before = sup.started;
    const o = await sup.run({ op: "lockup" }, { timeMs: 10_000 });
    expect(o.kind).toBe("lockup");
    if (o.kind !== "lockup") return;
    expect(o.stuckMs).toBeGreaterThanOrEqual(500);
    expect(o.inflight).toMatchObject({ call: Call.Read, pid: 42, comm: "message_reader" });
    expect(describeCall(o.inflight)).toBe("read(3, 0x20001000, 128) [/dev/slot0]");
    expect(await sup.run({ op: "echo", value: 1 }, { timeMs: 10_000 })).toMatchObject({ kind: "done", value: 1 });
    // a fresh worker for the next job (without shared memory, one more: the job's second run)
    expect(sup.started).toBe(before + (sup.shared ? 1 : 2));
  });

  it("names the wasm function a stuck worker is in (the inspector pauses it before it is stopped)", async () => {
    const o = await sup.run({ op: "wasm-lockup" }, { timeMs: 10_000 });
    expect(o.kind).toBe("lockup");
    if (o.kind !== "lockup") return;
    expect(o.frames).toEqual(["device_read"]);
    const report = softLockupReport(o.inflight, o.stuckMs, "message_slot", o.frames);
    expect(report).toContain("RIP: 0010:device_read [message_slot]");
    expect(report.at(-1)).toBe("in syscall: read(3, 0x20001000, 128) [/dev/slot0]");
    expect(await sup.run({ op: "echo", value: 3 }, { timeMs: 10_000 })).toMatchObject({ kind: "done", value: 3 });
  });

  it("names only the module's frames when a user program made the call (the program's own functions are not the module's)", async () => {
    const o = await sup.run({ op: "wasm-lockup-from-program" }, { timeMs: 10_000 });
    expect(o.kind).toBe("lockup");
    if (o.kind !== "lockup") return;
    expect(o.frames).toEqual(["device_read"]);
    expect(softLockupReport(o.inflight, o.stuckMs, "message_slot", o.frames).join("\n")).not.toContain("main");
  });

  it("honours a call's own limit", async () => {
    const t0 = performance.now();
    const o = await sup.run({ op: "lockup", limitMs: 1500 }, { timeMs: 10_000 });
    expect(o.kind).toBe("lockup");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1400);
  });

  it("a job that runs too long outside module code is a timeout, not a lockup", async () => {
    const o = await sup.run({ op: "spin" }, { timeMs: 700 });
    expect(o.kind).toBe("timeout");
    if (o.kind === "timeout") expect(o.inflight.active).toBe(false);
  });

  it("a job that throws fails with its message; a worker that exits fails the job", async () => {
    const t = await sup.run({ op: "throw" }, { timeMs: 10_000 });
    expect(t.kind).toBe("failed");
    if (t.kind === "failed") expect(t.message).toContain("boom");
    const e = await sup.run({ op: "exit" }, { timeMs: 10_000 });
    expect(e.kind).toBe("failed");
    if (e.kind === "failed") expect(e.message).toContain("the worker died");
    expect(await sup.run({ op: "echo", value: 2 }, { timeMs: 10_000 })).toMatchObject({ kind: "done", value: 2 });
  });
});

describe("the watchdog without shared memory", () => {
  it("a worker posts at most one update per heartbeat, and every call when asked", () => {
    const sent: InFlightSnapshot[] = [];
    let now = 0;
    const pub = new PostedInFlight((s) => sent.push(s), 20, () => now);
    for (let i = 0; i < 1000; i++) {
      pub.enter(Call.Write, 7, "sender", "/dev/slot0", 3, 0x20000000, i);
      pub.leave();
    }
    // the first call in, and its return: the last word the supervisor has is never a call that ended
    expect(sent.map((s) => [s.seq, s.active])).toEqual([[1, true], [2, false]]);
    now = 25;
    pub.enter(Call.Read, 8, "reader", "/dev/slot1", 4, 0x20000100, 128);
    expect(sent).toHaveLength(3);
    expect(sent[2]).toMatchObject({ seq: 2001, active: true, call: Call.Read, pid: 8, path: "/dev/slot1", args: [4, 0x20000100, 128] });
    pub.announce = "every-call";
    pub.leave();
    pub.enter(Call.Ioctl, 8, "reader", "/dev/slot1", 4, 0xeb01, 5);
    expect(sent.slice(3).map((s) => [s.seq, s.active, s.call])).toEqual([[2002, false, Call.Read], [2003, true, Call.Ioctl]]);
    // a phase announced with its own limit (the race explorer) is always heard, throttled or not
    pub.announce = "throttled";
    const before = sent.length;
    pub.leave();
    pub.enter(Call.Other, 0, "races", "", 0, 0, 0, "the race explorer on first-open", 25_000);
    expect(sent.slice(before).map((s) => [s.active, s.label, s.limitMs])).toEqual([[false, "", 0], [true, "the race explorer on first-open", 25_000]]);
  });

  it("a job whose worker falls silent is run again posting every call; quick jobs run once", async () => {
    const before = withMessages.replays;
    expect(await withMessages.run({ op: "calls", n: 300_000 }, { timeMs: 20_000 })).toMatchObject({ kind: "done", value: 300_000 });
    expect(withMessages.replays).toBe(before);
    const o = await withMessages.run({ op: "lockup" }, { timeMs: 10_000 });
    expect(o.kind).toBe("lockup");
    expect(withMessages.replays).toBe(before + 1);
  });
});
