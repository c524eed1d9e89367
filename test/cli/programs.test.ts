// msgslot run/shell --programs DIR as a user runs them: the directory's programs beside
// message_sender and message_reader, compiler messages with file:line:col, clear errors.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectNoTrace, msgslot } from "../hostile/cli-helpers.js";
import { REPO } from "../helpers/modules.js";

const dirs: string[] = [];
function dirWith(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "msgslot-programs-"));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("msgslot run --programs DIR", () => {
  it("runs the example testers against the module, next to the reference sender and reader", () => {
    const r = msgslot(["run", "--programs", join(REPO, "examples/instructor-tests"),
      "insmod; mknod /dev/slot0 c 235 0; mknod /dev/slot1 c 235 1; ./message_sender /dev/slot1 3 hey; ./two_slots /dev/slot0 /dev/slot1; ./message_reader /dev/slot1 3"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // ./two_slots writes "gamma" to channel 1 of slot 1: channel 3 keeps the sender's message
    expect(r.stdout).toBe([
      "A ch1: wrote 5", "A ch2: wrote 4", "B ch1: wrote 5",
      'A ch1: read 5 "alpha"', 'A ch2: read 4 "beta"', 'B ch1: read 5 "gamma"',
      "A ch1: wrote 24", "A ch1: wrote 3", 'A ch1: read 3 "eps"', 'A ch1 again: read 3 "eps"', "B ch7: read: EWOULDBLOCK",
    ].join("\n") + "\nhey");
  });

  it("prints a program's warnings with file:line:col and still runs it; its exit status is the run's", () => {
    const d = dirWith({ "warn.c": "#include <stdio.h>\nint main(void) {\n  int x;\n  puts(\"ran\");\n  return 7;\n}\n" });
    const r = msgslot(["run", "--programs", d, "./warn"]);
    expect(r.status).toBe(7);
    expect(r.stdout).toBe("ran\n");
    expect(r.stderr).toBe(`${d}: ./warn (warn.c): ok, 1 warning\n  warn.c:3:7: warning: unused variable 'x' [-Wunused-variable]\n`);
  });

  it("stops before running anything when a program does not compile, or DIR cannot be used", () => {
    const bad = dirWith({ "ok.c": "int main(void) { return 0; }\n", "bad.c": "int main(void) {\n  return nope;\n}\n" });
    const r = msgslot(["run", "--programs", bad, "echo ran"]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`msgslot run: --programs ${bad}: ./bad does not build\n${bad}: ./bad (bad.c): FAILED, 1 error\n  bad.c:2:10: error: use of undeclared identifier 'nope'\n`);

    const cases: [string, string][] = [
      [join(bad, "nope"), "No such directory"],
      [dirWith({ "notes.txt": "x" }), "no .c files"],
      [dirWith({ "lib.c": "int f(void) { return 1; }\n" }), "no .c file defines main() (found only lib.c)"],
      [dirWith({ "insmod.c": "int main(void) { return 0; }\n" }), "insmod.c: a program may not be named like the shell's command 'insmod': rename the file"],
    ];
    for (const [dir, message] of cases) {
      const e = msgslot(["shell", "--programs", dir], "echo ran\n");
      expect(e.status).toBe(2);
      expect(e.stdout).toBe("");
      expect(e.stderr).toContain(message);
      expect(e.stderr.startsWith(`msgslot shell: --programs ${dir}`)).toBe(true);
    }
  });
});
