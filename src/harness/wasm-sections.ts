// Reading and appending custom sections of a wasm binary (WebAssembly spec §5.5.3: id 0, size,
// name, bytes). Browser-safe, no compile needed.

import { leb, readU32 } from "../wasi/wasm-leb.js";

/** A copy of `wasm` with a custom section `name` holding `text` (UTF-8) at the end. */
export function appendCustomSection(wasm: Uint8Array, name: string, text: string): Uint8Array {
  const enc = new TextEncoder();
  const nameBytes = enc.encode(name);
  const body = [...leb(nameBytes.length), ...nameBytes, ...enc.encode(text)];
  const section = [0, ...leb(body.length), ...body];
  const out = new Uint8Array(wasm.length + section.length);
  out.set(wasm);
  out.set(section, wasm.length);
  return out;
}

/** The payloads of every custom section `name`; [] for bytes that are not a well-formed module. */
export function customSections(wasm: Uint8Array, name: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = 8; // magic + version
  const u32 = (): number => {
    const [n, next] = readU32(wasm, p);
    p = next;
    return n;
  };
  try {
    while (p < wasm.length) {
      const id = wasm[p++]!;
      const size = u32();
      const end = p + size;
      if (end > wasm.length) break;
      if (id === 0) {
        const len = u32();
        const sectionName = new TextDecoder().decode(wasm.subarray(p, p + len));
        if (sectionName === name) out.push(wasm.slice(p + len, end));
      }
      p = end;
    }
  } catch {
    /* truncated: what was read so far */
  }
  return out;
}
