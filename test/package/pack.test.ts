// The npm package as an instructor gets it: `npm pack`, install the tarball into an empty project
// (no clone, no dev dependencies, no build), make the installation read-only, then grade the
// reference and replay a scenario with `npx msgslot`. Expects dist/ and wasm/ built (`npm test`
// builds first); packs with --ignore-scripts so it never rebuilds under other tests' feet.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readZip, ZIP_LIMITS } from "../../src/harness/grade/zip.js";
import { findRepoRoot } from "../../src/toolchain/repo-root.js";

const repo = findRepoRoot();
const NOBODY = 65534;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without what `npm test` adds for its own script (npm_config_local_prefix would
 *  point npm at the checkout) or msgslot's cache override; npm's other settings stay. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const drop = /^(npm_(package_|lifecycle_|command$|config_(local_prefix|call|yes|global)$)|INIT_CWD$|MSGSLOT_CACHE_DIR$)/i;
  for (const [k, v] of Object.entries(process.env)) if (!drop.test(k)) env[k] = v;
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", ...extra };
}

function run(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string; uid?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ["pipe", "pipe", "pipe"],
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}

/** Whether `npx` runs as nobody here (root in a container; node must be reachable for nobody). */
function canRunAsNobody(cwd: string): boolean {
  if (process.getuid?.() !== 0) return false;
  const r = spawnSync("npx", ["--version"], { cwd, uid: NOBODY, gid: NOBODY, env: cleanEnv({ HOME: cwd, npm_config_cache: join(cwd, ".npm-probe"), npm_config_userconfig: join(cwd, ".npmrc") }), encoding: "utf8" });
  return r.status === 0;
}

/** Every file under `dir`, relative to it. */
function listFiles(dir: string, rel = ""): string[] {
  if (!existsSync(join(dir, rel))) return [];
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, join(rel, e.name)) : [join(rel, e.name)],
  );
}

interface PackResult {
  filename: string;
  version: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
}

describe("the npm package, installed from its tarball", () => {
  let tmp: string;
  let proj: string;
  let pkgDir: string;
  let xdg: string;
  let home: string;
  let pack: PackResult;
  let install: Run;
  let asNobody = false;
  let readOnlyChmod = false;
  /** false only as root where nobody cannot run node: then nothing can be made read-only */
  let readOnly = false;
  let env: NodeJS.ProcessEnv;
  let pkgFilesBefore: string[];
  const npx = (args: string[], input?: string) =>
    run("npx", ["--no-install", "msgslot", ...args], { cwd: proj, env, ...(input !== undefined ? { input } : {}), ...(asNobody ? { uid: NOBODY } : {}) });

  beforeAll(async () => {
    for (const built of ["dist/cli/main.js", "dist/harness/grade/worker.js", "dist/harness/grade/build-child.js", "wasm/message_slot.wasm"])
      if (!existsSync(join(repo, built))) throw new Error(`${built} is missing: run npm run build first`);
    tmp = await mkdtemp(join(tmpdir(), "msgslot-pack-"));
    await chmod(tmp, 0o755);
    const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], { cwd: repo, env: cleanEnv({}) });
    expect(packed.code, packed.stderr).toBe(0);
    pack = (JSON.parse(packed.stdout) as PackResult[])[0]!;

    proj = join(tmp, "proj");
    await mkdir(proj);
    await writeFile(join(proj, "package.json"), JSON.stringify({ name: "course", private: true }) + "\n");
    install = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(tmp, pack.filename)], { cwd: proj, env: cleanEnv({}) });
    expect(install.code, install.stderr).toBe(0);
    pkgDir = join(proj, "node_modules", "msgslot");

    // Read-only: as root, run as nobody (the project is root's, 0755); otherwise take write
    // permission off node_modules. The per-user cache goes to $XDG_CACHE_HOME.
    home = join(tmp, "home");
    xdg = join(home, "xdg");
    await mkdir(xdg, { recursive: true });
    asNobody = canRunAsNobody(tmp);
    if (asNobody) {
      spawnSync("chown", ["-R", `${NOBODY}:${NOBODY}`, home]);
    } else {
      expect(spawnSync("chmod", ["-R", "a-w", join(proj, "node_modules")]).status).toBe(0);
      readOnlyChmod = true;
    }
    readOnly = asNobody || process.getuid?.() !== 0;
    // npx reads no user config and keeps its cache (logs) in the test's home
    env = cleanEnv({ HOME: home, XDG_CACHE_HOME: xdg, npm_config_cache: join(home, ".npm"), npm_config_userconfig: join(home, ".npmrc") });
    pkgFilesBefore = listFiles(pkgDir);
  }, 180_000);

  afterAll(async () => {
    if (!tmp) return;
    if (readOnlyChmod) spawnSync("chmod", ["-R", "u+w", join(proj, "node_modules")]);
    await rm(tmp, { recursive: true, force: true });
  });

  it("carries the build, the C and the conformance data, and none of the development tree", () => {
    const files = pack.files.map((f) => f.path);
    for (const f of [
      "package.json", "README.md", "bin/msgslot.js",
      "dist/cli/main.js", "dist/cli/shell-worker.js", "dist/harness/grade/worker.js", "dist/harness/grade/build-child.js",
      "wasm/message_slot.wasm", "wasm/message_sender.wasm", "wasm/message_reader.wasm",
      "module-c/message_slot.c", "module-c/message_slot.h", "module-c/message_sender.c", "module-c/message_reader.c", "module-c/Kbuild",
      "module-c/kernel/libkern.h", "module-c/include/linux/fs.h", "module-c/user/ioctl.c", "module-c/user/strerror.c",
      "conformance/programs/expected.json", "conformance/scenarios/01_basic.scn", "conformance/expected/01_basic.out",
    ])
      expect(files, f).toContain(f);
    const stray = files.filter((f) => /^(src|test|web|e2e|bench|scripts|docs|node_modules|conformance\/students)\/|\.map$|^tsconfig|^vite|^vitest|^playwright/.test(f));
    expect(stray).toEqual([]);
    expect(pack.size).toBeLessThan(2_000_000);
  });

  it("needs neither the build tools nor an install script", async () => {
    const manifest = JSON.parse(await readFile(join(pkgDir, "package.json"), "utf8")) as { scripts?: Record<string, string>; dependencies?: Record<string, string> };
    for (const s of ["preinstall", "install", "postinstall"]) expect(manifest.scripts?.[s], s).toBeUndefined();
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(["@bjorn3/browser_wasi_shim", "@yowasp/clang", "binaryen"]);
    // prepare (the clone's build) is not run for a tarball: it would need tsc, which is absent
    expect(install.stdout + install.stderr).not.toMatch(/> msgslot@\S+ prepare/);
    for (const dev of ["typescript", "vite", "vitest", "@playwright/test"]) expect(existsSync(join(proj, "node_modules", dev)), dev).toBe(false);
  });

  it("grades the reference to 100/100 from a read-only installation, caching in the per-user directory", async () => {
    const t0 = Date.now();
    const r = await npx(["grade", join(pkgDir, "module-c")]);
    console.log(`pack.test: first grade from the installed package in ${((Date.now() - t0) / 1000).toFixed(1)} s (${asNobody ? "as nobody" : readOnly ? "chmod a-w" : "root, not read-only"}); tarball ${pack.size} bytes, ${pack.entryCount} files`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/build message_slot \(module\): ok/);
    expect(r.stdout).toMatch(/programs behave as on Linux: OK/); // conformance/programs shipped
    expect(r.stdout).toMatch(/\b[1-9]\d* recorded cases replayed, 0 differ/);
    expect(r.stdout).toMatch(/^Score: 100\/100$/m);
    const cache = readOnly ? join(xdg, "msgslot") : join(proj, "node_modules", ".cache", "msgslot");
    expect(readdirSync(cache).filter((f) => f.endsWith(".wasm")).length).toBeGreaterThanOrEqual(3);
    expect(listFiles(pkgDir)).toEqual(pkgFilesBefore); // nothing written into the package
    if (readOnly) expect(existsSync(join(proj, "node_modules", ".cache"))).toBe(false);
  }, 300_000);

  it("writes a Gradescope autograder from the installation: its own tarball inside", async () => {
    const out = join(home, "autograder.zip");
    const r = await npx(["gradescope", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^wrote .*autograder\\.zip \\(\\d+ bytes\\): msgslot ${pack.version.replace(/\./g, "\\.")} `));
    const { files } = readZip(new Uint8Array(readFileSync(out)), { ...ZIP_LIMITS, maxFileBytes: 16 << 20 });
    expect(Object.keys(files).sort()).toEqual(["autograder.json", pack.filename, "msgslot-install.json", "run_autograder", "setup.sh"]);
    expect(listFiles(pkgDir)).toEqual(pkgFilesBefore); // packed without writing into the package
  }, 120_000);

  it("replays a conformance scenario as Linux did", async () => {
    const r = await npx(["scenario", join(pkgDir, "conformance/scenarios/06_fork_dup.scn")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(pkgDir, "conformance/expected/06_fork_dup.out"), "utf8"));
    const all = await npx(["scenario", "--expect", join(pkgDir, "conformance/expected"), join(pkgDir, "conformance/scenarios/01_basic.scn"), join(pkgDir, "conformance/scenarios/05_ioctl.scn")]);
    expect(all.code, all.stdout + all.stderr).toBe(0);
  }, 120_000);

  it("runs the shell: run and shell", async () => {
    const r = await npx(["run", "mknod /dev/slot0 c 235 0; insmod; ./message_sender /dev/slot0 4 hello; ./message_reader /dev/slot0 4"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("hello");
    const s = await npx(["shell"], "insmod\nlsmod\nexit\n");
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/^message_slot\s+\d+\s+0$/m);
  }, 120_000);
});
