// Placeholders in a WASI process's kernel fd table for what the shim itself
// serves (stdin, stdout, stderr), so that the kernel hands out device fds
// from 3 upwards, never those numbers, and so that dup, dup2, close, lseek
// and ioctl on them behave as on a pipe (or a terminal).

import { EBADF, ENOTTY } from "../kernel/errno.js";
import type { KFile } from "../kernel/file.js";
import type { DeviceNode } from "../kernel/vfs.js";

/** include/uapi/asm-generic/ioctls.h: what tcgetattr() and isatty() ask */
const TCGETS = 0x5401;

export class HostStreamFile implements KFile {
  readonly canRead = false;
  readonly canWrite = false;
  readonly hasFasync = false;
  readonly fmode = 0;
  flags = 0;
  readonly node: DeviceNode;

  /** terminal: this stream is a tty (TCGETS succeeds, so isatty() is 1) */
  constructor(name: string, private readonly terminal = false) {
    this.node = { path: name, name, major: 0, minor: 0, ino: 0, mode: 0, mtime: new Date(0) };
  }

  read(): number {
    return -EBADF;
  }
  write(): number {
    return -EBADF;
  }
  ioctl(cmd: number): number {
    // a pipe or a file has no ioctl (ENOTTY); a terminal answers TCGETS (its termios is not modelled)
    return this.terminal && cmd === TCGETS ? 0 : -ENOTTY;
  }
  release(): void {}
  describe(): { driver: string; privateData: number } {
    return { driver: "wasi", privateData: 0 };
  }
}
