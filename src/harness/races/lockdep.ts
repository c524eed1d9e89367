// lockdep for the race explorer (kernel/locking/lockdep.c, check_prev_add/check_noncircular):
// every time a task takes lock L while it holds H, the dependency H -> L is recorded, across
// every schedule explored; a new dependency that closes a cycle is Linux's "possible circular
// locking dependency detected", whether or not the schedule at hand deadlocked. A lock here is a
// lock instance (its address), which for the globals of a small module is lockdep's lock class.

export interface HeldLock {
  addr: number;
  name: string;
  spin: boolean;
  /** the C function that took it */
  site: string;
}

interface Edge {
  from: HeldLock;
  to: HeldLock;
  task: string;
  /** the schedule that first showed it (the explorer's tag: its choices) */
  schedule: unknown;
}

export interface LockdepReport {
  title: string;
  lines: string[];
  /** the schedules whose dependencies make the cycle, in the order they were seen */
  schedules: unknown[];
}

export class Lockdep {
  private readonly edges = new Map<number, Map<number, Edge>>();
  private readonly reported = new Set<string>();
  /** set by the explorer before each schedule */
  schedule: unknown = null;

  /** `task` takes `lock` holding `held`: new dependencies, and the report of a cycle they close. */
  acquire(task: { name: string; pid(): number }, held: readonly HeldLock[], lock: HeldLock): LockdepReport | null {
    let report: LockdepReport | null = null;
    for (const h of held) {
      if (h.addr === lock.addr) continue;
      const out = this.edges.get(h.addr) ?? new Map<number, Edge>();
      this.edges.set(h.addr, out);
      if (out.has(lock.addr)) continue;
      const edge: Edge = { from: h, to: lock, task: task.name, schedule: this.schedule };
      out.set(lock.addr, edge);
      const back = this.path(lock.addr, h.addr);
      if (!back) continue;
      const key = [...back.map((e) => e.from.addr), h.addr].sort((a, b) => a - b).join(",");
      if (this.reported.has(key) || report) continue;
      this.reported.add(key);
      report = this.describe(task, h, lock, back, edge);
    }
    return report;
  }

  /** a chain of recorded dependencies from `from` to `to` (breadth first), or null */
  private path(from: number, to: number): Edge[] | null {
    const prev = new Map<number, Edge>();
    const queue = [from];
    const seen = new Set([from]);
    while (queue.length) {
      const at = queue.shift()!;
      if (at === to) {
        const chain: Edge[] = [];
        for (let n = to; n !== from; n = prev.get(n)!.from.addr) chain.unshift(prev.get(n)!);
        return chain;
      }
      for (const [next, e] of this.edges.get(at) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        prev.set(next, e);
        queue.push(next);
      }
    }
    return null;
  }

  private describe(task: { name: string; pid(): number }, holding: HeldLock, want: HeldLock, back: Edge[], edge: Edge): LockdepReport {
    const first = back[0]!;
    const lines = [
      `${task.name}/${task.pid()} is trying to acquire lock:`,
      `  (${want.name}) in ${want.site || "?"}`,
      "but task is already holding lock:",
      `  (${holding.name}) taken in ${holding.site || "?"}`,
      "which lock already depends on the new lock.",
      "the existing dependency chain (in reverse order) is:",
      ...back.map((e, i) => `-> #${back.length - i} (${e.to.name}): taken by ${e.task} in ${e.to.site || "?"} while holding ${e.from.name} (taken in ${e.from.site || "?"})`),
      "other info that might help us debug this:",
      " Possible unsafe locking scenario:",
      "       CPU0                    CPU1",
      "       ----                    ----",
      `  lock(${holding.name});`,
      `                               lock(${first.from.name});`,
      `                               lock(${holding.name});`,
      `  lock(${want.name});`,
      " *** DEADLOCK ***",
    ];
    const schedules: unknown[] = [];
    for (const e of [...back, edge]) if (!schedules.includes(e.schedule)) schedules.push(e.schedule);
    return { title: "WARNING: possible circular locking dependency detected", lines, schedules };
  }
}
