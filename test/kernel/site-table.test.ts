// SiteTable.intern: the cache in front of the Maps never changes which id a site gets.
import { describe, expect, it } from "vitest";
import { SiteTable } from "../../src/kernel/cstring.js";

describe("SiteTable.intern", () => {
  it("gives one id per (file, line, func), the same with or without cache hits", () => {
    const mem = new Uint8Array(1 << 16);
    const put = (at: number, s: string) => {
      mem.set(new TextEncoder().encode(s + "\0"), at);
      return at;
    };
    const files = [put(100, "a.c"), put(200, "b.c")];
    const funcs = [put(300, "f"), put(400, "g"), put(500, "h")];
    const t = new SiteTable(() => mem);
    const ref = new Map<string, number>();
    // enough distinct sites to evict each other from the 256-entry cache, visited twice
    for (let pass = 0; pass < 2; pass++) {
      for (let line = 1; line < 200; line++) {
        for (const f of files) {
          for (const fn of funcs) {
            const id = t.intern(f, line, fn);
            const key = `${f}:${line}:${fn}`;
            if (!ref.has(key)) ref.set(key, id);
            expect(id, key).toBe(ref.get(key));
          }
        }
      }
    }
    expect(new Set(ref.values()).size).toBe(ref.size);
    const id = t.intern(files[1]!, 42, funcs[2]!);
    expect(t.get(id)).toEqual({ file: "b.c", line: 42, func: "h" });
  });
});
