// The cold path of the cold-start benchmark, on its own so that the fresh-process run
// (cold-start-child.ts) imports only the kernel, the processes and this.

import { USER_BASE, O_RDWR } from "../src/kernel/constants.js";
import { ScriptedMemory } from "../src/kernel/task.js";
import { Machine } from "../src/process/machine.js";
import type { ModuleImage } from "../src/harness/busybox.js";

export const MAJOR = 235;

/** New kernel, insmod, mknod /dev/slot0, then open + ioctl + first write and read. Throws if a step fails. */
export function coldPath(image: ModuleImage, channelCmd: number): void {
  const m = new Machine();
  const rc = m.kernel.insmod(image.name, image.wasm, image.size);
  if (rc !== 0) throw new Error(`insmod: ${rc}`);
  if (m.kernel.vfs.mknod("/dev/slot0", MAJOR, 0, new Date(0)) !== 0) throw new Error("mknod");
  const mem = new ScriptedMemory(4096);
  const p = m.spawn("bench", mem);
  const fd = p.open("/dev/slot0", O_RDWR);
  if (fd < 0 || p.ioctl(fd, channelCmd, 1) !== 0) throw new Error(`open/ioctl: ${fd}`);
  mem.bytes().set(new TextEncoder().encode("hello"), 0);
  if (p.write(fd, USER_BASE, 5) !== 5) throw new Error("write");
  if (p.read(fd, USER_BASE + 256, 128) !== 5) throw new Error("read");
}
