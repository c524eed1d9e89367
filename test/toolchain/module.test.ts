import { describe, expect, it } from "vitest";
import { compile } from "../../src/toolchain/compile.js";
import { acquireKernelMemory, kernelMemoryLimits } from "../../src/kernel/kernel-memory.js";
import { formatDiagnostic } from "../../src/toolchain/diagnostics.js";
import { FAKE_KERNEL, FIRST_COMPILE_TIMEOUT } from "./fixtures.js";

const HELLO = [
  "#include <linux/module.h>",
  '#include "hello.h"',
  "int hello_table[4] = { 1, 2, 3, HELLO_VALUE }; // data, not folded away",
  "static int hello_init(void) { return hello_table[3]; }",
  "module_init(hello_init);",
  "",
].join("\n");

describe("compile a module", () => {
  it("links a freestanding module with libkern, keeping names and exporting the ABI", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await compile({
      kind: "module",
      sources: { "hello.c": HELLO, "hello.h": "#define HELLO_VALUE 42\n" },
      system: FAKE_KERNEL,
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.backend).toMatch(/^yowasp-clang \d+\./);
    const mod = await WebAssembly.compile(r.wasm! as Uint8Array<ArrayBuffer>);
    const exports = WebAssembly.Module.exports(mod).map((e) => e.name);
    expect(exports).toEqual(expect.arrayContaining(["memory", "__indirect_function_table", "__heap_base", "__stack_pointer", "init_module"]));
    // the LP64 lowering's address checks call the host's fault(), and the memory is the host's
    // (kernel memory, src/kernel/kernel-memory.ts); nothing else is imported
    expect(WebAssembly.Module.imports(mod)).toEqual([
      { module: "kernel", name: "memory", kind: "memory" },
      { module: "kernel", name: "fault", kind: "function" },
    ]);
    expect(WebAssembly.Module.customSections(mod, "name").length).toBe(1); // oops reports need names
    const memory = acquireKernelMemory(kernelMemoryLimits(mod)!);
    const { exports: x } = await WebAssembly.instantiate(mod, { kernel: { fault: () => { throw new Error("fault"); }, memory } });
    expect((x.init_module as () => number)()).toBe(42);
    // --stack-first: the 64 KiB stack sits below the data. wasm64: the globals are i64 (BigInt).
    expect((x.__stack_pointer as WebAssembly.Global).value).toBe(65536n);
    expect(Number((x.__heap_base as WebAssembly.Global).value)).toBeGreaterThan(65536);
  });

  it("reports a libc function as modpost does: undefined in the .ko", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const source = [
      "#include <linux/module.h>",
      "void *malloc(unsigned long size);",
      "int printf(const char *fmt, ...);",
      "static int leak_init(void) { char *p = malloc(16); printf(\"%p\\n\", p); return p ? 0 : -12; }",
      "module_init(leak_init);",
      "",
    ].join("\n");
    const r = await compile({ kind: "module", sources: { "leak.c": source }, system: FAKE_KERNEL });
    expect(r.ok).toBe(false);
    expect(r.wasm).toBeUndefined();
    expect(r.diagnostics).toEqual([
      { file: "modpost", line: 0, col: 0, severity: "error", message: '"malloc" [out.ko] undefined!' },
      { file: "modpost", line: 0, col: 0, severity: "error", message: '"printf" [out.ko] undefined!' },
    ]);
    // Linux 6.1's words (scripts/mod/modpost.c), checked with Kbuild: ERROR: modpost: "malloc" [/…/message_slot.ko] undefined!
    expect(formatDiagnostic(r.diagnostics[0]!)).toBe('ERROR: modpost: "malloc" [out.ko] undefined!');
    expect(r.log).toContain("undefined symbol: malloc");
  });

  it("says a libc header does not exist in the kernel", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await compile({ kind: "module", sources: { "m.c": "#include <stdlib.h>\n" }, system: FAKE_KERNEL });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ file: "m.c", line: 1, col: 10, severity: "fatal error", message: "'stdlib.h' file not found" });
  });

  it("compiles only `main` and passes defines and extra flags", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await compile({
      kind: "module",
      sources: {
        "a.c": "#include <linux/module.h>\nstatic int a_init(void) { int unused; return VALUE; }\nmodule_init(a_init);\n",
        "prog.c": "#include <stdio.h>\nint main(void) { return 0; }\n", // would not compile as kernel code
      },
      main: ["a.c"],
      system: FAKE_KERNEL,
      defines: { VALUE: "7" },
      extraFlags: ["-Werror"],
    });
    expect(r.ok).toBe(false); // -Werror makes the unused variable an error
    expect(r.diagnostics[0]).toMatchObject({ file: "a.c", line: 2, severity: "error", flag: "-Wunused-variable" });
  });

  it("rejects a `main` that is not among the sources without running the compiler", async () => {
    const r = await compile({ kind: "module", sources: { "a.c": "" }, main: ["b.c"], system: FAKE_KERNEL });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([{ file: "b.c", line: 0, col: 0, severity: "error", message: "no such file" }]);
  });
});

describe("libkern", () => {
  it("reports libkern's own warnings and errors with their system path", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const user = { "a.c": "#include <linux/module.h>\nstatic int a_init(void) { return 0; }\nmodule_init(a_init);\n" };
    const warn = await compile({ kind: "module", sources: user, system: { ...FAKE_KERNEL, "kernel/w.c": "int w(void) { int x; return 0; }\n" } });
    expect(warn.ok).toBe(true);
    expect(warn.diagnostics).toEqual([
      { file: "kernel/w.c", line: 1, col: 19, severity: "warning", message: "unused variable 'x'", flag: "-Wunused-variable" },
    ]);
    const bad = await compile({ kind: "module", sources: user, system: { ...FAKE_KERNEL, "kernel/e.c": "int e(void) { return nope; }\n" } });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics).toEqual([
      { file: "kernel/e.c", line: 1, col: 22, severity: "error", message: "use of undeclared identifier 'nope'" },
    ]);
  });
});
