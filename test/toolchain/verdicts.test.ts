// Compiler, modpost and header-probe verdicts as Linux 6.1's Kbuild + gcc 12 give them. Every
// expectation below was measured on Linux, not produced by msgslot: the module snippets with
// `make -C /lib/modules/6.1.0-57-amd64/build M=DIR modules` (Debian's linux-headers-6.1.0-57,
// gcc 12.2), the command numbers with gcc on x86-64 (`printf("%lx", _IOW(235, 0, T))`).
import { describe, expect, it } from "vitest";
import { buildModule } from "../../src/harness/module-build.js";
import { compile, formatDiagnostic, type Diagnostic } from "../../src/toolchain/index.js";
import { selectBackend, systemTree } from "../../src/toolchain/node.js";
import { FIRST_COMPILE_TIMEOUT } from "./fixtures.js";

const HEAD = "#include <linux/module.h>\n#include <linux/kernel.h>\n#include <linux/fs.h>\n#include <linux/uaccess.h>\n#include <linux/slab.h>\n";
const TAIL = "\nstatic int __init ms_init(void) { return 0; }\nstatic void __exit ms_exit(void) {}\nmodule_init(ms_init);\nmodule_exit(ms_exit);\nMODULE_LICENSE(\"GPL\");\n";

async function build(files: Record<string, string>) {
  const r = await buildModule(files, await systemTree("module"), selectBackend(), {}, "message_slot", await systemTree("program"));
  const own = (d: Diagnostic) => d.severity !== "note" && !d.file.startsWith("kernel/") && !d.file.startsWith("include/");
  return { ...r, own: r.result.diagnostics.filter(own) };
}

// [name, line 6 of message_slot.c, Linux's verdict: the severity and flag gcc printed at line 6]
const KBUILD: [string, string, "error" | "warning" | "ok", string?][] = [
  ["int-conversion (gcc 12 warns; clang errs by default)", "int f(char *p); int f(char *p) { int x = p; return x; }", "warning", "-Wint-conversion"],
  ["integer to pointer on return", "char *f(long a); char *f(long a) { return a; }", "warning", "-Wint-conversion"],
  ["incompatible pointer types (-Werror=incompatible-pointer-types)", "int f(char *p); int f(char *p) { int *x = p; return *x; }", "error"],
  ["an int ioctl handler in a long (*)() field", "static int my_ioctl(struct file *f, unsigned int c, unsigned long a) { return 0; }\nstatic struct file_operations fops = { .unlocked_ioctl = my_ioctl };", "error"],
  ["discarding const (-Wdiscarded-qualifiers, a warning)", "int f(const char *p); int f(const char *p) { char *x = p; return *x; }", "warning"],
  ["a function without a prototype (-Werror=strict-prototypes)", "static int f() { return 0; }\nint g(void); int g(void) { return f(); }", "error"],
  ["control reaches the end of a non-void function (-Werror=return-type)", "int f(int a); int f(int a) { if (a) return 1; }", "error"],
  ["return without a value (-Werror=return-type)", "int f(int a); int f(int a) { if (a) return; return 1; }", "error"],
  ["implicit function declaration", "int f(int a); int f(int a) { return foo(a); }", "error"],
  ["implicit int", "static x = 3; int f(void); int f(void) { return x; }", "error"],
  ["a variable-length array (-Wvla)", "int f(int n); int f(int n) { char b[n]; b[0] = 0; return b[0]; }", "warning", "-Wvla"],
  ["#if of an undefined macro (-Wundef)", "#if FOO\n#endif", "warning", "-Wundef"],
  ["an unused variable", "int f(void); int f(void) { int y; return 0; }", "warning", "-Wunused-variable"],
  ["a statement before a declaration (gnu11, no warning)", "int f(int a); int f(int a) { a++; int b = a; return b; }", "ok"],
];

describe("Kbuild's compiler verdicts (gcc 12, Linux 6.1 flags)", () => {
  for (const [name, body, verdict, flag] of KBUILD) {
    it(name, { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
      const r = await build({ "message_slot.c": HEAD + body + TAIL });
      const at6 = r.own.filter((d) => d.file === "message_slot.c" && d.line === 6 || d.line === 7);
      if (verdict === "error") {
        expect(r.result.ok, r.own.map(formatDiagnostic).join("\n")).toBe(false);
        expect(at6.some((d) => d.severity === "error")).toBe(true);
      } else {
        expect(r.result.ok, r.own.map(formatDiagnostic).join("\n")).toBe(true);
        expect(r.own.filter((d) => d.severity === "error")).toEqual([]);
        if (verdict === "warning") expect(at6.some((d) => d.severity === "warning" && (!flag || d.flag === flag))).toBe(true);
        else expect(r.own).toEqual([]);
      }
    });
  }

  it("-nostdinc: no C library header exists in a module", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    for (const h of ["stddef.h", "stdio.h", "stdlib.h", "stdarg.h", "stdint.h", "string.h", "limits.h"]) {
      const r = await build({ "message_slot.c": `#include <${h}>\n` + HEAD + TAIL });
      expect(r.result.ok, h).toBe(false);
      expect(r.own[0]).toMatchObject({ file: "message_slot.c", line: 1, severity: "fatal error", message: `'${h}' file not found` });
    }
  });

  it("modpost: a module without MODULE_LICENSE and a libc call fail as on Linux", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const noLicense = await build({ "message_slot.c": HEAD + TAIL.replace('MODULE_LICENSE("GPL");\n', "") });
    expect(noLicense.result.ok).toBe(false);
    expect(noLicense.image).toBeUndefined();
    expect(noLicense.own.map(formatDiagnostic)).toEqual(["ERROR: modpost: missing MODULE_LICENSE() in message_slot.o"]);
    const libc = await build({ "message_slot.c": HEAD + "void *malloc(unsigned long n);\nvoid *keep;\nint f(void); int f(void) { keep = malloc(4); return 0; }" + TAIL });
    expect(libc.result.ok).toBe(false);
    expect(libc.own.map(formatDiagnostic)).toEqual(['ERROR: modpost: "malloc" [message_slot.ko] undefined!']);
  });
});

const MODULE = HEAD + '#include "message_slot.h"\n' + TAIL;

describe("MSG_SLOT_CHANNEL as a user program reads it (run-oracle.sh's msgcmd.c)", () => {
  // gcc on x86-64: _IOW(235, 0, T)
  const X86_64: [string, number][] = [
    ["unsigned int", 0x4004eb00], ["int", 0x4004eb00], ["unsigned long", 0x4008eb00], ["long", 0x4008eb00],
    ["char *", 0x4008eb00], ["void *", 0x4008eb00], ["size_t", 0x4008eb00], ["long long", 0x4008eb00],
  ];
  for (const [type, value] of X86_64) {
    it(`_IOW(235, 0, ${type}) is 0x${value.toString(16)} as on x86-64`, { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
      const r = await build({ "message_slot.c": MODULE, "message_slot.h": `#include <linux/ioctl.h>\n#define MSG_SLOT_CHANNEL _IOW(235, 0, ${type})\n` });
      expect(r.own).toEqual([]);
      expect(r.msgSlotChannel).toBe(value);
    });
  }

  it("_IOWR('s', 7, unsigned long) and a plain number", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const a = await build({ "message_slot.c": MODULE, "message_slot.h": "#include <linux/ioctl.h>\n#define MSG_SLOT_CHANNEL _IOWR('s', 7, unsigned long)\n" });
    expect(a.msgSlotChannel).toBe(0xc0087307);
    const b = await build({ "message_slot.c": MODULE, "message_slot.h": "#define MSG_SLOT_CHANNEL 3\n" });
    expect(b.msgSlotChannel).toBe(3);
  });

  it("a header that relies on its includer for _IOW and size_t, or defines a variable, works", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await build({
      "message_slot.c": MODULE,
      "message_slot.h": "#define MSG_SLOT_CHANNEL _IOW(235, 0, unsigned int)\n#define BUF_LEN ((size_t)128)\nconst char *slot_name = \"message_slot\";\n",
    });
    expect(r.own).toEqual([]);
    expect(r.msgSlotChannel).toBe(0x4004eb00);
  });

  it("a header that needs the kernel's headers refuses the module, with the compiler's message", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await build({ "message_slot.c": MODULE, "message_slot.h": "#include <linux/ioctl.h>\n#include <linux/uaccess.h>\n#define MSG_SLOT_CHANNEL _IOW(235, 0, unsigned int)\n" });
    expect(r.result.ok).toBe(false);
    expect(r.image).toBeUndefined();
    // gcc on Linux: message_slot.h:2:10: fatal error: linux/uaccess.h: No such file or directory
    expect(r.own[0]).toMatchObject({ file: "message_slot.h", line: 2, col: 10, severity: "fatal error" });
    expect(r.own.map(formatDiagnostic).join("\n")).toContain("message_slot.h cannot be used from user space");
  });

  it("a header without MSG_SLOT_CHANNEL refuses the module", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await build({ "message_slot.c": MODULE, "message_slot.h": "#define IOCTL_SET_CHANNEL 3\n" });
    expect(r.result.ok).toBe(false);
    // run-oracle.sh's msgcmd.c:12: #error "message_slot.h does not define MSG_SLOT_CHANNEL"
    expect(r.own[0]).toMatchObject({ file: "msgcmd.c", line: 12, severity: "error" });
    expect(r.own.map(formatDiagnostic).join("\n")).toContain("message_slot.h does not define MSG_SLOT_CHANNEL");
  });

  it("the module's own headers may be kernel-only: only message_slot.h is read from user space", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await build({
      "message_slot.c": HEAD + '#include "internal.h"\n#include "message_slot.h"\n' + TAIL,
      "internal.h": "#include <linux/uaccess.h>\n",
      "message_slot.h": "#include <linux/ioctl.h>\n#define MSG_SLOT_CHANNEL _IOW(235, 0, unsigned int)\n",
    });
    expect(r.own).toEqual([]);
    expect(r.msgSlotChannel).toBe(0x4004eb00);
  });
});

describe("user programs: gcc 12's verdict for `gcc -O3 -Wall -std=c11`", () => {
  it("implicit declarations and int, int-conversion, incompatible pointers, return; are warnings and it links", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    // gcc 12.2: seven warnings, no error, a program (measured on this source)
    const source = [
      "#include <stdio.h>", "#include <fcntl.h>", "static x = 3;", "int f(int a) { if (a) return; return 1; }",
      "int main(int argc, char **argv) {", "  int fd = open(argv[0], O_RDONLY);", "  int n = strlen(argv[0]);",
      "  int *p = argv[0];", "  char *q = n;", "  my_helper(fd);", "  return x + *p + (q != 0) + f(argc);", "}",
      "int my_helper(int fd) { return fd; }", "",
    ].join("\n");
    const r = await compile({ kind: "program", sources: { "p.c": source }, main: ["p.c"], system: await systemTree("program"), extraFlags: ["-O3", "-Wall", "-std=c11"] }, selectBackend());
    expect(r.diagnostics.filter((d) => d.severity === "error" || d.severity === "fatal error")).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.diagnostics.filter((d) => d.severity === "warning").map((d) => d.line)).toEqual([3, 4, 7, 8, 9, 10]);
  });
});

describe("a user program's _IOW is x86-64's, as an integer constant expression", () => {
  it("in _Static_assert and case labels, for int, unsigned int, long, unsigned long, pointers", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    // the values gcc gives on x86-64 (printf("%lx", …) of each)
    const source = [
      "#include <sys/ioctl.h>", "#include <sys/types.h>",
      "_Static_assert(_IOW(235, 0, unsigned int) == 0x4004eb00, \"uint\");",
      "_Static_assert(_IOW(235, 0, int) == 0x4004eb00, \"int\");",
      "_Static_assert(_IOW(235, 0, unsigned long) == 0x4008eb00, \"ulong\");",
      "_Static_assert(_IOW(235, 0, long) == 0x4008eb00, \"long\");",
      "_Static_assert(_IOW(235, 0, char *) == 0x4008eb00, \"ptr\");",
      "_Static_assert(_IOR(235, 1, size_t) == 0x8008eb01, \"size_t\");",
      "_Static_assert(_IOWR(235, 2, ssize_t) == 0xc008eb02, \"ssize_t\");",
      "_Static_assert(_IOW(235, 3, struct { int a; char b[12]; }) == 0x4010eb03, \"struct\");",
      "int main(int argc, char **argv) {", "  (void)argv;",
      "  switch ((unsigned long)argc) { case _IOW(235, 0, unsigned long): return 1; case _IOW(235, 0, unsigned int): return 2; }",
      "  return 0;", "}", "",
    ].join("\n");
    const r = await compile({ kind: "program", sources: { "p.c": source }, main: ["p.c"], system: await systemTree("program"), extraFlags: ["-O3", "-Wall", "-std=c11"] }, selectBackend());
    expect(r.diagnostics.filter((d) => d.severity !== "note").map(formatDiagnostic)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe("-Werror=strict-prototypes as gcc applies it", () => {
  // Kbuild on 6.1: `static int f(void); … static int f() { … }` builds (gcc exempts an old-style
  // definition a prototype precedes); `static int f() { … }` alone, or a declaration `int g();`, fails.
  it("an old-style definition after its prototype builds; alone it fails", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const after = await build({ "message_slot.c": HEAD + "static int f(void);\nstatic int f() { return 0; }\nint g(void); int g(void) { return f(); }" + TAIL });
    expect(after.own.map(formatDiagnostic)).toEqual([]);
    expect(after.result.ok).toBe(true);
    const inHeader = await build({ "message_slot.c": HEAD + '#include "message_slot.h"\nstatic int f() { return 0; }\nint g(void); int g(void) { return f(); }' + TAIL, "message_slot.h": "#define MSG_SLOT_CHANNEL 3\nstatic int f(void);\n" });
    expect(inHeader.result.ok).toBe(true);
    const alone = await build({ "message_slot.c": HEAD + "static int f() { return 0; }\nint g(void); int g(void) { return f(); }" + TAIL });
    expect(alone.result.ok).toBe(false);
    expect(alone.own).toMatchObject([{ file: "message_slot.c", line: 6, severity: "error", flag: "-Wstrict-prototypes" }]);
    const decl = await build({ "message_slot.c": HEAD + "int h();\nint h(int a) { return a; }" + TAIL });
    expect(decl.result.ok).toBe(false);
    // (clang adds a -Wdeprecated-non-prototype warning; gcc 12 has only the error)
    expect(decl.own[0]).toMatchObject({ file: "message_slot.c", line: 6, severity: "error", flag: "-Wstrict-prototypes" });
  });
});
