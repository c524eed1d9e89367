// conformance/students/build-*: student-like modules with one build flaw each, recorded with the
// real oracle (../shared/oracle/run-oracle.sh, Linux 6.1 + gcc 12 + Kbuild). Linux's verdict is
// read from what the oracle recorded in linux/, never from msgslot:
//  - built (summary.txt names MSG_SLOT_CHANNEL): msgslot builds it, reads the same MSG_SLOT_CHANNEL
//    and reproduces every transcript byte for byte;
//  - refused: msgslot refuses it, and the file:line of gcc's first "error:" in build.log/header.log,
//    or modpost's "ERROR: modpost: …" line (paths as base names), is in msgslot's diagnostics.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/harness/scenario/parse.js";
import { runScenario } from "../../src/harness/scenario/run.js";
import { formatDiagnostic } from "../../src/toolchain/index.js";
import { firstGccError, modpostErrors } from "../../src/cli/expect.js";
import { REPO, buildDir } from "../helpers/modules.js";
import { FIRST_COMPILE_TIMEOUT } from "./fixtures.js";

const STUDENTS = join(REPO, "conformance/students");
const fixtures = existsSync(STUDENTS) ? readdirSync(STUDENTS).filter((f) => f.startsWith("build-")).sort() : [];

/** What Linux said: the channel it read, or the messages that refused the module. */
function linuxVerdict(dir: string): { channel?: number; errors: string[] } {
  const summary = join(dir, "linux/summary.txt");
  const m = existsSync(summary) ? /^MSG_SLOT_CHANNEL: 0x([0-9a-f]+)/m.exec(readFileSync(summary, "utf8")) : null;
  if (m) return { channel: parseInt(m[1]!, 16), errors: [] };
  const errors: string[] = [];
  for (const log of ["header.log", "build.log"]) {
    const p = join(dir, "linux", log);
    if (!existsSync(p)) continue;
    const text = readFileSync(p, "utf8");
    // gcc's first error, as file:line with the path reduced to its base name
    const gcc = firstGccError(text);
    if (gcc) {
      errors.push(`${gcc}:`);
      break;
    }
    // modpost: every ERROR line, paths as base names
    const modpost = modpostErrors(text);
    if (modpost.length) {
      errors.push(...modpost);
      break;
    }
  }
  return { errors };
}

describe("student build flaws: msgslot's verdict is Linux's", () => {
  it("has the fixtures, each with what the oracle recorded", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(14);
    for (const f of fixtures) expect(existsSync(join(STUDENTS, f, "linux/oracle.log")), f).toBe(true);
  });

  for (const f of fixtures) {
    it(f, { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
      const dir = join(STUDENTS, f);
      const linux = linuxVerdict(dir);
      const built = await buildDir(join(dir, "module"));
      const messages = built.result.diagnostics.map(formatDiagnostic).join("\n");
      if (linux.channel === undefined) {
        expect(linux.errors.length, "the oracle's log names the error").toBeGreaterThan(0);
        expect(built.image, messages).toBeUndefined();
        expect(built.result.ok).toBe(false);
        for (const e of linux.errors) expect(messages).toContain(e);
        return;
      }
      expect(built.image, messages).toBeDefined();
      expect(built.msgSlotChannel).toBe(linux.channel);
      const scnDir = join(dir, "scenarios");
      const outs = readdirSync(join(dir, "linux")).filter((n) => n.endsWith(".out"));
      expect(outs.length).toBeGreaterThan(0);
      for (const out of outs) {
        const name = out.replace(/\.out$/, ".scn");
        const scn = parseScenario(name, readFileSync(join(scnDir, name)));
        const r = runScenario(scn, { module: built.image!, msgSlotChannel: built.msgSlotChannel });
        expect(r.transcript, `${f}/${name}`).toBe(readFileSync(join(dir, "linux", out)).toString("latin1"));
      }
    });
  }
});
