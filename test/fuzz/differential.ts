// One differential check: a scenario run on the emulator (the reference
// module compiled to wasm, through the real scenario parser and runner) and
// on the model of SPEC.md must give the same transcript, and the kernel must
// come out healthy: no oops, no warning, no heap report, no leak at rmmod.

import { parseScenario } from "../../src/harness/scenario/parse.js";
import { runScenario } from "../../src/harness/scenario/run.js";
import { runModel } from "../../src/harness/model/run.js";
import type { ModuleImage } from "../../src/harness/busybox.js";
import type { Machine } from "../../src/process/machine.js";
import type { Script } from "./commands.js";

export interface Target {
  image: ModuleImage;
  msgSlotChannel: number;
}

export class Disagreement extends Error {
  constructor(message: string, readonly script: string) {
    super(`${message}\n\n--- scenario (run it with: msgslot scenario FILE.scn) ---\n${script}`);
    this.name = "Disagreement";
  }
}

/** Run `script` on both; throws Disagreement. Returns the number of operations run. */
export function check(script: Script, target: Target): number {
  const scn = parseScenario("fuzz.scn", script.text);
  const emu = runScenario(scn, { module: target.image, msgSlotChannel: target.msgSlotChannel });
  const model = runModel(scn, { msgSlotChannel: target.msgSlotChannel });
  const diff = firstDifference(model.transcript, emu.transcript);
  if (diff) throw new Disagreement(`emulator and model disagree at ${diff}`, script.text);
  if (emu.status !== model.status) throw new Disagreement(`exit status: emulator ${emu.status}, model ${model.status}`, script.text);
  health(emu.machine, model.model.loaded, script.text);
  return scn.ops.length;
}

const BAD_LOG = /BUG|WARNING|Oops|kmemleak|FAULT_INJECTION|usercopy|Call Trace/;

/** After the run (every process gone): the module unloads cleanly and the kernel log is clean. */
export function health(machine: Machine, loaded: boolean, script: string, allowed?: RegExp): void {
  const k = machine.kernel;
  if (k.modules.has("message_slot") !== loaded) throw new Disagreement(`module loaded: emulator ${!loaded}, model ${loaded}`, script);
  if (loaded) {
    const mod = k.modules.get("message_slot")!;
    if (mod.refs !== 0) throw new Disagreement(`module refcount ${mod.refs} after every process exited`, script);
    const rc = k.rmmod("message_slot");
    if (rc !== 0) throw new Disagreement(`rmmod after the run: ${rc}`, script);
  }
  const log = k.dmesg.format();
  const bad = log.split("\n").find((l) => BAD_LOG.test(l) && !allowed?.test(l));
  if (bad !== undefined || /[BDW]/.test(k.taintString().replace(/^Tainted: /, ""))) {
    throw new Disagreement(`the kernel is not healthy (${k.taintString()}): ${bad ?? ""}\n${log}`, script);
  }
}

function firstDifference(model: string, emu: string): string | null {
  if (model === emu) return null;
  const a = model.split("\n");
  const b = emu.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}\n  model:    ${a[i] ?? "(end)"}\n  emulator: ${b[i] ?? "(end)"}`;
  }
  return "the end";
}
