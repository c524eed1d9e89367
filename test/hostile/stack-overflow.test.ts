// Unbounded recursion with a real C frame: the C stack (the bottom 64 KiB of
// module memory) runs out, and the oops must say so even when what faulted
// first was a frame written into the lowest page (which looks like NULL).
import { expect, it } from "vitest";
import { boot, dmesg, killed, slotWorks } from "./helpers.js";

it("recursion with a 1 KiB frame is a kernel stack overflow, not a NULL dereference", async () => {
  const { m, env, p, fd } = await boot("recurse");
  killed(() => p.ioctl(fd, 101, 0));
  const log = dmesg(m);
  expect(log).toContain("BUG: kernel stack overflow (stack guard page was hit)");
  expect(log).not.toContain("NULL pointer dereference");
  expect(log).toMatch(/Call Trace:[\s\S]* deep \[recurse\]\n[\s\S]* deep \[recurse\]\n/);
  await slotWorks(m, env);
});
