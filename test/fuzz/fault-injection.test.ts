// Fault injection (issue 7, part 2): every kmalloc the module makes in a test
// sequence is made to fail in turn, and user copies fault part-way; the module
// must fail the op cleanly (ENOMEM, EFAULT), leak nothing, and keep working.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario } from "../../src/harness/scenario/parse.js";
import { REPO, referenceModule } from "../helpers/modules.js";
import { scriptArb } from "./commands.js";
import type { Target } from "./differential.js";
import { copyFault, faultRun, nthKmalloc, perOp } from "./faults.js";

let target: Target;
beforeAll(async () => {
  const ref = await referenceModule();
  target = { image: ref.image, msgSlotChannel: ref.msgSlotChannel! };
});

const dir = join(REPO, "conformance/scenarios");
const scenarios = readdirSync(dir).filter((f) => f.endsWith(".scn")).sort().map((f) => {
  const text = readFileSync(join(dir, f), "latin1");
  return { name: f, text, scn: parseScenario(f, text) };
});

/** Every N up to the allocations a scenario makes (at most `limit` of them, evenly spread; `npm run fuzz` runs them all). */
export function everyN(total: number, limit = 40): number[] {
  if (total <= limit) return Array.from({ length: total }, (_, i) => i + 1);
  return Array.from({ length: limit }, (_, i) => 1 + Math.round((i * (total - 1)) / (limit - 1)));
}

describe("the Nth kmalloc fails, for every N a conformance scenario reaches", () => {
  it.each(scenarios.map((s) => [s.name, s] as const))("%s", (_name, s) => {
    // a run without faults counts the allocations of the first module instance
    const base = faultRun(s.scn, s.text, target, nthKmalloc(0));
    const total = base.module?.heap.stats.allocs ?? 0;
    let hits = 0;
    const ns = everyN(total);
    for (const n of ns) hits += faultRun(s.scn, s.text, target, nthKmalloc(n)).hits;
    // each N is met once, except where an earlier failure changed what is allocated later
    expect(hits).toBeLessThanOrEqual(ns.length);
    if (total > 0) expect(hits).toBeGreaterThan(0);
  });

  it("covers the module's allocation sites: open (slot), write (message, channel)", () => {
    const s = scenarios.find((x) => x.name.startsWith("04_"))!;
    const sites = new Set<string>();
    const base = faultRun(s.scn, s.text, target, nthKmalloc(0));
    for (let n = 1; n <= base.module!.heap.stats.allocs; n++) {
      const r = faultRun(s.scn, s.text, target, nthKmalloc(n));
      const log = r.module!.kernel.dmesg.format();
      for (const m of log.matchAll(/kmalloc\(\d+\) in (\w+)/g)) sites.add(m[1]);
    }
    expect([...sites].sort()).toEqual(["channel_get", "device_open", "device_write"]);
  });
});

describe("copy_from_user / copy_to_user fault part-way", () => {
  for (const variant of ["none", "one", "half", "allButOne"] as const) {
    it(`after ${variant === "none" ? "0 bytes" : variant === "one" ? "1 byte" : variant === "half" ? "half the buffer" : "all but one byte"}: EFAULT, the message unchanged`, () => {
      let hits = 0;
      for (const s of scenarios) hits += faultRun(s.scn, s.text, target, copyFault(variant)).hits;
      expect(hits).toBeGreaterThan(100);
    });
  }
});

describe("random scripts with faults injected at random ops", () => {
  it("agree with the model wherever no fault was met", () => {
    let hits = 0;
    const plan = fc.array(fc.oneof(
      fc.constant(undefined),
      fc.record({ kmalloc: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ copyBytes: fc.nat(200) }),
    ), { minLength: 150, maxLength: 150 });
    fc.assert(fc.property(scriptArb(100), plan, (script, faults) => {
      const scn = parseScenario("fuzz.scn", script.text);
      hits += faultRun(scn, script.text, target, perOp((i) => faults[i % faults.length])).hits;
    }), { numRuns: 100, seed: 7 });
    expect(hits).toBeGreaterThan(30);
  });
});
