// Kernel memory from the pool (src/kernel/kernel-memory.ts): a module unloaded gives its memory
// to the next one loaded in the thread, and the next one cannot tell it from a fresh memory: it
// faults where a fresh one ends, and its .bss and heap read as zero.
import { describe, expect, it } from "vitest";
import { runApplet } from "../../src/harness/busybox.js";
import { O_RDWR } from "../../src/kernel/constants.js";
import { acquireKernelMemory, pooledKernelMemories } from "../../src/kernel/kernel-memory.js";
import { boot, dmesg, killed } from "./helpers.js";

const MiB = 1 << 20;

describe("kernel memory from the pool", () => {
  it("is the last module's memory, zeroed, and faults past the end a fresh memory would have", async () => {
    // empty this thread's pool: the next release is the only memory in it
    while (pooledKernelMemories() > 0) acquireKernelMemory({ min: 1, max: 8192 });
    const { m, env, p, fd } = await boot("peek");
    const first = m.kernel.modules.get("peek")!;
    const freshEnd = first.kmem.end;
    for (let i = 0; i < 10; i++) expect(p.ioctl(fd, 102, 0)).toBe(0); // 40 MiB of kmalloc'd objects
    expect(first.kmem.end).toBeGreaterThan(40 * MiB);
    expect(p.ioctl(fd, 101, 20 * MiB)).toBe(0); // inside kernel memory: readable
    expect(p.ioctl(fd, 103, 0x5a)).toBe(0);
    expect(p.ioctl(fd, 104, 0)).toBe(0x5a);
    p.close(fd);
    expect(runApplet(env, ["rmmod", "peek"]).status).toBe(0);
    expect(pooledKernelMemories()).toBe(1);

    expect(runApplet(env, ["insmod", "/peek.ko"]).status).toBe(0);
    const second = m.kernel.modules.get("peek")!;
    expect(second.exports.memory).toBe(first.exports.memory); // the pooled one
    expect(second.exports.memory.buffer.byteLength).toBeGreaterThan(40 * MiB);
    expect(second.kmem.end).toBe(freshEnd); // but kernel memory ends where a fresh one would
    const q = m.spawn("reader");
    const fd2 = q.open("/dev/h0", O_RDWR);
    expect(q.ioctl(fd2, 104, 0)).toBe(0); // .bss is zero again
    killed(() => q.ioctl(fd2, 101, 20 * MiB));
    expect(dmesg(m)).toContain("BUG: unable to handle page fault for address: 0000000001400000");
  });
});
