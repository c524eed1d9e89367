// Reading a submission's .zip safely (Node: node:zlib inflates). Nothing is
// written to disk: entries become a SourceTree in memory. Refused or skipped,
// each with a finding: absolute paths and "..", symlinks, encrypted entries,
// unknown compression, ZIP64; capped: the number of entries, each entry's and
// the total uncompressed size (checked while inflating, so a zip bomb that
// lies about its sizes stops at the cap).

import { inflateRawSync } from "node:zlib";
import type { SourceTree } from "../../toolchain/index.js";

export interface ZipLimits {
  /** the archive itself */
  maxArchiveBytes: number;
  maxEntries: number;
  /** one entry, uncompressed */
  maxFileBytes: number;
  /** all entries, uncompressed */
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 64 << 20,
  maxEntries: 2000,
  maxFileBytes: 2 << 20,
  maxTotalBytes: 32 << 20,
};

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipError";
  }
}

export interface ZipContents {
  files: SourceTree;
  /** entries skipped and why */
  findings: string[];
  /** the permission bits of the entries a Unix zip recorded (e.g. 0o755 for a script) */
  modes: Record<string, number>;
}

const EOCD_SIG = 0x06054b50, CEN_SIG = 0x02014b50, LOC_SIG = 0x04034b50;

/** A path inside the archive, made relative and checked: null if it must be refused. */
export function safeEntryPath(raw: string): string | null {
  const p = raw.replace(/\\/g, "/");
  if (p.startsWith("/") || /^[A-Za-z]:/.test(p)) return null;
  const parts = p.split("/").filter((x) => x !== "" && x !== ".");
  if (parts.length === 0 || parts.some((x) => x === "..")) return null;
  if (parts.some((x) => /[\u0000-\u001f]/.test(x))) return null;
  return parts.join("/");
}

let crcTable: Uint32Array | undefined;
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function readZip(data: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipContents {
  if (data.length > limits.maxArchiveBytes) throw new ZipError(`the archive is ${data.length} bytes, more than the limit of ${limits.maxArchiveBytes}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // the end of central directory record: at most 64 KiB of comment after it
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("not a zip archive (no end of central directory record)");
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOff = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOff === 0xffffffff) throw new ZipError("ZIP64 archives are not supported");
  if (count > limits.maxEntries) throw new ZipError(`the archive has ${count} entries, more than the limit of ${limits.maxEntries}`);
  if (cdOff + cdSize > data.length) throw new ZipError("truncated zip archive (central directory past the end)");

  const files: SourceTree = {};
  const findings: string[] = [];
  const modes: Record<string, number> = {};
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const latin1 = new TextDecoder("latin1");
  let total = 0;
  let p = cdOff;
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || view.getUint32(p, true) !== CEN_SIG) throw new ZipError("corrupt zip archive (bad central directory entry)");
    const madeBy = view.getUint16(p + 4, true) >>> 8;
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const csize = view.getUint32(p + 20, true);
    const usize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const attrs = view.getUint32(p + 38, true);
    const local = view.getUint32(p + 42, true);
    const nameBytes = data.subarray(p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    const name = flags & 0x800 ? new TextDecoder().decode(nameBytes) : (() => {
      try {
        return utf8.decode(nameBytes);
      } catch {
        return latin1.decode(nameBytes);
      }
    })();
    if (name.endsWith("/")) continue; // a directory
    const path = safeEntryPath(name);
    if (path === null) {
      findings.push(`refused ${JSON.stringify(name)}: absolute path or '..' (path traversal)`);
      continue;
    }
    const mode = attrs >>> 16;
    if (madeBy === 3 && (mode & 0o170000) === 0o120000) {
      findings.push(`ignored ${path}: a symbolic link`);
      continue;
    }
    if ((mode & 0o170000) === 0o040000) continue;
    if (flags & 0x1) {
      findings.push(`ignored ${path}: encrypted`);
      continue;
    }
    if (csize === 0xffffffff || usize === 0xffffffff) {
      findings.push(`ignored ${path}: ZIP64 entry`);
      continue;
    }
    if (method !== 0 && method !== 8) {
      findings.push(`ignored ${path}: unsupported compression method ${method}`);
      continue;
    }
    if (path in files) {
      findings.push(`ignored a second entry named ${path}`);
      continue;
    }
    if (local + 30 > data.length || view.getUint32(local, true) !== LOC_SIG) throw new ZipError(`corrupt zip archive (bad local header of ${path})`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + csize > data.length) throw new ZipError(`truncated zip archive (${path} runs past the end)`);
    const room = Math.min(limits.maxFileBytes, limits.maxTotalBytes - total);
    if (usize > room) {
      findings.push(`ignored ${path}: ${usize} bytes uncompressed, more than the ${usize > limits.maxFileBytes ? "per-file" : "total"} limit of ${usize > limits.maxFileBytes ? limits.maxFileBytes : limits.maxTotalBytes}`);
      continue;
    }
    const raw = data.subarray(start, start + csize);
    let content: Uint8Array;
    if (method === 0) content = raw;
    else {
      try {
        // the declared size may lie (a zip bomb): inflate at most one byte more than it
        content = new Uint8Array(inflateRawSync(raw, { maxOutputLength: Math.max(1, Math.min(room, usize + 1)) }));
      } catch (e) {
        const big = (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError;
        findings.push(big ? `ignored ${path}: inflates past the limit of ${room} bytes (zip bomb?)` : `ignored ${path}: corrupt compressed data`);
        continue;
      }
    }
    if (content.length !== usize || crc32(content) !== crc) {
      findings.push(`ignored ${path}: size or CRC does not match (corrupt entry)`);
      continue;
    }
    total += content.length;
    if (madeBy === 3 && mode !== 0) modes[path] = mode & 0o7777;
    try {
      files[path] = utf8.decode(content);
    } catch {
      files[path] = content.slice();
    }
  }
  return { files, findings, modes };
}
