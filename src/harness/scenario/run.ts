// Run a parsed scenario on a fresh emulated machine and produce the
// transcript exactly as scnrun prints it on Linux: each op line, " = ", the
// result. A proc killed by an oops ends the run with "= DIED" (status 3).

import { TASK_SIZE, USER_BASE } from "../../kernel/constants.js";
import { errnoName } from "../../kernel/errno.js";
import { ScriptedMemory } from "../../kernel/task.js";
import { Machine } from "../../process/machine.js";
import { Process, ProcessKilled } from "../../process/process.js";
import { runApplet, type AppletResult, type BusyboxEnv, type ModuleImage } from "../busybox.js";
import { QuoteError, splitWords } from "../words.js";
import type { Op, Scenario } from "./parse.js";

/** (void *)8: a user address no process has mapped */
export const BAD_PTR = 8;
/** a kernel-half address: access_ok fails (the oracle uses 0xffff800000000000; here TASK_SIZE) */
export const KBAD_PTR = TASK_SIZE;

export interface ScenarioResult {
  /** the transcript, a latin1 string (one char per byte) */
  transcript: string;
  /** scnrun's exit status: 0 ran to the end, 3 a proc died */
  status: number;
  /** what scnrun and the `!` commands wrote to stderr */
  stderr: string;
  machine: Machine;
}

export interface RunOptions {
  module: ModuleImage;
  /** the module's MSG_SLOT_CHANNEL; undefined if its header lacks one */
  msgSlotChannel: number | undefined;
  /** a machine to run on (default: a fresh one) */
  machine?: Machine;
}

export function runScenario(scn: Scenario, opts: RunOptions): ScenarioResult {
  const machine = opts.machine ?? new Machine();
  const env = { machine, modules: new Map([[opts.module.name, opts.module]]) };
  const procs: (Process | null)[] = scn.procs.map(() => null);
  let out = "";
  let err = "";

  const proc = (i: number): Process => {
    let p = procs[i];
    if (!p && scn.procs[i].parent < 0) {
      p = procs[i] = machine.spawn(scn.procs[i].name);
      // fds 0, 1, 2 are /dev/null in scnrun's procs, so the first open returns 3
      stdioNull(machine, p);
    }
    return p!;
  };
  scn.procs.forEach((d, i) => d.parent < 0 && proc(i));

  for (const op of scn.ops) {
    out += op.text;
    if (op.kind === "shell") {
      const r = runShellLine(env, op.command);
      err += r.stdout + r.stderr.replace(/^Killed\n$/, "");
      out += r.signal ? ` = SIG${r.signal}\n` : ` = ${r.status}\n`;
      continue;
    }
    const p = procs[op.proc];
    if (!p || p.state !== "running") {
      out += " = NOPROC\n";
      err += `scnrun: ${scn.path}:${op.line}: proc ${scn.procs[op.proc].name} does not exist\n`;
      return finish(3);
    }
    try {
      out += " = " + runOp(op, p, procs, scn, opts) + "\n";
    } catch (e) {
      if (!(e instanceof ProcessKilled)) throw e;
      out += " = DIED\n";
      err += `scnrun: proc ${scn.procs[op.proc].name} died unexpectedly (see kernel log)\n`;
      return finish(3);
    }
  }
  return finish(0);

  function finish(status: number): ScenarioResult {
    // the implicit exit of every proc still alive, in creation order
    for (const p of procs) if (p && p.state === "running") p.exit(0);
    return { transcript: out, status, stderr: err, machine };
  }
}

/** A `!` line as scnrun's /bin/sh -c runs it; a quoting error is sh's syntax error (status 2). */
export function runShellLine(env: BusyboxEnv, command: string): AppletResult {
  let argv: string[];
  try {
    argv = splitWords(command);
  } catch (e) {
    if (!(e instanceof QuoteError)) throw e;
    return { status: 2, stdout: "", stderr: `sh: syntax error: ${e.message}\n` };
  }
  return runApplet(env, argv);
}

/** fds 0, 1, 2 of a scnrun proc are /dev/null, so its first open returns 3. */
export function stdioNull(machine: Machine, p: Process): void {
  const vfs = machine.kernel.vfs;
  if (!vfs.lookup("/dev/null")) vfs.mknod("/dev/null", 1, 3, new Date(0));
  for (let i = 0; i < 3; i++) p.open("/dev/null", 2);
}

function result(r: number): string {
  return r < 0 && r >= -4095 ? `-1 ${errnoName(-r)}` : String(r);
}

/** One proc op as scnrun runs it; the result as the transcript shows it (after " = "). Throws ProcessKilled. */
export function runOp(
  op: Exclude<Op, { kind: "shell" }>, p: Process, procs: (Process | null)[], scn: Scenario, opts: Pick<RunOptions, "msgSlotChannel">,
): string {
  const mem = p.memory as ScriptedMemory;
  switch (op.kind) {
    case "open":
      return result(p.open(op.path, op.flags));
    case "close":
      return result(p.close(op.fd));
    case "dup":
      return result(p.dup(op.fd));
    case "ioctl": {
      let cmd: bigint;
      if (op.cmd === "MSG_SLOT_CHANNEL") {
        if (opts.msgSlotChannel === undefined) throw new Error("message_slot.h does not define MSG_SLOT_CHANNEL");
        cmd = BigInt(opts.msgSlotChannel >>> 0);
      } else cmd = op.cmd;
      // cmd is an unsigned int in the kernel; arg an unsigned long, 64 bits (the module is LP64)
      return result(p.ioctl(op.fd, Number(cmd & 0xffff_ffffn), BigInt.asUintN(64, op.arg)));
    }
    case "write": {
      if (op.bad) return result(p.write(op.fd, op.bad === "bad" ? BAD_PTR : KBAD_PTR, op.len));
      mem.ensure(op.len);
      mem.bytes().set(op.data!, 0);
      return result(p.write(op.fd, USER_BASE, op.len));
    }
    case "read": {
      if (op.bad) return result(p.read(op.fd, op.bad === "bad" ? BAD_PTR : KBAD_PTR, op.len));
      mem.ensure(op.len);
      mem.bytes().fill(0, 0, op.len);
      const r = p.read(op.fd, USER_BASE, op.len);
      if (r < 0 && r >= -4095) return result(r);
      return `${r} ${escapeData(mem.bytes().subarray(0, Math.min(r, op.len)))}`;
    }
    case "fork": {
      procs[op.newproc] = p.fork(scn.procs[op.newproc].name);
      return "0";
    }
    case "exit":
      p.exit(0);
      return "0";
  }
}

/** scnrun's print_escaped: printable ASCII as is, \" \\ \n \t, every other byte \xHH. */
export function escapeData(d: Uint8Array): string {
  let s = '"';
  for (const c of d) {
    if (c === 0x5c) s += "\\\\";
    else if (c === 0x22) s += '\\"';
    else if (c === 0x0a) s += "\\n";
    else if (c === 0x09) s += "\\t";
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += "\\x" + c.toString(16).padStart(2, "0");
  }
  return s + '"';
}
