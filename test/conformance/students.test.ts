// The students' conformance suite: every fixture module in conformance/students,
// built as `msgslot scenario --module` builds it, must do what it did on Linux 6.1
// (FIXTURE/linux/, recorded with the oracle). A build or header that Linux refused
// is refused here too, with gcc's first error at the same file:line and modpost's
// errors; otherwise each scenario (the fixture's own, or the common ones) gives
// Linux's transcript byte for byte on a fresh kernel, oopses where Linux oopsed and
// only there (Linux's taint after each scenario says). A fixture with scenarios of
// its own is also checked on the common scenarios (FIXTURE/linux-common/), up to the
// first one that damaged Linux's kernel. A fixture without a record fails ("not
// recorded").
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/harness/scenario/parse.js";
import { runScenario } from "../../src/harness/scenario/run.js";
import { formatDiagnostic } from "../../src/toolchain/index.js";
import { buildDir } from "../helpers/modules.js";
import {
  compareRefusal, firstDamaged, firstDifference, linuxCleanAfter, linuxOopsed, readRecord, studentFixtures, type LinuxRecord, type LinuxRun, type Scn,
} from "../helpers/students.js";

const OOPS = /BUG:|Oops|kernel BUG|general protection fault|usercopy: Kernel memory|soft lockup/;
const fixtures = studentFixtures();

describe("conformance/students", () => {
  it("has the reference and the lifecycle fixtures", () => {
    for (const f of ["ref", "life-exit-unused", "life-overwrite-longer"]) expect(fixtures).toContain(f);
  });
});

for (const fixture of fixtures) {
  const rec = readRecord(fixture);
  describe(fixture, () => {
    if (!rec.main.recorded) {
      it("is recorded on Linux", () => {
        throw new Error(`${fixture}: not recorded: no linux/oracle.log (conformance/students/record.sh ${fixture})`);
      });
      return;
    }
    if (rec.main.buildFailure) {
      refusedTests(rec);
      return;
    }
    it("builds, as on Linux", async () => {
      const b = await buildDir(rec.moduleDir);
      if (!b.image) throw new Error(`${fixture}: Linux builds it, msgslot does not:\n${b.result.diagnostics.map(formatDiagnostic).join("\n")}`);
    });
    scenarioTests(rec, rec.main, "", true);
    if (!rec.ownScenarios) return;
    if (!rec.common.recorded) {
      it("is recorded on the common scenarios", () => {
        throw new Error(`${fixture}: not recorded on the common scenarios: no linux-common/oracle.log (conformance/students/record.sh ${fixture})`);
      });
      return;
    }
    // the common scenarios that ran on a sound kernel: up to the first that damaged it
    const damaged = firstDamaged(rec.common);
    scenarioTests(rec, { ...rec.common, scenarios: damaged < 0 ? rec.common.scenarios : rec.common.scenarios.slice(0, damaged + 1) }, "common/", false);
  });
}

function refusedTests(rec: LinuxRecord): void {
  const fail = rec.main.buildFailure!;
  it(`is refused as on Linux (${fail.line})`, async () => {
    const b = await buildDir(rec.moduleDir);
    const diags = b.result.diagnostics.map(formatDiagnostic);
    const refused = !b.image || b.msgSlotChannel === undefined;
    if (!refused) throw new Error(`${rec.fixture}: Linux refused it (${fail.line}) but msgslot builds it, MSG_SLOT_CHANNEL = 0x${b.msgSlotChannel!.toString(16)}${diags.length ? `\n${diags.join("\n")}` : ""}`);
    const diff = compareRefusal(fail, b.result);
    if (diff) throw new Error(`${rec.fixture}: refused, but not as Linux refused it (${fail.line}): ${diff}\n${diags.join("\n")}`);
  });
}

function scenarioTests(rec: LinuxRecord, run: LinuxRun, prefix: string, sound: boolean): void {
  if (sound) {
    it("has a sound Linux record: a transcript per scenario, nothing run on a damaged kernel", () => {
      const missing = run.scenarios.filter((s) => !run.transcripts.has(s.name)).map((s) => s.name);
      if (missing.length) throw new Error(`${rec.fixture}: not recorded: no linux/NAME.out for ${missing.join(", ")}`);
      const damaged = firstDamaged(run);
      if (damaged >= 0 && damaged < run.scenarios.length - 1) {
        throw new Error(`${rec.fixture}: Linux's kernel was damaged in ${run.scenarios[damaged].name}, and ${run.scenarios.slice(damaged + 1).map((s) => s.name).join(", ")} ran after it: give the fixture its own scenarios/ with the oops last`);
      }
    });
  }
  for (const s of run.scenarios) it(`${rec.fixture}/${prefix}${s.name}`, () => checkScenario(rec, run, s, prefix));
}

async function checkScenario(rec: LinuxRecord, run: LinuxRun, s: Scn, prefix: string): Promise<void> {
  const where = `${rec.fixture}/${prefix}${s.name}`;
  const b = await buildDir(rec.moduleDir);
  if (!b.image) throw new Error(`${rec.fixture}: does not build in msgslot`);
  const want = run.transcripts.get(s.name);
  if (want === undefined) throw new Error(`${where}: not recorded (no ${run.dir}/${s.name}.out)`);
  const r = runScenario(parseScenario(s.path, readFileSync(s.path)), { module: b.image, msgSlotChannel: b.msgSlotChannel });
  // the oracle's clean-up after each scenario: unload the module if it is still loaded
  const k = r.machine.kernel;
  if (k.modules.has(b.image.name)) k.rmmod(b.image.name);
  const diff = firstDifference(want, r.transcript);
  if (diff) throw new Error(`${where}: the transcript differs from Linux's at ${diff}`);
  const dmesg = k.dmesg.format();
  const oopsed = (k.isTainted("D") || k.isTainted("L")) && OOPS.test(dmesg);
  if (linuxOopsed(run, s.name) && !oopsed) throw new Error(`${where}: Linux oopsed here (${run.summary.get(s.name)}); msgslot's dmesg shows no oops:\n${dmesg}`);
  if (linuxCleanAfter(run, s.name) && (oopsed || k.isTainted("D"))) throw new Error(`${where}: Linux's kernel was clean after this scenario (${run.summary.get(s.name) ?? "dmesg.txt"}); msgslot oopsed:\n${dmesg}`);
}
