// The watchdog: jobs in a worker thread, stopped from outside when a call into module code does not return.
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { nodeWorkerFactory } from "../../src/harness/watchdog/node.js";
import { Supervisor } from "../../src/harness/watchdog/supervisor.js";
import { Call, describeCall, InFlight, softLockupReport } from "../../src/harness/watchdog/protocol.js";

const script = fileURLToPath(new URL("../fixtures/watchdog/worker.mjs", import.meta.url));
type Job = { op: string; value?: unknown; n?: number; limitMs?: number };
const sup = new Supervisor<Job, unknown>(nodeWorkerFactory(script), { lockupMs: 500, pollMs: 25 });
afterAll(() => sup.close());

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

describe("Supervisor with worker_threads", () => {
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
    expect(sup.started).toBe(before + 1);
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
