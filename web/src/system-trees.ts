// The project's C that every build links with, bundled as text (what src/toolchain/node.ts's
// systemTree() reads from disk): include/** + kernel/** for a module, user/** for a program.

import type { SourceTree } from "../../src/toolchain/types.js";

const include = import.meta.glob<string>("../../module-c/include/**/*", { query: "?raw", import: "default", eager: true });
const kernel = import.meta.glob<string>("../../module-c/kernel/**/*", { query: "?raw", import: "default", eager: true });
const user = import.meta.glob<string>("../../module-c/user/**/*", { query: "?raw", import: "default", eager: true });

function tree(files: Record<string, string>): SourceTree {
  const out: SourceTree = {};
  for (const [path, text] of Object.entries(files)) out[path.slice("../../module-c/".length)] = text;
  return out;
}

export const MODULE_SYSTEM: SourceTree = { ...tree(include), ...tree(kernel) };
export const PROGRAM_SYSTEM: SourceTree = tree(user);
