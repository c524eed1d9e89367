// LEB128, the integer encoding of the wasm binary format (WebAssembly spec §5.2.2): what the
// rewrites of wasm bytes here (program-memory.ts) and in the harness (wasm-sections.ts) share.
// Browser-safe.

/** n (an unsigned 32-bit value) as unsigned LEB128 bytes */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** The unsigned LEB128 number at b[p], and the position after it; RangeError when truncated. */
export function readU32(b: Uint8Array, p: number): [number, number] {
  let n = 0, shift = 0, byte: number;
  do {
    if (p >= b.length) throw new RangeError("truncated");
    byte = b[p++]!;
    n += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [n, p];
}
