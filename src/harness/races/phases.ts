// A scenario as the race explorer runs it: setup lines (`!`) run alone, in file order, and are
// barriers; the proc ops between two of them run concurrently, each proc's in its file order.
// After the last line every proc still alive exits (concurrently, as a last phase), then the
// module is unloaded if it is still loaded: its leak check runs then.

import type { Op, Scenario } from "../scenario/parse.js";

export type ProcOp = Exclude<Op, { kind: "shell" }>;

export type Phase =
  | { kind: "shell"; op: Extract<Op, { kind: "shell" }> }
  | { kind: "concurrent"; ops: ProcOp[][] };

export function phasesOf(scn: Scenario): Phase[] {
  const phases: Phase[] = [];
  let open: ProcOp[][] | null = null;
  for (const op of scn.ops) {
    if (op.kind === "shell") {
      open = null;
      phases.push({ kind: "shell", op });
      continue;
    }
    if (!open) {
      open = scn.procs.map(() => []);
      phases.push({ kind: "concurrent", ops: open });
    }
    open[op.proc]!.push(op);
  }
  return phases;
}

/** How many procs a phase can run at once: what the atomicity check enumerates. */
export function concurrentOps(phases: Phase[]): number {
  return phases.reduce((n, p) => (p.kind === "concurrent" ? n + p.ops.reduce((m, o) => m + o.length, 0) : n), 0);
}
