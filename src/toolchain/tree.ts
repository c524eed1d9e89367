// Conversions between our flat SourceTree and the nested trees @yowasp/clang uses.
import type { SourceTree } from "./types.js";

export type NestedTree = { [name: string]: NestedTree | string | Uint8Array };

/** Rejects absolute paths and "..", so a tree can never write outside its directory. */
export function checkRelPath(path: string): string[] {
  const parts = path.split("/");
  if (path.startsWith("/") || parts.some((p) => p === "" || p === "." || p === "..")) {
    throw new Error(`invalid relative path in source tree: ${JSON.stringify(path)}`);
  }
  return parts;
}

export function nestTree(flat: SourceTree): NestedTree {
  const root: NestedTree = {};
  for (const [path, content] of Object.entries(flat)) {
    const parts = checkRelPath(path);
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const next = dir[part];
      if (next === undefined) dir = dir[part] = {};
      else if (typeof next === "string" || next instanceof Uint8Array) throw new Error(`${path}: a parent is a file`);
      else dir = next;
    }
    dir[parts[parts.length - 1]!] = content;
  }
  return root;
}

export function flattenTree(tree: NestedTree, prefix = "", out: SourceTree = {}): SourceTree {
  for (const [name, value] of Object.entries(tree)) {
    if (typeof value === "string" || value instanceof Uint8Array) out[prefix + name] = value;
    else flattenTree(value, `${prefix}${name}/`, out);
  }
  return out;
}

/** Prefixes every path of a tree ("kernel/" + "string.c"). */
export function prefixTree(tree: SourceTree, prefix: string): SourceTree {
  const out: SourceTree = {};
  for (const [path, content] of Object.entries(tree)) out[prefix + path] = content;
  return out;
}

export function textOf(content: string | Uint8Array): string {
  return typeof content === "string" ? content : new TextDecoder().decode(content);
}
