// The long fuzz run (`npm run fuzz -- --runs N [--seed S] [--length L]`):
// the differential check of differential.test.ts, N scenarios of up to L
// commands, and a report of operations, time and disagreements; then the
// fault-injection checks of fault-injection.test.ts at full size: every N
// for every conformance scenario, and N/10 random scripts with faults.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { expect, it } from "vitest";
import { parseScenario } from "../../src/harness/scenario/parse.js";
import { REPO, referenceModule } from "../helpers/modules.js";
import { scriptArb } from "./commands.js";
import { check, type Target } from "./differential.js";
import { faultRun, nthKmalloc, perOp } from "./faults.js";

const runs = Number(process.env.FUZZ_RUNS ?? 1000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const length = Number(process.env.FUZZ_LENGTH ?? 200);

async function target(): Promise<Target> {
  const ref = await referenceModule();
  return { image: ref.image, msgSlotChannel: ref.msgSlotChannel! };
}

function report<Ts>(what: string, t0: number, scenarios: number, ops: number, result: fc.RunDetails<Ts>, extra = ""): void {
  const secs = (performance.now() - t0) / 1000;
  process.stdout.write(`fuzz: ${what}: seed ${seed}: ${scenarios} scenarios, ${ops} operations${extra} in ${secs.toFixed(1)} s ` +
    `(${Math.round(ops / secs)} ops/s), ${result.failed ? "1 disagreement (shrunk below)" : "no disagreement"}\n`);
  if (result.failed) process.stdout.write(fc.defaultReportMessage(result) + "\n");
}

it(`emulator vs model: ${runs} random scenarios`, async () => {
  const t = await target();
  let ops = 0;
  let scenarios = 0;
  const t0 = performance.now();
  let next = t0 + 10_000;
  const result = fc.check(fc.property(scriptArb(length), (s) => {
    ops += check(s, t);
    scenarios++;
    const now = performance.now();
    if (now > next) {
      next = now + 10_000;
      process.stderr.write(`fuzz: ${scenarios} scenarios, ${ops} operations, ${((now - t0) / 1000).toFixed(0)} s\n`);
    }
  }), { numRuns: runs, seed });
  report("differential", t0, scenarios, ops, result);
  expect(result.failed).toBe(false);
}, 24 * 3600_000);

it("fault injection: every kmalloc of every conformance scenario fails in turn", async () => {
  const t = await target();
  const dir = join(REPO, "conformance/scenarios");
  const t0 = performance.now();
  let ops = 0, scenarios = 0, hits = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".scn")).sort()) {
    const text = readFileSync(join(dir, f), "latin1");
    const scn = parseScenario(f, text);
    const total = faultRun(scn, text, t, nthKmalloc(0)).module?.heap.stats.allocs ?? 0;
    for (let n = 1; n <= total; n++) {
      const r = faultRun(scn, text, t, nthKmalloc(n));
      ops += r.ops;
      hits += r.hits;
      scenarios++;
    }
  }
  process.stdout.write(`fuzz: every Nth kmalloc: ${scenarios} runs, ${ops} operations, ${hits} failed allocations met, ${((performance.now() - t0) / 1000).toFixed(1)} s, no disagreement\n`);
}, 24 * 3600_000);

it(`fault injection: ${Math.ceil(runs / 10)} random scripts with faults at random ops`, async () => {
  const t = await target();
  const t0 = performance.now();
  let ops = 0, scenarios = 0, hits = 0;
  const plan = fc.array(fc.oneof(fc.constant(undefined), fc.record({ kmalloc: fc.integer({ min: 1, max: 3 }) }), fc.record({ copyBytes: fc.nat(200) })), { minLength: 64, maxLength: 64 });
  const result = fc.check(fc.property(scriptArb(length), plan, (script, faults) => {
    const r = faultRun(parseScenario("fuzz.scn", script.text), script.text, t, perOp((i) => faults[i % faults.length]));
    ops += r.ops;
    hits += r.hits;
    scenarios++;
  }), { numRuns: Math.ceil(runs / 10), seed });
  report("faults", t0, scenarios, ops, result, ` (${hits} met a fault)`);
  expect(result.failed).toBe(false);
}, 24 * 3600_000);
