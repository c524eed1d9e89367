// The kernel's jiffies (kmemleak's object dates): a coarse clock, read again after a number of
// syscalls or when the machine's clock jumps, never older than that.
import { describe, expect, it } from "vitest";
import { Kernel } from "../../src/kernel/kernel.js";
import { ScriptedMemory } from "../../src/kernel/task.js";
import { Machine } from "../../src/process/machine.js";

const task = { pid: 2, comm: "t", memory: new ScriptedMemory() };

describe("jiffies", () => {
  it("are the clock as read within the last 16 kernel entries", () => {
    let now = 1;
    const k = new Kernel({ clock: () => now });
    expect(k.jiffies()).toBe(1);
    const seen: number[] = [];
    for (let i = 1; i <= 40; i++) {
      now = 1 + i; // the clock moves on every syscall
      k.leave(k.enter(task));
      seen.push(k.jiffies());
    }
    // each reading serves the next 15 entries, then the 16th reads the clock again
    for (let i = 0; i < seen.length; i++) {
      const clock = 2 + i; // the clock during entry i + 1
      expect(seen[i]!).toBeLessThanOrEqual(clock);
      expect(clock - seen[i]!).toBeLessThan(16);
    }
    expect(new Set(seen).size).toBeGreaterThanOrEqual(3);
    expect(seen.at(-1)).toBeGreaterThan(now - 16);
  });

  it("read the clock again after tick()", () => {
    let now = 5;
    const k = new Kernel({ clock: () => now });
    expect(k.jiffies()).toBe(5);
    now = 9;
    expect(k.jiffies()).toBe(5);
    k.tick();
    expect(k.jiffies()).toBe(9);
  });

  it("follow a sleep on the machine's virtual clock at once", () => {
    const m = new Machine();
    const before = m.kernel.jiffies();
    m.clock.advanceTo(m.clock.monotonicNs() + 600_000_000_000n); // a 600 s sleep
    expect(m.kernel.jiffies()).toBeGreaterThanOrEqual(before + 600);
  });
});
