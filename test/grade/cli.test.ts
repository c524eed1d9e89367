// `msgslot grade` as a user runs it: the reference, usage errors, a batch of zips with every output.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/modules.js";
import { makeZip } from "./zip-writer.js";

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function msgslot(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile("node", [join(REPO, "bin/msgslot.js"), ...args], { cwd: REPO, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

function zipOf(dir: string, prefix: string): Uint8Array {
  const files = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile());
  return makeZip([{ name: "__MACOSX/._junk", data: "x" }, ...files.map((f) => ({ name: `${prefix}${f.name}`, data: readFileSync(join(dir, f.name)) }))]);
}

describe("msgslot grade", () => {
  it("grades the reference module-c: 100/100, a line per test", async () => {
    const r = await msgslot(["grade", "module-c"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^msgslot grade: module-c \(variant 2023\)\n/);
    expect(r.stdout).toMatch(/\nwrite then read back: OK \(\d+\.\ds\)\n/);
    expect(r.stdout).toMatch(/\n2\^20 channels in one slot: OK \(\d+\.\ds\)\n    1048576 channels written/);
    // the one FAIL: the advisory race explorer finds the reference's use-after-free (read vs overwrite)
    expect(r.stdout).toMatch(/\nconcurrent syscalls \(race explorer\): FAIL \(\d+\.\ds\) \(advisory\)\n {4}overwrite-while-read: BUG: KASAN: use-after-free in copy_to_user/);
    expect(r.stdout.replace("concurrent syscalls (race explorer): FAIL", "")).not.toContain("FAIL");
    expect(r.stdout.endsWith("\nScore: 100/100\n")).toBe(true);
  });

  it("explains itself, and refuses bad usage with status 2 and bad input with status 1", async () => {
    const help = await msgslot(["grade", "--help"]);
    expect(help.status).toBe(0);
    for (const s of ["--variant", "2025-censor", "--format", "junit", "--csv", "--out", "kernel crash [crash] (35 pts)", "no leaks at rmmod [leaks] (advisory)", "Exit status"]) expect(help.stdout).toContain(s);
    const none = await msgslot(["grade"]);
    expect([none.status, none.stderr]).toEqual([2, expect.stringContaining("no submission given")]);
    expect((await msgslot(["grade", "--variant", "1999", "module-c"])).stderr).toContain("unknown variant '1999'");
    expect((await msgslot(["grade", "--format", "xml", "module-c"])).status).toBe(2);
    expect((await msgslot(["grade", "--only", "nosuch", "module-c"])).stderr).toContain("unknown test id nosuch");
    expect((await msgslot(["grade", "--jobs", "0", "module-c"])).status).toBe(2);
    const missing = await msgslot(["grade", "/nonexistent/ex3.zip"]);
    expect([missing.status, missing.stderr]).toEqual([1, "msgslot grade: /nonexistent/ex3.zip: No such file or directory\n"]);
  });

  it("grades a batch of zips: a line per submission, JSON to stdout, a report per submission, a CSV", async () => {
    const dir = mkdtempSync(join(tmpdir(), "msgslot-batch-"));
    const batch = join(dir, "batch");
    cpSync(join(REPO, "test/fixtures/submissions/leak"), join(batch, "ex3_222222222"), { recursive: true });
    writeFileSync(join(batch, "ex3_111111111.zip"), zipOf(join(REPO, "module-c"), "ex3_111111111/"));
    writeFileSync(join(batch, "ex3_333333333.zip"), "this is not a zip");
    const out = join(dir, "out");
    const csv = join(dir, "scores.csv");
    const r = await msgslot(["grade", "--format", "json", "--out", out, "--csv", csv, "--only", "crash,write-read,leaks,programs", batch]);
    expect(r.status).toBe(1); // one submission could not be read
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith("graded ex3_111111111"))).toMatch(/: 57\/57 in /);
    expect(lines.find((l) => l.startsWith("graded ex3_222222222"))).toMatch(/: 57\/57 in /);
    expect(lines.find((l) => l.startsWith("graded ex3_333333333"))).toMatch(/0\/57 .*not a zip archive/);
    const results = JSON.parse(r.stdout) as { score: number; max_score: number; tests: { name: string; status: string; score: number; max_score: number; output: string }[] }[];
    expect(results.map((x) => x.score)).toEqual([57, 57, 0]);
    const leak = results[1].tests.find((t) => t.name === "no leaks at rmmod")!;
    expect(leak).toMatchObject({ status: "failed", score: 0, max_score: 0 });
    expect(leak.output).toContain("kmalloc(");
    expect(readdirSync(out).sort()).toEqual(["ex3_111111111.json", "ex3_222222222.json", "ex3_333333333.json"]);
    expect(JSON.parse(readFileSync(join(out, "ex3_111111111.json"), "utf8")).score).toBe(57);
    const rows = readFileSync(csv, "utf8").trim().split("\n");
    expect(rows[0]).toBe("submission,score,max_score,crash,write-read,programs,leaks,error");
    expect(rows[1]).toBe("ex3_111111111,57,57,1,1,1,1,");
    expect(rows[2]).toBe("ex3_222222222,57,57,1,1,1,0,");
    expect(rows[3]).toMatch(/^ex3_333333333,0,57,0,0,0,0,.*not a zip archive/);
  });

  it("writes JUnit and text reports", async () => {
    const dir = mkdtempSync(join(tmpdir(), "msgslot-junit-"));
    const r = await msgslot(["grade", "--format", "junit", "--only", "write-read,binary", join(REPO, "test/fixtures/submissions/per-slot-channel")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="msgslot grade" tests="2" failures="0">/);
    expect(r.stdout).toContain('<testcase name="write then read back" classname="msgslot.2023.course"');
    const t = await msgslot(["grade", "--out", dir, "--only", "ioctl-per-fd", join(REPO, "test/fixtures/submissions/per-slot-channel")]);
    expect(t.stdout).toMatch(/ioctl on one fd does not change another open fd: FAIL \(\d+\.\ds\) -2\n    read\(fd1\) after fd2's write: expected 3 "one", got 3 "two"/);
    expect(t.stdout.endsWith("Score: 0/2\n")).toBe(true);
    expect(existsSync(join(dir, "per-slot-channel.txt"))).toBe(true);
  });
});
