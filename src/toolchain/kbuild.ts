// Which .c files of a student's directory form the module: what Kbuild would build.
import type { SourceTree } from "./types.js";
import { textOf } from "./tree.js";

/** The .c files of obj-m (and its X-objs / X-y parts) in Kbuild or Makefile; without one, every
 *  .c file that does not define main() (message_sender.c and message_reader.c are programs). */
export function moduleSources(tree: SourceTree): string[] {
  const files = Object.keys(tree);
  for (const name of ["Kbuild", "Makefile", "makefile", "GNUmakefile"]) {
    if (!(name in tree)) continue;
    const found = fromMakefile(textOf(tree[name]!)).filter((c) => files.includes(c));
    if (found.length) return found;
  }
  return files.filter((f) => f.endsWith(".c") && !/\bint\s+main\s*\(/.test(textOf(tree[f]!))).sort();
}

function fromMakefile(text: string): string[] {
  const vars = new Map<string, string[]>();
  for (const line of text.replace(/\\\r?\n/g, " ").split(/\r?\n/)) {
    const m = /^\s*([\w.-]+)\s*[:+]?=\s*(.*?)\s*(#.*)?$/.exec(line);
    if (!m) continue;
    const words = m[2]!.split(/\s+/).filter(Boolean);
    vars.set(m[1]!, [...(vars.get(m[1]!) ?? []), ...words]);
  }
  const out: string[] = [];
  for (const obj of vars.get("obj-m") ?? []) {
    if (!obj.endsWith(".o")) continue;
    const base = obj.slice(0, -2);
    const parts = [...(vars.get(`${base}-objs`) ?? []), ...(vars.get(`${base}-y`) ?? [])];
    for (const p of parts.length ? parts : [obj]) if (p.endsWith(".o")) out.push(p.slice(0, -2) + ".c");
  }
  return [...new Set(out)];
}
