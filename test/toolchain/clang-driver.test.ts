// The driver plan kept across @yowasp/clang runs (src/toolchain/clang-driver.ts): parsed from the
// real `clang -###` output, reused for a compile with the same arguments and file names, never
// for other ones; errors still reach the user.
import { describe, expect, it } from "vitest";
import { parseDriverPlan } from "../../src/toolchain/clang-driver.js";
import { createYowaspBackend, driverPlans } from "../../src/toolchain/yowasp.js";
import { FIRST_COMPILE_TIMEOUT } from "./fixtures.js";

/** `clang -### ARGS` as the real compiler prints it */
async function driverOutput(args: string[], files: Record<string, string>): Promise<string> {
  const mod = await import("@yowasp/clang");
  let out = "";
  const dec = new TextDecoder();
  const sink = (b: Uint8Array | null) => {
    if (b) out += dec.decode(b);
  };
  await mod.runLLVM(["clang", "-###", ...args], files, { stdout: sink, stderr: sink, fetchProgress: () => {} });
  return out;
}

/** a wasm library exporting f, compiled from `source` */
const LIB_ARGS = ["--target=wasm32-wasip1", "-O2", "-nostdlib", "-Wl,--no-entry", "-Wl,--export=f", "lib.c", "-o", "lib.wasm"];

async function callF(wasm: Uint8Array): Promise<number> {
  const { instance } = await WebAssembly.instantiate(wasm as Uint8Array<ArrayBuffer>);
  return (instance.exports.f as () => number)();
}

describe("the clang driver's plan", () => {
  it("is parsed from real -### output: one job per step, quoting undone, the in-process name dropped", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const out = await driverOutput(["--target=wasm32-wasip1", "-DX=\"a b\"", "-Wl,--opt$x", "a.c", "b c.c", "-o", "a.wasm"], {
      "a.c": "int main(void) { return 0; }\n",
      "b c.c": "int g;\n",
    });
    const jobs = parseDriverPlan(out);
    expect(jobs).not.toBeNull();
    expect(jobs!.map((j) => j.slice(0, 2))).toEqual([["clang", "-cc1"], ["clang", "-cc1"], ["wasm-ld", "-m"]]);
    expect(jobs![0]).toContain('X="a b"');
    expect(jobs![1]!.at(-1)).toBe("b c.c");
    expect(jobs![2]).toContain("--opt$x");
    expect(jobs![2]!.at(-1)).toBe("a.wasm");
  });

  it("is not a plan when the output is something else", () => {
    expect(parseDriverPlan("clang: error: no such file or directory: 'x.c'\n")).toBeNull();
    expect(parseDriverPlan('clang version 21\n "" "clang" "-cc1" "unterminated\n\n')).toBeNull();
    expect(parseDriverPlan("clang version 21\nTarget: wasm32\n")).toBeNull();
  });

  it("is made once for one set of arguments and file names, and each compile still builds its own source", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const backend = createYowaspBackend();
    const before = driverPlans.driverRuns;
    const one = await backend.run(LIB_ARGS, { "lib.c": "int f(void) { return 1; }\n" });
    const two = await backend.run(LIB_ARGS, { "lib.c": "int f(void) { return 2; }\n" });
    expect(driverPlans.driverRuns - before).toBe(1);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(await callF(one.files["lib.wasm"] as Uint8Array)).toBe(1);
    expect(await callF(two.files["lib.wasm"] as Uint8Array)).toBe(2);
    // nothing of the jobs' temporary objects is left in the output
    expect(Object.keys(two.files).filter((p) => p.startsWith("tmp/"))).toEqual([]);

    // another file name is another plan
    await backend.run([...LIB_ARGS.slice(0, -3), "other.c", "-o", "lib.wasm"], { "other.c": "int f(void) { return 3; }\n" });
    expect(driverPlans.driverRuns - before).toBe(2);
  });

  it("reports the compiler's error on a kept plan, and the driver's own error on a new one", { timeout: FIRST_COMPILE_TIMEOUT }, async () => {
    const backend = createYowaspBackend();
    await backend.run(LIB_ARGS, { "lib.c": "int f(void) { return 1; }\n" });
    const broken = await backend.run(LIB_ARGS, { "lib.c": "int f(void) { return 1 }\n" });
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toMatch(/lib\.c:1:\d+: error: expected ';'/);

    const missing = await backend.run(["--target=wasm32-wasip1", "-c", "absent.c", "-o", "absent.o"], { "lib.c": "" });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("no such file or directory: 'absent.c'");
  });
});
