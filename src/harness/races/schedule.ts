// One schedule of a scenario on a fresh machine: which proc runs at every point where the
// scheduler has a choice (a preemption point in module code, the end of a syscall, a task that
// blocked or finished). The choices come from a prefix (the explorer's, or a replay file's);
// past it, the running proc goes on (no preemption) or, when it cannot, the lowest-numbered proc
// that can. Everything the kernel reports on the way is collected as findings.

import { USER_BASE } from "../../kernel/constants.js";
import { errnoName } from "../../kernel/errno.js";
import { Suspended } from "../../kernel/instrumentation.js";
import { KernelOops } from "../../kernel/oops.js";
import type { ScriptedMemory } from "../../kernel/task.js";
import { Machine } from "../../process/machine.js";
import type { OpenFile } from "../../process/open-file.js";
import { ProcessKilled, type Process } from "../../process/process.js";
import type { ModuleImage } from "../busybox.js";
import { BAD_PTR, KBAD_PTR, escapeData, runShellLine, stdioNull } from "../scenario/run.js";
import type { Scenario } from "../scenario/parse.js";
import { Lockdep } from "./lockdep.js";
import { phasesOf, type Phase, type ProcOp } from "./phases.js";
import { Coroutine, RaceRuntime, type Point, type Switcher } from "./runtime.js";

export interface RaceTarget {
  /** the module's race build (src/toolchain/race-build.ts), compiled */
  image: ModuleImage;
  msgSlotChannel: number | undefined;
}

export interface Decision {
  /** the procs that could run; alts[0] is the running one when it could go on */
  alts: number[];
  chosen: number;
  /** alts[0] is the running proc: choosing another is a preemption */
  preempts: boolean;
}

export type FindingKind = "use-after-free" | "double-free" | "oops" | "leak" | "sleep-in-atomic" | "lockdep" | "deadlock" | "atomicity" | "warning";

export interface Finding {
  kind: FindingKind;
  title: string;
  lines: string[];
  /** the proc it happened in (-1: none, e.g. at rmmod) */
  proc: number;
  /** lockdep: the schedules (choice lists) that together show it; else just this one */
  schedules?: number[][];
}

export interface TraceEvent {
  proc: number;
  /** the op line (or the `!` line) */
  text: string;
  kind: "done" | "stopped" | "blocked" | "died" | "shell" | "deadlock";
  /** the op had been switched out before and went on here */
  resumed?: boolean;
  result?: string;
  at?: Point;
}

export interface ScheduleResult {
  decisions: Decision[];
  preemptions: number;
  /** every op's result, per proc (and the `!` lines' as proc -1): what the atomicity check compares */
  outcome: string;
  findings: Finding[];
  trace: TraceEvent[];
}

export interface ScheduleOptions {
  /** choice indexes (into Decision.alts) for the first decisions */
  prefix: readonly number[];
  lockdep: Lockdep;
  /** name the C function at every point (slower: an engine stack trace each) */
  detailed?: boolean;
  /** no preemption inside syscalls: whole syscalls in some order (the atomicity check's serial runs) */
  serial?: boolean;
}

/** The schedule's choices diverged from the prefix (a replay file for another module or scenario). */
export class ReplayMismatch extends Error {}

interface OpState {
  op: ProcOp;
  /** close/exit: the open file being released (put back in the fd table to resume) */
  closing?: OpenFile;
  closingFd?: number;
}

export function runSchedule(scn: Scenario, target: RaceTarget, opts: ScheduleOptions): ScheduleResult {
  return new ScheduleRun(scn, target, opts).run();
}

class ScheduleRun implements Switcher {
  readonly detailed: boolean;
  private readonly runtime: RaceRuntime;
  private readonly machine: Machine;
  private readonly procs: (Process | null)[];
  private readonly cos: Coroutine[];
  private readonly decisions: Decision[] = [];
  private preemptions = 0;
  private readonly findings: Finding[] = [];
  private readonly trace: TraceEvent[] = [];
  private readonly results: string[][];
  private readonly inflight: (OpState | null)[];
  private queues: ProcOp[][] = [];
  /** decided at a preemption point: who runs once the running task is out */
  private next: number | null = null;
  private over = false;

  constructor(private readonly scn: Scenario, private readonly target: RaceTarget, private readonly opts: ScheduleOptions) {
    this.detailed = opts.detailed ?? false;
    this.runtime = new RaceRuntime(this, opts.lockdep);
    // a clock that ticks with use: timestamps and object ages are the same in every replay
    let t = 0;
    this.machine = new Machine({ instrumentation: this.runtime, clock: () => (t += 1e-6) });
    this.captureReports();
    this.procs = scn.procs.map(() => null);
    this.cos = scn.procs.map((d, i) => new Coroutine(i, d.name, () => this.procs[i]?.pid ?? 0));
    this.results = scn.procs.map(() => []);
    this.inflight = scn.procs.map(() => null);
    scn.procs.forEach((d, i) => {
      if (d.parent >= 0) return;
      const p = (this.procs[i] = this.machine.spawn(d.name));
      stdioNull(this.machine, p);
    });
  }

  run(): ScheduleResult {
    const shell: string[] = [];
    const phases: Phase[] = [...phasesOf(this.scn), { kind: "concurrent", ops: this.scn.procs.map((d, i) => [exitOp(i, d.name)]) }];
    for (const phase of phases) {
      if (this.over) break;
      if (phase.kind === "shell") {
        const r = runShellLine({ machine: this.machine, modules: new Map([[this.target.image.name, this.target.image]]) }, phase.op.command);
        const res = r.signal ? `SIG${r.signal}` : String(r.status);
        shell.push(`${phase.op.text} = ${res}`);
        this.trace.push({ proc: -1, text: phase.op.text, kind: "shell", result: res });
        continue;
      }
      this.concurrent(phase.ops);
    }
    if (!this.over) this.unload();
    const outcome = JSON.stringify([shell, ...this.results]);
    return { decisions: this.decisions, preemptions: this.preemptions, outcome, findings: this.findings, trace: this.trace };
  }

  // --- scheduling -----------------------------------------------------------------------------

  private concurrent(ops: ProcOp[][]): void {
    // the final phase's exits only for procs that are alive
    this.queues = ops.map((q, i) => q.filter((o) => o.kind !== "exit" || o.line !== 0 || this.alive(i)));
    let cur = -1;
    for (;;) {
      const workers = this.queues.map((_, i) => i).filter((i) => this.hasWork(i));
      if (workers.length === 0) return;
      const enabled = workers.filter((i) => this.procs[i] !== null && this.runtime.runnable(this.cos[i]!));
      if (enabled.length === 0) {
        this.deadlock(workers);
        return;
      }
      const next = this.next ?? this.choose(enabled, cur);
      this.next = null;
      cur = next;
      this.step(next);
      if (this.over) return;
    }
  }

  private hasWork(i: number): boolean {
    if (this.inflight[i]) return true;
    const q = this.queues[i]!;
    if (q.length === 0) return false;
    // a proc that is gone (an exit, an oops) has nothing left to run; one not forked yet waits
    const p = this.procs[i];
    if (p && p.state !== "running") return false;
    if (!p) return this.scn.procs[i]!.parent >= 0 && this.hasWork(this.scn.procs[i]!.parent);
    return true;
  }

  private alive(i: number): boolean {
    const p = this.procs[i];
    return p !== null && p.state === "running";
  }

  private choose(enabled: number[], cur: number): number {
    const running = enabled.includes(cur);
    const alts = running ? [cur, ...enabled.filter((p) => p !== cur)] : enabled;
    if (alts.length === 1) return alts[0]!;
    const d = this.decisions.length;
    const chosen = d < this.opts.prefix.length ? this.opts.prefix[d]! : 0;
    if (chosen >= alts.length) throw new ReplayMismatch(`choice ${d}: ${chosen} of ${alts.length} procs`);
    this.decisions.push({ alts, chosen, preempts: running });
    if (running && chosen > 0) this.preemptions++;
    return alts[chosen]!;
  }

  /** Switcher: a preemption point of the running task. */
  preempt(co: Coroutine, _at: Point): boolean {
    if (this.opts.serial) return false;
    const others = this.queues.map((_, i) => i).filter((i) => i !== co.proc && this.hasWork(i) && this.procs[i] !== null && this.runtime.runnable(this.cos[i]!));
    if (others.length === 0) return false;
    const next = this.choose([co.proc, ...others].sort((a, b) => a - b), co.proc);
    if (next === co.proc) return false;
    this.next = next;
    return true;
  }

  private deadlock(workers: number[]): void {
    const blocked = workers.filter((i) => this.cos[i]!.blocked);
    if (blocked.length === 0) return; // procs waiting for a fork that never comes: nothing to run
    const lines = blocked.map((i) => {
      const co = this.cos[i]!;
      const held = co.held.map((h) => h.name).join(", ") || "nothing";
      return `${co.name} (pid ${co.pid()}) waits for ${co.blocked!.name} in ${this.inflight[i]?.op.text ?? "?"}, holding ${held}`;
    });
    const first = this.cos[blocked[0]!]!;
    // khungtaskd's report (kernel/hung_task.c): every task left sleeps on a lock another one holds
    this.finding("deadlock", `INFO: task ${first.name}:${first.pid()} blocked for more than 120 seconds.`, [...lines, "every proc left waits for a lock another one holds: deadlock"], blocked[0]!);
    this.trace.push({ proc: blocked[0]!, text: "", kind: "deadlock" });
    this.over = true;
  }

  // --- running ops -----------------------------------------------------------------------------

  private step(i: number): void {
    const co = this.cos[i]!;
    const p = this.procs[i]!;
    let st = this.inflight[i];
    const first = !st;
    if (!st) {
      st = this.inflight[i] = { op: this.queues[i]!.shift()! };
      co.freshStep();
    } else {
      co.restart();
    }
    const resumed = first ? {} : { resumed: true };
    this.runtime.current = co;
    try {
      const result = this.runOp(i, p, st, first);
      this.inflight[i] = null;
      if (st.op.line !== 0) this.results[i]!.push(`${st.op.text} = ${result}`);
      this.trace.push({ proc: i, text: st.op.text, kind: "done", result, ...resumed });
    } catch (err) {
      if (err instanceof Suspended) {
        this.trace.push({ proc: i, text: st.op.text, kind: co.blocked ? "blocked" : "stopped", ...resumed, ...(co.stoppedAt ? { at: co.stoppedAt } : {}) });
        return;
      }
      if (!(err instanceof ProcessKilled)) throw err;
      this.inflight[i] = null;
      this.results[i]!.push(`${st.op.text} = DIED`);
      this.trace.push({ proc: i, text: st.op.text, kind: "died", ...resumed });
      this.over = true; // scnrun stops at a proc that died
    } finally {
      this.runtime.current = null;
    }
  }

  private runOp(i: number, p: Process, st: OpState, first: boolean): string {
    const op = st.op;
    const mem = p.memory as ScriptedMemory;
    switch (op.kind) {
      case "open": return result(p.open(op.path, op.flags));
      case "close": return result(this.close(p, st, op.fd));
      case "dup": return result(p.dup(op.fd));
      case "ioctl": {
        let cmd: bigint;
        if (op.cmd === "MSG_SLOT_CHANNEL") {
          if (this.target.msgSlotChannel === undefined) throw new Error("message_slot.h does not define MSG_SLOT_CHANNEL");
          cmd = BigInt(this.target.msgSlotChannel >>> 0);
        } else cmd = op.cmd;
        return result(p.ioctl(op.fd, Number(cmd & 0xffff_ffffn), BigInt.asUintN(64, op.arg)));
      }
      case "write":
        if (op.bad) return result(p.write(op.fd, op.bad === "bad" ? BAD_PTR : KBAD_PTR, op.len));
        // the user buffer is filled once: a resumed write must not see it rewritten
        if (first) {
          mem.ensure(op.len);
          mem.bytes().set(op.data!, 0);
        }
        return result(p.write(op.fd, USER_BASE, op.len));
      case "read": {
        if (op.bad) return result(p.read(op.fd, op.bad === "bad" ? BAD_PTR : KBAD_PTR, op.len));
        if (first) {
          mem.ensure(op.len);
          mem.bytes().fill(0, 0, op.len);
        }
        const r = p.read(op.fd, USER_BASE, op.len);
        if (r < 0 && r >= -4095) return result(r);
        return `${r} ${escapeData(mem.bytes().subarray(0, Math.min(r, op.len)))}`;
      }
      case "fork":
        this.procs[op.newproc] = p.fork(this.scn.procs[op.newproc]!.name);
        return "0";
      case "exit": {
        // close_files() one file at a time (each a step that can be switched out), then the exit
        let resuming = st.closingFd !== undefined;
        if (resuming) p.fds.install(st.closingFd!, st.closing!.get());
        for (const fd of p.fds.fds()) {
          if (!resuming) this.cos[i]!.freshStep();
          resuming = false;
          this.close(p, st, fd);
        }
        p.exit(0);
        return "0";
      }
    }
  }

  /**
   * close(2) that can be resumed: close_fd takes the file out of the table and fput may stop in
   * the driver's release; to resume, the file goes back into the table with its reference, and
   * close runs again (its module calls answer from the memo up to where it stopped).
   */
  private close(p: Process, st: OpState, fd: number): number {
    if (st.closingFd === fd && st.closing && !p.fds.get(fd)) p.fds.install(fd, st.closing.get());
    st.closing = p.fds.get(fd);
    st.closingFd = fd;
    const r = p.close(fd);
    st.closing = undefined;
    st.closingFd = undefined;
    return r;
  }

  /** The oracle's clean-up: rmmod the module if it is still loaded (the leak check runs then). */
  private unload(): void {
    const k = this.machine.kernel;
    const name = this.target.image.name;
    if (!k.modules.has(name)) return;
    try {
      k.rmmod(name);
    } catch (err) {
      if (!(err instanceof KernelOops)) throw err;
      k.logOops(err, null, ["free_module", "__do_sys_delete_module"], undefined);
    }
  }

  // --- findings --------------------------------------------------------------------------------

  /** What the kernel prints becomes a finding (the kernel's own output is kept as it is). */
  private captureReports(): void {
    const k = this.machine.kernel;
    const report = k.report.bind(k), warn = k.warn.bind(k), logOops = k.logOops.bind(k);
    const who = () => this.runtime.current?.proc ?? -1;
    k.report = (lines, taint) => {
      this.finding(kindOf(lines[0] ?? ""), lines[0] ?? "", lines.slice(1), who());
      report(lines, taint);
    };
    k.warn = (lines) => {
      this.finding(kindOf(lines[0] ?? ""), lines[0] ?? "", lines.slice(1), who());
      warn(lines);
    };
    k.logOops = (oops, task, path, module) => {
      const kind = kindOf(oops.title);
      this.finding(kind === "warning" ? "oops" : kind, oops.title, [...oops.details, ...(oops.frames.length ? [`in ${oops.frames.join(" <- ")}`] : [])], who());
      logOops(oops, task, path, module);
    };
  }

  /** Switcher: the runtime's own reports (sleeping in atomic context, lockdep). */
  report(title: string, lines: string[], proc: number, schedules?: unknown[]): void {
    this.finding(kindOf(title), title, lines, proc, schedules as number[][] | undefined);
  }

  private finding(kind: FindingKind, title: string, lines: string[], proc: number, schedules?: number[][]): void {
    this.findings.push({ kind, title, lines, proc, ...(schedules ? { schedules } : {}) });
  }
}

function kindOf(title: string): FindingKind {
  if (/use-after-free/.test(title)) return "use-after-free";
  if (/double free/.test(title)) return "double-free";
  if (/^kmemleak/.test(title)) return "leak";
  if (/sleeping function called from invalid context/.test(title)) return "sleep-in-atomic";
  if (/circular locking dependency/.test(title)) return "lockdep";
  if (/^(BUG|Oops|general protection|Kernel panic|kernel BUG|usercopy)/.test(title)) return "oops";
  return "warning";
}

/** The implicit exit of a proc at the end of a scenario (line 0: not one of the file's). */
function exitOp(proc: number, name: string): ProcOp {
  return { kind: "exit", proc, line: 0, text: `${name} exit (end of scenario)` };
}

function result(r: number): string {
  return r < 0 && r >= -4095 ? `-1 ${errnoName(-r)}` : String(r);
}
