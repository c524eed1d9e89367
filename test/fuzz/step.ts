// A scenario on the emulator one op at a time, printing each result as
// scnrun does (the same steps as src/harness/scenario/run.ts), so that tests
// can inject a fault before an op and look at the kernel after it.

import { USER_BASE } from "../../src/kernel/constants.js";
import { errnoName } from "../../src/kernel/errno.js";
import { ScriptedMemory } from "../../src/kernel/task.js";
import { Machine } from "../../src/process/machine.js";
import { ProcessKilled, type Process } from "../../src/process/process.js";
import { BAD_PTR, KBAD_PTR, escapeData, runShellLine } from "../../src/harness/scenario/run.js";
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
      const vfs = this.machine.kernel.vfs;
      if (!vfs.lookup("/dev/null")) vfs.mknod("/dev/null", 1, 3, new Date(0));
      for (let i = 0; i < 3; i++) p.open("/dev/null", 2);
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
    const mem = p.memory as ScriptedMemory;
    const result = (r: number) => (r < 0 && r >= -4095 ? `-1 ${errnoName(-r)}` : String(r));
    switch (op.kind) {
      case "open":
        return result(p.open(op.path, op.flags));
      case "close":
        return result(p.close(op.fd));
      case "dup":
        return result(p.dup(op.fd));
      case "ioctl": {
        const cmd = op.cmd === "MSG_SLOT_CHANNEL" ? BigInt(this.target.msgSlotChannel >>> 0) : op.cmd;
        return result(p.ioctl(op.fd, Number(cmd & 0xffff_ffffn), Number(op.arg & 0xffff_ffffn)));
      }
      case "write":
        if (op.bad) return result(p.write(op.fd, op.bad === "bad" ? BAD_PTR : KBAD_PTR, op.len));
        mem.ensure(op.len);
        mem.bytes().set(op.data!, 0);
        return result(p.write(op.fd, USER_BASE, op.len));
      case "read": {
        if (op.bad) return result(p.read(op.fd, op.bad === "bad" ? BAD_PTR : KBAD_PTR, op.len));
        mem.ensure(op.len);
        mem.bytes().fill(0, 0, op.len);
        const r = p.read(op.fd, USER_BASE, op.len);
        if (r < 0 && r >= -4095) return result(r);
        return `${r} ${escapeData(mem.bytes().subarray(0, Math.min(r, op.len)))}`;
      }
      case "fork":
        this.procs[op.newproc] = p.fork(this.scn.procs[op.newproc].name);
        return "0";
      case "exit":
        p.exit(0);
        return "0";
    }
  }
}
