// The model of SPEC.md against Linux itself: every conformance scenario run
// on the model must give the transcript Linux 6.1 recorded. This is what
// makes the model a trustworthy oracle for the differential fuzzing.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/harness/scenario/parse.js";
import { runModel } from "../../src/harness/model/run.js";
import { REPO } from "../helpers/modules.js";

/** _IOW(235, 0, unsigned int): the reference header's MSG_SLOT_CHANNEL */
export const MSG_SLOT_CHANNEL = 0x4004eb00;

const dir = join(REPO, "conformance");
const names = readdirSync(join(dir, "scenarios")).filter((f) => f.endsWith(".scn")).sort();

describe("the model reproduces Linux's transcripts", () => {
  it.each(names)("%s", (name) => {
    const scn = parseScenario(name, readFileSync(join(dir, "scenarios", name)));
    const want = readFileSync(join(dir, "expected", name.replace(/\.scn$/, ".out")), "latin1");
    expect(runModel(scn, { msgSlotChannel: MSG_SLOT_CHANNEL }).transcript).toBe(want);
  });
});
