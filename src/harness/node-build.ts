// Node side of module builds: read a directory, build it with the system
// tree from the repo's module-c/, the toolchain the environment selects and
// the disk cache (so a second run does not compile again).

import { compileProgram, createDiskCache, defaultCacheDir, readTree, systemTree, selectBackend } from "../toolchain/node.js";
import type { CompileResult } from "../toolchain/index.js";
import type { ProgramImage } from "../wasi/run.js";
import { importMemory } from "../wasi/program-memory.js";
import { buildModule, type BuiltModule } from "./module-build.js";

export async function buildModuleDir(dir: string): Promise<BuiltModule> {
  const sources = await readTree(dir, "", { recursive: false });
  return buildModule(sources, await systemTree("module"), selectBackend(), { store: createDiskCache(defaultCacheDir()) }, "message_slot", await systemTree("program"));
}

/** Build user programs (e.g. message_sender, message_reader) of a directory into runnable images. */
export async function buildProgramsDir(dir: string, names: string[]): Promise<Map<string, BuiltProgram>> {
  const out = new Map<string, BuiltProgram>();
  for (const name of names) {
    const result = await compileProgram(dir, name, { system: await systemTree("program") });
    out.set(name, result.ok && result.wasm ? { result, image: { name, wasm: await WebAssembly.compile(importMemory(result.wasm) as Uint8Array<ArrayBuffer>) } } : { result });
  }
  return out;
}

export interface BuiltProgram {
  result: CompileResult;
  image?: ProgramImage;
}
