import { ConsoleStdout, File, OpenFile, WASI } from "@bjorn3/browser_wasi_shim";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/toolchain/compile.js";
import { FAKE_USER, FIRST_COMPILE_TIMEOUT } from "./fixtures.js";

const USER_BASE = 0x2000_0000;

/** Runs a WASI program under @bjorn3/browser_wasi_shim (what src/wasi uses); returns exit code and stdout. */
async function run(wasm: Uint8Array): Promise<{ code: number; stdout: string[] }> {
  const stdout: string[] = [];
  const wasi = new WASI(["prog"], [], [
    new OpenFile(new File([])),
    ConsoleStdout.lineBuffered((l) => stdout.push(l)),
    ConsoleStdout.lineBuffered((l) => stdout.push(`stderr: ${l}`)),
  ]);
  const inst = await WebAssembly.instantiate(await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>), {
    wasi_snapshot_preview1: wasi.wasiImport,
  });
  const code = wasi.start(inst as unknown as { exports: { memory: WebAssembly.Memory; _start: () => unknown } });
  return { code, stdout };
}

const HELLO = [
  "#include <stdio.h>",
  "#include <stdlib.h>",
  "#include <string.h>",
  "#include <msgslot_test.h>", // from user/include
  "static char data[16] = \"x\";",
  "int main(void) {",
  "  int local = 0;",
  "  char *heap = malloc(8);",
  "  printf(\"%s\\n\", GREETING);",
  "  printf(\"%lu %lu %lu\\n\", (unsigned long)data, (unsigned long)&local, (unsigned long)heap);",
  "  printf(\"%s\\n\", strerror(2));",
  "  return 3;",
  "}",
  "",
].join("\n");

describe("compile a user program", () => {
  it("links against wasi-libc with user/ first and every address at or above USER_BASE", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await compile({ kind: "program", sources: { "hello.c": HELLO }, system: FAKE_USER });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    const { code, stdout } = await run(r.wasm!);
    expect(code).toBe(3);
    expect(stdout[0]).toBe("hello");
    const addrs = stdout[1]!.split(" ").map(Number);
    expect(addrs).toHaveLength(3);
    for (const a of addrs) expect(a).toBeGreaterThanOrEqual(USER_BASE);
    // user/strerror.c defines __wrap_strerror, so it is linked with --wrap=strerror.
    expect(stdout[2]).toBe("wrapped strerror");
  });

  it("links the real strerror when wrap is turned off", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const r = await compile({ kind: "program", sources: { "hello.c": HELLO }, system: FAKE_USER, wrap: [] });
    expect(r.ok).toBe(true);
    const { stdout } = await run(r.wasm!);
    expect(stdout[2]).toBe("Permission denied"); // wasi-libc's; WASI's errno 2 is EACCES
  });

  it("reports an unknown function as an undefined symbol", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const src = "void frobnicate(void);\nint main(void) { frobnicate(); return 0; }\n";
    const r = await compile({ kind: "program", sources: { "p.c": src }, system: FAKE_USER });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual({ file: "p.c", line: 0, col: 0, severity: "error", message: "undefined symbol: frobnicate" });
  });
});
