// One test, two kernels: every scenario in conformance/scenarios must give,
// on the emulator, the transcript Linux 6.1 gave (conformance/expected).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario } from "../../src/harness/scenario/parse.js";
import { runScenario } from "../../src/harness/scenario/run.js";
import { REPO, referenceModule } from "../helpers/modules.js";
import type { ModuleImage } from "../../src/harness/busybox.js";

const SCENARIOS = join(REPO, "conformance/scenarios");
const EXPECTED = join(REPO, "conformance/expected");
const names = readdirSync(SCENARIOS).filter((f) => f.endsWith(".scn")).sort();

let module: ModuleImage;
let channel: number | undefined;
beforeAll(async () => {
  const built = await referenceModule();
  module = built.image;
  channel = built.msgSlotChannel;
});

describe("conformance with Linux 6.1", () => {
  it("has at least 12 scenarios, each with a transcript recorded on Linux", () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const n of names) expect(readdirSync(EXPECTED)).toContain(n.replace(/\.scn$/, ".out"));
  });

  for (const name of names) {
    it(name, () => {
      const scn = parseScenario(name, readFileSync(join(SCENARIOS, name)));
      const r = runScenario(scn, { module, msgSlotChannel: channel });
      const want = readFileSync(join(EXPECTED, name.replace(/\.scn$/, ".out"))).toString("latin1");
      expect(r.transcript).toBe(want);
      expect(r.status).toBe(0);
      // the oracle's clean-up: unload the module; the reference module neither
      // leaks nor corrupts its heap in any scenario
      if (r.machine.kernel.modules.has("message_slot")) expect(r.machine.kernel.rmmod("message_slot")).toBe(0);
      expect(r.machine.kernel.dmesg.format()).not.toMatch(/BUG|Oops|kmemleak|WARNING/);
    });
  }
});
