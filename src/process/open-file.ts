// An open file description shared by fds (dup) and processes (fork): the
// driver's release runs when the last reference goes (fput -> __fput), not
// on every close.

import type { KFile } from "../kernel/file.js";

export class OpenFile {
  private refs = 1;

  constructor(readonly file: KFile) {}

  get refcount(): number {
    return this.refs;
  }

  get(): OpenFile {
    this.refs++;
    return this;
  }

  /** Drop a reference; the last one releases the file (may throw KernelOops from release). */
  put(): void {
    if (--this.refs === 0) this.file.release();
  }
}
