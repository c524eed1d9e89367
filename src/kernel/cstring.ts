// Reading C strings out of module memory, and the allocation-site table that
// turns (__FILE__, __LINE__, __func__) pointers into names once per site.

import type { AllocSite } from "./heap.js";

const decoder = new TextDecoder("utf-8", { fatal: false });

/** The NUL-terminated string at ptr (at most max bytes; "" for a NULL or out-of-range pointer). */
export function readCString(mem: Uint8Array, ptr: number, max = 4096): string {
  if (ptr <= 0 || ptr >= mem.length) return "";
  const end = Math.min(mem.length, ptr + max);
  let i = ptr;
  while (i < end && mem[i] !== 0) i++;
  return decoder.decode(mem.subarray(ptr, i));
}

export function decodeBytes(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** entries of SiteTable's direct-mapped cache (a power of two) */
const SITE_CACHE = 256;

export class SiteTable {
  private readonly ids = new Map<number, Map<number, number>>();
  private readonly sites: AllocSite[] = [{ file: "", line: 0, func: "?" }];
  // in front of the Maps, for kmalloc/kfree on every write: (file, line, func) -> id, id 0 = empty
  private readonly cacheKeys = new Int32Array(3 * SITE_CACHE);
  private readonly cacheIds = new Int32Array(SITE_CACHE);

  constructor(private readonly view: () => Uint8Array) {}

  /** The id of the site named by string-literal pointers; 0 for an unknown site. */
  intern(filePtr: number, line: number, funcPtr: number): number {
    const h = (Math.imul(filePtr ^ Math.imul(line, 0x9e3779b1), 0x85ebca6b) ^ funcPtr) & (SITE_CACHE - 1);
    const k = 3 * h;
    const keys = this.cacheKeys;
    if (keys[k] === (filePtr | 0) && keys[k + 1] === (line | 0) && keys[k + 2] === (funcPtr | 0) && this.cacheIds[h] !== 0) return this.cacheIds[h]!;
    const id = this.lookup(filePtr, line, funcPtr);
    keys[k] = filePtr;
    keys[k + 1] = line;
    keys[k + 2] = funcPtr;
    this.cacheIds[h] = id;
    return id;
  }

  private lookup(filePtr: number, line: number, funcPtr: number): number {
    // literals never move, so the pointers themselves identify the site
    const key = filePtr * 65536 + (line & 0xffff);
    let byFunc = this.ids.get(key);
    if (!byFunc) this.ids.set(key, (byFunc = new Map()));
    let id = byFunc.get(funcPtr);
    if (id === undefined) {
      const mem = this.view();
      id = this.sites.length;
      this.sites.push({ file: readCString(mem, filePtr, 256), line, func: readCString(mem, funcPtr, 256) });
      byFunc.set(funcPtr, id);
    }
    return id;
  }

  /** A site the host names itself (e.g. the VFS freeing a struct file). */
  named(file: string, func: string): number {
    this.sites.push({ file, line: 0, func });
    return this.sites.length - 1;
  }

  get(id: number): AllocSite {
    return this.sites[id] ?? this.sites[0];
  }
}
