// The cache key: SHA-256 over a canonical serialization of everything that decides the output.
import type { SourceTree } from "./types.js";

const FORMAT = "msgslot-toolchain-key/1";

export interface KeyInput {
  kind: string;
  args: string[];
  backend: string;
  version: string;
  files: SourceTree;
}

/** Each part is length-prefixed, so no two different inputs serialize alike. */
function serialize(input: KeyInput): Uint8Array<ArrayBuffer> {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const add = (p: string | Uint8Array) => {
    const bytes = typeof p === "string" ? enc.encode(p) : p;
    parts.push(enc.encode(`${bytes.length}:`), bytes);
  };
  add(FORMAT);
  add(input.kind);
  add(input.backend);
  add(input.version);
  add(String(input.args.length));
  input.args.forEach(add);
  const paths = Object.keys(input.files).sort();
  add(String(paths.length));
  for (const p of paths) {
    add(p);
    add(input.files[p]!);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function cacheKey(input: KeyInput): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", serialize(input));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
