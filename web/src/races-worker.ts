// The playground's race explorer (msgslot races --builtin, src/harness/races): the module's race
// build and the built-in concurrent scenarios, in a worker of its own so the page stays live.
// Replies with every scenario's counts and the first report with its trace.

import { loadImage } from "../../src/harness/module-build.js";
import { BUILTIN_RACES, builtinScenario } from "../../src/harness/races/builtin.js";
import { explore, replaySchedules } from "../../src/harness/races/explore.js";
import { formatFinding, formatSchedule, formatTrace } from "../../src/harness/races/report.js";
import { raceTargetOf } from "../../src/harness/races/target.js";

export type RacesRequest = { source: { bytes: Uint8Array } | { url: string } };
export type RacesReply =
  | { type: "progress"; text: string }
  | { type: "done"; summary: string[]; findings: number; first?: { scenario: string; about: string; report: string } }
  | { type: "failed"; message: string };

/** each built-in scenario's budget, seconds (the grader's concurrency test uses the same) */
const BUDGET_SECONDS = 5;
const scope = self as unknown as Worker;
const post = (m: RacesReply) => scope.postMessage(m);

scope.onmessage = async (e: MessageEvent<RacesRequest>) => {
  try {
    const src = e.data.source;
    const bytes = "bytes" in src ? src.bytes : new Uint8Array(await (await fetch(src.url)).arrayBuffer());
    post({ type: "progress", text: "Building the module for the explorer (Asyncify)…" });
    const { msgSlotChannel } = await loadImage(bytes, "message_slot");
    const target = await raceTargetOf(bytes, "message_slot", msgSlotChannel);
    const summary: string[] = [];
    let findings = 0;
    let first: { scenario: string; about: string; report: string } | undefined;
    for (const race of BUILTIN_RACES) {
      post({ type: "progress", text: `Exploring ${race.name}…` });
      const scn = builtinScenario(race);
      const r = explore(scn, target, { preemptions: 2, budgetSeconds: BUDGET_SECONDS });
      findings += r.reports.length;
      summary.push(`${race.name} (${race.about}): ${r.schedules} schedules in ${r.seconds.toFixed(1)} s${r.complete ? "" : " (budget ran out)"}, ${r.reports.length} finding${r.reports.length === 1 ? "" : "s"}`);
      const rep = r.reports[0];
      if (first || !rep) continue;
      const again = replaySchedules(scn, target, rep.schedules);
      first = {
        scenario: race.name,
        about: race.about,
        report: [formatFinding(rep.finding, scn.procs), `schedule: ${rep.schedules.map(formatSchedule).join(" / ")}`, "trace:", formatTrace(again.last)].join("\n"),
      };
    }
    post({ type: "done", summary, findings, ...(first ? { first } : {}) });
  } catch (err) {
    post({ type: "failed", message: (err as Error).message });
  }
};
