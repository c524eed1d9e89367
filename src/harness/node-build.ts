// Node side of module builds: read a directory, build it with the system
// tree from the repo's module-c/, the toolchain the environment selects and
// the disk cache (so a second run does not compile again).

import { createDiskCache, defaultCacheDir, readTree, systemTree, selectBackend } from "../toolchain/node.js";
import { buildModule, type BuiltModule } from "./module-build.js";

export async function buildModuleDir(dir: string): Promise<BuiltModule> {
  const sources = await readTree(dir, "", { recursive: false });
  return buildModule(sources, await systemTree("module"), selectBackend(), { store: createDiskCache(defaultCacheDir()) });
}
