// Placeholders in a WASI process's kernel fd table for what the shim itself
// serves (stdin, stdout, stderr, the /dev preopen), so that the kernel hands
// out device fds from 4 upwards and never reuses those numbers.

import { EBADF } from "../kernel/errno.js";
import type { KFile } from "../kernel/file.js";
import type { DeviceNode } from "../kernel/vfs.js";

export class HostStreamFile implements KFile {
  readonly canRead = false;
  readonly canWrite = false;
  readonly hasFasync = false;
  readonly fmode = 0;
  flags = 0;
  readonly node: DeviceNode;

  constructor(name: string) {
    this.node = { path: name, name, major: 0, minor: 0, ino: 0, mode: 0, mtime: new Date(0) };
  }

  read(): number {
    return -EBADF;
  }
  write(): number {
    return -EBADF;
  }
  ioctl(): number {
    return -25; // ENOTTY: not a terminal, not a device of ours
  }
  release(): void {}
  describe(): { driver: string; privateData: number } {
    return { driver: "wasi", privateData: 0 };
  }
}
