// The disk cache (Node only): <key>.wasm + <key>.json per successful compile, so a fresh process
// (npm install, the CLI, each vitest worker) does not recompile unchanged C.
import { accessSync, constants, statSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir, tmpdir, userInfo } from "node:os";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { findRepoRoot } from "./repo-root.js";
import type { CacheEntry, CompileStore, Diagnostic } from "./types.js";

interface Meta {
  ok: true;
  diagnostics: Diagnostic[];
  log: string;
  backend: string;
}

export interface CacheDirContext {
  env: Record<string, string | undefined>;
  /** the msgslot package: a checkout, or an installed node_modules/msgslot; undefined if not found */
  root: string | undefined;
  home: string;
  tmp: string;
  /** a suffix that keeps users apart in a shared temporary directory */
  user: string;
  /** whether a directory exists and is writable, or could be created */
  writable: (dir: string) => boolean;
}

/** The cache directory for `ctx`, first of: $MSGSLOT_CACHE_DIR; node_modules/.cache/msgslot (of
 *  the checkout, or of the project an installed package sits in), if writable; the per-user
 *  $XDG_CACHE_HOME/msgslot or ~/.cache/msgslot, if writable; else <tmp>/msgslot-cache-<user>. */
export function chooseCacheDir(ctx: CacheDirContext): string {
  if (ctx.env.MSGSLOT_CACHE_DIR) return ctx.env.MSGSLOT_CACHE_DIR;
  if (ctx.root !== undefined) {
    const local = join(enclosingNodeModules(ctx.root) ?? join(ctx.root, "node_modules"), ".cache", "msgslot");
    if (ctx.writable(local)) return local;
  }
  const xdg = ctx.env.XDG_CACHE_HOME;
  const user = xdg && isAbsolute(xdg) ? join(xdg, "msgslot") : ctx.home ? join(ctx.home, ".cache", "msgslot") : undefined;
  if (user !== undefined && ctx.writable(user)) return user;
  return join(ctx.tmp, `msgslot-cache-${ctx.user}`);
}

/** node_modules/ holding `root` when it is an installed package (node_modules/msgslot or
 *  node_modules/@scope/msgslot), else undefined. */
function enclosingNodeModules(root: string): string | undefined {
  let up = dirname(root);
  if (basename(up).startsWith("@")) up = dirname(up);
  return basename(up) === "node_modules" ? up : undefined;
}

/** Whether `dir` is, or could be created as, a directory this process can write to: the nearest
 *  existing ancestor must be a writable directory. */
export function isWritableDir(dir: string): boolean {
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      if (!statSync(d).isDirectory()) return false;
      accessSync(d, constants.W_OK | constants.X_OK);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || dirname(d) === d) return false;
    }
  }
}

/** $MSGSLOT_CACHE_DIR, else node_modules/.cache/msgslot/ in the checkout (or in the project that
 *  installed msgslot) when writable, else a per-user cache directory: see chooseCacheDir. */
export function defaultCacheDir(): string {
  let root: string | undefined;
  try {
    root = findRepoRoot();
  } catch {
    root = undefined;
  }
  let user: string;
  try {
    user = userInfo().username || String(process.getuid?.() ?? "user");
  } catch {
    user = String(process.getuid?.() ?? "user");
  }
  return chooseCacheDir({ env: process.env, root, home: homedir(), tmp: tmpdir(), user, writable: isWritableDir });
}

export function createDiskCache(dir: string = defaultCacheDir()): CompileStore {
  return {
    async get(key) {
      try {
        const meta = JSON.parse(await readFile(join(dir, `${key}.json`), "utf8")) as Meta;
        const wasm = new Uint8Array(await readFile(join(dir, `${key}.wasm`)));
        return { ...meta, wasm };
      } catch {
        return undefined; // missing or half-written: a miss
      }
    },
    async set(key, entry: CacheEntry) {
      if (!entry.ok || !entry.wasm) return;
      await mkdir(dir, { recursive: true });
      const meta: Meta = { ok: true, diagnostics: entry.diagnostics, log: entry.log, backend: entry.backend };
      // Write then rename, so a concurrent reader never sees a partial file. The wasm goes
      // first: get() reads the json first, and a json implies its wasm is complete.
      const tmp = `.${process.pid}-${Math.random().toString(36).slice(2)}`;
      await writeFile(join(dir, `${key}.wasm${tmp}`), entry.wasm);
      await rename(join(dir, `${key}.wasm${tmp}`), join(dir, `${key}.wasm`));
      await writeFile(join(dir, `${key}.json${tmp}`), JSON.stringify(meta));
      await rename(join(dir, `${key}.json${tmp}`), join(dir, `${key}.json`));
    },
  };
}
