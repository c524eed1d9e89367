// Node side of building a programs directory: read DIR's top-level files, build with the toolchain
// the environment selects (WASI_SDK_PATH or @yowasp/clang), module-c/user and the disk cache.

import { stat } from "node:fs/promises";
import { createDiskCache, defaultCacheDir, readTree, selectBackend, systemTree } from "../../toolchain/node.js";
import { buildPrograms, type ProgramsBuild } from "./build.js";

export { buildPrograms, builtPrograms, formatProgramsBuild, programsFailures, reservedNames, type ProgramsBuild } from "./build.js";

/** DIR is missing or not a directory. */
export class ProgramsDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramsDirError";
  }
}

export async function buildProgramsFromDir(dir: string, extraFlags: string[] = []): Promise<ProgramsBuild> {
  const st = await stat(dir).catch(() => undefined);
  if (!st) throw new ProgramsDirError(`${dir}: No such directory`);
  if (!st.isDirectory()) throw new ProgramsDirError(`${dir}: Not a directory`);
  const tree = await readTree(dir, "", { recursive: false });
  return buildPrograms(tree, { backend: selectBackend(), store: createDiskCache(defaultCacheDir()), system: await systemTree("program"), extraFlags });
}
