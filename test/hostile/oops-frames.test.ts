// The oops names the function that faulted (RIP), not libkern's sanitizer
// handler that noticed it: "RIP: 0010:trap_null [trap]", as Linux would.
import { expect, it } from "vitest";
import { wasmFrames } from "../../src/kernel/oops.js";
import { boot, dmesg, killed } from "./helpers.js";

it("a NULL dereference caught by the address checks (src/toolchain/lp64.ts): RIP is the dereferencing function", async () => {
  const { m, p, fd } = await boot("trap");
  killed(() => p.ioctl(fd, 101, 0));
  expect(dmesg(m)).toMatch(/RIP: 0010:trap_null \[trap\]\n.*Call Trace:\n.*<TASK>\n.*\] +trap_ioctl \[trap\]\n/);
  expect(dmesg(m)).not.toContain("__ubsan_handle");
});

it("an index out of bounds caught by -fsanitize=bounds: RIP is the indexing function", async () => {
  const { m, p, fd } = await boot("trap");
  killed(() => p.ioctl(fd, 107, 0));
  expect(dmesg(m)).toMatch(/RIP: 0010:trap_ioctl \[trap\]/);
});

it("only the handlers at the top of the stack are dropped", () => {
  const stack = ["Error", "    at __ubsan_handle_out_of_bounds (wasm://wasm/1:1)", "    at f (wasm://wasm/1:2)", "    at __ubsan_handle_x (wasm://wasm/1:3)"].join("\n");
  expect(wasmFrames(stack)).toEqual(["f", "__ubsan_handle_x"]);
});
