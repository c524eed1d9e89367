// A module calling the host's imports directly with garbage pointers and
// lengths: a page-fault oops or a truncated record, never a host exception
// dressed up as something else (a RangeError read as a stack overflow).
import { expect, it } from "vitest";
import { boot, dmesg, killed, slotWorks } from "./helpers.js";

it("current_comm into an address outside kernel memory is a page fault, not a stack overflow", async () => {
  const { m, env, p, fd } = await boot("abuse_imports");
  killed(() => p.ioctl(fd, 102, 0));
  const log = dmesg(m);
  expect(log).toContain("BUG: unable to handle page fault for address: 00000000fffffff0");
  expect(log).not.toContain("stack overflow");
  await slotWorks(m, env);
});

it("a printk that claims 2 GiB (or starts past the end of memory) logs at most one record's worth", async () => {
  const { m, p, fd } = await boot("abuse_imports");
  const before = m.kernel.dmesg.all().length;
  expect(p.ioctl(fd, 101, 0)).toBe(0);
  const added = m.kernel.dmesg.all().slice(before);
  const bytes = added.reduce((n, r) => n + r.text.length, 0);
  expect(bytes).toBeLessThanOrEqual(992 * 3); // UTF-8 replacement characters may triple a byte
});
