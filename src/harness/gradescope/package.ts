// The msgslot that goes into the autograder: this installation packed with `npm pack` (the
// tarball an instructor would install), and the exact versions of its runtime dependencies as
// they are here, so that setup.sh installs the same tree for the whole course.

import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface PackedMsgslot {
  /** the tarball's file name, e.g. msgslot-0.1.0.tgz */
  filename: string;
  version: string;
  bytes: Uint8Array;
}

interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

/** npm's own variables from an enclosing `npm run`/`npx` would point `npm pack` at another project. */
function npmEnv(): NodeJS.ProcessEnv {
  const drop = /^(npm_(package_|lifecycle_|command$|config_(local_prefix|prefix|global|call|yes|dry_run|pack_destination|json)$)|INIT_CWD$)/i;
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!drop.test(k)) env[k] = v;
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: npmEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** `npm pack` of the msgslot package at `pkgDir` (no scripts: the build must already be there). */
export async function packMsgslot(pkgDir: string): Promise<PackedMsgslot> {
  for (const built of ["dist/cli/main.js", "dist/harness/grade/worker.js", "dist/harness/grade/build-child.js", "wasm/message_slot.wasm"])
    if (!existsSync(join(pkgDir, built))) throw new Error(`${join(pkgDir, built)} is missing: build msgslot first (npm run build)`);
  const dest = await mkdtemp(join(tmpdir(), "msgslot-gradescope-"));
  try {
    let r;
    try {
      r = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dest], pkgDir);
    } catch (e) {
      throw new Error(`could not run npm pack (${(e as Error).message}); give a tarball with --tarball`);
    }
    if (r.code !== 0) throw new Error(`npm pack failed (exit ${r.code}):\n${r.stderr.trim()}`);
    const [info] = JSON.parse(r.stdout) as { filename: string; version: string }[];
    if (!info) throw new Error("npm pack reported no tarball");
    return { filename: info.filename, version: info.version, bytes: new Uint8Array(await readFile(join(dest, info.filename))) };
  } finally {
    await rm(dest, { recursive: true, force: true });
  }
}

/** The directory of package `name` as Node resolves it from `from`: node_modules of `from` and its ancestors. */
function packageDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** name -> exact version of every runtime dependency of `pkgDir`, transitively, as installed. */
export function installedDependencies(pkgDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    const m = readManifest(dir);
    for (const name of Object.keys({ ...m.dependencies, ...m.optionalDependencies }).sort()) {
      if (name in out) continue;
      const dep = packageDir(name, dir);
      if (!dep) {
        if (m.optionalDependencies && name in m.optionalDependencies) continue;
        throw new Error(`${name}, a dependency of ${m.name ?? dir}, is not installed (run npm install)`);
      }
      const version = readManifest(dep).version;
      if (!version) throw new Error(`${dep}/package.json has no version`);
      out[name] = version;
      visit(dep);
    }
  };
  visit(pkgDir);
  return out;
}

/** The package.json setup.sh installs from: the tarball, and every dependency pinned (npm overrides). */
export function installManifest(tarball: string, dependencies: Record<string, string>): string {
  return JSON.stringify({
    name: "msgslot-autograder",
    private: true,
    description: "msgslot as this course's Gradescope autograder installs it",
    dependencies: { msgslot: `file:../source/${tarball}` },
    overrides: dependencies,
  }, null, 2) + "\n";
}
