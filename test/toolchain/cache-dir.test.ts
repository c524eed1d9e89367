// Where the compile cache goes: the checkout's or the installing project's node_modules/.cache,
// else a per-user directory (a read-only install, e.g. a global one), never the package itself.
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chooseCacheDir, defaultCacheDir, isWritableDir, type CacheDirContext } from "../../src/toolchain/disk-cache.js";
import { findRepoRoot } from "../../src/toolchain/repo-root.js";

const ctx = (over: Partial<CacheDirContext>): CacheDirContext => ({
  env: {}, root: "/repo", home: "/home/u", tmp: "/tmp", user: "u", writable: () => true, ...over,
});

describe("chooseCacheDir", () => {
  it("takes $MSGSLOT_CACHE_DIR first", () => {
    expect(chooseCacheDir(ctx({ env: { MSGSLOT_CACHE_DIR: "/c", XDG_CACHE_HOME: "/x" } }))).toBe("/c");
  });
  it("uses a checkout's node_modules/.cache/msgslot", () => {
    expect(chooseCacheDir(ctx({ root: "/src/msgslot" }))).toBe("/src/msgslot/node_modules/.cache/msgslot");
  });
  it("uses the installing project's node_modules/.cache, not the package's own directory", () => {
    expect(chooseCacheDir(ctx({ root: "/proj/node_modules/msgslot" }))).toBe("/proj/node_modules/.cache/msgslot");
    expect(chooseCacheDir(ctx({ root: "/proj/node_modules/@course/msgslot" }))).toBe("/proj/node_modules/.cache/msgslot");
  });
  it("falls back to $XDG_CACHE_HOME/msgslot, then ~/.cache/msgslot, when node_modules is read-only", () => {
    const readOnly = (d: string) => !d.includes("node_modules");
    const root = "/usr/lib/node_modules/msgslot";
    expect(chooseCacheDir(ctx({ root, writable: readOnly, env: { XDG_CACHE_HOME: "/xdg" } }))).toBe("/xdg/msgslot");
    expect(chooseCacheDir(ctx({ root, writable: readOnly }))).toBe("/home/u/.cache/msgslot");
    expect(chooseCacheDir(ctx({ root, writable: readOnly, env: { XDG_CACHE_HOME: "relative" } }))).toBe("/home/u/.cache/msgslot");
    expect(chooseCacheDir(ctx({ root: undefined, writable: readOnly }))).toBe("/home/u/.cache/msgslot");
  });
  it("ends in a per-user directory under tmp when nothing else is writable", () => {
    expect(chooseCacheDir(ctx({ writable: () => false, user: "alice" }))).toBe("/tmp/msgslot-cache-alice");
  });
});

describe("isWritableDir", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) {
      await chmod(d, 0o755).catch(() => undefined);
      await rm(d, { recursive: true, force: true });
    }
  });
  it("judges by the nearest existing ancestor", async () => {
    const d = await mkdtemp(join(tmpdir(), "msgslot-wdir-"));
    dirs.push(d);
    expect(isWritableDir(join(d, "a", "b", "c"))).toBe(true);
    await mkdir(join(d, "f"));
    expect(isWritableDir(join(d, "f"))).toBe(true);
  });
  // a read-only directory (false) is checked by test/package/pack.test.ts, as user nobody: root
  // may write anywhere, and CI runs as root
});

it("defaultCacheDir in the checkout is its node_modules/.cache/msgslot", () => {
  const saved = process.env.MSGSLOT_CACHE_DIR;
  delete process.env.MSGSLOT_CACHE_DIR;
  try {
    expect(defaultCacheDir()).toBe(join(findRepoRoot(), "node_modules", ".cache", "msgslot"));
  } finally {
    if (saved !== undefined) process.env.MSGSLOT_CACHE_DIR = saved;
  }
});
