// `msgslot gradescope` as an instructor runs it: the settings baked into the zip, the instructor's
// tests copied in, usage errors; and the arguments run_autograder gives `msgslot grade`.
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readZip, ZIP_LIMITS } from "../../src/harness/grade/zip.js";
import { gradeArgs } from "../../src/harness/gradescope/run.js";
import { REPO } from "../helpers/modules.js";

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function msgslot(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile("node", [join(REPO, "bin/msgslot.js"), ...args], { cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), "msgslot-gradescope-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("msgslot gradescope", () => {
  it("bakes the variant, the scaled limits and the instructor's tests into the zip", async () => {
    const tests = join(tmp, "itests");
    mkdirSync(join(tests, "hidden"), { recursive: true });
    writeFileSync(join(tests, "basic.scn"), "# an instructor's scenario\n");
    writeFileSync(join(tests, "hidden", "edge.scn"), "# another\n");
    writeFileSync(join(tests, "run.sh"), "#!/bin/sh\n");
    chmodSync(join(tests, "run.sh"), 0o755);
    const out = join(tmp, "ag-2021.zip");
    const r = await msgslot(["gradescope", "--out", out, "--variant", "2021", "--tests", tests, "--time-scale", "3", "--jobs", "2", "--timeout", "1200"], tmp);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*ag-2021\.zip \(\d+ bytes\): msgslot \S+ \(\d+-byte tarball\), variant 2021, 3 instructor test files\n/);
    expect(r.stdout).toMatch(/time limits x3, lockup 6 s, 2 jobs, grading stops after 1140 s of the 1200-s timeout/);
    const { files, modes } = readZip(new Uint8Array(readFileSync(out)), { ...ZIP_LIMITS, maxFileBytes: 16 << 20 });
    expect(files["tests/basic.scn"]).toBe("# an instructor's scenario\n");
    expect(files["tests/hidden/edge.scn"]).toBe("# another\n");
    expect(modes["tests/run.sh"]).toBe(0o755);
    expect(JSON.parse(String(files["autograder.json"]))).toMatchObject({ variant: "2021", timeScale: 3, lockupSeconds: 6, jobs: 2, timeoutSeconds: 1200, tests: "tests" });
    // setup.sh's check grades the reference as the course's variant
    expect(String(files["setup.sh"])).toMatch(/grade --variant 2021 /);
  });

  it("gives msgslot grade the settings, and --tests when the zip has tests", () => {
    const config = { msgslot: "0.1.0", tarball: "msgslot-0.1.0.tgz", variant: "2025-censor" as const, timeScale: 2, lockupSeconds: 4, jobs: 1, timeoutSeconds: 600 };
    expect(gradeArgs(config, "/autograder", "/autograder/submission")).toEqual(["--format", "json", "--variant", "2025-censor", "--jobs", "1", "--time-scale", "2", "--lockup", "4", "/autograder/submission"]);
    expect(gradeArgs({ ...config, tests: "tests" }, "/ag", "/ag/submission/x.zip")).toEqual(["--format", "json", "--variant", "2025-censor", "--jobs", "1", "--time-scale", "2", "--lockup", "4", "--tests", "/ag/source/tests", "/ag/submission/x.zip"]);
  });

  it("grades with the instructor's tests in the zip: their points and Gradescope visibility reach results.json", async () => {
    const root = join(tmp, "ag-itests");
    const out = join(tmp, "ag-itests.zip");
    const made = await msgslot(["gradescope", "--out", out, "--tests", join(REPO, "examples/instructor-tests")], tmp);
    expect(made.stderr).toBe("");
    const { files, modes } = readZip(new Uint8Array(readFileSync(out)), { ...ZIP_LIMITS, maxFileBytes: 16 << 20 });
    for (const [path, data] of Object.entries(files)) {
      const file = join(root, "source", path);
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, data);
      chmodSync(file, modes[path] ?? 0o644);
    }
    mkdirSync(join(root, "submission"));
    mkdirSync(join(root, "results"));
    for (const f of ["message_slot.c", "message_slot.h", "message_sender.c", "message_reader.c"]) writeFileSync(join(root, "submission", f), readFileSync(join(REPO, "module-c", f)));
    // run_autograder's own step, with this checkout's msgslot in place of the installed one
    const r = await msgslot(["gradescope", "--run", "--root", root], tmp);
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(root, "results/results.json"), "utf8")) as { score: number; max_score: number; tests: { name: string; status: string; visibility: string; max_score: number }[] };
    expect(results.max_score).toBe(135); // the built-in 100 and examples/instructor-tests' 35
    expect(results.score).toBe(135);
    const byName = (n: string) => results.tests.find((t) => t.name === n);
    expect(byName("errno values")).toMatchObject({ status: "passed", visibility: "after_due_date", max_score: 10 });
    expect(byName("channel per open file (scenario)")).toMatchObject({ status: "passed", visibility: "hidden", max_score: 5 });
    expect(byName("two slots, same channel ids")).toMatchObject({ status: "passed", visibility: "visible" });
  }, 300_000);

  it("refuses a tests folder that is missing, empty or holds a symbolic link, before packing", async () => {
    const out = join(tmp, "never.zip");
    const missing = await msgslot(["gradescope", "--out", out, "--tests", join(tmp, "nope")], tmp);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^msgslot gradescope: --tests .*nope: No such file or directory\n$/);
    mkdirSync(join(tmp, "empty"));
    expect((await msgslot(["gradescope", "--out", out, "--tests", join(tmp, "empty")], tmp)).stderr).toMatch(/empty: no files in it/);
    mkdirSync(join(tmp, "linked"));
    symlinkSync("/etc/passwd", join(tmp, "linked", "passwd"));
    expect((await msgslot(["gradescope", "--out", out, "--tests", join(tmp, "linked")], tmp)).stderr).toMatch(/passwd: a symbolic link/);
    expect(() => readFileSync(out)).toThrow();
  });

  it.each([
    [["--variant", "2022"], /unknown variant '2022' \(2023, 2021 or 2025-censor\)/],
    [["--time-scale", "0"], /--time-scale needs a number >= 0.1, not '0'/],
    [["--jobs", "1.5"], /--jobs needs an integer >= 1, not '1.5'/],
    [["--timeout", "3000"], /Gradescope allows at most 2400 s/],
    [["--root", "/x"], /--root goes with --run/],
    [["--run", "--variant", "2021"], /--variant belongs to building the zip, not to --run/],
    [["extra"], /unexpected argument 'extra'/],
    [["--bogus"], /unknown option '--bogus'/],
  ])("usage error: %j", async (args, message) => {
    const r = await msgslot(["gradescope", ...args], tmp);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage: msgslot gradescope/);
  });

  it("has help", async () => {
    const r = await msgslot(["gradescope", "--help"], tmp);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/setup\.sh/);
    expect(r.stdout).toMatch(/run_autograder/);
    expect(r.stdout).toMatch(/results\.json/);
    expect((await msgslot(["--help"], tmp)).stdout).toMatch(/gradescope \[--out autograder\.zip\]/);
  });
});
