// The disk cache (Node only): <key>.wasm + <key>.json per successful compile, so a fresh process
// (npm install, the CLI, each vitest worker) does not recompile unchanged C.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepoRoot } from "./repo-root.js";
import type { CacheEntry, CompileStore, Diagnostic } from "./types.js";

interface Meta {
  ok: true;
  diagnostics: Diagnostic[];
  log: string;
  backend: string;
}

/** $MSGSLOT_CACHE_DIR, else node_modules/.cache/msgslot/ in the checkout. */
export function defaultCacheDir(): string {
  if (process.env.MSGSLOT_CACHE_DIR) return process.env.MSGSLOT_CACHE_DIR;
  try {
    return join(findRepoRoot(), "node_modules", ".cache", "msgslot");
  } catch {
    return join(tmpdir(), "msgslot-cache");
  }
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
