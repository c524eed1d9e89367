import { describe, expect, it } from "vitest";
import { compile } from "../../src/toolchain/compile.js";
import { formatDiagnostic, parseDiagnostics } from "../../src/toolchain/diagnostics.js";
import { FAKE_KERNEL, FIRST_COMPILE_TIMEOUT } from "./fixtures.js";

describe("parseDiagnostics", () => {
  it("reads clang's file:line:col: severity: message [-Wflag]", () => {
    const log = [
      "src/message_slot.c:3:28: warning: unused variable 'unused' [-Wunused-variable]",
      "    3 | int init_module(void){ int unused; return 0; }",
      "      |                            ^~~~~~",
      "src/message_slot.c:9:5: error: use of undeclared identifier 'x'",
      "1 warning and 1 error generated.",
    ].join("\n");
    expect(parseDiagnostics(log, { stripPrefix: "src/" })).toEqual([
      { file: "message_slot.c", line: 3, col: 28, severity: "warning", message: "unused variable 'unused'", flag: "-Wunused-variable" },
      { file: "message_slot.c", line: 9, col: 5, severity: "error", message: "use of undeclared identifier 'x'" },
    ]);
  });

  it("takes the warning's own flag under -Werror and keeps a message's own brackets", () => {
    const [d, e] = parseDiagnostics(
      "a.c:1:2: error: unused variable 'x' [-Werror,-Wunused-variable]\na.c:2:1: error: bad type 'int[4]'\n",
    );
    expect(d).toMatchObject({ severity: "error", message: "unused variable 'x'", flag: "-Wunused-variable" });
    expect(e).toEqual({ file: "a.c", line: 2, col: 1, severity: "error", message: "bad type 'int[4]'" });
  });

  it("turns the include stack into notes after the diagnostic, innermost first", () => {
    const log = [
      "In file included from src/m.c:2:",
      "In file included from src/m.h:1:",
      "include/linux/x.h:4:1: error: unknown type name 'foo'",
      "include/linux/x.h:5:1: error: unknown type name 'bar'",
    ].join("\n");
    expect(parseDiagnostics(log, { stripPrefix: "src/" })).toEqual([
      { file: "include/linux/x.h", line: 4, col: 1, severity: "error", message: "unknown type name 'foo'" },
      { file: "m.h", line: 1, col: 0, severity: "note", message: "in file included from here" },
      { file: "m.c", line: 2, col: 0, severity: "note", message: "in file included from here" },
      { file: "include/linux/x.h", line: 5, col: 1, severity: "error", message: "unknown type name 'bar'" },
    ]);
  });

  it("maps wasm-ld's temporary objects back to the .c file", () => {
    const log = [
      "wasm-ld: error: /tmp/message_slot-517874.o: undefined symbol: malloc",
      "/opt/wasi-sdk/bin/wasm-ld: error: /tmp/my-file-a1B2c3.o: undefined symbol: printf",
      "wasm-ld: error: /tmp/other-123456.o: undefined symbol: puts",
      "wasm-ld: error: duplicate symbol: f",
      ">>> defined in /tmp/a-111111.o",
      "clang: error: linker command failed with exit code 1 (use -v to see invocation)",
    ].join("\n");
    const compiled = ["src/message_slot.c", "src/my-file.c", "src/a.c", "kernel/string.c"];
    expect(parseDiagnostics(log, { stripPrefix: "src/", compiled })).toEqual([
      { file: "message_slot.c", line: 0, col: 0, severity: "error", message: "undefined symbol: malloc" },
      { file: "my-file.c", line: 0, col: 0, severity: "error", message: "undefined symbol: printf" },
      { file: "other-123456.o", line: 0, col: 0, severity: "error", message: "undefined symbol: puts" },
      { file: "wasm-ld", line: 0, col: 0, severity: "error", message: "duplicate symbol: f" },
      { file: "a.c", line: 0, col: 0, severity: "note", message: "defined here" },
    ]);
  });

  it("keeps driver errors", () => {
    expect(parseDiagnostics("clang: error: no such file or directory: 'x.c'\n")).toEqual([
      { file: "clang", line: 0, col: 0, severity: "error", message: "no such file or directory: 'x.c'" },
    ]);
  });
});

describe("formatDiagnostic", () => {
  it("prints GCC style, leaving out an unknown line and column", () => {
    expect(formatDiagnostic({ file: "a.c", line: 3, col: 7, severity: "warning", message: "unused variable 'x'", flag: "-Wunused-variable" }))
      .toBe("a.c:3:7: warning: unused variable 'x' [-Wunused-variable]");
    expect(formatDiagnostic({ file: "a.c", line: 3, col: 0, severity: "note", message: "in file included from here" }))
      .toBe("a.c:3: note: in file included from here");
    expect(formatDiagnostic({ file: "a.c", line: 0, col: 0, severity: "error", message: "undefined symbol: malloc" }))
      .toBe("a.c: error: undefined symbol: malloc");
    expect(formatDiagnostic({ file: "modpost", line: 0, col: 0, severity: "error", message: "missing MODULE_LICENSE() in message_slot.o" }))
      .toBe("ERROR: modpost: missing MODULE_LICENSE() in message_slot.o");
  });
});

describe("diagnostics of a real compile", () => {
  it("reports clang's error and warning with the user's file name", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const source = [
      '#include "bad.h"', // 1
      "int f(void)", //      2
      "{", //                3
      "\tint unused;", //    4: warning, col 6
      "\treturn ok;", //     5
      "}", //                6
      "int g(void) { return missing; }", // 7: error, col 22
      "",
    ].join("\n");
    const r = await compile({
      kind: "module",
      sources: { "bad.c": source, "bad.h": "static const int ok = 1;\n" },
      system: FAKE_KERNEL,
    });
    expect(r.ok).toBe(false);
    expect(r.wasm).toBeUndefined();
    expect(r.diagnostics).toContainEqual({
      file: "bad.c", line: 4, col: 6, severity: "warning", message: "unused variable 'unused'", flag: "-Wunused-variable",
    });
    expect(r.diagnostics).toContainEqual({
      file: "bad.c", line: 7, col: 22, severity: "error", message: "use of undeclared identifier 'missing'",
    });
    expect(r.log).toMatch(/^bad\.c:7:22: error: use of undeclared identifier 'missing'$/m);
    expect(r.log).not.toContain("src/");
  });

  it("reports an error inside a user header with the include location as a note", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await compile({
      kind: "module",
      sources: { "m.c": '#include <linux/module.h>\n#include "m.h"\n', "m.h": "\nunknown_t x;\n" },
      system: FAKE_KERNEL,
    });
    expect(r.ok).toBe(false);
    const i = r.diagnostics.findIndex((d) => d.severity === "error");
    expect(r.diagnostics[i]).toMatchObject({ file: "m.h", line: 2, col: 1, message: "unknown type name 'unknown_t'" });
    expect(r.diagnostics[i + 1]).toEqual({ file: "m.c", line: 2, col: 0, severity: "note", message: "in file included from here" });
  });
});
