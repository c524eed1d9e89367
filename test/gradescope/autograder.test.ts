// The Gradescope autograder as Gradescope runs it: `msgslot gradescope` writes the zip; the test
// lays out /autograder/ in a temporary root ($MSGSLOT_AUTOGRADER_ROOT): the zip's contents in
// source/, run_autograder copied to the root, then setup.sh (Node is present, so it must keep it;
// npm offline, so msgslot and its dependencies come from the zip's tarball and npm's cache), then
// run_autograder on submissions as Gradescope delivers them, reading results.json each time.
// Expects dist/ and wasm/ built (`npm test` builds first).
import { spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readZip, ZIP_LIMITS } from "../../src/harness/grade/zip.js";
import { VISIBILITIES } from "../../src/harness/gradescope/results.js";
import { makeZip } from "../grade/zip-writer.js";
import { REPO } from "../helpers/modules.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

interface Results {
  score: number;
  max_score?: number;
  execution_time: number;
  output: string;
  stdout_visibility: string;
  tests: { name: string; score: number; max_score: number; status: string; output: string; visibility: string; tags?: string[] }[];
}

/** The environment without what `npm test` adds for its own script (npm_config_local_prefix
 *  would point npm at the checkout), nor msgslot's cache override. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const drop = /^(npm_(package_|lifecycle_|command$|config_(local_prefix|call|yes|global)$)|INIT_CWD$|MSGSLOT_)/i;
  for (const [k, v] of Object.entries(process.env)) if (!drop.test(k)) env[k] = v;
  return { ...env, npm_config_update_notifier: "false", ...extra };
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, seconds: (Date.now() - t0) / 1000 }));
  });
}

const msgslot = (args: string[], cwd: string) => run("node", [join(REPO, "bin/msgslot.js"), ...args], cwd, cleanEnv({}));

/** Gradescope's layout: the zip extracted into source/ (modes kept), run_autograder copied to the root. */
async function layOut(root: string, zip: Uint8Array): Promise<void> {
  const { files, modes, findings } = readZip(zip, { ...ZIP_LIMITS, maxFileBytes: 16 << 20 });
  expect(findings).toEqual([]);
  for (const [path, data] of Object.entries(files)) {
    const file = join(root, "source", path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, data);
    await chmod(file, modes[path] ?? 0o644);
  }
  cpSync(join(root, "source/run_autograder"), join(root, "run_autograder"));
  await mkdir(join(root, "submission"), { recursive: true });
  await mkdir(join(root, "results"), { recursive: true });
}

/** A fresh submission/ holding `files` (path -> content). */
async function submit(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  await rm(join(root, "submission"), { recursive: true, force: true });
  for (const [path, data] of Object.entries(files)) {
    await mkdir(dirname(join(root, "submission", path)), { recursive: true });
    await writeFile(join(root, "submission", path), data);
  }
  await mkdir(join(root, "submission"), { recursive: true });
}

const STUDENT_FILES = ["message_slot.c", "message_slot.h", "message_sender.c", "message_reader.c"];
const filesOf = (dir: string, prefix = "") => Object.fromEntries(STUDENT_FILES.map((f) => [prefix + f, readFileSync(join(dir, f))]));

describe("msgslot gradescope: the autograder zip in a Gradescope-like layout", () => {
  let tmp: string;
  let root: string;
  let zip: Uint8Array;
  let setup: Run;
  const env = () => cleanEnv({ MSGSLOT_AUTOGRADER_ROOT: root, npm_config_offline: "true" });
  const autograde = async (): Promise<{ run: Run; results: Results }> => {
    await rm(join(root, "results"), { recursive: true, force: true });
    await mkdir(join(root, "results"));
    // Gradescope runs it in /autograder, as an executable
    const r = await run(join(root, "run_autograder"), [], root, env());
    expect(r.code, r.stderr).toBe(0);
    return { run: r, results: JSON.parse(await readFile(join(root, "results/results.json"), "utf8")) as Results };
  };

  beforeAll(async () => {
    for (const built of ["dist/cli/main.js", "dist/harness/grade/worker.js", "wasm/message_slot.wasm"])
      if (!existsSync(join(REPO, built))) throw new Error(`${built} is missing: run npm run build first`);
    tmp = await mkdtemp(join(tmpdir(), "msgslot-gradescope-"));
    root = join(tmp, "autograder");
    const made = await msgslot(["gradescope", "--out", join(tmp, "autograder.zip")], tmp);
    expect(made.code, made.stderr).toBe(0);
    zip = new Uint8Array(await readFile(join(tmp, "autograder.zip")));
    await layOut(root, zip);
    setup = await run("bash", [join(root, "source/setup.sh")], join(root, "source"), env());
    console.log(`gradescope.test: autograder.zip ${zip.length} bytes; setup.sh ${setup.seconds.toFixed(1)} s`);
  }, 300_000);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("holds setup.sh and run_autograder at its root, executable, and msgslot as an npm tarball", () => {
    const { files, modes } = readZip(zip, { ...ZIP_LIMITS, maxFileBytes: 16 << 20 });
    const version = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;
    expect(Object.keys(files).sort()).toEqual(["autograder.json", `msgslot-${version}.tgz`, "msgslot-install.json", "run_autograder", "setup.sh"]);
    expect(modes["setup.sh"]).toBe(0o755);
    expect(modes["run_autograder"]).toBe(0o755);
    expect(String(files["setup.sh"])).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(String(files["run_autograder"])).toMatch(/^#!\/usr\/bin\/env bash\n/);
    const tgz = files[`msgslot-${version}.tgz`] as Uint8Array;
    expect([tgz[0], tgz[1]]).toEqual([0x1f, 0x8b]); // gzip
    expect(JSON.parse(String(files["autograder.json"]))).toMatchObject({ variant: "2023", timeScale: 2, jobs: 1, timeoutSeconds: 600 });
  });

  it("setup.sh keeps the Node it finds and installs msgslot from the zip with its dependencies pinned, offline", async () => {
    expect(setup.code, setup.stdout + setup.stderr).toBe(0);
    expect(setup.stdout).toMatch(new RegExp(`Node\\.js ${process.version.replace(/\./g, "\\.")} is installed: keeping it`));
    expect(setup.stdout).not.toMatch(/installing Node/);
    const installed = join(root, "msgslot/node_modules");
    const version = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;
    expect((JSON.parse(await readFile(join(installed, "msgslot/package.json"), "utf8")) as { version: string }).version).toBe(version);
    // the dependencies are the versions this checkout runs with
    const pins = (JSON.parse(await readFile(join(root, "source/msgslot-install.json"), "utf8")) as { overrides: Record<string, string> }).overrides;
    expect(Object.keys(pins).sort()).toEqual(["@bjorn3/browser_wasi_shim", "@yowasp/clang", "binaryen"]);
    for (const [name, v] of Object.entries(pins)) {
      expect((JSON.parse(await readFile(join(installed, name, "package.json"), "utf8")) as { version: string }).version, name).toBe(v);
      expect((JSON.parse(await readFile(join(REPO, "node_modules", name, "package.json"), "utf8")) as { version: string }).version, name).toBe(v);
    }
    for (const dev of ["typescript", "vitest", "vite"]) expect(existsSync(join(installed, dev)), dev).toBe(false);
    // its check: the installed msgslot grades its own reference
    expect(setup.stdout).toMatch(/^Score: 100\/100$/m);
  });

  it("grades the reference, submitted as files, to 100/100 with Gradescope's fields", async () => {
    await submit(root, filesOf(join(REPO, "module-c")));
    const { run: r, results } = await autograde();
    console.log(`gradescope.test: run_autograder on the reference ${r.seconds.toFixed(1)} s`);
    expect(results.score).toBe(100);
    expect(results.max_score).toBe(100);
    expect(results.stdout_visibility).toBe("hidden");
    expect(results.output).toMatch(/^msgslot \S+, assignment variant 2023\n/);
    expect(results.output).toMatch(/build message_slot \(module\): ok/);
    expect(typeof results.execution_time).toBe("number");
    expect(results.tests.length).toBeGreaterThan(20);
    // the reference has real races (the issue-13 use-after-free): the advisory race explorer says so, for 0 points
    const races = results.tests.find((t) => t.name.startsWith("concurrent syscalls"));
    expect(races).toMatchObject({ status: "failed", score: 0, max_score: 0 });
    expect(races!.output).toMatch(/use-after-free in copy_to_user/);
    for (const t of results.tests.filter((t) => t !== races)) {
      expect(t.name).not.toBe("");
      expect(t.status, t.name).toBe("passed");
      expect(t.score, t.name).toBe(t.max_score);
      expect(VISIBILITIES, t.name).toContain(t.visibility);
      expect(typeof t.output).toBe("string");
    }
    expect(results.tests.reduce((n, t) => n + t.max_score, 0)).toBe(100);
    expect(results.tests.find((t) => t.name === "write then read back")).toMatchObject({ status: "passed", visibility: "visible" });
    expect(r.stdout).toMatch(/results\.json: score 100\/100/); // the staff's log
  }, 300_000);

  it("grades a broken module, submitted as a .zip with a folder inside, to less, saying what failed", async () => {
    // the channel is kept in the slot, not in the open file (test/fixtures/submissions/README.md)
    await submit(root, { "ex3_123456789.zip": makeZip(Object.entries(filesOf(join(REPO, "test/fixtures/submissions/per-slot-channel"), "ex3/")).map(([name, data]) => ({ name, data }))) });
    const { results } = await autograde();
    expect(results.score).toBeLessThan(100);
    expect(results.max_score).toBe(100);
    expect(results.output).toMatch(/sources found in ex3\//);
    const two = results.tests.find((t) => t.name === "two processes, two channels of one slot");
    expect(two).toMatchObject({ status: "failed", score: 0, max_score: 10 });
    expect(two!.output).toMatch(/expected 6 "from A", got 7 "from B!"/);
    expect(results.tests.find((t) => t.name === "write then read back")).toMatchObject({ status: "passed" });
    const lost = results.tests.filter((t) => t.status === "failed").reduce((n, t) => n + t.max_score, 0);
    expect(results.score).toBe(100 - lost);
  }, 300_000);

  it("gives 0 and says what to submit when the submission holds no C files", async () => {
    await submit(root, { "README.txt": "my solution is on github" });
    const { results } = await autograde();
    expect(results.score).toBe(0);
    expect(results.tests).toEqual([]);
    expect(results.output).toMatch(/No C files were found in your submission\. Submit message_slot\.c/);
  });

  it("stops grading before Gradescope's timeout and still writes results.json", async () => {
    const file = join(root, "source/autograder.json");
    const saved = await readFile(file, "utf8");
    // a 1-second timeout (grading stops at the floor of 5 s) and a module whose read of an empty
    // channel never returns, with the lockup threshold and time limits far beyond that
    await writeFile(file, JSON.stringify({ ...JSON.parse(saved), timeoutSeconds: 1, lockupSeconds: 1000, timeScale: 100 }));
    try {
      await submit(root, filesOf(join(REPO, "test/fixtures/submissions/infinite-loop-read")));
      const { results } = await autograde();
      expect(results.score).toBe(0);
      expect(results.output).toMatch(/Grading did not finish within 5 s and was stopped/);
    } finally {
      await writeFile(file, saved);
    }
  }, 120_000);

  it("run_autograder writes a results.json even when msgslot cannot run at all", async () => {
    const bare = join(tmp, "bare");
    await layOut(bare, zip); // setup.sh never ran: no msgslot installed
    const r = await run(join(bare, "run_autograder"), [], bare, cleanEnv({ MSGSLOT_AUTOGRADER_ROOT: bare }));
    expect(r.code).toBe(0);
    const results = JSON.parse(await readFile(join(bare, "results/results.json"), "utf8")) as Results;
    expect(results).toMatchObject({ score: 0, tests: [] });
    expect(results.output).toMatch(/could not run msgslot \(exit status [1-9]\d*\)/);
  });
});
