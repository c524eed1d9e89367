// The build-time half of fork (src/toolchain/asyncify.ts): only a program that calls fork is
// transformed; it then has Asyncify's exports and its mutable globals exported.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileProgram } from "../../src/toolchain/node.js";
import { GLOBAL_EXPORT_PREFIX } from "../../src/toolchain/asyncify.js";
import { REPO } from "../helpers/modules.js";

async function exportsOf(dir: string, name: string): Promise<string[]> {
  const r = await compileProgram(dir, name);
  expect(r.ok, r.log).toBe(true);
  return WebAssembly.Module.exports(await WebAssembly.compile(r.wasm as Uint8Array<ArrayBuffer>)).map((e) => e.name);
}

describe("asyncify at build time", () => {
  it("leaves a program without fork as the linker wrote it", async () => {
    const names = await exportsOf(join(REPO, "module-c"), "message_reader");
    expect(names.filter((n) => n.startsWith("asyncify_") || n.startsWith(GLOBAL_EXPORT_PREFIX))).toEqual([]);
  }, 300_000);

  it("makes a program that forks resumable: Asyncify's exports and the stack pointer exported", async () => {
    const names = await exportsOf(join(REPO, "test/fixtures/posix"), "bomb");
    expect(names).toEqual(expect.arrayContaining(["asyncify_start_unwind", "asyncify_stop_unwind", "asyncify_start_rewind", "asyncify_stop_rewind", "_start", "memory"]));
    expect(names.some((n) => n.startsWith(GLOBAL_EXPORT_PREFIX))).toBe(true);
  }, 300_000);
});
