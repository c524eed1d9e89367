// The advisory concurrency test: the race explorer (src/harness/races) on the built-in scenarios,
// each with a fixed budget, on the module's race build. Browser-safe.

import { explore } from "../races/explore.js";
import { BUILTIN_RACES, builtinScenario } from "../races/builtin.js";
import { formatSchedule } from "../races/report.js";
import { Call } from "../watchdog/protocol.js";
import { TestAbort } from "./session.js";
import type { TestDef } from "./suite-defs.js";

/** each built-in scenario's exploration budget, seconds: the test takes at most about 3x this */
export const RACE_BUDGET_SECONDS = 5;
/** one preemption: every finding of the built-in scenarios on the reference shows with one, for a
 *  quarter of K=2's schedules (grading time counts, issue 14); `msgslot races` explores deeper */
const PREEMPTIONS = 1;

export const CONCURRENCY_TEST: TestDef = {
  id: "concurrency", name: "concurrent syscalls (race explorer)", weight: 0, kind: "extra",
  crashCounts: false, timeMs: 60_000, raceBuild: true,
  description: `two procs' syscalls at the same time (${BUILTIN_RACES.map((r) => r.name).join(", ")}): every interleaving with at most ${PREEMPTIONS} preemption${PREEMPTIONS === 1 ? "" : "s"} at the points where Linux may sleep (copy_*_user, kmalloc(GFP_KERNEL), mutex_lock, ...), ${RACE_BUDGET_SECONDS} s each; fails on a use-after-free, double free, oops or leak under some schedule, sleeping under a spinlock, a lock-order inversion, a deadlock or a result no serial order gives (msgslot races --builtin shows the schedule and its trace)`,
  run(s, ctx) {
    const target = ctx.races;
    if (!target) throw new TestAbort("the module's race build is not available");
    for (const race of BUILTIN_RACES) {
      const scn = builtinScenario(race);
      // the explorer's kernels are its own (no module call reaches the watchdog): the exploration is
      // announced as one call with its own limit, past the budget (the last schedule finishes)
      s.publisher.enter(Call.Other, 0, "races", "", 0, 0, 0, `the race explorer on ${race.name}`, (3 * RACE_BUDGET_SECONDS + 10) * 1000);
      let r: ReturnType<typeof explore>;
      try {
        r = explore(scn, target, { preemptions: PREEMPTIONS, budgetSeconds: RACE_BUDGET_SECONDS });
      } finally {
        s.publisher.leave();
      }
      s.info(`${race.name} (${race.about}): ${r.schedules} schedules${r.complete ? "" : " (the budget ran out first)"}, ${r.reports.length} finding(s)`);
      for (const rep of r.reports) {
        const who = rep.finding.proc >= 0 ? ` in proc ${scn.procs[rep.finding.proc]?.name}` : "";
        const lines = rep.finding.kind === "leak" ? rep.finding.lines.filter((l) => /kmalloc\(/.test(l)) : rep.finding.lines.slice(0, 3);
        const detail = lines.map((l) => `; ${l.trim()}`).join("");
        s.fail(`${race.name}: ${rep.finding.title}${who}${detail} (schedule ${rep.schedules.map(formatSchedule).join(" / ")})`);
      }
    }
  },
};
