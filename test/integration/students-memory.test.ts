// The mem-* student fixtures (conformance/students/): memory as Debian's 6.1 configures it.
// Each transcript is Linux's byte for byte, and the kernel's reports say what Linux said (an
// oops) or what a detector saw on the side (no oops where Linux had none).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/harness/scenario/parse.js";
import { runScenario } from "../../src/harness/scenario/run.js";
import { REPO, image } from "../helpers/modules.js";

const STUDENTS = join(REPO, "conformance/students");

async function run(fixture: string) {
  const dir = join(STUDENTS, fixture);
  const { image: module, msgSlotChannel } = await image(join(dir, "module"));
  const scns = readdirSync(join(dir, "scenarios")).filter((f) => f.endsWith(".scn")).sort();
  const out: { transcript: string; want: string; dmesg: string }[] = [];
  for (const name of scns) {
    const scn = parseScenario(name, readFileSync(join(dir, "scenarios", name)));
    const r = runScenario(scn, { module, msgSlotChannel });
    if (r.machine.kernel.modules.has("message_slot")) r.machine.kernel.rmmod("message_slot");
    const want = readFileSync(join(dir, "linux", name.replace(/\.scn$/, ".out"))).toString("latin1");
    out.push({ transcript: r.transcript, want, dmesg: r.machine.kernel.dmesg.format() });
  }
  return out;
}

describe("memory as Debian's 6.1 gives it to students' modules", () => {
  it("mem-uninit-next: fields never set after kmalloc read as zeros (init_on_alloc), as on Linux", async () => {
    for (const r of await run("mem-uninit-next")) {
      expect(r.transcript).toBe(r.want);
      expect(r.dmesg).not.toMatch(/Oops|BUG/);
    }
  });

  it("mem-overflow-by-one: a NUL one past kmalloc(len), inside the size class, changes nothing and crashes nothing", async () => {
    for (const r of await run("mem-overflow-by-one")) {
      expect(r.transcript).toBe(r.want);
      expect(r.dmesg).not.toMatch(/Oops/);
    }
  });

  it("mem-usercopy-class: inside the class the copy is silent (zeros past the message); past it, Linux's usercopy BUG", async () => {
    const [r] = await run("mem-usercopy-class");
    expect(r!.transcript).toBe(r!.want);
    expect(r!.transcript).toContain('A read 3 8 = 8 "hello\\x00\\x00\\x00"');
    expect(r!.dmesg).toContain("usercopy: Kernel memory exposure attempt detected from SLUB object 'kmalloc-16' (offset 0, size 41)!");
    expect(r!.dmesg).toContain("kernel BUG at mm/usercopy.c:101!");
  });

  it("mem-fortify-memcpy: memcpy past a stack array of known size is fortify_panic", async () => {
    const [r] = await run("mem-fortify-memcpy");
    expect(r!.transcript).toBe(r!.want);
    expect(r!.dmesg).toContain("detected buffer overflow in memcpy");
    expect(r!.dmesg).toContain("kernel BUG at lib/string_helpers.c:1027!");
  });

  it("mem-kmalloc-pointer-size: a node stored in kmalloc(sizeof(ptr)) runs as on Linux; the overflow is reported, not undone", async () => {
    for (const r of await run("mem-kmalloc-pointer-size")) {
      expect(r.transcript).toBe(r.want);
      expect(r.dmesg).toContain("Right Redzone overwritten");
      expect(r.dmesg).not.toMatch(/Oops/);
    }
  });

  it("mem-copy-overflow-stack: copy_from_user past a stack array is check_copy_size's WARN and EFAULT, not an overflow", async () => {
    const [r] = await run("mem-copy-overflow-stack");
    expect(r!.transcript).toBe(r!.want);
    expect(r!.dmesg).toContain("Buffer overflow detected (128 < 129)!");
    expect(r!.dmesg).toContain("WARNING: CPU: 0 PID: 2 at mm/maccess.c:228 __copy_overflow");
  });

  it("mem-usercopy-const: copy_to_user of a constant BUF_LEN from a smaller object is not checked, as on Linux", async () => {
    const [r] = await run("mem-usercopy-const");
    expect(r!.transcript).toBe(r!.want);
    expect(r!.dmesg).not.toMatch(/usercopy|Oops/);
  });

  it("mem-uaf-stale-read: a read after kfree sees the old bytes, as on Linux, and is reported on the side", async () => {
    const [r] = await run("mem-uaf-stale-read");
    expect(r!.transcript).toBe(r!.want);
    expect(r!.dmesg).toContain("use-after-free in copy_to_user");
    expect(r!.dmesg).not.toMatch(/Oops/);
  });
});
