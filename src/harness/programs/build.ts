// Building a directory of user programs (students' testers, instructors' test programs): every
// top-level .c file that defines main() is the program ./NAME (its file name without .c); the .c
// files without main are helpers, linked into every program; the directory's headers are on the
// include path after module-c/user's. Whether a file defines main is asked of the compiler: the
// file is compiled alone (clang -c) and its object's symbol table read, so a main in a comment,
// a declaration or an #if 0 does not count, and one made by a macro does. Browser-safe: the
// backend, the cache and module-c/user come from the caller.

import {
  compile, compileObject, definesMain, formatDiagnostic, type Backend, type CompileResult, type CompileStore,
  type Diagnostic, type SourceTree,
} from "../../toolchain/index.js";
import { moduleSources } from "../../toolchain/kbuild.js";
import { USER_DIR } from "../../toolchain/flags.js";
import { APPLETS } from "../busybox.js";

export interface ProgramsDeps {
  backend?: Backend;
  store?: CompileStore;
  /** module-c/user */
  system: SourceTree;
  /** appended to the program flags of every compile (e.g. the course's -O3) */
  extraFlags?: string[];
}

export interface BuiltUserProgram {
  /** the shell's name: ./NAME */
  name: string;
  /** its main file, NAME.c */
  file: string;
  result: CompileResult;
}

export interface ProgramsBuild {
  /** one per file that defines main, sorted by name */
  programs: BuiltUserProgram[];
  /** .c files without main, linked into every program */
  helpers: string[];
  /** .c files left out: a kernel module's sources (they include <linux/module.h> or Kbuild lists them) */
  skipped: string[];
  /** what makes the directory unusable as a whole (no .c file, a program named like a shell command) */
  problems: string[];
}

/** Names the shell runs itself (busybox applets and its builtins): `./NAME` would read as one of them. */
export function reservedNames(): string[] {
  return [...Object.keys(APPLETS), "help", "exit", "cd", "export", "set", "unset", "wait", "sleep", "sh"].sort();
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
const KERNEL_INCLUDE = /^[ \t]*#[ \t]*include[ \t]*<linux\/module\.h>/m;

/** Comments and string literals removed: what a fallback look for `main(...) {` may see. */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, " ");
}

const text = (c: string | Uint8Array) => (typeof c === "string" ? c : new TextDecoder().decode(c));

/** Which .c files define main: the compiler's answer; for a file that does not compile, a look at
 *  its code for a definition `main(...) {` (its own build then reports the errors). */
async function mainFiles(tree: SourceTree, files: string[], deps: ProgramsDeps): Promise<Set<string>> {
  const out = new Set<string>();
  for (const file of files) {
    const headers = Object.fromEntries(Object.entries(tree).filter(([f]) => f === file || !f.endsWith(".c")));
    const r = await compileObject(
      { kind: "program", sources: headers, system: deps.system, extraFlags: [`-I${USER_DIR.slice(0, -1)}`, ...(deps.extraFlags ?? [])] },
      file, deps.backend, deps.store ? { store: deps.store } : {},
    );
    let hasMain: boolean | undefined;
    if (r.ok && r.wasm) {
      try {
        hasMain = definesMain(r.wasm);
      } catch {
        hasMain = undefined;
      }
    }
    if (hasMain === undefined) hasMain = /\bmain\s*\([^;{}]*\)\s*\{/.test(codeOnly(text(tree[file]!)));
    if (hasMain) out.add(file);
  }
  return out;
}

/** Build every program of a directory's files (top level: "tester.c", "util.h", ...). */
export async function buildPrograms(tree: SourceTree, deps: ProgramsDeps): Promise<ProgramsBuild> {
  const problems: string[] = [];
  const all = Object.keys(tree).filter((f) => f.endsWith(".c") && !f.includes("/")).sort();
  if (all.length === 0) return { programs: [], helpers: [], skipped: [], problems: ["no .c files"] };
  const hasMakefile = ["Kbuild", "Makefile", "makefile", "GNUmakefile"].some((m) => m in tree);
  const kbuild = new Set(hasMakefile ? moduleSources(tree) : []);
  const skipped = all.filter((f) => kbuild.has(f) || KERNEL_INCLUDE.test(text(tree[f]!)));
  const user = all.filter((f) => !skipped.includes(f));
  const mains = await mainFiles(tree, user, deps);
  const helpers = user.filter((f) => !mains.has(f));
  const reserved = new Set(reservedNames());
  const names = [...mains].map((f) => ({ file: f, name: f.slice(0, -2) }));
  for (const { file, name } of names) {
    if (!NAME.test(name)) problems.push(`${file}: '${name}' cannot be a program name (letters, digits, '_', '.', '+', '-' only)`);
    else if (reserved.has(name)) problems.push(`${file}: a program may not be named like the shell's command '${name}': rename the file`);
  }
  if (names.length === 0) problems.push(`no .c file defines main() (${user.length ? `found only ${user.join(", ")}` : "only kernel module sources"})`);
  if (problems.length) return { programs: [], helpers, skipped, problems };

  // each program sees its own main file, the helpers and every other (non-.c) file: headers
  const shared = Object.fromEntries(Object.entries(tree).filter(([f]) => !f.endsWith(".c") || helpers.includes(f)));
  const programs: BuiltUserProgram[] = [];
  for (const { file, name } of names) {
    const result = await compile({
      kind: "program", sources: { ...shared, [file]: tree[file]! }, main: [file, ...helpers], system: deps.system,
      output: `${name}.wasm`, extraFlags: [`-I${USER_DIR.slice(0, -1)}`, ...(deps.extraFlags ?? [])],
    }, deps.backend, deps.store ? { store: deps.store } : {});
    programs.push({ name, file, result });
  }
  return { programs, helpers, skipped, problems };
}

/** The build as the CLI prints it: a line per program ("./tester: ok, 1 warning"), then its
 *  compiler messages as file:line:col: severity: message. */
export function formatProgramsBuild(b: ProgramsBuild, dir: string): string {
  const lines: string[] = [];
  for (const p of b.problems) lines.push(`${dir}: ${p}`);
  if (b.problems.length) return lines.map((l) => l + "\n").join("");
  for (const p of b.programs) {
    const diags: Diagnostic[] = p.result.diagnostics;
    const warnings = diags.filter((d) => d.severity === "warning").length;
    const errors = diags.filter((d) => d.severity === "error" || d.severity === "fatal error").length;
    const counts = [errors ? `${errors} error${errors > 1 ? "s" : ""}` : "", warnings ? `${warnings} warning${warnings > 1 ? "s" : ""}` : ""].filter(Boolean).join(", ");
    const verdict = p.result.ok ? "ok" : "FAILED";
    // a quiet success prints nothing: the shell's output stays the programs'
    if (p.result.ok && diags.length === 0) continue;
    lines.push(`${dir}: ./${p.name} (${[p.file, ...b.helpers].join(" ")}): ${verdict}${counts ? `, ${counts}` : ""}`);
    for (const d of diags) lines.push(`  ${formatDiagnostic(d)}`);
  }
  return lines.map((l) => l + "\n").join("");
}

/** The programs that built, by name (what the shell's program map gets). */
export function builtPrograms(b: ProgramsBuild): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const p of b.programs) if (p.result.ok && p.result.wasm) out.set(p.name, p.result.wasm);
  return out;
}

/** Everything that keeps the directory from being used: its problems, the programs that failed. */
export function programsFailures(b: ProgramsBuild): string[] {
  return [...b.problems, ...b.programs.filter((p) => !p.result.ok).map((p) => `./${p.name} does not build`)];
}
