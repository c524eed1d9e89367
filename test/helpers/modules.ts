// Building modules for tests: the reference driver and the fixtures under
// test/fixtures/modules/, through the real toolchain (cached on disk).

import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { readTree, systemTree, selectBackend, createDiskCache, defaultCacheDir } from "../../src/toolchain/node.js";
import { buildModule, type BuiltModule } from "../../src/harness/module-build.js";
import { formatDiagnostic } from "../../src/toolchain/index.js";
import type { ModuleImage } from "../../src/harness/busybox.js";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURES = join(REPO, "test/fixtures/modules");

const built = new Map<string, Promise<BuiltModule>>();

export function buildDir(dir: string, name = "message_slot"): Promise<BuiltModule> {
  const key = `${dir}|${name}`;
  let p = built.get(key);
  if (!p) {
    p = (async () => buildModule(await readTree(dir, "", { recursive: false }), await systemTree("module"), selectBackend(), { store: createDiskCache(defaultCacheDir()) }, name, await systemTree("program")))();
    built.set(key, p);
  }
  return p;
}

/** A module image that must build; the compiler's messages are the failure otherwise. */
export async function image(dir: string, name = "message_slot"): Promise<{ image: ModuleImage; msgSlotChannel?: number }> {
  const b = await buildDir(dir, name);
  if (!b.image) throw new Error(`${dir} does not build:\n${b.result.diagnostics.map(formatDiagnostic).join("\n")}`);
  return { image: b.image, msgSlotChannel: b.msgSlotChannel };
}

export const referenceModule = () => image(join(REPO, "module-c"));
export const fixtureModule = (name: string) => image(join(FIXTURES, name), name);
