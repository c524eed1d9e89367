// `msgslot grade --shard I/N` and `msgslot merge`, run as a user runs them:
// the shards of a small batch partition it, deterministically, and merging
// their CSV, JSON and JUnit gives what one run over the batch writes.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseShard, selectShard } from "../../src/harness/grade/shard.js";
import { REPO } from "../helpers/modules.js";

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

// what differs between any two runs of one submission: timings, and whether a build came from
// the compile cache (a cold first run compiles, the shards after it hit the cache)
const untimed = (s: string) => s.replace(/time="[\d.]+"/g, 'time="T"').replace(/"execution_time": \d+/g, '"execution_time": T').replaceAll(" (cached)", "");

const NAMES = ["per-slot-channel", "double-free", "overflow-by-one", "leak"]; // sorted: double-free, leak, overflow-by-one, per-slot-channel
const ONLY = ["--only", "write-read,empty-write"];

describe("shard selection", () => {
  it("parses I/N and refuses anything else", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/3", "4/3", "a/b", "3", "1/0", "-1/3", "1/3/5", ""]) expect(() => parseShard(bad), bad).toThrow(/--shard/);
  });

  it("deals the name-sorted submissions round-robin, whatever their input order", () => {
    const items = ["e", "b", "a", "d", "c"].map((name) => ({ name }));
    const names = (i: number) => selectShard(items, { index: i, count: 2 }).map((x) => x.name);
    expect([names(1), names(2)]).toEqual([["a", "c", "e"], ["b", "d"]]);
    expect(selectShard([...items].reverse(), { index: 1, count: 2 }).map((x) => x.name)).toEqual(["a", "c", "e"]);
    expect(selectShard(items, { index: 3, count: 7 }).map((x) => x.name)).toEqual(["c"]);
    expect(selectShard(items, { index: 7, count: 7 })).toEqual([]);
  });
});

describe("msgslot grade --shard and msgslot merge", () => {
  let dir = "";
  let batch = "";
  let whole: { csv: string; json: string; junit: string };
  const shards: { csv: string; json: string; junit: string; names: string[] }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "msgslot-shard-"));
    batch = join(dir, "batch");
    for (const n of NAMES) cpSync(join(REPO, "test/fixtures/submissions", n), join(batch, n), { recursive: true });
    const grade = async (tag: string, extra: string[]) => {
      const csv = join(dir, `scores${tag}.csv`);
      const [j, x] = await Promise.all([
        msgslot(["grade", ...ONLY, "--jobs", "1", "--csv", csv, "--format", "json", ...extra, batch]),
        msgslot(["grade", ...ONLY, "--jobs", "1", "--format", "junit", ...extra, batch]),
      ]);
      expect([j.status, x.status], j.stderr + x.stderr).toEqual([0, 0]);
      const json = join(dir, `results${tag}.json`);
      const junit = join(dir, `junit${tag}.xml`);
      writeFileSync(json, j.stdout);
      writeFileSync(junit, x.stdout);
      const names = [...j.stderr.matchAll(/^graded (\S+) /gm)].map((m) => m[1]);
      return { csv, json, junit, names };
    };
    whole = await grade("", []);
    for (const i of [1, 2, 3]) shards.push(await grade(`-${i}`, ["--shard", `${i}/3`]));
  }, 240_000);

  it("shards are disjoint, cover the batch, and follow the name order", () => {
    expect(shards.map((s) => s.names.sort())).toEqual([["double-free", "per-slot-channel"], ["leak"], ["overflow-by-one"]]);
    const all = shards.flatMap((s) => s.names).sort();
    expect(all).toEqual([...NAMES].sort());
    expect(new Set(all).size).toBe(NAMES.length);
    // each shard's own outputs hold exactly its submissions
    for (const s of shards) {
      const rows = readFileSync(s.csv, "utf8").trim().split("\n").slice(1).map((r) => r.split(",")[0]);
      expect(rows.sort()).toEqual(s.names);
      const json = JSON.parse(readFileSync(s.json, "utf8")) as { extra_data: { submission: string } }[];
      expect(Array.isArray(json)).toBe(true); // batch form even for a single submission
      expect(json.map((r) => r.extra_data.submission).sort()).toEqual(s.names);
    }
  });

  it("is deterministic: the same shard twice grades the same submissions", async () => {
    const again = await msgslot(["grade", ...ONLY, "--shard", "1/3", batch]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^submission +score\ndouble-free +22\/22\nper-slot-channel +22\/22\n$/);
  }, 60_000);

  it("merge of the shards' CSV, JSON and JUnit equals the unsharded run's", async () => {
    const out = { csv: join(dir, "m.csv"), json: join(dir, "m.json"), junit: join(dir, "m.xml") };
    // inputs in a scrambled order: the merge orders by submission
    const files = [3, 1, 2].flatMap((i) => [shards[i - 1].junit, shards[i - 1].csv, shards[i - 1].json]);
    const r = await msgslot(["merge", "--csv", out.csv, "--json", out.json, "--junit", out.junit, ...files]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(readFileSync(out.csv, "utf8")).toBe(readFileSync(whole.csv, "utf8"));
    expect(readFileSync(out.csv, "utf8").split("\n")[0]).toBe("submission,score,max_score,write-read,empty-write,error");
    expect(untimed(readFileSync(out.json, "utf8"))).toBe(untimed(readFileSync(whole.json, "utf8")));
    const junit = readFileSync(out.junit, "utf8");
    expect(untimed(junit)).toBe(untimed(readFileSync(whole.junit, "utf8")));
    expect(junit).toContain('<testsuites name="msgslot grade" tests="8" failures="0">');
    // one kind only: to stdout
    const csvOnly = await msgslot(["merge", shards[1].csv, shards[0].csv, shards[2].csv]);
    expect(csvOnly.stdout).toBe(readFileSync(whole.csv, "utf8"));
  }, 60_000);

  it("an empty shard writes empty but valid reports that merge with the rest", async () => {
    const csv = join(dir, "empty.csv");
    const outDir = join(dir, "empty-out");
    const j = await msgslot(["grade", ...ONLY, "--shard", "5/5", "--csv", csv, "--out", outDir, "--format", "json", batch]);
    expect([j.status, j.stdout]).toEqual([0, "[]\n"]);
    expect(existsSync(outDir)).toBe(true);
    expect(readFileSync(csv, "utf8")).toBe("submission,score,max_score,write-read,empty-write,error\n");
    const x = await msgslot(["grade", ...ONLY, "--shard", "5/5", "--format", "junit", batch]);
    expect(x.stdout).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="msgslot grade" tests="0" failures="0">\n\n</testsuites>\n');
    const emptyJunit = join(dir, "empty.xml");
    const emptyJson = join(dir, "empty.json");
    writeFileSync(emptyJunit, x.stdout);
    writeFileSync(emptyJson, j.stdout);
    const files = [csv, emptyJunit, emptyJson, ...shards.flatMap((s) => [s.csv, s.junit, s.json])];
    const out = { csv: join(dir, "m2.csv"), json: join(dir, "m2.json"), junit: join(dir, "m2.xml") };
    const m = await msgslot(["merge", "--csv", out.csv, "--json", out.json, "--junit", out.junit, ...files]);
    expect([m.status, m.stderr]).toEqual([0, ""]);
    expect(readFileSync(out.csv, "utf8")).toBe(readFileSync(whole.csv, "utf8"));
    expect(untimed(readFileSync(out.junit, "utf8"))).toBe(untimed(readFileSync(whole.junit, "utf8")));
    expect(untimed(readFileSync(out.json, "utf8"))).toBe(untimed(readFileSync(whole.json, "utf8")));
  }, 60_000);

  it("refuses bad --shard values with status 2", async () => {
    for (const bad of ["0/3", "4/3", "a/b", "3"]) {
      const r = await msgslot(["grade", "--shard", bad, batch]);
      expect([r.status, r.stdout], bad).toEqual([2, ""]);
      expect(r.stderr).toMatch(/^msgslot grade: --shard/);
    }
    const help = await msgslot(["grade", "--help"]);
    expect(help.stdout).toContain("--shard I/N");
    expect(help.stdout).toContain("msgslot merge");
  });

  it("merge: duplicates, header mismatches, missing and malformed inputs are errors; bad usage is status 2", async () => {
    const dup = await msgslot(["merge", shards[0].csv, whole.csv]);
    expect([dup.status, dup.stdout]).toEqual([1, ""]);
    expect(dup.stderr).toContain("submission 'double-free' is in both");
    const dupJson = await msgslot(["merge", whole.json, shards[1].json]);
    expect([dupJson.status, dupJson.stderr]).toEqual([1, expect.stringContaining("submission 'leak'")]);
    const dupJunit = await msgslot(["merge", shards[2].junit, shards[2].junit]);
    expect([dupJunit.status, dupJunit.stderr]).toEqual([1, expect.stringContaining("submission 'overflow-by-one'")]);

    const other = join(dir, "other.csv");
    writeFileSync(other, "submission,score,max_score,crash,error\nzz,35,35,1,\n");
    const header = await msgslot(["merge", shards[0].csv, other]);
    expect([header.status, header.stderr]).toEqual([1, expect.stringContaining("header differs")]);

    const missing = await msgslot(["merge", shards[0].csv, join(dir, "nope.csv")]);
    expect([missing.status, missing.stderr]).toEqual([1, `msgslot merge: ${join(dir, "nope.csv")}: No such file or directory\n`]);
    const badJson = join(dir, "bad.json");
    writeFileSync(badJson, "[{\"score\": 1,");
    expect((await msgslot(["merge", badJson])).stderr).toContain("malformed JSON");
    const foreign = join(dir, "foreign.json");
    writeFileSync(foreign, "[{\"score\": 1}]");
    expect(await msgslot(["merge", foreign])).toMatchObject({ status: 1, stderr: expect.stringContaining("not results.json") });
    const badXml = join(dir, "bad.xml");
    writeFileSync(badXml, "<html></html>");
    expect(await msgslot(["merge", badXml])).toMatchObject({ status: 1, stderr: expect.stringContaining("not a JUnit document") });
    const unknown = join(dir, "notes.txt");
    writeFileSync(unknown, "hello");
    expect(await msgslot(["merge", unknown])).toMatchObject({ status: 1, stderr: expect.stringContaining("not a CSV, JSON or JUnit") });
    const ragged = join(dir, "ragged.csv");
    writeFileSync(ragged, "submission,score,max_score,crash,error\nzz,35\n");
    expect(await msgslot(["merge", ragged])).toMatchObject({ status: 1, stderr: expect.stringContaining("row 2 has 2 cells") });

    // kind by content when the extension says nothing
    const noext = join(dir, "scores-noext");
    writeFileSync(noext, readFileSync(shards[1].csv));
    expect((await msgslot(["merge", noext])).stdout).toBe(readFileSync(shards[1].csv, "utf8"));

    expect((await msgslot(["merge"])).status).toBe(2);
    expect((await msgslot(["merge", "--bogus", shards[0].csv])).status).toBe(2);
    const mixed = await msgslot(["merge", "--csv", join(dir, "x.csv"), shards[0].csv, shards[0].json]);
    expect([mixed.status, mixed.stderr]).toEqual([2, expect.stringContaining("--json")]);
    expect(existsSync(join(dir, "x.csv"))).toBe(false);
    const help = await msgslot(["merge", "--help"]);
    expect([help.status, help.stdout]).toEqual([0, expect.stringContaining("Usage: msgslot merge")]);
  }, 60_000);
});
