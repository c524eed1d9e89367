// Writing a .zip (Node: node:zlib deflates): the autograder Gradescope takes is one. Plain
// PKZIP 2.0 as `zip` writes it: deflated entries, UTF-8 names, Unix permission bits (Gradescope
// runs `run_autograder` from it, so it must stay executable), a fixed date so that the same
// inputs give the same bytes. No ZIP64: every entry and the archive stay under 4 GiB.

import { deflateRawSync } from "node:zlib";
import { crc32, safeEntryPath } from "./zip.js";

export interface ZipEntry {
  /** the path inside the archive, '/'-separated and relative */
  path: string;
  data: Uint8Array | string;
  /** permission bits (default 0o644) */
  mode?: number;
}

/** 1980-01-01 00:00, the earliest DOS date: a fixed stamp keeps the archive reproducible. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const LIMIT = 0xffffffff;

export function writeZip(entries: ZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const e of entries) {
    const path = safeEntryPath(e.path);
    if (path === null || path !== e.path) throw new Error(`not a relative path for a zip entry: ${JSON.stringify(e.path)}`);
    if (seen.has(path)) throw new Error(`two zip entries named ${path}`);
    seen.add(path);
    const data = typeof e.data === "string" ? enc.encode(e.data) : e.data;
    const deflated = deflateRawSync(data, { level: 9 });
    // an entry deflate cannot shrink is stored as it is
    const [method, body] = deflated.length < data.length ? [8, deflated] : [0, data];
    if (data.length >= LIMIT || offset + body.length >= LIMIT) throw new Error("the archive would need ZIP64 (over 4 GiB)");
    const name = enc.encode(path);
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x800, 6); // the name is UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, body);

    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes hold st_mode
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x800, 8);
    cen.writeUInt16LE(method, 10);
    cen.writeUInt16LE(DOS_TIME, 12);
    cen.writeUInt16LE(DOS_DATE, 14);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(body.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(((0o100000 | ((e.mode ?? 0o644) & 0o7777)) << 16) >>> 0, 38);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, name);
    offset += local.length + name.length + body.length;
  }
  if (entries.length >= 0xffff) throw new Error("the archive would need ZIP64 (65535 entries or more)");
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, eocd]));
}
