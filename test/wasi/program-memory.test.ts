// A program rewritten to import its memory (importMemory) runs as the original does, process after
// process, in memories runProgram takes from a pool: zeroed where a process can leave bytes, never
// reused once grown.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { O_RDWR, USER_BASE } from "../../src/kernel/constants.js";
import { ScriptedMemory } from "../../src/kernel/task.js";
import { Machine } from "../../src/process/machine.js";
import { compileProgram, systemTree } from "../../src/toolchain/node.js";
import { acquireProgramMemory, importMemory, releaseProgramMemory } from "../../src/wasi/program-memory.js";
import { runProgram, type ProgramImage } from "../../src/wasi/run.js";
import { REPO, referenceModule } from "../helpers/modules.js";

let bytes: Record<string, Uint8Array> = {};
let channelCmd = 0;
let machineImage: Awaited<ReturnType<typeof referenceModule>>["image"];

beforeAll(async () => {
  const ref = await referenceModule();
  machineImage = ref.image;
  channelCmd = ref.msgSlotChannel!;
  for (const name of ["message_sender", "message_reader"]) {
    const r = await compileProgram(join(REPO, "module-c"), name, { system: await systemTree("program") });
    expect(r.ok).toBe(true);
    bytes[name] = r.wasm!;
  }
}, 300_000);

function boot(): Machine {
  const m = new Machine();
  expect(m.kernel.insmod(machineImage.name, machineImage.wasm, machineImage.size)).toBe(0);
  expect(m.kernel.vfs.mknod("/dev/slot0", 235, 0, new Date(0))).toBe(0);
  return m;
}

const image = (name: string, wasm: Uint8Array): ProgramImage => ({ name, wasm: new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>) });
const dec = new TextDecoder();

describe("programs in pooled memory", () => {
  it("import the memory they defined, with the same limits, and still export it", () => {
    const original = new WebAssembly.Module(bytes.message_reader as Uint8Array<ArrayBuffer>);
    const rewritten = new WebAssembly.Module(importMemory(bytes.message_reader!) as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.imports(original).some((i) => i.kind === "memory")).toBe(false);
    expect(WebAssembly.Module.imports(rewritten).filter((i) => i.kind === "memory")).toEqual([{ module: "env", name: "memory", kind: "memory" }]);
    expect(WebAssembly.Module.exports(rewritten)).toEqual(WebAssembly.Module.exports(original));
    // a program that imports its memory already is left alone
    expect(importMemory(importMemory(bytes.message_reader!))).toEqual(importMemory(bytes.message_reader!));
    const memory = acquireProgramMemory(rewritten)!;
    expect(memory.buffer.byteLength).toBeGreaterThan(USER_BASE);
    expect(acquireProgramMemory(original)).toBeNull();
  });

  it("run as the originals do, again and again, in reused memories", () => {
    const outputs = (sender: ProgramImage, reader: ProgramImage) => {
      const m = boot();
      const seen: string[] = [];
      for (let i = 0; i < 5; i++) {
        const msg = `message ${i}${"!".repeat(i)}`;
        const s = runProgram({ machine: m, program: sender, argv: ["./message_sender", "/dev/slot0", String(i + 1), msg] });
        const r = runProgram({ machine: m, program: reader, argv: ["./message_reader", "/dev/slot0", String(i + 1)] });
        seen.push(`${s.status} ${r.status} ${dec.decode(r.stdout)} ${dec.decode(r.stderr)}`);
      }
      // a reader of an empty channel fails the same way in both
      const e = runProgram({ machine: m, program: reader, argv: ["./message_reader", "/dev/slot0", "99"] });
      seen.push(`${e.status} ${dec.decode(e.stderr)}`);
      return seen;
    };
    const plain = outputs(image("message_sender", bytes.message_sender!), image("message_reader", bytes.message_reader!));
    const pooled = outputs(image("message_sender", importMemory(bytes.message_sender!)), image("message_reader", importMemory(bytes.message_reader!)));
    expect(pooled).toEqual(plain);
    expect(plain[4]).toBe("0 0 message 4!!!! ");
  });

  it("hand a released memory out again zeroed from USER_BASE up and in the first 64 KiB", () => {
    const mod = new WebAssembly.Module(importMemory(bytes.message_reader!) as Uint8Array<ArrayBuffer>);
    const a = acquireProgramMemory(mod)!;
    const end = a.buffer.byteLength;
    const b = new Uint8Array(a.buffer);
    for (const at of [0, 100, 65535, USER_BASE, USER_BASE + 4097, end - 1]) b[at] = 0x5a;
    releaseProgramMemory(mod, a);
    const again = acquireProgramMemory(mod)!;
    expect(again).toBe(a);
    const c = new Uint8Array(again.buffer);
    for (const at of [0, 100, 65535, USER_BASE, USER_BASE + 4097, end - 1]) expect(c[at]).toBe(0);
    // grown: not pooled (a process starts with the memory it was linked for)
    again.grow(1);
    releaseProgramMemory(mod, again);
    const fresh = acquireProgramMemory(mod)!;
    expect(fresh).not.toBe(again);
    expect(fresh.buffer.byteLength).toBe(end);
  });

  it("keep a scripted writer's message for the pooled reader", () => {
    const m = boot();
    const mem = new ScriptedMemory(4096);
    const w = m.spawn("writer", mem);
    const fd = w.open("/dev/slot0", O_RDWR);
    expect(w.ioctl(fd, channelCmd, 7)).toBe(0);
    mem.bytes().set(new TextEncoder().encode("hello"), 0);
    expect(w.write(fd, USER_BASE, 5)).toBe(5);
    const reader = image("message_reader", importMemory(bytes.message_reader!));
    for (let i = 0; i < 3; i++) {
      const r = runProgram({ machine: m, program: reader, argv: ["./message_reader", "/dev/slot0", "7"] });
      expect([r.status, dec.decode(r.stdout)]).toEqual([0, "hello"]);
    }
  });
});
