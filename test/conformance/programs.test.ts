// The reference user programs against what they printed on Linux 6.1
// (conformance/programs/expected.json, recorded with the oracle): every case
// replayed in order on one emulated machine through msgslot's shell.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgramsDir } from "../../src/harness/node-build.js";
import { Machine } from "../../src/process/machine.js";
import { Shell } from "../../src/harness/shell/shell.js";
import { runProgram, type ProgramImage } from "../../src/wasi/run.js";
import { REPO, referenceModule } from "../helpers/modules.js";

interface Case {
  id: string;
  line: string;
  argv_hex: string[];
  status: number;
  stdout_hex: string;
  stderr: string;
}

const DIR = join(REPO, "conformance/programs");
const expected: Case[] = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8"));
const script = readFileSync(join(DIR, "cases.txt"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("message_sender / message_reader: byte-identical to Linux", () => {
  const machine = new Machine();
  const programs = new Map<string, ProgramImage>();
  let shell: Shell;
  let out: Uint8Array[] = [];
  let err: Uint8Array[] = [];
  const enc = new TextEncoder();

  beforeAll(async () => {
    const ref = await referenceModule();
    for (const [name, p] of await buildProgramsDir(join(REPO, "module-c"), ["message_sender", "message_reader"])) programs.set(name, p.image!);
    shell = new Shell({
      machine, modules: new Map([[ref.image.name, ref.image]]), programs,
      write: (fd, d) => (fd === 1 ? out : err).push(typeof d === "string" ? enc.encode(d) : d),
    });
  });

  it("has the recorded cases in the order of cases.txt", () => {
    expect(script.filter((l) => !l.startsWith("setup:")).map((l) => l.split(" ")[0])).toEqual(expected.map((c) => c.id));
  });

  let next = 0;
  for (const line of script) {
    if (line.startsWith("setup:")) {
      it(`setup: ${line.slice(6).trim()}`, () => {
        expect(shell.execute(line.slice(6).trim())).toBe(0);
      });
      continue;
    }
    const c = expected[next++];
    it(`${c.id}: ${c.line}`, () => {
      out = [];
      err = [];
      let status: number;
      if (c.line.includes("$(")) {
        // command substitution is not in msgslot's shell: run the program with the recorded argv bytes
        const argv = c.argv_hex.map((h) => new Uint8Array(Buffer.from(h, "hex")));
        const name = Buffer.from(argv[0]).toString("latin1").slice(2);
        const r = runProgram({ machine, program: programs.get(name)!, argv });
        out.push(r.stdout);
        err.push(r.stderr);
        status = r.status;
      } else {
        status = shell.execute(c.line);
      }
      expect(hex(Buffer.concat(out))).toBe(c.stdout_hex);
      expect(Buffer.concat(err).toString("utf8")).toBe(c.stderr);
      expect(status).toBe(c.status);
    });
  }
});
