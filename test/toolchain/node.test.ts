import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireKernelMemory, kernelMemoryLimits } from "../../src/kernel/kernel-memory.js";
import { moduleSources } from "../../src/toolchain/kbuild.js";
import { compileModuleDir, compileProgram, findRepoRoot, readTree, systemTree } from "../../src/toolchain/node.js";
import { FAKE_KERNEL, FAKE_USER, FIRST_COMPILE_TIMEOUT } from "./fixtures.js";

let dir: string;
let cacheDir: string;

const SLOT_C = "#include <linux/module.h>\n#include \"slot.h\"\nstatic int s_init(void) { return SLOT_VALUE; }\nmodule_init(s_init);\n";
const SENDER_C = "#include <stdio.h>\n#include \"slot.h\"\nint main(void) { printf(\"%d\\n\", SLOT_VALUE); return 0; }\n";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "msgslot-node-test-"));
  cacheDir = await mkdtemp(join(tmpdir(), "msgslot-node-cache-"));
  await writeFile(join(dir, "slot.c"), SLOT_C);
  await writeFile(join(dir, "slot.h"), "#define SLOT_VALUE 5\n");
  await writeFile(join(dir, "sender.c"), SENDER_C);
  await writeFile(join(dir, "Kbuild"), "obj-m := slot.o\n");
  await writeFile(join(dir, "slot.o"), new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0xff]));
  await writeFile(join(dir, "slot.mod.c"), "garbage");
  await writeFile(join(dir, ".slot.o.cmd"), "");
  await writeFile(join(dir, "blob.bin"), new Uint8Array([0xff, 0xfe, 0x00]));
  await mkdir(join(dir, "sub"));
  await writeFile(join(dir, "sub", "inner.h"), "");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

describe("readTree", () => {
  it("reads text as strings, binaries as bytes, and skips build products and hidden files", async () => {
    const tree = await readTree(dir, "x/");
    expect(Object.keys(tree).sort()).toEqual(["x/Kbuild", "x/blob.bin", "x/sender.c", "x/slot.c", "x/slot.h", "x/sub/inner.h"]);
    expect(tree["x/slot.c"]).toBe(SLOT_C);
    expect(tree["x/blob.bin"]).toEqual(new Uint8Array([0xff, 0xfe, 0x00]));
    expect(Object.keys(await readTree(dir, "", { recursive: false }))).not.toContain("sub/inner.h");
  });
});

describe("repo helpers", () => {
  it("finds the checkout and its module-c system trees", async () => {
    const root = findRepoRoot();
    expect(root).toBe(join(import.meta.dirname, "..", ".."));
    const mod = await systemTree("module");
    expect(Object.keys(mod).every((p) => p.startsWith("include/") || p.startsWith("kernel/"))).toBe(true);
    expect(mod).toHaveProperty(["include/kernel/host.h"]);
    const user = await systemTree("program");
    expect(Object.keys(user).every((p) => p.startsWith("user/"))).toBe(true);
  });
});

describe("moduleSources", () => {
  it("follows obj-m and its -objs / -y parts", () => {
    expect(moduleSources({ Kbuild: "obj-m := slot.o\n", "slot.c": "", "sender.c": "int main(void){}" })).toEqual(["slot.c"]);
    const makefile = "obj-m += ms.o\nms-objs := a.o \\\n  b.o\nall:\n\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n";
    expect(moduleSources({ Makefile: makefile, "a.c": "", "b.c": "", "ms.c": "" })).toEqual(["a.c", "b.c"]);
  });

  it("without a Kbuild takes every .c that has no main()", () => {
    expect(moduleSources({ "slot.c": "static int x;", "sender.c": "int main(int argc, char **argv) {}", "reader.c": "int\nmain (void) {}" }))
      .toEqual(["slot.c"]);
  });
});

describe("directory conveniences", () => {
  it("compiles a student's module directory and a program from it", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const mod = await compileModuleDir(dir, { system: FAKE_KERNEL, cacheDir });
    expect(mod.diagnostics).toEqual([]);
    expect(mod.ok).toBe(true);
    const fault = () => {
      throw new Error("fault");
    };
    const compiled = await WebAssembly.compile(mod.wasm! as Uint8Array<ArrayBuffer>);
    const memory = acquireKernelMemory(kernelMemoryLimits(compiled)!);
    const { exports } = await WebAssembly.instantiate(compiled, { kernel: { fault, memory } });
    expect((exports.init_module as () => number)()).toBe(5);

    const prog = await compileProgram(dir, "sender", { system: FAKE_USER, cacheDir });
    expect(prog.diagnostics).toEqual([]);
    expect(prog.ok).toBe(true);
    expect(WebAssembly.Module.imports(await WebAssembly.compile(prog.wasm! as Uint8Array<ArrayBuffer>)).map((i) => i.module))
      .toContain("wasi_snapshot_preview1");
  });
});
