// A scenario on the emulator one op at a time, printing each result as
// scnrun does (with src/harness/scenario/run.ts's own steps), so that tests
// can inject a fault before an op and look at the kernel after it.

import { Machine } from "../../src/process/machine.js";
import { ProcessKilled, type Process } from "../../src/process/process.js";
import { runOp, runShellLine, stdioNull } from "../../src/harness/scenario/run.js";
import type { Op, Scenario } from "../../src/harness/scenario/parse.js";
import type { LoadedModule } from "../../src/kernel/module.js";
import type { Target } from "./differential.js";

export class EmulatorStepper {
  readonly machine = new Machine();
  private readonly procs: (Process | null)[];

  constructor(private readonly scn: Scenario, private readonly target: Target) {
    this.procs = scn.procs.map((d) => {
      if (d.parent >= 0) return null;
      const p = this.machine.spawn(d.name);
      stdioNull(this.machine, p);
      return p;
    });
  }

  /** The loaded module under test, if any. */
  module(): LoadedModule | undefined {
    return this.machine.kernel.modules.get(this.target.image.name);
  }

  step(op: Op): string {
    if (op.kind === "shell") {
      const r = runShellLine({ machine: this.machine, modules: new Map([[this.target.image.name, this.target.image]]) }, op.command);
      return r.signal ? `SIG${r.signal}` : String(r.status);
    }
    const p = this.procs[op.proc];
    if (!p || p.state !== "running") return "NOPROC";
    try {
      return this.apply(op, p);
    } catch (e) {
      if (e instanceof ProcessKilled) return "DIED";
      throw e;
    }
  }

  finish(): void {
    for (const p of this.procs) if (p && p.state === "running") p.exit(0);
  }

  private apply(op: Exclude<Op, { kind: "shell" }>, p: Process): string {
    return runOp(op, p, this.procs, this.scn, { msgSlotChannel: this.target.msgSlotChannel });
  }
}
