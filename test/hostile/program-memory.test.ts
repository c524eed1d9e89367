// A user program's memory is capped: the toolchain links every program with
// a maximum of USER_BASE + 64 MiB, so malloc fails there (cleanly, in the
// program) instead of the host growing the program's memory to 4 GiB.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgramsDir } from "../../src/harness/node-build.js";
import { Machine } from "../../src/process/machine.js";
import { runProgram, type ProgramImage } from "../../src/wasi/run.js";
import { HOSTILE } from "./helpers.js";

let hog: ProgramImage;
beforeAll(async () => {
  const p = (await buildProgramsDir(join(HOSTILE, "programs"), ["hog"])).get("hog")!;
  if (!p.image) throw new Error(p.result.log);
  hog = p.image;
});

describe("a program's memory is capped", () => {
  it("malloc fails at 64 MiB above USER_BASE and the program goes on", () => {
    const r = runProgram({ machine: new Machine(), program: hog, argv: ["./hog"] });
    expect(r.status).toBe(0);
    const mib = Number(/allocated (\d+) MiB/.exec(new TextDecoder().decode(r.stdout))?.[1]);
    expect(mib).toBeGreaterThan(32);
    expect(mib).toBeLessThan(64);
  });
});
