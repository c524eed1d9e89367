// The compile cache of the browser: IndexedDB behind the toolchain's in-memory cache, so a
// returning user's first Build does not compile libkern and unchanged files again.
// Best effort: any IndexedDB failure is a cache miss.

import type { CacheEntry, CompileStore } from "../../src/toolchain/types.js";

const DB = "msgslot-compile-cache";
const STORE = "entries";
const LIMIT = 200;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function createIdbStore(): CompileStore | undefined {
  if (typeof indexedDB === "undefined") return undefined;
  let db: Promise<IDBDatabase> | undefined;
  const tx = async (mode: IDBTransactionMode) => (await (db ??= open())).transaction(STORE, mode).objectStore(STORE);
  return {
    async get(key) {
      try {
        const e = (await done((await tx("readonly")).get(key))) as CacheEntry | undefined;
        return e && e.ok && e.wasm instanceof Uint8Array ? e : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, entry) {
      if (!entry.ok || !entry.wasm) return;
      try {
        const store = await tx("readwrite");
        // a simple bound: past LIMIT entries, start over
        if ((await done(store.count())) >= LIMIT) await done(store.clear());
        await done(store.put({ ok: true, wasm: entry.wasm, diagnostics: entry.diagnostics, log: entry.log, backend: entry.backend }, key));
      } catch {
        // quota, private mode: no persistent cache
      }
    },
  };
}
