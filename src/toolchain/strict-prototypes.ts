// gcc's -Werror=strict-prototypes, decided on clang's -Wstrict-prototypes warnings. Kbuild makes
// "function declaration isn't a prototype" an error; gcc exempts an old-style definition that a
// prototype precedes ("An old-style function definition is permitted without a warning if preceded
// by a declaration that specifies the argument types", gcc's manual), clang does not:
//     static int __init my_init(void);  …  static int __init my_init() { … }
// builds on Linux (checked with Kbuild on 6.1). Browser-safe.
import type { Diagnostic, SourceTree } from "./types.js";
import { textOf } from "./tree.js";

const FLAG = "-Wstrict-prototypes";

/** The name before the "(" at line:col, and whether a body follows the ")" (a definition). */
function declarationAt(lines: string[], line: number, col: number): { name: string; definition: boolean } | undefined {
  const text = lines[line - 1];
  if (text === undefined) return undefined;
  const paren = text.indexOf("(", Math.max(0, col - 1));
  const before = text.slice(0, paren < 0 ? col - 1 : paren);
  const m = /([A-Za-z_]\w*)\s*$/.exec(before);
  if (!m) return undefined;
  const rest = lines.slice(line - 1).join("\n").slice(paren < 0 ? col - 1 : paren);
  const definition = /^\(\s*\)\s*\{/.test(rest);
  return { name: m[1]!, definition };
}

/** A declaration of `name` with a parameter list (void or types) before `line`, or in one of the
 *  user's headers (which a .c file includes before its code). */
function prototypedBefore(lines: string[], line: number, name: string, sources: SourceTree): boolean {
  const re = new RegExp(`\\b${name}\\s*\\(\\s*[^)\\s]`);
  if (lines.slice(0, line - 1).some((l) => re.test(l))) return true;
  return Object.entries(sources).some(([f, text]) => f.endsWith(".h") && textOf(text).split(/\r?\n/).some((l) => re.test(l)));
}

/**
 * Applies gcc's rule to clang's -Wstrict-prototypes warnings in the user's files: an error
 * (Kbuild's -Werror=strict-prototypes) unless it is a definition that a prototype precedes, which
 * gcc does not even warn about (dropped). Returns the new list and whether an error was added.
 */
export function gccStrictPrototypes(diagnostics: Diagnostic[], sources: SourceTree): { diagnostics: Diagnostic[]; failed: boolean } {
  const out: Diagnostic[] = [];
  let failed = false;
  let dropNotes = false;
  for (const d of diagnostics) {
    if (d.severity === "note" && dropNotes) continue;
    dropNotes = false;
    if (d.flag !== FLAG || d.severity !== "warning" || !(d.file in sources)) {
      out.push(d);
      continue;
    }
    const lines = textOf(sources[d.file]!).split(/\r?\n/);
    const decl = declarationAt(lines, d.line, d.col);
    if (decl?.definition && prototypedBefore(lines, d.line, decl.name, sources)) {
      dropNotes = true;
      continue;
    }
    out.push({ ...d, severity: "error" });
    failed = true;
  }
  return { diagnostics: out, failed };
}
