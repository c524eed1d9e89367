// Model-based fuzzing, bounded for `npm test`: random sequences of open,
// close, dup, fork, exit, ioctl, write, read, insmod and rmmod by several
// processes on several slots run on the emulator and on the model of
// SPEC.md; every result must agree. `npm run fuzz -- --runs N` runs longer.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { referenceModule } from "../helpers/modules.js";
import { scriptArb, Script } from "./commands.js";
import { check, Disagreement, type Target } from "./differential.js";

let target: Target;
beforeAll(async () => {
  const ref = await referenceModule();
  target = { image: ref.image, msgSlotChannel: ref.msgSlotChannel! };
});

describe("emulator vs model of SPEC.md", () => {
  it("agree on random command sequences", () => {
    let ops = 0;
    fc.assert(fc.property(scriptArb(100), (s) => {
      ops += check(s, target);
    }), { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 20261125) });
    expect(ops).toBeGreaterThan(10_000);
  });

  it("a disagreement names the line and prints the scenario", () => {
    const s = new Script([{ k: "open", p: 0, node: 0, mode: 0, nonblock: false }]);
    const wrong: Target = { ...target, msgSlotChannel: target.msgSlotChannel };
    expect(() => check(s, wrong)).not.toThrow();
    // a model that expects another MSG_SLOT_CHANNEL disagrees with the module on the first ioctl
    const t = new Script([{ k: "ioctl", p: 0, fd: { raw: 0 }, cmd: "MSG_SLOT_CHANNEL", arg: 1n }, { k: "open", p: 0, node: 0, mode: 0, nonblock: false }, { k: "ioctl", p: 0, fd: { raw: 3 }, cmd: "MSG_SLOT_CHANNEL", arg: 1n }]);
    let err: unknown;
    try {
      check(t, { ...target, msgSlotChannel: 0x4008eb00 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Disagreement);
    expect(String((err as Error).message)).toContain("A ioctl 3 MSG_SLOT_CHANNEL 1\n");
  });
});
