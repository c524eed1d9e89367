// A process's file descriptor table: the lowest free fd (alloc_fd), the
// close-on-exec bit, and sharing on fork.

import type { OpenFile } from "./open-file.js";

/** RLIMIT_NOFILE's usual soft limit */
export const NR_OPEN_DEFAULT = 1024;

export class FdTable {
  private readonly files: (OpenFile | undefined)[] = [];
  private readonly cloexec = new Set<number>();

  constructor(readonly limit = NR_OPEN_DEFAULT) {}

  get(fd: number): OpenFile | undefined {
    return fd >= 0 && fd < this.files.length ? this.files[fd] : undefined;
  }

  /** The lowest free fd, or -1 when the table is full (EMFILE). */
  lowestFree(): number {
    for (let fd = 0; fd < this.limit; fd++) if (this.files[fd] === undefined) return fd;
    return -1;
  }

  install(fd: number, file: OpenFile, closeOnExec = false): void {
    this.files[fd] = file;
    if (closeOnExec) this.cloexec.add(fd);
    else this.cloexec.delete(fd);
  }

  /** Remove fd from the table and return what it held. */
  remove(fd: number): OpenFile | undefined {
    const f = this.get(fd);
    if (f === undefined) return undefined;
    this.files[fd] = undefined;
    this.cloexec.delete(fd);
    while (this.files.length > 0 && this.files[this.files.length - 1] === undefined) this.files.pop();
    return f;
  }

  setCloseOnExec(fd: number, on: boolean): void {
    if (on) this.cloexec.add(fd);
    else this.cloexec.delete(fd);
  }

  isCloseOnExec(fd: number): boolean {
    return this.cloexec.has(fd);
  }

  /** fds in use, ascending */
  fds(): number[] {
    const out: number[] = [];
    this.files.forEach((f, fd) => f !== undefined && out.push(fd));
    return out;
  }

  /** dup_fd for fork: the same open files, one more reference each. */
  fork(): FdTable {
    const t = new FdTable(this.limit);
    this.files.forEach((f, fd) => {
      if (f !== undefined) t.install(fd, f.get(), this.cloexec.has(fd));
    });
    return t;
  }
}
