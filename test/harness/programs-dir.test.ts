// Building a directory of user programs (--programs DIR, grade --tests DIR) with the real
// toolchain: which files are programs (the compiler's symbol table, not a regex), helpers linked
// into each, per-program diagnostics with file:line:col, and the directory-level errors.
import { describe, expect, it } from "vitest";
import { buildPrograms, builtPrograms, formatProgramsBuild, programsFailures, type ProgramsBuild } from "../../src/harness/programs/build.js";
import { objectSymbols } from "../../src/toolchain/object-symbols.js";
import { compileObject, type SourceTree } from "../../src/toolchain/index.js";
import { createDiskCache, defaultCacheDir, selectBackend, systemTree } from "../../src/toolchain/node.js";
import { Machine } from "../../src/process/machine.js";
import { runProgram } from "../../src/wasi/run.js";

async function build(tree: SourceTree): Promise<ProgramsBuild> {
  return buildPrograms(tree, { backend: selectBackend(), store: createDiskCache(defaultCacheDir()), system: await systemTree("program") });
}

async function run(b: ProgramsBuild, name: string, args: string[] = []): Promise<{ status: number; stdout: string }> {
  const wasm = builtPrograms(b).get(name);
  if (!wasm) throw new Error(`${name} did not build: ${formatProgramsBuild(b, "DIR")}`);
  const r = runProgram({ machine: new Machine(), program: { name, wasm: await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>) }, argv: [`./${name}`, ...args] });
  return { status: r.status, stdout: new TextDecoder().decode(r.stdout) };
}

const HELPER_H = "#ifndef UTIL_H\n#define UTIL_H\nint twice(int x);\n#endif\n";

describe("a programs directory", () => {
  it("makes every file defining main a program, links the others into each, with DIR's headers", async () => {
    const b = await build({
      "util.h": HELPER_H,
      // main only in a comment, a declaration and an #if 0 block: a helper
      "util.c": '#include "util.h"\n/* int main(void) { return 1; } */\nint main(void);\n#if 0\nint main(void) { return 2; }\n#endif\nint twice(int x) { return 2 * x; }\n',
      // angle brackets: DIR is on the include path (after module-c/user)
      "tester.c": '#include <stdio.h>\n#include <util.h>\nint main(int argc, char **argv) { printf("twice %d = %d, argc %d\\n", 21, twice(21), argc); return 3; }\n',
      // a main made by a macro is one
      "hello.c": '#include <stdio.h>\n#define ENTRY main\nint ENTRY(void) { puts("hello"); return 0; }\n',
      "README.txt": "not C\n",
    });
    expect(b.problems).toEqual([]);
    expect(b.programs.map((p) => p.name)).toEqual(["hello", "tester"]);
    expect(b.helpers).toEqual(["util.c"]);
    expect(await run(b, "tester", ["a", "b"])).toEqual({ status: 3, stdout: "twice 21 = 42, argc 3\n" });
    expect(await run(b, "hello")).toEqual({ status: 0, stdout: "hello\n" });
  });

  it("reports each program's warnings and errors with file:line:col; a helper's error fails every program", async () => {
    const b = await build({
      "good.c": "int main(void) {\n  int unused;\n  return 0;\n}\n",
      "bad.c": "int main(void) {\n  return missing;\n}\n",
    });
    expect(b.programs.map((p) => [p.name, p.result.ok])).toEqual([["bad", false], ["good", true]]);
    const text = formatProgramsBuild(b, "dir");
    expect(text).toContain("dir: ./bad (bad.c): FAILED, 1 error\n  bad.c:2:10: error: use of undeclared identifier 'missing'\n");
    expect(text).toContain("dir: ./good (good.c): ok, 1 warning\n  good.c:2:7: warning: unused variable 'unused' [-Wunused-variable]\n");
    expect(programsFailures(b)).toEqual(["./bad does not build"]);
    expect([...builtPrograms(b).keys()]).toEqual(["good"]);

    const withBadHelper = await build({ "a.c": "int helper(void);\nint main(void) { return helper(); }\n", "b.c": "int main(void) { return 1; }\n", "helper.c": "int helper(void) { return x; }\n" });
    expect(withBadHelper.helpers).toEqual(["helper.c"]);
    expect(withBadHelper.programs.every((p) => !p.result.ok && p.result.diagnostics.some((d) => d.file === "helper.c" && d.line === 1 && d.col === 27))).toBe(true);
  });

  it("finds main in a file that does not compile by its definition, so the error is that program's", async () => {
    const b = await build({ "broken.c": "int main(void) { return nope; }\n", "fine.c": "int main(void) { return 0; }\n" });
    expect(b.programs.map((p) => p.name)).toEqual(["broken", "fine"]);
    expect(b.helpers).toEqual([]);
    expect(b.programs[1]!.result.ok).toBe(true);
  });

  it("refuses what cannot work: no .c, no main, a program named like a shell command or not a name", async () => {
    expect((await build({ "notes.h": "" })).problems).toEqual(["no .c files"]);
    expect((await build({ "f.c": "int f(void) { return 0; }\n" })).problems).toEqual(["no .c file defines main() (found only f.c)"]);
    expect((await build({ "ls.c": "int main(void) { return 0; }\n" })).problems).toEqual(["ls.c: a program may not be named like the shell's command 'ls': rename the file"]);
    expect((await build({ "my tester.c": "int main(void) { return 0; }\n" })).problems[0]).toMatch(/^my tester\.c: 'my tester' cannot be a program name/);
  });

  it("leaves a kernel module's sources out (a student's directory: message_slot.c beside the programs)", async () => {
    const b = await build({
      "message_slot.c": "#include <linux/module.h>\nstatic int __init f(void) { return 0; }\n",
      "prog.c": "int main(void) { return 4; }\n",
    });
    expect(b.skipped).toEqual(["message_slot.c"]);
    expect(b.programs.map((p) => [p.name, p.result.ok])).toEqual([["prog", true]]);
    expect((await run(b, "prog")).status).toBe(4);
  });

  it("reads main from the object's symbol table: argc/argv main, void main, a declaration only", async () => {
    const system = await systemTree("program");
    const symbols = async (src: string) => {
      const r = await compileObject({ kind: "program", sources: { "x.c": src }, system }, "x.c", selectBackend());
      expect(r.ok).toBe(true);
      return objectSymbols(r.wasm!).filter((s) => s.defined && s.kind === "function").map((s) => s.name).sort();
    };
    expect(await symbols("int main(int argc, char **argv) { return argc; }\n")).toContain("__main_argc_argv");
    expect(await symbols("int main(void) { return 0; }\n")).toContain("main");
    expect(await symbols("int main(void);\nint f(void) { return main(); }\n")).toEqual(["f"]);
  });
});
