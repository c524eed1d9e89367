// A process of the emulated machine and its system calls. Each syscall
// follows the order of checks of the Linux function it is named after, so
// the errno a program sees is the one Linux gives. An oops inside a syscall
// kills the process (SIGKILL) and is reported by ProcessKilled.

import { FASYNC, FMODE_READ, FMODE_WRITE, MAX_RW_COUNT, O_CLOEXEC, O_NONBLOCK, PAGE_SIZE } from "../kernel/constants.js";
import { EAGAIN, EBADF, EFAULT, EINTR, EINVAL, EMFILE, ENOIOCTLCMD, ENOTTY, ERESTARTSYS, ERESTART_RESTARTBLOCK, ESPIPE } from "../kernel/errno.js";
import { KernelOops } from "../kernel/oops.js";
import { BuiltinFile, ModuleFile } from "../kernel/file.js";
import { accessOk, mappedPrefix, type Task, type UserMemory } from "../kernel/task.js";
import type { Kernel } from "../kernel/kernel.js";
import { FdTable } from "./fd-table.js";
import { OpenFile } from "./open-file.js";

// ioctls that do_vfs_ioctl answers itself (include/uapi/asm-generic/ioctls.h, linux/fs.h)
export const FIONCLEX = 0x5450, FIOCLEX = 0x5451, FIOASYNC = 0x5452, FIONBIO = 0x5421, FIOQSIZE = 0x5460, FIGETBSZ = 0x2;
export const SIGKILL = 9;

/** The process was killed (an oops in one of its syscalls): the syscall never returned. */
export class ProcessKilled extends Error {
  constructor(readonly pid: number, readonly signal: number, readonly oops?: KernelOops) {
    super(`process ${pid} killed by signal ${signal}`);
    this.name = "ProcessKilled";
  }
}

export type ProcessState = "running" | "exited" | "killed";

// the kernel functions an oops report shows below the driver, per syscall
const READ_PATH = ["vfs_read", "ksys_read"] as const;
const WRITE_PATH = ["vfs_write", "ksys_write"] as const;
const IOCTL_PATH = ["do_vfs_ioctl", "__x64_sys_ioctl"] as const;

/** What a syscall's result becomes for user space: kernel-internal codes never reach it; with
 *  no signal pending a restart request is EINTR to the caller (arch/x86/kernel/signal.c). */
function userReturn(r: number): number {
  return r <= -ERESTARTSYS && r >= -ERESTART_RESTARTBLOCK ? -EINTR : r;
}

/** Whatever owns the processes (a Machine): pids and the kernel. */
export interface ProcessHost {
  readonly kernel: Kernel;
  nextPid(): number;
  adopt(p: Process): void;
  reap(p: Process): void;
  /** RLIMIT_NPROC: may one more process exist? (default: yes) */
  canFork?(): boolean;
  /** the object for a new pid (default: a plain Process) */
  createProcess?(pid: number, comm: string, memory: UserMemory, fds: FdTable, ppid: number): Process;
}

/** lseek's whence (include/uapi/linux/fs.h): SEEK_SET .. SEEK_HOLE */
const SEEK_MAX = 4;

export class Process implements Task {
  state: ProcessState = "running";
  exitStatus = 0;
  termSignal = 0;
  /** the process group (a forked child stays in its parent's) */
  pgid: number;

  constructor(
    private readonly host: ProcessHost,
    readonly pid: number,
    public comm: string,
    readonly memory: UserMemory,
    readonly fds: FdTable = new FdTable(),
    /** the parent's pid; 1 (init) once the parent is gone */
    public ppid = 0,
  ) {
    this.pgid = pid;
  }

  private get kernel(): Kernel {
    return this.host.kernel;
  }

  // open implements open(2) like do_sys_openat2: a free fd first (EMFILE),
  // then the path (ENOENT) and chrdev_open (ENXIO, the driver's open).
  open(path: string, flags: number): number {
    return this.syscall(["do_sys_open", "__x64_sys_openat"], undefined, () => {
      const fd = this.fds.lowestFree();
      if (fd < 0) return -EMFILE;
      const r = this.kernel.openNode(path, flags);
      if (typeof r === "number") return r;
      this.fds.install(fd, new OpenFile(r), (flags & O_CLOEXEC) !== 0);
      return fd;
    });
  }

  // close implements close(2): close_fd, then fput (release on the last reference).
  close(fd: number): number {
    return this.syscall(["filp_close", "__x64_sys_close"], this.fds.get(fd), () => {
      const f = this.fds.remove(fd);
      if (!f) return -EBADF;
      f.put();
      return 0;
    });
  }

  // dup implements dup(2): the same open file at the lowest free fd.
  dup(fd: number): number {
    const f = this.fds.get(fd);
    if (!f) return -EBADF;
    const nfd = this.fds.lowestFree();
    if (nfd < 0) return -EMFILE;
    this.fds.install(nfd, f.get());
    return nfd;
  }

  // read implements read(2) like ksys_read -> vfs_read: EBADF for a bad fd or
  // a file not open for reading, EINVAL without a read method, access_ok ->
  // EFAULT, then the driver with the count capped at MAX_RW_COUNT.
  // (read and write are syscall() written out, without a closure: they are the hot path.)
  read(fd: number, buf: number, count: number): number {
    const f = this.fds.get(fd);
    if (this.state !== "running") throw new ProcessKilled(this.pid, this.termSignal || SIGKILL);
    const kernel = this.kernel;
    let r: number;
    try {
      const prev = kernel.enter(this);
      try {
        if (!f || !(f.file.fmode & FMODE_READ)) r = -EBADF;
        else if (!f.file.canRead) r = -EINVAL;
        else if (!accessOk(buf, count)) r = -EFAULT;
        else r = f.file.read(buf, Math.min(count, MAX_RW_COUNT));
      } finally {
        kernel.leave(prev);
      }
    } catch (err) {
      this.oopsed(err, READ_PATH, f);
    }
    return userReturn(r);
  }

  // write implements write(2) like ksys_write -> vfs_write (same order as read).
  write(fd: number, buf: number, count: number): number {
    const f = this.fds.get(fd);
    if (this.state !== "running") throw new ProcessKilled(this.pid, this.termSignal || SIGKILL);
    const kernel = this.kernel;
    let r: number;
    try {
      const prev = kernel.enter(this);
      try {
        if (!f || !(f.file.fmode & FMODE_WRITE)) r = -EBADF;
        else if (!f.file.canWrite) r = -EINVAL;
        else if (!accessOk(buf, count)) r = -EFAULT;
        else r = f.file.write(buf, Math.min(count, MAX_RW_COUNT));
      } finally {
        kernel.leave(prev);
      }
    } catch (err) {
      this.oopsed(err, WRITE_PATH, f);
    }
    return userReturn(r);
  }

  // ioctl implements ioctl(2) like __x64_sys_ioctl -> do_vfs_ioctl: cmd is a
  // 32-bit unsigned int; FIOCLEX, FIONCLEX, FIONBIO, FIOASYNC, FIOQSIZE and
  // FIGETBSZ are answered by the VFS; everything else goes to the driver
  // (vfs_ioctl: ENOTTY without unlocked_ioctl, ENOIOCTLCMD -> ENOTTY).
  // (Like read and write, syscall() written out: one ioctl per channel switch.)
  ioctl(fd: number, cmd: number, arg: number | bigint): number {
    const f = this.fds.get(fd);
    const c = cmd >>> 0;
    if (this.state !== "running") throw new ProcessKilled(this.pid, this.termSignal || SIGKILL);
    const kernel = this.kernel;
    let r: number;
    try {
      const prev = kernel.enter(this);
      try {
        r = this.doVfsIoctl(f, fd, c, arg);
      } finally {
        kernel.leave(prev);
      }
    } catch (err) {
      this.oopsed(err, IOCTL_PATH, f);
    }
    return userReturn(r);
  }

  private doVfsIoctl(f: OpenFile | undefined, fd: number, c: number, wideArg: number | bigint): number {
    if (!f) return -EBADF;
    // arg is an unsigned long (64 bits); as a user pointer for the VFS's own ioctls, one that does
    // not fit in 32 bits is past TASK_SIZE: saturated, it fails access_ok (EFAULT)
    const arg = typeof wideArg === "number" ? wideArg >>> 0 : wideArg > 0xffff_ffffn ? 0xffff_ffff : Number(wideArg);
    switch (c) {
      case FIOCLEX:
        this.fds.setCloseOnExec(fd, true);
        return 0;
      case FIONCLEX:
        this.fds.setCloseOnExec(fd, false);
        return 0;
      case FIONBIO: {
        const on = this.getUserInt(arg);
        if (on === undefined) return -EFAULT;
        f.file.flags = on ? f.file.flags | O_NONBLOCK : f.file.flags & ~O_NONBLOCK;
        return 0;
      }
      case FIOASYNC: {
        const on = this.getUserInt(arg);
        if (on === undefined) return -EFAULT;
        const want = on ? FASYNC : 0;
        if ((want ^ f.file.flags) & FASYNC) return -ENOTTY; // no driver here implements fasync
        return 0;
      }
      case FIOQSIZE:
        return -ENOTTY; // only directories, regular files and links
      case FIGETBSZ:
        return this.putUserInt(arg, PAGE_SIZE) ? 0 : -EFAULT;
    }
    const rc = f.file.ioctl(c, typeof wideArg === "bigint" ? wideArg : wideArg >>> 0);
    return rc === -ENOIOCTLCMD ? -ENOTTY : rc;
  }

  // dup2 implements dup2(2) like do_dup2: EBADF for a bad old fd or a new fd past the limit,
  // oldfd == newfd returns it unchanged; a file open at newfd is closed (its release may run).
  dup2(oldfd: number, newfd: number): number {
    return this.syscall(["do_dup2", "__x64_sys_dup2"], this.fds.get(newfd), () => {
      const f = this.fds.get(oldfd);
      if (!f || newfd < 0 || newfd >= this.fds.limit) return -EBADF;
      if (oldfd === newfd) return newfd;
      const old = this.fds.remove(newfd);
      this.fds.install(newfd, f.get());
      old?.put();
      return newfd;
    });
  }

  // lseek implements lseek(2) like ksys_lseek -> vfs_llseek: EBADF, EINVAL for a whence past
  // SEEK_MAX, then the driver's llseek; a driver without one gets no_llseek (ESPIPE), /dev/null
  // and /dev/zero null_lseek (the position stays 0).
  lseek(fd: number, _offset: bigint, whence: number): number {
    const f = this.fds.get(fd);
    if (!f) return -EBADF;
    if (whence < 0 || whence > SEEK_MAX) return -EINVAL;
    return f.file instanceof BuiltinFile ? 0 : -ESPIPE;
  }

  /** fork(2): a child with a copy of the memory and the same open files. */
  fork(comm = this.comm, memory?: UserMemory): Process {
    const mem = memory ?? ("clone" in this.memory && typeof this.memory.clone === "function" ? (this.memory.clone() as UserMemory) : this.memory);
    const pid = this.host.nextPid();
    const fds = this.fds.fork();
    const child = this.host.createProcess?.(pid, comm, mem, fds, this.pid) ?? new Process(this.host, pid, comm, mem, fds, this.pid);
    child.pgid = this.pgid;
    this.host.adopt(child);
    return child;
  }

  /** fork(2) for a program: copy_process's RLIMIT_NPROC check first (-EAGAIN), then fork(). */
  forkChecked(memory: UserMemory): Process | number {
    if (this.host.canFork && !this.host.canFork()) return -EAGAIN;
    return this.fork(this.comm, memory);
  }

  /** _exit(2): close every fd (ascending, as close_files does), then the process is gone. */
  exit(status = 0): void {
    if (this.state !== "running") return;
    this.closeAll();
    this.state = "exited";
    this.exitStatus = status & 0xff;
    this.host.reap(this);
  }

  /** Killed by a signal (an oops): its files are closed like on exit. */
  kill(signal: number): void {
    if (this.state !== "running") return;
    this.state = "killed";
    this.termSignal = signal;
    this.closeAll();
    this.host.reap(this);
  }

  /** A description of every open fd, for the playground's kernel view. */
  openFiles(): { fd: number; path: string; driver: string; privateData: number; refs: number; mode: string }[] {
    return this.fds.fds().map((fd) => {
      const f = this.fds.get(fd)!;
      let d = { driver: "?", privateData: 0 };
      try {
        d = f.file.describe();
      } catch {
        // a module that went away: nothing to show
      }
      const m = f.file.fmode;
      const mode = m & FMODE_READ && m & FMODE_WRITE ? "rw" : m & FMODE_WRITE ? "w" : m & FMODE_READ ? "r" : "-";
      return { fd, path: f.file.node.path, driver: d.driver, privateData: d.privateData, refs: f.refcount, mode };
    });
  }

  private closeAll(): void {
    for (const fd of this.fds.fds()) {
      const f = this.fds.remove(fd)!;
      try {
        this.kernel.as(this, () => f.put());
      } catch (err) {
        if (!(err instanceof KernelOops)) throw err;
        this.kernel.logOops(err, this, ["__fput", "do_exit"], f.file instanceof ModuleFile ? f.file.module : undefined);
      }
    }
  }

  private syscall(path: readonly string[], f: OpenFile | undefined, fn: () => number): number {
    if (this.state !== "running") throw new ProcessKilled(this.pid, this.termSignal || SIGKILL);
    let r: number;
    try {
      r = this.kernel.as(this, fn);
    } catch (err) {
      this.oopsed(err, path, f);
    }
    return userReturn(r);
  }

  /** A syscall threw: an oops kills the process (the syscall never returns); anything else is rethrown. */
  private oopsed(err: unknown, path: readonly string[], f: OpenFile | undefined): never {
    if (!(err instanceof KernelOops)) throw err;
    this.kernel.logOops(err, this, [...path], f?.file instanceof ModuleFile ? f.file.module : undefined);
    this.kill(SIGKILL);
    throw new ProcessKilled(this.pid, SIGKILL, err);
  }

  private getUserInt(addr: number): number | undefined {
    if (!accessOk(addr, 4) || mappedPrefix(this.memory, addr, 4) < 4) return undefined;
    const b = this.memory.bytes();
    const o = addr - this.memory.origin;
    return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) | 0;
  }

  private putUserInt(addr: number, v: number): boolean {
    if (!accessOk(addr, 4) || mappedPrefix(this.memory, addr, 4) < 4) return false;
    const b = this.memory.bytes();
    const o = addr - this.memory.origin;
    b[o] = v & 0xff;
    b[o + 1] = (v >>> 8) & 0xff;
    b[o + 2] = (v >>> 16) & 0xff;
    b[o + 3] = (v >>> 24) & 0xff;
    return true;
  }
}
