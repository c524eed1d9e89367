// The in-memory cache: recent compiles by key, including ones still running (so two identical
// requests at once compile once). Bounded, least recently used out first.
import type { CacheEntry } from "./types.js";

const LIMIT = 64;

export class MemoryCache {
  readonly #entries = new Map<string, Promise<CacheEntry>>();

  get(key: string): Promise<CacheEntry> | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, entry: Promise<CacheEntry>): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    // A backend that threw (not a compile error) is not remembered.
    entry.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    while (this.#entries.size > LIMIT) this.#entries.delete(this.#entries.keys().next().value!);
  }

  clear(): void {
    this.#entries.clear();
  }
}
