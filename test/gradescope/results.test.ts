// results.json from msgslot's grade report: Gradescope's fields, the instructor tests' visibility.
import { describe, expect, it } from "vitest";
import { failedResults, fromGradeReport } from "../../src/harness/gradescope/results.js";
import { writeZip } from "../../src/harness/grade/zip-write.js";
import { readZip } from "../../src/harness/grade/zip.js";

const ctx = { msgslot: "0.1.0", variant: "2023", seconds: 12.4 };

const report = (tests: Record<string, unknown>[]) => ({
  score: 90,
  max_score: 100,
  execution_time: 12,
  output: "build message_slot (module): ok",
  visibility: "visible",
  stdout_visibility: "hidden",
  tests,
  extra_data: { submission: "submission", variant: "2023" },
});

describe("fromGradeReport", () => {
  it("keeps score, max_score and each test's fields; execution_time is the whole run's", () => {
    const r = fromGradeReport(report([
      { name: "write then read back", score: 10, max_score: 10, status: "passed", output: "", visibility: "visible" },
      { name: "big ids", score: 0, max_score: 10, status: "failed", output: "ioctl(3, MSG_SLOT_CHANNEL, 1048577): expected 0, got -1 EINVAL" },
    ]), ctx);
    expect(r).toMatchObject({ score: 90, max_score: 100, execution_time: 12, stdout_visibility: "hidden", visibility: "visible" });
    expect(r.output).toBe("msgslot 0.1.0, assignment variant 2023\nbuild message_slot (module): ok");
    expect(r.tests).toEqual([
      { name: "write then read back", score: 10, max_score: 10, status: "passed", output: "", visibility: "visible" },
      { name: "big ids", score: 0, max_score: 10, status: "failed", output: "ioctl(3, MSG_SLOT_CHANNEL, 1048577): expected 0, got -1 EINVAL", visibility: "visible" },
    ]);
    expect(r.extra_data).toEqual({ submission: "submission", variant: "2023", msgslot: "0.1.0" });
  });

  it("passes each instructor test's visibility on, and makes anything else visible", () => {
    const r = fromGradeReport(report([
      { name: "a", score: 1, max_score: 1, status: "passed", output: "", visibility: "hidden" },
      { name: "b", score: 1, max_score: 1, status: "passed", output: "", visibility: "after_due_date" },
      { name: "c", score: 1, max_score: 1, status: "passed", output: "", visibility: "after_published" },
      { name: "d", score: 1, max_score: 1, status: "passed", output: "" },
      { name: "e", score: 1, max_score: 1, status: "passed", output: "", visibility: "secret" },
    ]), ctx);
    expect(r.tests.map((t) => t.visibility)).toEqual(["hidden", "after_due_date", "after_published", "visible", "visible"]);
  });

  it("says that a failed advisory check costs nothing", () => {
    const r = fromGradeReport(report([{ name: "no leaks at rmmod", score: 0, max_score: 0, status: "failed", output: "rmmod found 1 leaked object(s)", tags: ["advisory"] }]), ctx);
    expect(r.tests[0]!.tags).toEqual(["advisory"]);
    expect(r.tests[0]!.output).toBe("Advisory (0 points): msgslot's extra check, not part of the score.\nrmmod found 1 leaked object(s)");
  });

  it("refuses what is not a grade report", () => {
    expect(() => fromGradeReport({ score: 1 }, ctx)).toThrow(/no tests array/);
    expect(() => fromGradeReport([], ctx)).toThrow(/no tests array/);
    expect(() => fromGradeReport(report(["x" as unknown as Record<string, unknown>]), ctx)).toThrow(/test 0 is not an object/);
  });
});

describe("failedResults", () => {
  it("scores 0, with the reason for the student and in extra_data", () => {
    expect(failedResults("No C files were found.", ctx, "detail")).toEqual({
      score: 0,
      execution_time: 12,
      output: "msgslot 0.1.0, assignment variant 2023\nNo C files were found.\n\ndetail",
      visibility: "visible",
      stdout_visibility: "hidden",
      tests: [],
      extra_data: { msgslot: "0.1.0", variant: "2023", error: "No C files were found." },
    });
  });
});

describe("writeZip", () => {
  it("writes what the zip reader reads back: contents, permission bits, stored and deflated entries", () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    const zip = writeZip([
      { path: "run_autograder", data: "#!/usr/bin/env bash\necho hi\n".repeat(20), mode: 0o755 },
      { path: "tests/a b/ünï.txt", data: "x" },
      { path: "noise.bin", data: random },
    ]);
    const r = readZip(zip);
    expect(r.findings).toEqual([]);
    expect(r.files["run_autograder"]).toBe("#!/usr/bin/env bash\necho hi\n".repeat(20));
    expect(r.files["tests/a b/ünï.txt"]).toBe("x");
    expect(r.files["noise.bin"]).toEqual(random);
    expect(r.modes).toEqual({ "run_autograder": 0o755, "tests/a b/ünï.txt": 0o644, "noise.bin": 0o644 });
    // the same entries, the same bytes
    expect(writeZip([{ path: "a", data: "1" }])).toEqual(writeZip([{ path: "a", data: "1" }]));
  });

  it("refuses paths that are not relative, and duplicates", () => {
    expect(() => writeZip([{ path: "/etc/passwd", data: "" }])).toThrow(/not a relative path/);
    expect(() => writeZip([{ path: "../x", data: "" }])).toThrow(/not a relative path/);
    expect(() => writeZip([{ path: "a", data: "" }, { path: "a", data: "" }])).toThrow(/two zip entries/);
  });
});
