// WasmUserMemory keeps its views across syscalls and re-makes them after memory.grow.
import { describe, expect, it } from "vitest";
import { WasmUserMemory } from "../../src/wasi/user-memory.js";

describe("WasmUserMemory", () => {
  it("sees the grown memory after memory.grow detaches the old buffer", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const user = new WasmUserMemory(memory);
    user.bytes()[10] = 7;
    expect(user.bytes().length).toBe(65536);
    memory.grow(1);
    expect(user.bytes().length).toBe(2 * 65536);
    expect(user.bytes()[10]).toBe(7);
    user.dataView().setUint32(65536 + 4, 0xdeadbeef, true);
    expect(new DataView(memory.buffer).getUint32(65536 + 4, true)).toBe(0xdeadbeef);
  });

  it("follows a shared memory's new buffer too (it is never detached)", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
    const user = new WasmUserMemory(memory);
    expect(user.bytes().length).toBe(65536);
    memory.grow(2);
    expect(user.bytes().length).toBe(3 * 65536);
    expect(user.dataView().byteLength).toBe(3 * 65536);
  });
});
