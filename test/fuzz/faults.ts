// Fault injection against the model: a scenario runs on the emulator and the
// model in lockstep while an injector makes a kmalloc fail (heap.failNth) or
// a copy_*_user fault part-way (uaccess.fault). The op that meets the fault
// must fail with a sensible errno and change nothing (the model skips it);
// every other op must agree with the model; afterwards the module unloads
// without a leak and the kernel log shows nothing but the injected faults.

import type { Op, Scenario } from "../../src/harness/scenario/parse.js";
import { ModelStepper } from "../../src/harness/model/run.js";
import { SlotModel } from "../../src/harness/model/model.js";
import type { LoadedModule } from "../../src/kernel/module.js";
import { Disagreement, health, type Target } from "./differential.js";
import { EmulatorStepper } from "./step.js";

export interface Injector {
  /** arm a fault (or not) before op i */
  before(i: number, op: Op, emu: EmulatorStepper): void;
  /** whether the armed fault was met during the op; disarms it */
  after(emu: EmulatorStepper): boolean;
  /** the errors an op that met the fault may return */
  readonly errors: string[];
}

export interface FaultRun {
  /** ops that met a fault */
  hits: number;
  ops: number;
  /** the first module instance (for allocation counts) */
  module?: LoadedModule;
}

const isError = (r: string) => r.startsWith("-1 ");

export function faultRun(scn: Scenario, text: string, target: Target, inj: Injector): FaultRun {
  const emu = new EmulatorStepper(scn, target);
  const model = new ModelStepper(scn, new SlotModel({ msgSlotChannel: target.msgSlotChannel }));
  let hits = 0;
  let first: LoadedModule | undefined;
  scn.ops.forEach((op, i) => {
    inj.before(i, op, emu);
    const got = emu.step(op);
    const hit = inj.after(emu);
    first ??= emu.module();
    const where = `line ${op.line}: ${op.text}`;
    if (got === "DIED" || got.startsWith("SIG")) throw new Disagreement(`${where} = ${got}: an injected fault crashed the module`, text);
    if (hit) hits++;
    if (hit && isError(got)) {
      if (!inj.errors.includes(got)) throw new Disagreement(`${where} met the injected fault and returned ${got}, not ${inj.errors.join(" or ")}`, text);
      return; // a failed op changes nothing: the model does not run it
    }
    const want = model.step(op);
    if (got !== want) throw new Disagreement(`${where}${hit ? " (met the injected fault)" : ""}\n  model:    ${want}\n  emulator: ${got}`, text);
  });
  emu.finish();
  model.finish(0);
  health(emu.machine, model.model.loaded, text, /FAULT_INJECTION|name failslab/);
  return { hits, ops: scn.ops.length, module: first };
}

/** The Nth kmalloc of the first module instance fails (N counted from its load). */
export function nthKmalloc(n: number): Injector {
  let armed: LoadedModule | undefined;
  let failures = 0;
  return {
    errors: ["-1 ENOMEM"],
    before(_i, _op, emu) {
      const mod = emu.module();
      if (!armed && mod) {
        armed = mod;
        mod.heap.failNth(n);
      }
      failures = armed?.heap.stats.failures ?? 0;
    },
    after() {
      return armed !== undefined && armed.heap.stats.failures > failures;
    },
  };
}

/** Before each op that `pick` chooses: make its jth kmalloc fail (or its user copy fault after k bytes). */
export function perOp(
  pick: (i: number, op: Op) => { kmalloc: number } | { copyBytes: number } | undefined,
  errors = ["-1 ENOMEM", "-1 EFAULT", "-1 EINVAL"],
): Injector {
  let mod: LoadedModule | undefined;
  let failures = 0;
  let armedCopy = false;
  return {
    errors,
    before(i, op, emu) {
      mod = emu.module();
      armedCopy = false;
      const f = mod && pick(i, op);
      if (!mod || !f) return;
      failures = mod.heap.stats.failures;
      if ("kmalloc" in f) mod.heap.failNth(f.kmalloc);
      else {
        mod.uaccess.fault = { bytes: f.copyBytes };
        armedCopy = true;
      }
    },
    after() {
      if (!mod) return false;
      const hit = mod.heap.stats.failures > failures || (armedCopy && mod.uaccess.fault === null);
      mod.heap.failNth(0);
      mod.uaccess.fault = null;
      failures = mod.heap.stats.failures;
      return hit;
    },
  };
}

/** A user copy of the op faults after a fraction of its length (0, 1 byte, half, all but one). */
export function copyFault(variant: "none" | "one" | "half" | "allButOne"): Injector {
  return perOp((_i, op) => {
    if (op.kind !== "write" && op.kind !== "read") return undefined;
    if (op.bad) return undefined;
    const len = op.len;
    const bytes = variant === "none" ? 0 : variant === "one" ? 1 : variant === "half" ? len >> 1 : len - 1;
    return bytes >= 0 ? { copyBytes: bytes } : undefined;
  }, ["-1 EFAULT", "-1 EINVAL"]);
}
