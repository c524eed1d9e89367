import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWasm } from "../../src/cli/build-wasm.js";
import { FAKE_KERNEL, FAKE_USER, FIRST_COMPILE_TIMEOUT } from "../toolchain/fixtures.js";

let root: string;

async function writeTree(dir: string, tree: Record<string, string | Uint8Array>) {
  for (const [path, content] of Object.entries(tree)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "msgslot-build-test-"));
  await writeTree(join(root, "module-c"), {
    ...FAKE_KERNEL,
    ...FAKE_USER,
    Kbuild: "obj-m := message_slot.o\n",
    "message_slot.c": "#include <linux/module.h>\nstatic int s_init(void) { return 0; }\nmodule_init(s_init);\nMODULE_LICENSE(\"GPL\");\n",
    "message_sender.c": "#include <stdio.h>\nint main(void) { puts(\"sent\"); return 0; }\n",
  });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("build-wasm", () => {
  it("builds what exists, skips what does not, and fails with diagnostics", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { cacheDir: false as const, stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) };
    expect(await buildWasm(root, io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^wasm\/message_slot\.wasm {2}[\d.]+ KiB {2}\d+ ms {2}yowasp-clang /);
    expect(out[1]).toMatch(/^wasm\/message_sender\.wasm /);
    expect(out[2]).toBe("wasm/message_reader.wasm: skipped, module-c/message_reader.c does not exist");
    const wasm = await readFile(join(root, "wasm", "message_slot.wasm"));
    expect(WebAssembly.validate(wasm)).toBe(true);

    await writeFile(join(root, "module-c", "message_reader.c"), "int main(void) { return missing; }\n");
    err.length = 0;
    expect(await buildWasm(root, io)).toBe(1);
    expect(err).toEqual([
      "module-c/message_reader.c:1:25: error: use of undeclared identifier 'missing'",
      expect.stringMatching(/^wasm\/message_reader\.wasm: FAILED/),
    ]);
    expect(existsSync(join(root, "wasm", "message_reader.wasm"))).toBe(false);
  });
});
