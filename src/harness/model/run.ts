// A scenario run on the model instead of the emulator: the transcript the
// spec predicts, in scnrun's format (op line, " = ", result), so it can be
// compared byte for byte with runScenario's or with Linux's.

import { errnoName } from "../../kernel/errno.js";
import { QuoteError, splitWords } from "../words.js";
import { escapeData } from "../scenario/run.js";
import type { Op, Scenario } from "../scenario/parse.js";
import { ModelLimitation, ModelProcess, SlotModel, type ModelOptions, type ModelResult } from "./model.js";

export interface ModelRun {
  transcript: string;
  /** 0 ran to the end, 3 a proc that does not exist was used */
  status: number;
  model: SlotModel;
}

/** Run a parsed scenario on a fresh model: no module loaded, no nodes. */
export function runModel(scn: Scenario, opts: ModelOptions, model = new SlotModel(opts)): ModelRun {
  const stepper = new ModelStepper(scn, model);
  let out = "";
  for (const op of scn.ops) {
    const r = stepper.step(op);
    out += `${op.text} = ${r}\n`;
    if (r === "NOPROC") return { transcript: out, status: stepper.finish(3), model };
  }
  return { transcript: out, status: stepper.finish(0), model };
}

/** A scenario on the model one op at a time (for tests that act between ops). */
export class ModelStepper {
  private readonly procs: (ModelProcess | null)[];

  constructor(private readonly scn: Scenario, readonly model: SlotModel) {
    this.procs = scn.procs.map(() => null);
    // scnrun's top-level procs exist from the start with /dev/null on fds 0, 1, 2
    if (scn.procs.some((d) => d.parent < 0)) model.nodes.set("/dev/null", { major: 1, minor: 3 });
    scn.procs.forEach((d, i) => {
      if (d.parent >= 0) return;
      const p = (this.procs[i] = new ModelProcess(d.name));
      for (let fd = 0; fd < 3; fd++) model.open(p, "/dev/null", 2);
    });
  }

  /** The result scnrun prints for `op` ("3", "-1 EBADF", "5 \"hello\"", "NOPROC"). */
  step(op: Op): string {
    if (op.kind === "shell") return String(shell(this.model, op.command));
    const p = this.procs[op.proc];
    if (!p || !p.alive) return "NOPROC";
    return format(this.apply(op, p));
  }

  /** The implicit exit of every proc still alive; returns `status`. */
  finish(status: number): number {
    for (const p of this.procs) if (p && p.alive) this.model.exit(p);
    return status;
  }

  private apply(op: Exclude<Op, { kind: "shell" }>, p: ModelProcess): ModelResult {
    const model = this.model;
    switch (op.kind) {
      case "open":
        return model.open(p, op.path, op.flags);
      case "close":
        return model.close(p, op.fd);
      case "dup":
        return model.dup(p, op.fd);
      case "ioctl":
        return model.ioctl(p, op.fd, op.cmd === "MSG_SLOT_CHANNEL" ? BigInt(model.channelCmd) : op.cmd, op.arg);
      case "write":
        return op.bad ? model.write(p, op.fd, op.bad, op.len) : model.write(p, op.fd, "buf", op.len, op.data!);
      case "read": {
        const r = model.read(p, op.fd, op.bad ?? "buf", op.len);
        // scnrun prints the bytes read only into a buffer of its own
        return op.bad && typeof r !== "number" ? r.count : r;
      }
      case "fork":
        this.procs[op.newproc] = model.fork(p, this.scn.procs[op.newproc].name);
        return 0;
      case "exit":
        model.exit(p);
        return 0;
    }
  }
}

/** The `!` commands of scenarios: busybox insmod, rmmod, mknod, rm. Returns the exit status. */
export function shell(model: SlotModel, command: string): number {
  let argv: string[];
  try {
    argv = splitWords(command);
  } catch (e) {
    if (e instanceof QuoteError) return 2; // sh: syntax error
    throw e;
  }
  if (argv.length === 0) return 0;
  const name = argv[0].slice(argv[0].lastIndexOf("/") + 1);
  const args = argv.slice(1).filter((a) => !a.startsWith("-"));
  const moduleOf = (a: string) => {
    const base = a.slice(a.lastIndexOf("/") + 1);
    return (base.endsWith(".ko") ? base.slice(0, -3) : base).replace(/-/g, "_");
  };
  switch (name) {
    case "insmod":
      if (args.length === 0) return model.insmod();
      return args[0].endsWith(".ko") && moduleOf(args[0]) === model.moduleName ? model.insmod() : 1;
    case "rmmod": {
      let status = 0;
      for (const a of args.length ? args : [model.moduleName]) if ((moduleOf(a) === model.moduleName ? model.rmmod() : 1) !== 0) status = 1;
      return status;
    }
    case "mknod": {
      if (args.length !== 4 || args[1] !== "c" || !/^[0-9]+$/.test(args[2]) || !/^[0-9]+$/.test(args[3])) break;
      return model.mknod(args[0], Number(args[2]), Number(args[3]));
    }
    case "rm":
      if (args.length !== 1) break;
      return argv.slice(1).some((a) => /^-[a-zA-Z]*f/.test(a)) ? (model.rm(args[0]), 0) : model.rm(args[0]);
    case "true":
      return 0;
    case "false":
      return 1;
  }
  throw new ModelLimitation(`the model does not run '${command}'`);
}

function format(r: ModelResult): string {
  if (typeof r === "number") return r < 0 ? `-1 ${errnoName(-r)}` : String(r);
  return `${r.count} ${escapeData(r.data)}`;
}
