// `msgslot grade` reaches Linux's verdict on every fixture of conformance/students:
// the module builds iff it built on Linux (header included), and the `crash` test
// fails iff Linux oopsed (or locked up) in one of the common scenarios, as the oracle
// recorded them (FIXTURE/linux/, or FIXTURE/linux-common/ for a fixture with scenarios
// of its own). One batch, the default variant, two workers;
// fault injection is left out (its oopses never count as a crash) and the 2^20-channel
// test runs with 2^12 channels.
import { beforeAll, describe, expect, it } from "vitest";
import { gradeSubmissions } from "../../src/harness/grade/node.js";
import { runnableTests } from "../../src/harness/grade/suite.js";
import type { SubmissionReport } from "../../src/harness/grade/types.js";
import { linuxCrashed, readRecord, studentFixtures, type LinuxRecord } from "../helpers/students.js";

const records: LinuxRecord[] = studentFixtures().map(readRecord);
const graded = records.filter((r) => r.main.recorded);
const reports = new Map<string, SubmissionReport>();

beforeAll(async () => {
  const only = ["crash", ...runnableTests("2023").map((t) => t.id).filter((id) => id !== "kmalloc-failure")];
  const out = await gradeSubmissions(graded.map((r) => ({ name: r.fixture, path: r.moduleDir, kind: "dir" as const })),
    { variant: "2023", jobs: 2, channels: 1 << 12, lockupMs: 1000, only });
  for (const r of out) reports.set(r.submission, r);
}, 900_000);

describe("msgslot grade reaches Linux's build and crash verdicts (conformance/students)", () => {
  it("grades the lifecycle fixtures", () => {
    for (const f of ["ref", "life-exit-unused", "life-overwrite-longer"]) expect(reports.has(f)).toBe(true);
  });

  for (const rec of records) {
    const refusal = rec.main.buildFailure;
    const linuxBuilt = !refusal;
    const recorded = rec.main.recorded && (!linuxBuilt || rec.common.recorded);
    const crashed = linuxBuilt && recorded && linuxCrashed(rec.common);
    const want = !linuxBuilt ? `refused (${refusal!.line})` : crashed ? "builds, kernel crash" : "builds, no crash";
    it(`${rec.fixture}: ${recorded ? want : "not recorded"}`, () => {
      if (!rec.main.recorded) throw new Error(`${rec.fixture}: not recorded: no linux/oracle.log`);
      if (!recorded) throw new Error(`${rec.fixture}: not recorded on the common scenarios: no linux-common/oracle.log (conformance/students/record.sh ${rec.fixture})`);
      const r = reports.get(rec.fixture)!;
      expect(r.error, `${rec.fixture}: the grader could not grade it`).toBeUndefined();
      const unit = r.build.units.find((u) => u.name === "module");
      const built = !!unit?.ok;
      const crash = r.tests.find((t) => t.id === "crash")!;
      if (built !== linuxBuilt) {
        throw new Error(`${rec.fixture}: Linux ${linuxBuilt ? "builds it" : `refuses it (${refusal!.line})`}, msgslot grade ${built ? "builds it" : "does not"}`);
      }
      if (!linuxBuilt) {
        expect(crash.status, `${rec.fixture}: a module that does not build fails "kernel crash"`).toBe("failed");
        return;
      }
      const failed = crash.status === "failed";
      if (failed !== crashed) {
        throw new Error(`${rec.fixture}: Linux ${crashed ? "oopsed" : "ran every common scenario without an oops"}; msgslot grade's "kernel crash" ${failed ? `failed:\n${crash.output}` : "passed"}`);
      }
    });
  }
});
