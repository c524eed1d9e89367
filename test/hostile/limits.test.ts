// Time caps of `msgslot run` and `msgslot shell` (issue 7, parts 3 and 5):
// the shell runs in a worker under the watchdog. A module call that never
// returns is a soft lockup named after the syscall; a program that spins in
// user space is stopped at the time limit; the next command line gets a fresh
// kernel; the host process (the CLI) carries on.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/modules.js";
import { expectNoTrace, msgslot } from "./cli-helpers.js";

const LOOP = join(REPO, "test/fixtures/hostile/loop");
const SPINNER = join(REPO, "test/fixtures/hostile/spinner");

describe("a module that loops forever", () => {
  it("msgslot run: a soft lockup report naming the syscall, exit 137, the rest of the script not run", () => {
    const r = msgslot(["run", "--module", LOOP, "--programs", "module-c", "--lockup", "1",
      "insmod; mknod /dev/h1 c 236 1; echo before; ./message_reader /dev/h1 1; echo after"]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(137);
    expect(r.stdout).toBe("before\n");
    expect(r.stderr).toMatch(/^\[ *\d+\.\d{6}\] watchdog: BUG: soft lockup - CPU#0 stuck for \d+s! \[message_reader:\d+\]\n/);
    expect(r.stderr).toContain('in syscall: open("/dev/h1", 0)');
    expect(r.stderr).toContain("msgslot: message_reader was stuck in the module");
  });

  it("msgslot shell: the next line runs on a fresh kernel, $? is 137", () => {
    const r = msgslot(["shell", "--module", LOOP, "--programs", "module-c", "--lockup", "1"],
      "insmod\nmknod /dev/h1 c 236 1\n./message_reader /dev/h1 1\necho $?\nlsmod\nls /dev\ninsmod && echo loaded again\n");
    expectNoTrace(r.stderr);
    expect(r.stdout).toBe("137\nModule                  Size  Used by\nloaded again\n");
    expect(r.stderr).toContain("soft lockup");
    expect(r.status).toBe(0);
  });
});

describe("a program that never returns", () => {
  it("is stopped at the time limit (exit 124), with the kernel", () => {
    const t0 = performance.now();
    const r = msgslot(["run", "--programs", SPINNER, "--time-limit", "1", "echo before; ./message_reader; echo after"]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(124);
    expect(r.stdout).toBe("before\n");
    expect(r.stderr).toMatch(/^msgslot: stopped after \d+\.\d s, the time limit of a command line: the kernel was stopped/);
    expect(performance.now() - t0).toBeLessThan(60_000);
  });

  it("limits that are not numbers are usage errors", () => {
    for (const [opt, v] of [["--lockup", "abc"], ["--time-limit", "0"], ["--time-limit", "-1"]]) {
      const r = msgslot(["run", opt, v, "true"]);
      expectNoTrace(r.stderr);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^msgslot run: ${opt} needs a number of seconds, not '${v}'`));
    }
  });
});
