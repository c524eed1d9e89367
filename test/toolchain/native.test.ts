// The wasi-sdk backend, against a fake clang that records what it was given: what our code does
// (arguments, sysroot, temporary directory, reading the output back) without wasi-sdk installed.
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { compile } from "../../src/toolchain/compile.js";
import { createNativeBackend } from "../../src/toolchain/native.js";
import { nodeCompile, selectBackend } from "../../src/toolchain/node.js";
import { EMPTY_WASM, FAKE_KERNEL, FAKE_USER } from "./fixtures.js";

const FAKE_CLANG = `#!/bin/sh
if [ "$1" = "--version" ]; then
  echo "clang version \${FAKE_CLANG_VERSION:-19.1.5-wasi-sdk} (https://github.com/llvm/llvm-project abc)"
  echo "Target: wasm32-unknown-wasip1"
  exit 0
fi
log="$(dirname "$0")/../log"
mkdir -p "$log"
pwd >> "$log/cwd"
echo "--run--" >> "$log/args"
for a in "$@"; do echo "$a" >> "$log/args"; done
find . -type f | sort > "$log/files"
out=""; prev=""
for a in "$@"; do
  if [ "$prev" = "-o" ]; then out="$a"; fi
  prev="$a"
  case "$a" in *fail.c)
    echo "src/fail.c:2:3: error: expected ';' after expression" >&2
    echo "wasm-ld: error: /tmp/fail-a1b2c3.o: undefined symbol: malloc" >&2
    echo "clang: error: linker command failed with exit code 1 (use -v to see invocation)" >&2
    exit 1;;
  esac
done
printf '\\000asm\\001\\000\\000\\000' > "$out"
echo "warning: fake clang was here" >&2
`;

let sdk: string;
const log = (name: string) => readFile(join(sdk, "log", name), "utf8");
/** The argument lists of the runs since the last reset. */
const runs = async () => (await log("args")).split("--run--\n").filter(Boolean).map((r) => r.trimEnd().split("\n"));

beforeAll(async () => {
  sdk = await mkdtemp(join(tmpdir(), "msgslot-fake-sdk-"));
  await mkdir(join(sdk, "bin"));
  await writeFile(join(sdk, "bin", "clang"), FAKE_CLANG);
  await chmod(join(sdk, "bin", "clang"), 0o755);
});
beforeEach(async () => {
  await rm(join(sdk, "log"), { recursive: true, force: true });
});
afterAll(async () => {
  await rm(sdk, { recursive: true, force: true });
});

describe("native wasi-sdk backend", () => {
  it("is chosen when WASI_SDK_PATH is set", () => {
    expect(selectBackend({ WASI_SDK_PATH: sdk }).name).toBe("wasi-sdk");
    expect(selectBackend({}).name).toBe("yowasp-clang");
  });

  it("runs $WASI_SDK_PATH/bin/clang with the sysroot in a temporary copy of the tree", async () => {
    const r = await nodeCompile(
      { kind: "module", sources: { "m.c": "int x;\n", "m.h": "" }, system: FAKE_KERNEL, output: "m.wasm" },
      { backend: selectBackend({ WASI_SDK_PATH: sdk }), cacheDir: false },
    );
    expect(r.ok).toBe(true);
    expect(r.wasm).toEqual(EMPTY_WASM);
    expect(r.backend).toMatch(/^wasi-sdk clang version 19\.1\.5-wasi-sdk/);
    const warning = { file: "clang", line: 0, col: 0, severity: "warning", message: "fake clang was here" };
    expect(r.diagnostics).toEqual([warning, warning]); // the module's run, then libkern's

    // libkern first: compile flags only, one relocatable object.
    const [lib, main] = await runs();
    expect(lib![0]).toBe(`--sysroot=${join(sdk, "share", "wasi-sysroot")}`);
    expect(lib).toContain("-fno-delete-null-pointer-checks");
    expect(lib!.filter((a) => a.startsWith("-Wl,") || a === "-z")).toEqual([]);
    expect(lib!.slice(-4)).toEqual(["-r", "kernel/ubsan.c", "-o", "libkern.o"]);

    expect(main![0]).toBe(`--sysroot=${join(sdk, "share", "wasi-sysroot")}`);
    expect(main).toContain("--target=wasm64"); // LP64, lowered by src/toolchain/lp64.ts
    expect(main).toContain("-nostdlib");
    expect(main).toContain("-Wl,--export-table");
    expect(main).not.toContain("-Wl,--allow-undefined");
    expect(main!.slice(-4)).toEqual(["src/m.c", "libkern.o", "-o", "m.wasm"]);
    expect((await log("files")).trimEnd().split("\n")).toEqual([
      "./include/linux/kernel.h", "./include/linux/module.h", "./kernel/ubsan.c", "./libkern.o", "./src/m.c", "./src/m.h",
    ]);
    const cwds = (await log("cwd")).trim().split("\n");
    expect(cwds).toHaveLength(2);
    for (const cwd of cwds) {
      expect(cwd.startsWith(tmpdir())).toBe(true);
      expect(existsSync(cwd)).toBe(false); // removed after the run
    }
  });

  it("passes --no-stack-first to an LLVM that has it (22 and later)", async () => {
    process.env.FAKE_CLANG_VERSION = "22.1.0";
    try {
      const r = await compile({ kind: "program", sources: { "p.c": "int main(void){return 0;}\n" }, system: FAKE_USER }, createNativeBackend(sdk));
      expect(r.ok).toBe(true);
    } finally {
      delete process.env.FAKE_CLANG_VERSION;
    }
    const [libArgs, args] = await runs();
    expect(libArgs!.slice(-4)).toEqual(["-r", "user/strerror.c", "-o", "libuser.o"]);
    expect(args).toEqual(expect.arrayContaining([
      "--target=wasm32-wasip1", "-Iuser/include", "-Wl,--no-stack-first", "-Wl,--global-base=536870912", "-Wl,--wrap=strerror",
    ]));
    expect(args!.indexOf("-Iuser/include")).toBeLessThan(args!.indexOf("src/p.c"));
    expect(args!.slice(-4)).toEqual(["src/p.c", "libuser.o", "-o", "out.wasm"]);

    await rm(join(sdk, "log"), { recursive: true, force: true });
    await compile({ kind: "program", sources: { "q.c": "int main(void){return 1;}\n" }, system: FAKE_USER }, createNativeBackend(sdk));
    expect((await runs()).flat()).not.toContain("-Wl,--no-stack-first"); // 19 has no such flag
  });

  it("parses a failing run's stderr", async () => {
    const r = await compile({ kind: "module", sources: { "fail.c": "x\n" }, system: FAKE_KERNEL }, createNativeBackend(sdk));
    expect(r.ok).toBe(false);
    expect(r.wasm).toBeUndefined();
    expect(r.diagnostics).toEqual([
      { file: "fail.c", line: 2, col: 3, severity: "error", message: "expected ';' after expression" },
      { file: "modpost", line: 0, col: 0, severity: "error", message: '"malloc" [out.ko] undefined!' },
      { file: "clang", line: 0, col: 0, severity: "warning", message: "fake clang was here" }, // libkern's run
    ]);
    expect(r.log).toMatch(/^fail\.c:2:3: error/);
  });
});
