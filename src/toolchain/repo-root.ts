// Finding the msgslot checkout from this file's location (Node only). This file runs as
// src/toolchain/*.ts under vitest and as dist/toolchain/*.js after tsc, so walk up instead of
// assuming a depth.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const roots = new Map<string, string>();

/** The nearest ancestor directory whose package.json is named "msgslot". */
export function findRepoRoot(from: string = fileURLToPath(import.meta.url)): string {
  const known = roots.get(from);
  if (known) return known;
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === "msgslot") {
          roots.set(from, dir);
          return dir;
        }
      } catch {
        // not JSON: keep looking
      }
    }
    if (dirname(dir) === dir) throw new Error(`no package.json named "msgslot" above ${from}`);
  }
}

/** module-c/ of the checkout: the driver, include/, kernel/, user/. */
export function moduleCDir(): string {
  return join(findRepoRoot(), "module-c");
}
