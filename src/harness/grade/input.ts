// Submissions on disk (Node): a directory or a .zip is one submission; a
// directory of those is a batch. Reading is bounded like the zip reader:
// entries, file size, total size, depth; symlinks are not followed.

import { lstat, readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { SourceTree } from "../../toolchain/index.js";
import { readZip, ZIP_LIMITS, ZipError, type ZipLimits } from "./zip.js";

export interface SubmissionInput {
  /** the name reports use: the directory's or the zip's name without .zip */
  name: string;
  path: string;
  kind: "dir" | "zip";
}

export interface ReadSubmission {
  files: SourceTree;
  findings: string[];
  /** why it could not be read at all */
  error?: string;
}

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

const isZip = (p: string) => /\.zip$/i.test(p);
const HIDDEN = /^\.|^__MACOSX$|^node_modules$/;
const MAX_DEPTH = 4;

/** Does this directory hold a submission (a .c file at the top or one folder down)? */
async function looksLikeSubmission(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && /\.[ch]$/.test(e.name))) return true;
  const subdirs = entries.filter((e) => e.isDirectory() && !HIDDEN.test(e.name));
  const zips = entries.filter((e) => e.isFile() && isZip(e.name));
  if (zips.length > 0 || subdirs.length !== 1) return false;
  const inner = await readdir(join(dir, subdirs[0].name), { withFileTypes: true });
  return inner.some((e) => e.isFile() && /\.[ch]$/.test(e.name));
}

/** The submissions named by the command line: each path, or the entries of a batch directory. */
export async function discover(paths: string[], batch: boolean | "auto" = "auto"): Promise<SubmissionInput[]> {
  const out: SubmissionInput[] = [];
  for (const path of paths) {
    let st;
    try {
      st = await lstat(path);
    } catch {
      throw new InputError(`${path}: No such file or directory`);
    }
    if (st.isFile()) {
      if (!isZip(path)) throw new InputError(`${path}: not a directory or a .zip file`);
      out.push({ name: basename(path).replace(/\.zip$/i, ""), path, kind: "zip" });
      continue;
    }
    if (!st.isDirectory()) throw new InputError(`${path}: not a directory or a .zip file`);
    const asBatch = batch === "auto" ? !(await looksLikeSubmission(path)) : batch;
    if (!asBatch) {
      out.push({ name: basename(path.replace(/\/+$/, "")) || path, path, kind: "dir" });
      continue;
    }
    const entries = (await readdir(path, { withFileTypes: true })).filter((e) => !HIDDEN.test(e.name)).sort((a, b) => a.name.localeCompare(b.name));
    const before = out.length;
    for (const e of entries) {
      const p = join(path, e.name);
      if (e.isDirectory()) out.push({ name: e.name, path: p, kind: "dir" });
      else if (e.isFile() && isZip(e.name)) out.push({ name: e.name.replace(/\.zip$/i, ""), path: p, kind: "zip" });
    }
    if (out.length === before) throw new InputError(`${path}: no submissions in it (no .c files, no .zip files, no submission folders)`);
  }
  return out;
}

/** Read one submission into memory. A broken zip is an error of that submission, not of the run. */
export async function readSubmission(input: SubmissionInput, limits: ZipLimits = ZIP_LIMITS): Promise<ReadSubmission> {
  try {
    if (input.kind === "zip") {
      const st = await lstat(input.path);
      if (st.size > limits.maxArchiveBytes) return { files: {}, findings: [], error: `${input.path}: ${st.size} bytes, more than the limit of ${limits.maxArchiveBytes}` };
      const z = readZip(new Uint8Array(await readFile(input.path)), limits);
      return { files: z.files, findings: z.findings };
    }
    return await readDir(input.path, limits);
  } catch (e) {
    if (e instanceof ZipError || e instanceof InputError) return { files: {}, findings: [], error: `${input.path}: ${e.message}` };
    const err = e as NodeJS.ErrnoException;
    if (err.code) return { files: {}, findings: [], error: `${input.path}: ${err.message}` };
    throw e;
  }
}

async function readDir(root: string, limits: ZipLimits): Promise<ReadSubmission> {
  const files: SourceTree = {};
  const findings: string[] = [];
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let count = 0;
  let total = 0;
  const walk = async (rel: string, depth: number): Promise<void> => {
    for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
      const path = rel + e.name;
      if (HIDDEN.test(e.name)) continue;
      if (e.isSymbolicLink()) {
        findings.push(`ignored ${path}: a symbolic link`);
        continue;
      }
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH) await walk(path + "/", depth + 1);
        continue;
      }
      if (!e.isFile()) continue;
      if (isZip(e.name)) {
        findings.push(`ignored ${path}: an archive inside the submission`);
        continue;
      }
      if (++count > limits.maxEntries) throw new InputError(`more than ${limits.maxEntries} files`);
      const st = await lstat(join(root, path));
      if (st.size > limits.maxFileBytes || total + st.size > limits.maxTotalBytes) {
        findings.push(`ignored ${path}: ${st.size} bytes, over the size limit`);
        continue;
      }
      total += st.size;
      const bytes = new Uint8Array(await readFile(join(root, path)));
      try {
        files[path] = utf8.decode(bytes);
      } catch {
        files[path] = bytes;
      }
    }
  };
  await walk("", 0);
  return { files, findings };
}
