// The clang command line for a request, and where every file goes in the compiler's directory.
import type { CompileRequest, Diagnostic, SourceTree } from "./types.js";
import { checkRelPath, textOf } from "./tree.js";

/** User sources live under this directory, so they cannot collide with include/, kernel/, user/;
 *  a quoted #include searches the including file's directory, so "message_slot.h" still works. */
export const USER_DIR = "src/";

/** Kbuild's warning and error flags for gcc 12 on Linux 6.1, as `make V=1` shows them for an
 *  out-of-tree module (Makefile: KBUILD_CFLAGS; scripts/Makefile.extrawarn, W=0), each mapped to
 *  clang so that a module is an error exactly where Linux's build fails and a warning where gcc 12
 *  only warns. Checked case by case against `make -C /lib/modules/6.1.0-57-amd64/build M=…`
 *  (test/toolchain/verdicts.test.ts and conformance/students/build-*). */
export const KBUILD_WARNING_FLAGS: readonly string[] = [
  // Makefile: NOSTDINC_FLAGS += -nostdinc (6.1 has no -isystem of the compiler's own headers):
  // <stddef.h>, <stdarg.h>, <stdio.h>, <stdint.h>, <limits.h> are "No such file or directory".
  "-nostdinc",
  // Makefile: KBUILD_CFLAGS := -Wall -Wundef -Werror=strict-prototypes -Wno-trigraphs …
  // -Werror=strict-prototypes is decided after the compile (strict-prototypes.ts): gcc exempts an
  // old-style definition that a prototype precedes, clang does not
  "-Wundef", "-Wstrict-prototypes", "-Wno-trigraphs",
  // Makefile: -Werror=implicit-function-declaration -Werror=implicit-int -Werror=return-type
  // -Wno-format-security (clang: a return without a value is -Wreturn-mismatch, an error by default)
  "-Werror=implicit-function-declaration", "-Werror=implicit-int", "-Werror=return-type", "-Werror=return-mismatch",
  "-Wno-format-security",
  // Makefile: -Wno-sign-compare -Wno-frame-address -Wno-address-of-packed-member
  // -Wframe-larger-than=2048 (CONFIG_FRAME_WARN) -Wno-main -Wno-unused-but-set-variable
  // -Wno-unused-const-variable -Wvla -Wno-pointer-sign -Wcast-function-type
  "-Wno-sign-compare", "-Wno-frame-address", "-Wno-address-of-packed-member", "-Wframe-larger-than=2048",
  "-Wno-main", "-Wno-unused-but-set-variable", "-Wno-unused-const-variable", "-Wvla", "-Wno-pointer-sign",
  "-Wcast-function-type",
  // Makefile: -Wimplicit-fallthrough=5 (gcc's level 5 = only the attribute; clang has no levels)
  "-Wimplicit-fallthrough",
  // Makefile: -Werror=date-time -Werror=incompatible-pointer-types -Werror=designated-init (clang
  // has no -Wdesignated-init; only randomized-layout structs carry the attribute, none a module here
  // uses). gcc's incompatible-pointer-types covers function pointers too (an `int` ioctl handler in a
  // `long (*)(…)` field fails on Linux), clang's function-pointer group is part of it.
  "-Werror=date-time", "-Werror=incompatible-pointer-types",
  // …but dropping `const` is gcc's -Wdiscarded-qualifiers, only a warning; in clang it is a child of
  // incompatible-pointer-types, which the line above would make an error.
  "-Wno-error=incompatible-pointer-types-discards-qualifiers",
  // gcc 12 only warns where clang errors by default: a pointer ↔ integer conversion without a cast
  // ("makes integer from pointer without a cast [-Wint-conversion]"; an error only from gcc 14 on).
  "-Wno-error=int-conversion",
  // modpost reads every undefined symbol of the .o, also those of functions nothing calls; wasm-ld's
  // --gc-sections would drop such a function before it reports the symbol, so keep them all.
  "-Wl,--no-gc-sections",
  // gcc reports every error of a file; clang stops after 20 by default
  "-ferror-limit=0",
  // Kbuild passes no -Werror: every other warning stays a warning (CONFIG_WERROR is not set in
  // Debian's config, and out-of-tree modules never get it).
];

/** What gcc 12 (the course's `gcc -O3 -Wall -std=c11`, and run-oracle.sh's header probe) only warns
 *  about in a user program, while clang errs by default: an implicit declaration or `int`, a
 *  pointer ↔ integer conversion, incompatible pointer types (function pointers included), a
 *  `return;` in a non-void function. Measured with gcc 12.2 on Debian bookworm: each is a warning
 *  and the program links. */
export const GCC12_USER_WARNINGS: readonly string[] = [
  "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int", "-Wno-error=int-conversion",
  "-Wno-error=incompatible-pointer-types", "-Wno-error=incompatible-function-pointer-types", "-Wno-error=return-mismatch",
];

// DESIGN.md §4 (docs/design-changes.md): freestanding wasm64, so the module is LP64 as x86-64; the
// link is lowered to a wasm32 memory by lp64.ts, whose address checks replace -fsanitize=null;
// -fno-delete-null-pointer-checks as Kbuild has it, so a NULL dereference stays one to fault.
// No --allow-undefined, so a libc call is a link error.
export const MODULE_FLAGS: readonly string[] = [
  "--target=wasm64", "-fno-delete-null-pointer-checks", "-O2", "-std=gnu11", "-nostdlib", "-ffreestanding", "-mbulk-memory",
  "-fsanitize=bounds", "-D__KERNEL__", "-DMODULE", "-Iinclude", "-Wall",
  // __FILE__ as the student wrote it ("message_slot.c"), for BUG_ON and allocation sites, and
  // the same for the source locations of -fsanitize=null/bounds reports (drop "src/")
  `-fmacro-prefix-map=${USER_DIR}=`, "-fsanitize-undefined-strip-path-components=1",
  "-Wl,--no-entry", "-Wl,--export-table", "-Wl,--export=__heap_base", "-Wl,--export=__stack_pointer",
  "-Wl,--stack-first", "-z", "stack-size=65536", "-Wl,--max-memory=536870912",
  ...KBUILD_WARNING_FLAGS,
];

// DESIGN.md §3/§6: data at USER_BASE (0x20000000) and the stack after it, so every pointer of the
// program is a valid user address. -Iuser/include precedes the sysroot's headers.
export function programFlags(llvmMajor: number): string[] {
  return [
    "--target=wasm32-wasip1", "-O2", "-std=c11", "-Wall", "-Iuser/include", `-fmacro-prefix-map=${USER_DIR}=`,
    ...GCC12_USER_WARNINGS,
    // Before LLVM 22 wasm-ld places the stack after the data and has no --no-stack-first;
    // from 22 on stack-first is the default and must be turned off.
    ...(llvmMajor >= 22 ? ["-Wl,--no-stack-first"] : []),
    "-Wl,--global-base=536870912",
    // a program's memory ends 64 MiB above USER_BASE: malloc fails past that, the host never grows it further
    `-Wl,--max-memory=${PROGRAM_MAX_MEMORY}`,
  ];
}

/** The most memory a user program can have: USER_BASE (never touched below it) + 64 MiB. */
export const PROGRAM_MAX_MEMORY = 0x2000_0000 + (64 << 20);

/** "21.1.4-3" or "clang version 19.1.5-wasi-sdk (…)" → 21 / 19; 0 when unknown. */
export function llvmMajor(version: string): number {
  const m = /(\d+)\.\d+/.exec(version);
  return m ? Number(m[1]) : 0;
}

/** The system .c files linked into every output: kernel/*.c (libkern) or user/*.c (the shim). */
export function systemSources(req: CompileRequest): string[] {
  const dir = req.kind === "module" ? "kernel/" : "user/";
  return Object.keys(req.system)
    .filter((p) => p.startsWith(dir) && p.endsWith(".c") && !p.slice(dir.length).includes("/"))
    .sort();
}

/** Names NAME for which a system .c file defines __wrap_NAME (the glibc-worded strerror). */
export function detectWraps(system: SourceTree, files: string[]): string[] {
  const names = new Set<string>();
  for (const file of files) {
    // A definition: the name followed by a parameter list and, eventually, a body.
    for (const m of textOf(system[file]!).matchAll(/\b__wrap_([A-Za-z_]\w*)\s*\([^;{]*\)\s*\{/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

/** One clang run: its arguments, the files it sees, the .c files it compiles, what it writes. */
export interface CompileStep {
  args: string[];
  files: SourceTree;
  compiled: string[];
  output: string;
}

export interface CompilePlan extends CompileStep {
  /** The system .c files, compiled once into one relocatable object that `args` links
   *  (libkern.o / libuser.o): a student's edit then recompiles only the student's code. */
  lib?: CompileStep;
  /** Request errors found before running anything (no .c file, unknown main). */
  problems: Diagnostic[];
}

/** Link-only arguments (-Wl,…, -z …) dropped, for the relocatable (-r) link of the lib. */
function compileOnly(flags: string[]): string[] {
  return flags.filter((f, i) => !f.startsWith("-Wl,") && f !== "-z" && flags[i - 1] !== "-z");
}

/** The clang flags of a request: the kind's, the wraps, -D defines, the extra flags. */
function requestFlags(req: CompileRequest, major: number, sys: string[]): string[] {
  const flags = req.kind === "module" ? [...MODULE_FLAGS] : programFlags(major);
  if (req.kind === "program") {
    for (const name of req.wrap ?? detectWraps(req.system, sys)) flags.push(`-Wl,--wrap=${name}`);
  }
  for (const [name, value] of Object.entries(req.defines ?? {})) flags.push(`-D${name}=${value}`);
  flags.push(...(req.extraFlags ?? []));
  return flags;
}

/** One user .c file of a request compiled alone (-c) into a relocatable object, with the flags its
 *  link would use: what the object defines (e.g. main) is then read from its symbol table. */
export function planObject(req: CompileRequest, file: string, major: number): CompileStep {
  const system: SourceTree = {};
  for (const [path, content] of Object.entries(req.system)) system[checkRelPath(path).join("/")] = content;
  const files: SourceTree = { ...system };
  for (const [path, content] of Object.entries(req.sources)) files[USER_DIR + checkRelPath(path).join("/")] = content;
  const output = "object.o";
  const compiled = [USER_DIR + file];
  return { args: [...compileOnly(requestFlags(req, major, systemSources(req))), "-c", ...compiled, "-o", output], files, compiled, output };
}

export function planCompile(req: CompileRequest, major: number): CompilePlan {
  const problems: Diagnostic[] = [];
  const problem = (file: string, message: string) => problems.push({ file, line: 0, col: 0, severity: "error", message });

  const userC = req.main ?? Object.keys(req.sources).filter((p) => p.endsWith(".c")).sort();
  for (const m of req.main ?? []) {
    if (!(m in req.sources)) problem(m, "no such file");
    else if (!m.endsWith(".c")) problem(m, "not a C source file");
  }
  if (userC.length === 0) problem("", "no C source files to compile");

  const system: SourceTree = {};
  for (const [path, content] of Object.entries(req.system)) system[checkRelPath(path).join("/")] = content;
  const files: SourceTree = { ...system };
  for (const [path, content] of Object.entries(req.sources)) files[USER_DIR + checkRelPath(path).join("/")] = content;

  const sys = systemSources(req);
  const output = (req.output ?? "out.wasm").split("/").pop() || "out.wasm";
  const flags = requestFlags(req, major, sys);

  const compiled = userC.map((p) => USER_DIR + p);
  let lib: CompileStep | undefined;
  if (sys.length) {
    const libName = req.kind === "module" ? "libkern.o" : "libuser.o";
    const libFlags = compileOnly(flags);
    if (!libFlags.includes("-nostdlib")) libFlags.push("-nostdlib");
    lib = { args: [...libFlags, "-r", ...sys, "-o", libName], files: system, compiled: sys, output: libName };
  }
  const args = [...flags, ...compiled, ...(lib ? [lib.output] : []), "-o", output];
  return { args, files, compiled, output, problems, ...(lib ? { lib } : {}) };
}
