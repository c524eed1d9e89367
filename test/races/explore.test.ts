// The explorer in process: the schedules it enumerates (each once, within the bound, the same run
// every time a schedule is replayed), locks that block, and the serial orders.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { buildDir, REPO } from "../helpers/modules.js";
import { backtrack, explore, replaySchedules } from "../../src/harness/races/explore.js";
import { Lockdep } from "../../src/harness/races/lockdep.js";
import { runSchedule, type RaceTarget } from "../../src/harness/races/schedule.js";
import { raceTarget } from "../../src/harness/races/target.js";
import { BUILTIN_RACES, builtinScenario } from "../../src/harness/races/builtin.js";
import { parseScenario, type Scenario } from "../../src/harness/scenario/parse.js";

const scenario = (text: string): Scenario => parseScenario("t.scn", new TextEncoder().encode(text));
const overwrite = parseScenario("overwrite_while_read.scn", readFileSync(join(REPO, "test/races/scenarios/overwrite_while_read.scn")));
const target = async (dir: string): Promise<RaceTarget> => raceTarget(await buildDir(dir));
const reference = () => target(join(REPO, "module-c"));
const fixture = (name: string) => target(join(REPO, "test/races/fixtures", name));

/** every schedule the DFS runs, as choice lists */
function allSchedules(scn: Scenario, t: RaceTarget, bound: number): { choices: number[]; preemptions: number }[] {
  const out: { choices: number[]; preemptions: number }[] = [];
  let prefix: number[] | null = [];
  while (prefix) {
    const r = runSchedule(scn, t, { prefix, lockdep: new Lockdep() });
    out.push({ choices: r.decisions.map((d) => d.chosen), preemptions: r.preemptions });
    prefix = backtrack(r.decisions, bound);
  }
  return out;
}

describe("race explorer", () => {
  it("runs each schedule once, none over the bound, and more of them as the bound grows", async () => {
    const t = await reference();
    const counts: number[] = [];
    for (const k of [0, 1, 2]) {
      const s = allSchedules(overwrite, t, k);
      expect(new Set(s.map((x) => x.choices.join(","))).size).toBe(s.length);
      expect(Math.max(...s.map((x) => x.preemptions))).toBe(k);
      counts.push(s.length);
      expect(explore(overwrite, t, { preemptions: k, budgetSeconds: 600 }).schedules).toBe(s.length);
    }
    expect(counts[0]).toBeLessThan(counts[1]!);
    expect(counts[1]).toBeLessThan(counts[2]!);
    // the use-after-free needs B switched out inside its read: never with no preemption
    expect(explore(overwrite, t, { preemptions: 0, budgetSeconds: 600 }).reports).toEqual([]);
    expect(explore(overwrite, t, { preemptions: 1, budgetSeconds: 600 }).reports.map((x) => x.finding.kind)).toEqual(["use-after-free"]);
  });

  it("a schedule replayed on a fresh kernel runs the same way, findings and all", async () => {
    const t = await reference();
    const r = explore(overwrite, t, { preemptions: 2, budgetSeconds: 600 });
    expect(r.reports.map((x) => x.finding.kind)).toEqual(["use-after-free"]);
    const a = replaySchedules(overwrite, t, r.reports[0]!.schedules);
    const b = replaySchedules(overwrite, t, r.reports[0]!.schedules);
    expect(a.last.outcome).toBe(b.last.outcome);
    expect(a.last.trace).toEqual(b.last.trace);
    expect(a.findings.map((f) => f.title)).toEqual(["BUG: KASAN: use-after-free in copy_to_user"]);
  });

  it("a mutex held by a proc switched out makes the other proc sleep until mutex_unlock", async () => {
    const t = await fixture("mutex_slot");
    const blocked = allSchedules(overwrite, t, 2).map((s) => runSchedule(overwrite, t, { prefix: s.choices, lockdep: new Lockdep(), detailed: true }))
      .filter((r) => r.trace.some((e) => e.kind === "blocked"));
    expect(blocked.length).toBeGreaterThan(0);
    const r = blocked[0]!;
    const i = r.trace.findIndex((e) => e.kind === "blocked");
    expect(r.trace[i]!.at?.what).toMatch(/^blocked on mutex slot_lock \(0x[0-9a-f]+\)$/);
    // the holder runs on to mutex_unlock before the sleeper gets the lock
    const holder = r.trace.slice(0, i).reverse().find((e) => e.kind === "stopped" && e.proc !== r.trace[i]!.proc);
    expect(holder).toBeDefined();
    expect(r.findings).toEqual([]);
  });

  it("semaphores: down() sleeps while the count is 0 and up() wakes the sleeper; a binary semaphore makes the driver clean", async () => {
    const t = await fixture("sem_slot");
    const runs = allSchedules(overwrite, t, 2).map((s) => runSchedule(overwrite, t, { prefix: s.choices, lockdep: new Lockdep() }));
    expect(runs.some((r) => r.trace.some((e) => e.kind === "blocked" && /^blocked on semaphore 0x[0-9a-f]+$/.test(e.at?.what ?? "")))).toBe(true);
    expect(runs.flatMap((r) => r.findings)).toEqual([]);
    expect(explore(overwrite, t, { preemptions: 2, budgetSeconds: 600 }).reports).toEqual([]);
  });

  it("the built-in first-open on the reference: two opens allocate the slot twice, and rmmod finds the leak", async () => {
    const t = await reference();
    const race = BUILTIN_RACES.find((r) => r.name === "first-open")!;
    const r = explore(builtinScenario(race), t, { preemptions: 2, budgetSeconds: 600 });
    expect(r.reports.map((x) => x.finding.kind)).toEqual(["leak"]);
    const leak = r.reports[0]!.finding;
    expect(leak.title).toMatch(/^kmemleak: \d+ new suspected memory leaks? \(module message_slot unloaded\)$/);
    expect(leak.lines.join("\n")).toMatch(/kmalloc\(\d+\) in device_open \(message_slot\.c:\d+\)/);
    // one preemption: A switched out in device_open's kzalloc, after it found no slot
    expect(r.reports[0]!.preemptions).toBe(1);
  });

  it("two overwrites at once: both free the old message, a double free that kills the second writer", async () => {
    const t = await fixture("double_free");
    const scn = parseScenario("two_overwrites.scn", readFileSync(join(REPO, "test/races/scenarios/two_overwrites.scn")));
    const r = explore(scn, t, { preemptions: 2, budgetSeconds: 600 });
    const df = r.reports.find((x) => x.finding.kind === "double-free")!;
    expect(df.finding.title).toMatch(/^BUG: double free of kmalloc-8 object 0x[0-9a-f]+$/);
    expect(df.finding.lines).toContain("Freed in slot_write (message_slot.c:47)");
    const again = replaySchedules(scn, t, df.schedules);
    expect(again.findings.map((f) => f.kind)).toContain("double-free");
    const died = again.last.trace.find((e) => e.kind === "died")!;
    expect(died.text).toMatch(/^A write 3 "from A"$/);
    expect(died.resumed).toBe(true);
  });

  it("a scenario with one proc has one schedule and one serial order", async () => {
    const t = await reference();
    const one = scenario("! insmod /message_slot.ko\n! mknod /dev/slot0 c 235 0\nA open /dev/slot0 O_RDWR\nA ioctl 3 MSG_SLOT_CHANNEL 1\nA write 3 \"x\"\nA read 3 10\n");
    const r = explore(one, t, { preemptions: 2, budgetSeconds: 600 });
    expect(r.schedules).toBe(1);
    expect(r.serialOrders).toBe(1);
    expect(r.reports).toEqual([]);
  });
});
