// struct file as the VFS sees it: an open device, read/write/ioctl/release
// routed to a module's file_operations or to a built-in driver.

import { EFAULT, ENOTTY } from "./errno.js";
import { FOPS_FASYNC, FOPS_READ, FOPS_WRITE } from "./module-exports.js";
import type { LoadedModule } from "./module.js";
import { Suspended } from "./instrumentation.js";
import type { DeviceNode } from "./vfs.js";

export interface KFile {
  readonly node: DeviceNode;
  /** FMODE_READ | FMODE_WRITE */
  readonly fmode: number;
  /** O_* flags (O_NONBLOCK, FASYNC may change through ioctl) */
  flags: number;
  /** FMODE_CAN_READ / FMODE_CAN_WRITE: the driver has the method */
  readonly canRead: boolean;
  readonly canWrite: boolean;
  readonly hasFasync: boolean;
  /** the driver's return value: a count or -errno */
  read(buf: number, n: number): number;
  write(buf: number, n: number): number;
  /** arg: an unsigned long, 64 bits (a number is taken as unsigned 32-bit) */
  ioctl(cmd: number, arg: number | bigint): number;
  /** the last reference went away (fput -> __fput) */
  release(): void;
  /** for views of the kernel: which driver, and file->private_data */
  describe(): { driver: string; privateData: number };
}

export class ModuleFile implements KFile {
  readonly canRead: boolean;
  readonly canWrite: boolean;
  readonly hasFasync: boolean;

  constructor(
    readonly module: LoadedModule,
    readonly node: DeviceNode,
    readonly inode: number,
    readonly file: number,
    readonly fmode: number,
    public flags: number,
    info: number,
    readonly pinned: boolean,
  ) {
    this.canRead = (info & FOPS_READ) !== 0;
    this.canWrite = (info & FOPS_WRITE) !== 0;
    this.hasFasync = (info & FOPS_FASYNC) !== 0;
  }

  read(buf: number, n: number): number {
    const m = this.module;
    return m.call3(m.exports.kern_fop_read, this.file, buf, n, buf);
  }

  write(buf: number, n: number): number {
    const m = this.module;
    return m.call3(m.exports.kern_fop_write, this.file, buf, n, buf);
  }

  ioctl(cmd: number, arg: number | bigint): number {
    const m = this.module;
    // a 32-bit argument (a channel id, a user pointer): no BigInt, no closure
    const narrow = m.exports.kern_fop_ioctl_u32;
    if (typeof arg === "number" && narrow !== undefined) return m.call3(narrow, this.file, cmd | 0, arg >>> 0, arg >>> 0);
    // the module is LP64: arg reaches unlocked_ioctl as a full 64-bit unsigned long
    const wide = typeof arg === "bigint" ? BigInt.asUintN(64, arg) : BigInt(arg >>> 0);
    const user = wide <= 0xffff_ffffn ? Number(wide) : undefined;
    return m.call(() => m.exports.kern_fop_ioctl(this.file, cmd | 0, wide), user);
  }

  release(): void {
    const m = this.module;
    try {
      if (m.state !== "gone") m.call(() => m.exports.kern_fop_release(this.inode, this.file));
    } catch (err) {
      // switched out in the middle of release (the race explorer): it is resumed, not over
      if (err instanceof Suspended) throw err;
      this.released();
      throw err;
    }
    this.released();
  }

  /** __fput after ->release: the struct file goes, the module reference with it */
  private released(): void {
    const m = this.module;
    try {
      if (m.state !== "gone") m.freeFile(this.file);
    } finally {
      if (this.pinned) m.refs--;
    }
  }

  describe(): { driver: string; privateData: number } {
    const m = this.module;
    const data = m.state === "gone" ? 0 : m.call(() => m.exports.kern_file_private_data(this.file)) >>> 0;
    return { driver: m.name, privateData: data };
  }
}

/** /dev/null and /dev/zero (drivers/char/mem.c). */
export class BuiltinFile implements KFile {
  readonly canRead = true;
  readonly canWrite = true;
  readonly hasFasync = false;

  constructor(
    readonly node: DeviceNode,
    readonly fmode: number,
    public flags: number,
    private readonly kind: "null" | "zero",
    private readonly zeroUser: (buf: number, n: number) => number,
  ) {}

  read(buf: number, n: number): number {
    if (this.kind === "null") return 0;
    const left = this.zeroUser(buf, n);
    return left === n && n > 0 ? -EFAULT : n - left;
  }

  write(_buf: number, n: number): number {
    return n;
  }

  ioctl(): number {
    return -ENOTTY;
  }

  release(): void {}

  describe(): { driver: string; privateData: number } {
    return { driver: `mem (${this.kind})`, privateData: 0 };
  }
}
