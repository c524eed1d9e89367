// insmod of files that are not msgslot modules: not WebAssembly at all, the
// wrong imports, the wrong kinds of exports, traps at instantiation, entry
// points that return garbage. Each is an insmod error (busybox's "invalid
// module format", status 8) or an oops; never an exception out of the kernel.
import { describe, expect, it } from "vitest";
import { loadImage } from "../../src/harness/module-build.js";
import { runApplet, type ModuleImage } from "../../src/harness/busybox.js";
import { Machine } from "../../src/process/machine.js";
import { ProcessKilled } from "../../src/process/process.js";
import { O_RDWR, USER_BASE } from "../../src/kernel/constants.js";
import { ENTRY_POINTS, op, wasm, type WasmSpec } from "./wasm.js";
import { slotWorks } from "./helpers.js";

/** A module with every entry point the kernel needs, each returning `k`. */
function garbageAbi(k: number, extra: Partial<WasmSpec> = {}): WasmSpec {
  const imports = [{ module: "kernel", name: "register_chrdev_region", params: ["i32", "i32", "i32", "i32", "i32"] as const, results: ["i32"] as const }];
  const funcs = [
    // init_module: register major 236 with fops = k, return 0
    { params: [], results: ["i32" as const], body: [...op.i32(236), ...op.i32(0), ...op.i32(256), ...op.i32(0), ...op.i32(k), ...op.call(0), ...op.drop, ...op.i32(0)] },
    // cleanup_module: nothing (leaves the chrdev registered)
    { params: [], results: [], body: [] },
    ...ENTRY_POINTS.map(() => ({ params: [], results: ["i32" as const], body: op.i32(k) })),
  ];
  return {
    imports: imports.map((i) => ({ ...i, params: [...i.params], results: [...i.results] })),
    funcs,
    memory: { min: 2, max: 16 },
    globals: [{ mutable: false, value: 65536 }, { mutable: true, value: 65536 }],
    exports: [
      { name: "memory", kind: 2, index: 0 },
      { name: "__heap_base", kind: 3, index: 0 },
      { name: "__stack_pointer", kind: 3, index: 1 },
      { name: "init_module", kind: 0, index: 1 },
      { name: "cleanup_module", kind: 0, index: 2 },
      ...ENTRY_POINTS.map((name, i) => ({ name, kind: 0 as const, index: 3 + i })),
    ],
    ...extra,
  };
}

async function insmod(bytes: Uint8Array) {
  const { image } = await loadImage(bytes, "junk");
  const m = new Machine();
  const env = { machine: m, modules: new Map<string, ModuleImage>([["junk", image]]) };
  const r = runApplet(env, ["insmod", "/junk.ko"]);
  for (let i = 0; i < 2; i++) m.kernel.vfs.mknod(`/dev/h${i}`, 236, i, new Date(0));
  return { m, env, r };
}

describe("files that are not msgslot modules", () => {
  it("bytes that are not WebAssembly are refused when the image is loaded, with the reason", async () => {
    await expect(loadImage(new TextEncoder().encode("#!/bin/sh\nrm -rf /\n"))).rejects.toThrow(WebAssembly.CompileError);
    await expect(loadImage(new Uint8Array(0))).rejects.toThrow(/BufferSource argument is empty|expected magic word/);
  });

  it("a module importing what the kernel does not offer: invalid module format, exit 8", async () => {
    const spec = garbageAbi(0);
    spec.imports!.push({ module: "kernel", name: "frobnicate", params: [], results: [] });
    // the new import shifts function indices by one
    spec.exports = spec.exports!.map((e) => (e.kind === 0 ? { ...e, index: e.index + 1 } : e));
    const { m, r } = await insmod(wasm(spec));
    expect(r).toMatchObject({ status: 8, stderr: "insmod: can't insert '/junk.ko': invalid module format\n" });
    expect(m.kernel.dmesg.format()).toMatch(/junk: cannot instantiate: .*frobnicate/);
    await slotWorks(m);
  });

  it("a start function that traps: invalid module format", async () => {
    const spec = garbageAbi(0);
    spec.funcs!.push({ params: [], results: [], body: op.unreachable });
    spec.start = spec.funcs!.length; // imports (1) + funcs - 1
    const { m, r } = await insmod(wasm(spec));
    expect(r.status).toBe(8);
    expect(m.kernel.dmesg.format()).toMatch(/junk: cannot instantiate: .*unreachable/);
  });

  it("an init_module that traps kills insmod (137) with an oops", async () => {
    const spec = garbageAbi(0);
    spec.funcs![0] = { params: [], results: ["i32"], body: op.unreachable };
    const { m, r } = await insmod(wasm(spec));
    expect(r).toMatchObject({ status: 137, signal: 9 });
    expect(m.kernel.dmesg.format()).toContain("invalid opcode");
    expect(m.kernel.modules.size).toBe(0);
  });

  it("exports of the wrong kind (a function where memory or a global should be): invalid module format", async () => {
    for (const name of ["memory", "__heap_base", "__stack_pointer"]) {
      const spec = garbageAbi(0);
      spec.exports = spec.exports!.map((e) => (e.name === name ? { name, kind: 0 as const, index: 1 } : e));
      const { m, r } = await insmod(wasm(spec));
      expect(r.status, name).toBe(8);
      expect(m.kernel.dmesg.format()).toContain(`junk: not a msgslot module (${name} is not a`);
    }
    const spec = garbageAbi(0);
    spec.exports = spec.exports!.map((e) => (e.name === "kern_fop_read" ? { name: e.name, kind: 3 as const, index: 0 } : e));
    expect((await insmod(wasm(spec))).r.status).toBe(8);
  });
});

describe("entry points that return garbage", () => {
  it.each([0, -1, 4096, 0x7fffffff, -0x80000000])("every one returning %i: syscalls end in a result or an oops, never a host exception", async (k) => {
    const { m, env, r } = await insmod(wasm(garbageAbi(k)));
    expect(r.status).toBe(0);
    const p = m.spawn("victim");
    const calls: (() => unknown)[] = [
      () => p.open("/dev/h0", O_RDWR),
      () => p.open("/dev/h1", O_RDWR),
      () => p.read(0, USER_BASE, 16),
      () => p.write(0, USER_BASE, 16),
      () => p.ioctl(0, 0x4004eb00, 1),
      () => p.dup(0),
      () => p.fork("child").exit(0),
      () => p.close(0),
      () => p.exit(0),
      () => runApplet(env, ["rmmod", "junk"]),
      () => runApplet(env, ["lsmod"]),
      () => runApplet(env, ["cat", "/proc/devices"]),
    ];
    for (const call of calls) {
      try {
        call();
      } catch (e) {
        expect(e).toBeInstanceOf(ProcessKilled);
      }
    }
    await slotWorks(new Machine());
  });
});
