import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clearMemoryCache, compile } from "../../src/toolchain/compile.js";
import { createDiskCache } from "../../src/toolchain/disk-cache.js";
import type { Backend, CompileRequest } from "../../src/toolchain/types.js";
import { EMPTY_WASM, FAKE_KERNEL, FIRST_COMPILE_TIMEOUT } from "./fixtures.js";

const SOURCE = "#include <linux/module.h>\nint counter = 1;\nstatic int c_init(void) { return counter; }\nmodule_init(c_init);\n";
const request = (source: string): CompileRequest => ({ kind: "module", sources: { "c.c": source }, system: FAKE_KERNEL });

/** A backend that counts its runs (libkern's -r runs apart) and "compiles" to a fixed module. */
function countingBackend(version = "1.0"): Backend & { runs: number; libRuns: number } {
  const b = {
    name: "counting",
    runs: 0,
    libRuns: 0,
    async version() {
      return version;
    },
    async run(args: string[]) {
      if (args.includes("-r")) b.libRuns++;
      else b.runs++;
      return { code: 0, files: { [args[args.length - 1]!]: EMPTY_WASM }, stderr: "" };
    },
  };
  return b;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("compile cache", () => {
  it("hits on an identical compile and misses after a one-byte change", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    clearMemoryCache();
    const first = await compile(request(SOURCE));
    expect(first.ok).toBe(true);
    expect(first.cached).toBe(false);
    const second = await compile(request(SOURCE));
    expect(second.cached).toBe(true);
    expect(second.wasm).toEqual(first.wasm);
    expect(second.diagnostics).toEqual(first.diagnostics);
    const changed = await compile(request(SOURCE.replace("counter = 1", "counter = 2")));
    expect(changed.cached).toBe(false);
    expect(changed.ok).toBe(true);
    expect(changed.wasm).not.toEqual(first.wasm);
  });

  it("hands out copies, so a caller cannot damage the cached bytes", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const a = await compile(request(SOURCE));
    const saved = a.wasm!.slice();
    a.wasm!.fill(0);
    const b = await compile(request(SOURCE));
    expect(b.cached).toBe(true);
    expect(b.wasm).toEqual(saved);
  });

  it("keys on flags, system files, backend version, and runs identical concurrent requests once", async () => {
    clearMemoryCache();
    const b = countingBackend();
    const [x, y] = await Promise.all([compile(request("int a;"), b), compile(request("int a;"), b)]);
    expect(b.runs).toBe(1);
    expect([x.cached, y.cached].sort()).toEqual([false, true]);
    await compile({ ...request("int a;"), extraFlags: ["-Werror"] }, b);
    await compile({ ...request("int a;"), system: { ...FAKE_KERNEL, "kernel/extra.c": "" } }, b);
    await compile(request("int a;"), countingBackend("2.0"));
    expect(b.runs).toBe(3);
  });

  it("compiles libkern once for many versions of the module", async () => {
    clearMemoryCache();
    const b = countingBackend();
    await compile(request("int one;"), b);
    await compile(request("int two;"), b);
    expect([b.runs, b.libRuns]).toEqual([2, 1]);
    await compile({ ...request("int two;"), system: { ...FAKE_KERNEL, "kernel/ubsan.c": "/* changed */" } }, b);
    expect([b.runs, b.libRuns]).toEqual([3, 2]);
  });

  it("keeps successful compiles on disk for a fresh process", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "msgslot-cache-test-"));
    dirs.push(dir);
    const store = createDiskCache(dir);
    clearMemoryCache();
    const b = countingBackend();
    const first = await compile(request("int disk;"), b, { store });
    expect(first.cached).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}\.json$/), expect.stringMatching(/^[0-9a-f]{64}\.wasm$/)]));
    clearMemoryCache(); // as if a new process started
    const second = await compile(request("int disk;"), b, { store: createDiskCache(dir) });
    expect(second.cached).toBe(true);
    expect(second.wasm).toEqual(EMPTY_WASM);
    expect([b.runs, b.libRuns]).toEqual([1, 1]);
  });

  it("does not keep failed compiles on disk", async () => {
    const dir = await mkdtemp(join(tmpdir(), "msgslot-cache-test-"));
    dirs.push(dir);
    const failing: Backend = { name: "failing", run: async () => ({ code: 1, files: {}, stderr: "a.c:1:1: error: nope\n" }) };
    const r = await compile(request("int fail;"), failing, { store: createDiskCache(dir) });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([{ file: "a.c", line: 1, col: 1, severity: "error", message: "nope" }]);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });
});
