// Instructors' own tests (msgslot grade --tests DIR): the test list's validation, the side-by-side
// failure view, and the CLI end to end on examples/instructor-tests: the reference gets full
// points, a buggy submission fails with expected and actual shown, --only-tests, --record.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseExpected, parseTests, sourcesHash, TestsDirError, type InstructorTest } from "../../src/harness/grade/instructor.js";
import { sideBySide } from "../../src/harness/grade/instructor-run.js";
import { msgslot, expectNoTrace } from "../hostile/cli-helpers.js";
import { REPO } from "../helpers/modules.js";

const EXAMPLE = join(REPO, "examples/instructor-tests");
const BROKEN = join(REPO, "test/fixtures/submissions/per-slot-channel");

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof TestsDirError) return e.problems;
    throw e;
  }
  throw new Error("no TestsDirError");
}

const parse = (tests: unknown, scenarios: Record<string, string> = { "a.scn": "A open /dev/x O_RDWR\n" }) => parseTests(JSON.stringify(tests), scenarios, ["crash", "write-read"]);

describe("tests.json", () => {
  it("reads names, ids, points, visibility (default visible), a command line or a scenario, a timeout", () => {
    const t = parse({ tests: [
      { name: "Two slots, one fd", points: 5, run: "insmod; ./t" },
      { name: "s", id: "scn-1", points: 2.5, visibility: "after_published", scenario: "a.scn", timeout: 3 },
    ] });
    expect(t).toEqual([
      { id: "two-slots-one-fd", name: "Two slots, one fd", points: 5, visibility: "visible", run: { kind: "shell", line: "insmod; ./t" } },
      { id: "scn-1", name: "s", points: 2.5, visibility: "after_published", run: { kind: "scenario", file: "a.scn", text: "A open /dev/x O_RDWR\n" }, timeMs: 3000 },
    ]);
  });

  it("says what is wrong, test by test", () => {
    expect(problems(() => parseTests("{ tests: [", {}))[0]).toMatch(/^tests\.json: not valid JSON: /);
    expect(problems(() => parse({ test: [] }))).toEqual([
      'tests.json: unknown field "test" (known: tests, description)',
      "tests.json: expected {\"tests\": [...]}, an array of tests, got an object",
    ]);
    expect(problems(() => parse({ tests: [
      { name: "a", points: 1, run: "x", point: 2 },
      { name: "b", points: 1, visibility: "secret", run: "x" },
      { name: "c", points: -1, run: "x" },
      { name: "d", points: 1 },
      { name: "e", points: 1, run: "x", scenario: "a.scn" },
      { name: "f", points: 1, scenario: "missing.scn" },
      { name: "a", points: 1, run: "y" },
      { name: "g", id: "crash", points: 1, run: "x" },
      { name: "h", points: 1, run: "x", timeout: "10" },
      "i",
    ] }))).toEqual([
      'tests.json: tests[0] ("a"): unknown field "point" (known: name, id, points, visibility, run, scenario, timeout)',
      'tests.json: tests[1] ("b"): "visibility" must be one of visible, hidden, after_due_date, after_published, not "secret"',
      'tests.json: tests[2] ("c"): "points" must be a number >= 0',
      'tests.json: tests[3] ("d"): give exactly one of "run" (a shell command line) and "scenario" (a .scn file of the directory)',
      'tests.json: tests[4] ("e"): give exactly one of "run" (a shell command line) and "scenario" (a .scn file of the directory)',
      'tests.json: tests[5] ("f"): "scenario": no file missing.scn in the directory (there: a.scn)',
      'tests.json: tests[6] ("a"): the name "a" is also tests[0]\'s',
      'tests.json: tests[6] ("a"): the id "a" is also tests[0]\'s (made from the name: give an "id")',
      'tests.json: tests[7] ("g"): the id "crash" is a built-in test\'s: give another "id"',
      'tests.json: tests[8] ("h"): "timeout" must be a number of seconds (0 < timeout <= 3600)',
      "tests.json: tests[9]: expected an object, got a string",
    ]);
  });

  it("needs expected results recorded for the tests as they are now: else run --record first", () => {
    const tests: InstructorTest[] = parse({ tests: [{ name: "a", points: 1, run: "insmod" }, { name: "b", points: 1, scenario: "a.scn" }] });
    const hash = sourcesHash({ "t.c": "int main(void){}" });
    const again = "run msgslot grade --tests DIR --record REFERENCE first";
    expect(problems(() => parseExpected(undefined, tests, hash, "2023"))).toEqual([`no expected.json: the expected results are recorded from a reference solution: ${again}`]);
    const good = { recorded_from: "module-c", variant: "2023", sources_hash: hash, tests: { a: { run: "insmod", status: 0, output: "" }, b: { scenario: "a.scn", scenario_hash: "x", status: 0, output: "t" } } };
    expect(problems(() => parseExpected(JSON.stringify(good), tests, hash, "2023"))).toEqual([`expected.json: test "b" changed since its expected result was recorded (its scenario): ${again}`]);
    expect(problems(() => parseExpected(JSON.stringify({ ...good, tests: { a: good.tests.a } }), tests, "other", "2021"))).toEqual([
      `expected.json: the expected results were recorded for --variant 2023, this grade is for 2021: run msgslot grade --tests DIR --variant 2021 --record REFERENCE first`,
      `expected.json: the directory's C sources changed since the expected results were recorded: ${again}`,
      `expected.json: no expected result for test "b" (id b): ${again}`,
    ]);
    expect(parseExpected(JSON.stringify({ ...good, tests: { ...good.tests, b: { ...good.tests.b, scenario_hash: "66d5dd7a" } } }), tests, hash, "2023").get("a")).toEqual({ status: 0, output: "" });
  });
});

describe("the side-by-side view of a failure", () => {
  it("aligns equal lines, marks a changed line '|', a missing one '<', an extra one '>', a missing newline", () => {
    expect(sideBySide("a\nb\nc\n", "a\nB\nc\nd")).toEqual([
      "  a   a",
      "  b | B",
      "  c   c",
      "    > d (no newline at end)",
    ]);
    expect(sideBySide("x\ny\n", "y\n")).toEqual(["  x <", "  y   y"]);
    expect(sideBySide("ok\n", "")).toEqual(["  (actual: no output)", "  ok <"]);
    expect(sideBySide("\x00\xff\n", "\t\n")).toEqual(["  \\x00\\xff | \\t"]);
  });
});

describe("msgslot grade --tests (examples/instructor-tests)", () => {
  it("gives the reference full points: the instructor's tests after the built-in ones, their points in the total", () => {
    const r = msgslot(["grade", "--tests", EXAMPLE, "module-c"]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(0);
    // only the advisory race explorer fails the reference (its use-after-free, README "Races")
    expect(r.stdout.split("\n").filter((l) => l.includes("FAIL"))).toEqual([expect.stringMatching(/^concurrent syscalls \(race explorer\): FAIL .*\(advisory\)$/)]);
    expect(r.stdout).toMatch(/\ntwo slots, same channel ids: OK \(\d+\.\ds\)\n    \$ insmod; mknod \/dev\/slot0 c 235 0; /);
    expect(r.stdout).toMatch(/\nerrno values: OK \(\d+\.\ds\) \[after_due_date\]\n/);
    expect(r.stdout).toMatch(/\nchannel per open file \(scenario\): OK \(\d+\.\ds\) \[hidden\]\n    scenario per_file_channel\.scn\n/);
    expect(r.stdout.endsWith("\nScore: 135/135\n")).toBe(true);
  });

  it("fails a buggy submission with expected and actual side by side; --only-tests leaves the built-in suite out; JSON carries visibility", () => {
    const r = msgslot(["grade", "--tests", EXAMPLE, "--only-tests", BROKEN]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain("write then read back");
    expect(r.stdout).toContain([
      "two slots, same channel ids: FAIL",
    ].join("\n"));
    expect(r.stdout).toContain([
      "    exit status: 0 as expected",
      "    stdout: expected (left) and actual (right), '|' marks a difference, '<' '>' a line on one side only:",
      "      A ch1: wrote 5              A ch1: wrote 5",
      "      A ch2: wrote 4              A ch2: wrote 4",
      "      B ch1: wrote 5              B ch1: wrote 5",
      '      A ch1: read 5 "alpha"     | A ch1: read 4 "beta"',
    ].join("\n"));
    expect(r.stdout).toMatch(/channel per open file \(scenario\): FAIL \(\d+\.\ds\) -5 \[hidden\]\n/);
    expect(r.stdout).toContain("      A read 4 128 = -1 EINVAL                      | A read 4 128 = -1 EAGAIN\n");
    expect(r.stdout.endsWith("\nScore: 20/35\n")).toBe(true);

    const j = msgslot(["grade", "--tests", EXAMPLE, "--only-tests", "--format", "json", BROKEN]);
    const report = JSON.parse(j.stdout) as { score: number; max_score: number; tests: { name: string; score: number; max_score: number; status: string; visibility: string; tags?: string[] }[] };
    expect([report.score, report.max_score]).toEqual([20, 35]);
    expect(report.tests.map((t) => [t.name, t.status, t.score, t.max_score, t.visibility])).toEqual([
      ["two slots, same channel ids", "failed", 0, 10, "visible"],
      ["errno values", "passed", 10, 10, "after_due_date"],
      // a per-slot channel still reads the child's message on the shared fd, and channel 1's after re-setting it
      ["a forked child shares the open file", "passed", 5, 5, "visible"],
      ["the submission's sender and reader", "passed", 5, 5, "visible"],
      ["channel per open file (scenario)", "failed", 0, 5, "hidden"],
    ]);
    expect(report.tests.every((t) => t.tags?.includes("instructor"))).toBe(true);
  });

  it("runs each test under the watchdog: a module that never returns is a soft lockup in that test, grading goes on", () => {
    const r = msgslot(["grade", "--tests", EXAMPLE, "--only-tests", "--lockup", "1", join(REPO, "test/fixtures/submissions/infinite-loop-read")]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\ntwo slots, same channel ids: FAIL \(\d+\.\ds\) -10\n    \$ insmod; [^\n]*\n    module code did not return: read\(\d+, 0x[0-9a-f]+, 128\) \[\/dev\/slot1\] in device_read\n    watchdog: BUG: soft lockup - CPU#0 stuck for \d+s! \[two_slots:\d+\]\n/);
    // the sender and reader test never reads an empty channel: it passes
    expect(r.stdout).toMatch(/\nthe submission's sender and reader: OK /);
    expect(r.stdout).toMatch(/\nScore: 10\/35\n$/);
  });

  it("--programs DIR2 adds programs the tests can run", () => {
    const dir = mkdtempSync(join(tmpdir(), "msgslot-itests-extra-"));
    const extra = mkdtempSync(join(tmpdir(), "msgslot-itests-more-"));
    try {
      writeFileSync(join(extra, "hello.c"), '#include <stdio.h>\nint main(void) { puts("hello from DIR2"); return 4; }\n');
      writeFileSync(join(dir, "tests.json"), JSON.stringify({ tests: [{ name: "hello", points: 2, run: "./hello" }] }));
      const without = msgslot(["grade", "--tests", dir, "--record", "module-c"]);
      expect(without.status).toBe(0); // recorded: sh: ./hello: not found, status 127
      expect(JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")).tests.hello).toMatchObject({ status: 127, output: "" });
      const r = msgslot(["grade", "--tests", dir, "--programs", extra, "--record", "module-c"]);
      expect(r.status).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")).tests.hello).toMatchObject({ status: 4, output: "hello from DIR2\n" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(extra, { recursive: true, force: true });
    }
  });

  it("--record writes what the reference produces: the example's expected.json, which agrees with the spec and Linux", () => {
    const dir = mkdtempSync(join(tmpdir(), "msgslot-itests-"));
    try {
      cpSync(EXAMPLE, dir, { recursive: true });
      rmSync(join(dir, "expected.json"));
      const missing = msgslot(["grade", "--tests", dir, "module-c"]);
      expect([missing.status, missing.stderr]).toEqual([2, `msgslot grade: --tests no expected.json: the expected results are recorded from a reference solution: run msgslot grade --tests DIR --record REFERENCE first\n`]);

      const r = msgslot(["grade", "--tests", dir, "--record", "module-c"]);
      expectNoTrace(r.stderr);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`recorded 5 expected results from module-c into ${join(dir, "expected.json")}\n`);
      const recorded = readFileSync(join(dir, "expected.json"), "utf8");
      expect(recorded).toBe(readFileSync(join(EXAMPLE, "expected.json"), "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const expected = JSON.parse(readFileSync(join(EXAMPLE, "expected.json"), "utf8")) as { tests: Record<string, { status: number; output: string }> };
    // the scenario's transcript is what Linux 6.1 printed (recorded with the oracle)
    expect(expected.tests["channel-per-open-file-scenario"]).toMatchObject({ status: 0, output: readFileSync(join(REPO, "test/fixtures/instructor-tests/per_file_channel.linux.out"), "latin1") });
    // each command line's stdout and status are what Linux 6.1 printed with the programs built by gcc
    const linux = JSON.parse(readFileSync(join(REPO, "test/fixtures/instructor-tests/linux-shell-tests.json"), "latin1")) as { tests: Record<string, { run: string; status: number; output: string }> };
    expect(Object.keys(linux.tests).sort()).toEqual(["errnos", "fork-share", "the-submission-s-sender-and-reader", "two-slots-same-channel-ids"]);
    for (const [id, l] of Object.entries(linux.tests)) expect([id, expected.tests[id]]).toEqual([id, { run: l.run, status: l.status, output: l.output }]);
    // the errno values are the assignment's (SPEC: ioctl/read/write errors)
    expect(expected.tests.errnos!.output.split("\n")).toEqual([
      "read without a channel: EINVAL", "write without a channel: EINVAL", "ioctl channel 0: EINVAL", "ioctl another command: EINVAL",
      "read of an empty channel: EWOULDBLOCK", "write of 0 bytes: EMSGSIZE", "write of 129 bytes: EMSGSIZE", "write of 128 bytes: succeeded (128)",
      "read into 127 bytes: ENOSPC", "read into 128 bytes: succeeded (128)", "",
    ]);
    // message_reader writes the message's bytes without a newline, then echo's line
    expect(expected.tests["the-submission-s-sender-and-reader"]).toEqual(expect.objectContaining({ status: 0, output: "hi there (status 0)\n" }));
  });

  it("refuses a bad test directory with status 2 and says why", () => {
    const dir = mkdtempSync(join(tmpdir(), "msgslot-itests-bad-"));
    try {
      const none = msgslot(["grade", "--tests", join(dir, "nope"), "module-c"]);
      expect([none.status, none.stderr]).toEqual([2, `msgslot grade: --tests ${join(dir, "nope")}: No such directory\n`]);
      const empty = msgslot(["grade", "--tests", dir, "module-c"]);
      expect(empty.stderr).toBe(`msgslot grade: --tests ${dir}: no tests.json (the list of tests; see msgslot grade --help)\n`);
      writeFileSync(join(dir, "tests.json"), JSON.stringify({ tests: [{ name: "x", points: 1, visibility: "public", run: "true" }] }));
      const bad = msgslot(["grade", "--tests", dir, "module-c"]);
      expect([bad.status, bad.stderr]).toEqual([2, `msgslot grade: --tests tests.json: tests[0] ("x"): "visibility" must be one of visible, hidden, after_due_date, after_published, not "public"\n`]);
      writeFileSync(join(dir, "tests.json"), JSON.stringify({ tests: [{ name: "x", points: 1, scenario: "s.scn" }] }));
      writeFileSync(join(dir, "s.scn"), "A open /dev/slot0 O_RDWR\nA frobnicate 3\n");
      const scn = msgslot(["grade", "--tests", dir, "--record", "module-c"]);
      expect(scn.status).toBe(2);
      expect(scn.stderr).toMatch(new RegExp(`^msgslot grade: --tests ${dir}/s\\.scn:2: `));
      writeFileSync(join(dir, "t.c"), "int main(void) { return nope; }\n");
      writeFileSync(join(dir, "s.scn"), "A open /dev/slot0 O_RDWR\n");
      const cc = msgslot(["grade", "--tests", dir, "--record", "module-c"]);
      expect(cc.status).toBe(2);
      expect(cc.stderr).toContain("  t.c:1:25: error: use of undeclared identifier 'nope'\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(msgslot(["grade", "--only-tests", "module-c"]).stderr).toContain("--only-tests needs --tests DIR");
    expect(msgslot(["grade", "--tests", EXAMPLE, "--record", "module-c", "module-c"]).stderr).toContain("--record REFERENCE grades no submission");
  });
});
