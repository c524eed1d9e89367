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

it("an index out of bounds caught by -fsanitize=bounds is a report on the side, not an oops (Debian's 6.1 has no UBSAN)", async () => {
  const { m, p, fd } = await boot("trap");
  const r = p.ioctl(fd, 107, 0);
  expect(typeof r).toBe("number");
  expect(p.state).toBe("running");
  expect(dmesg(m)).toMatch(/UBSAN: array-index-out-of-bounds in (src\/)?trap\.c:\d+[\s\S]*index 4 is out of range/);
  expect(dmesg(m)).not.toContain("Oops");
});

it("only the handlers at the top of the stack are dropped", () => {
  const stack = ["Error", "    at __ubsan_handle_out_of_bounds (wasm://wasm/1:1)", "    at f (wasm://wasm/1:2)", "    at __ubsan_handle_x (wasm://wasm/1:3)"].join("\n");
  expect(wasmFrames(stack)).toEqual(["f", "__ubsan_handle_x"]);
});
