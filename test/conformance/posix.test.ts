// The POSIX test programs of conformance/posix (fork, wait/waitpid, sleep, dup/dup2, lseek, mknod,
// system(), errno texts) against what they printed on Linux 6.1 (expected.json, recorded with the
// oracle by record.sh): every case replayed in order on one emulated machine through msgslot's
// shell, stdout byte for byte, stderr and exit status.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgramsDir } from "../../src/harness/node-build.js";
import { Machine } from "../../src/process/machine.js";
import { Shell } from "../../src/harness/shell/shell.js";
import type { ProgramImage } from "../../src/wasi/run.js";
import { REPO, referenceModule } from "../helpers/modules.js";

interface Case {
  id: string;
  line: string;
  setup: { line: string; status: number; output: string }[];
  status: number;
  stdout_hex: string;
  stderr: string;
}

const DIR = join(REPO, "conformance/posix");
const expected: Case[] = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8"));
const script = readFileSync(join(DIR, "cases.txt"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
const names = readdirSync(DIR).filter((f) => f.endsWith(".c")).map((f) => f.slice(0, -2)).sort();
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("POSIX test programs: byte-identical to Linux", () => {
  const machine = new Machine();
  const programs = new Map<string, ProgramImage>();
  let shell: Shell;
  let out: Uint8Array[] = [];
  let err: Uint8Array[] = [];
  const enc = new TextEncoder();

  beforeAll(async () => {
    const ref = await referenceModule();
    for (const [name, p] of await buildProgramsDir(DIR, names)) {
      expect(p.result.diagnostics.filter((d) => d.severity !== "note"), `${name}.c builds without warnings`).toEqual([]);
      programs.set(name, p.image!);
    }
    shell = new Shell({
      machine, modules: new Map([[ref.image.name, ref.image]]), programs,
      write: (fd, d) => (fd === 1 ? out : err).push(typeof d === "string" ? enc.encode(d) : d),
    });
  }, 600_000);

  it("uses the module's own message_slot.h (the oracle builds the module from module-c)", () => {
    expect(readFileSync(join(DIR, "message_slot.h"), "utf8")).toBe(readFileSync(join(REPO, "module-c/message_slot.h"), "utf8"));
  });

  it("has the recorded cases in the order of cases.txt", () => {
    expect(script.filter((l) => !l.startsWith("setup:")).map((l) => l.split(" ")[0])).toEqual(expected.map((c) => c.id));
  });

  let next = 0;
  let pending: { line: string; status: number }[] = [];
  for (const line of script) {
    if (line.startsWith("setup:")) {
      const cmd = line.slice(6).trim();
      it(`setup: ${cmd}`, () => {
        out = [];
        err = [];
        pending.push({ line: cmd, status: shell.execute(cmd) });
      });
      continue;
    }
    const c = expected[next++];
    it(`${c.id}: ${c.line}`, () => {
      expect(pending).toEqual(c.setup.map(({ line: l, status }) => ({ line: l, status })));
      pending = [];
      out = [];
      err = [];
      const status = shell.execute(c.line);
      expect(Buffer.concat(out).toString("utf8")).toBe(Buffer.from(c.stdout_hex, "hex").toString("utf8"));
      expect(hex(Buffer.concat(out))).toBe(c.stdout_hex);
      expect(Buffer.concat(err).toString("utf8")).toBe(c.stderr);
      expect(status).toBe(c.status);
    });
  }
});
