// The autograder zip: setup.sh and run_autograder at its root (Gradescope's specification), the
// msgslot tarball and the package.json that pins its dependencies, the settings, and the
// instructor's tests when given.

import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeZip, type ZipEntry } from "../grade/zip-write.js";
import { CONFIG_FILE, INSTALL_MANIFEST, TESTS_DIR, type AutograderConfig } from "./config.js";
import { installedDependencies, installManifest, packMsgslot } from "./package.js";
import { runAutograderScript, setupScript } from "./scripts.js";

export interface BuildOptions {
  /** the msgslot package to pack (the checkout or node_modules/msgslot) */
  pkgDir: string;
  settings: Omit<AutograderConfig, "msgslot" | "tarball" | "tests">;
  /** the instructor's tests folder */
  testsDir?: string;
}

export interface BuiltAutograder {
  zip: Uint8Array;
  config: AutograderConfig;
  /** the entries' paths, in order */
  paths: string[];
  tarballBytes: number;
  testFiles: number;
}

export class TestsDirError extends Error {}

const MAX_TEST_FILES = 2000;
const MAX_TESTS_BYTES = 64 << 20;

/** Every regular file under `dir` ('/'-separated, sorted), bounded; symbolic links are refused. */
async function collectTests(dir: string): Promise<{ path: string; data: Uint8Array; mode: number }[]> {
  let st;
  try {
    st = await lstat(dir);
  } catch {
    throw new TestsDirError(`${dir}: No such file or directory`);
  }
  if (!st.isDirectory()) throw new TestsDirError(`${dir}: not a directory`);
  const out: { path: string; data: Uint8Array; mode: number }[] = [];
  let total = 0;
  const walk = async (rel: string) => {
    const entries = (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) throw new TestsDirError(`${join(dir, path)}: a symbolic link (copy the file itself into the tests folder)`);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) {
        const full = join(dir, path);
        const s = await lstat(full);
        total += s.size;
        if (out.length >= MAX_TEST_FILES || total > MAX_TESTS_BYTES) throw new TestsDirError(`${dir}: more than ${MAX_TEST_FILES} files or ${MAX_TESTS_BYTES >> 20} MiB`);
        out.push({ path, data: new Uint8Array(await readFile(full)), mode: s.mode & 0o111 ? 0o755 : 0o644 });
      }
    }
  };
  await walk("");
  if (out.length === 0) throw new TestsDirError(`${dir}: no files in it`);
  return out;
}

export async function buildAutograder(opts: BuildOptions): Promise<BuiltAutograder> {
  // the tests first: a wrong folder fails before the slower packing
  const tests = opts.testsDir !== undefined ? await collectTests(opts.testsDir) : [];
  const packed = await packMsgslot(opts.pkgDir);
  const config: AutograderConfig = {
    msgslot: packed.version,
    tarball: packed.filename,
    ...opts.settings,
    ...(tests.length ? { tests: TESTS_DIR } : {}),
  };
  const entries: ZipEntry[] = [
    { path: "setup.sh", data: setupScript(config.variant), mode: 0o755 },
    { path: "run_autograder", data: runAutograderScript(), mode: 0o755 },
    { path: CONFIG_FILE, data: JSON.stringify(config, null, 2) + "\n" },
    { path: INSTALL_MANIFEST, data: installManifest(packed.filename, installedDependencies(opts.pkgDir)) },
    { path: packed.filename, data: packed.bytes },
    ...tests.map((t) => ({ path: `${TESTS_DIR}/${t.path}`, data: t.data, mode: t.mode })),
  ];
  return {
    zip: writeZip(entries),
    config,
    paths: entries.map((e) => e.path),
    tarballBytes: packed.bytes.length,
    testFiles: tests.length,
  };
}
