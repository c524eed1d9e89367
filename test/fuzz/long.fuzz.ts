// The long fuzz run (`npm run fuzz -- --runs N [--seed S] [--length L]`):
// the differential check of differential.test.ts, N scenarios of up to L
// commands, and a report of operations, time and disagreements.
import fc from "fast-check";
import { expect, it } from "vitest";
import { referenceModule } from "../helpers/modules.js";
import { scriptArb } from "./commands.js";
import { check } from "./differential.js";

const runs = Number(process.env.FUZZ_RUNS ?? 1000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const length = Number(process.env.FUZZ_LENGTH ?? 200);

it(`emulator vs model: ${runs} random scenarios`, async () => {
  const ref = await referenceModule();
  const target = { image: ref.image, msgSlotChannel: ref.msgSlotChannel! };
  let ops = 0;
  let scenarios = 0;
  const t0 = performance.now();
  let next = t0 + 10_000;
  const result = fc.check(fc.property(scriptArb(length), (s) => {
    ops += check(s, target);
    scenarios++;
    const now = performance.now();
    if (now > next) {
      next = now + 10_000;
      process.stderr.write(`fuzz: ${scenarios} scenarios, ${ops} operations, ${((now - t0) / 1000).toFixed(0)} s\n`);
    }
  }), { numRuns: runs, seed });
  const secs = (performance.now() - t0) / 1000;
  process.stdout.write(`fuzz: seed ${seed}: ${scenarios} scenarios, ${ops} operations in ${secs.toFixed(1)} s ` +
    `(${Math.round(ops / secs)} ops/s), ${result.failed ? "1 disagreement (shrunk below)" : "no disagreement"}\n`);
  if (result.failed) process.stdout.write(fc.defaultReportMessage(result) + "\n");
  expect(result.failed).toBe(false);
}, 24 * 3600_000);
