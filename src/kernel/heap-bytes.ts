// Byte patterns of SLUB debugging (include/linux/poison.h) and helpers over them.

/** red zone of a live object */
export const RED_ACTIVE = 0xcc;
/** red zone of a free object */
export const RED_INACTIVE = 0xbb;
/** a free object's bytes */
export const POISON_FREE = 0x6b;
/** a free object's last byte */
export const POISON_END = 0xa5;

/**
 * Index of the first byte in [from, to) that is not `value`, or -1. With `words`, an Int32Array
 * over the same buffer as `mem` (both from offset 0), the aligned middle is compared four bytes
 * at a time: SLUB's poison and red-zone checks run on every kfree.
 */
export function firstMismatch(mem: Uint8Array, from: number, to: number, value: number, words?: Int32Array): number {
  let i = from;
  if (words !== undefined && to - from >= 12) {
    for (; (i & 3) !== 0; i++) if (mem[i] !== value) return i;
    const pattern = Math.imul(value, 0x01010101);
    const end = to >>> 2;
    let w = i >>> 2;
    // four words a step while they all match (a 128-byte object is 32 words), then one at a time
    const end4 = w + ((end - w) & ~3);
    while (w < end4 && words[w] === pattern && words[w + 1] === pattern && words[w + 2] === pattern && words[w + 3] === pattern) w += 4;
    while (w < end && words[w] === pattern) w++;
    i = w << 2;
  }
  for (; i < to; i++) if (mem[i] !== value) return i;
  return -1;
}

/**
 * mem.fill(value, from, to), by words for a short range (`words` as for firstMismatch): the
 * red zones kmalloc writes are 16 to 48 bytes, where fill()'s call costs more than the stores.
 */
export function fillBytes(mem: Uint8Array, words: Int32Array, from: number, to: number, value: number): void {
  if (to - from > 64) {
    mem.fill(value, from, to);
    return;
  }
  let i = from;
  if (to - from >= 8) {
    for (; (i & 3) !== 0; i++) mem[i] = value;
    const pattern = Math.imul(value, 0x01010101);
    const end = to >>> 2;
    for (let w = i >>> 2; w < end; w++) words[w] = pattern;
    i = Math.max(i, end << 2);
  }
  for (; i < to; i++) mem[i] = value;
}

/** print_hex_dump style lines: 16 bytes of hex then their ASCII. */
export function hexDump(mem: Uint8Array, from: number, length: number): string[] {
  const lines: string[] = [];
  for (let off = 0; off < length; off += 16) {
    const row = mem.subarray(from + off, from + Math.min(length, off + 16));
    const hexes = Array.from(row, (b) => b.toString(16).padStart(2, "0")).join(" ");
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    lines.push(`${(from + off).toString(16).padStart(8, "0")}: ${hexes.padEnd(47, " ")}  ${ascii}`);
  }
  return lines;
}
