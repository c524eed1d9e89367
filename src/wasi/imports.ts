// What a user program imports: WASI (the shim's, with device fds, clocks and sleeps sent to the
// emulated kernel and machine) and msgslot's own calls (module-c/user/*.c): ioctl, fork, wait4,
// getpid, getppid, dup, dup2, mknod, system, isatty. Every result < 0 is -errno in wasi-libc's numbering.

import { ConsoleStdout, wasi, type WASI } from "@bjorn3/browser_wasi_shim";
import { EAGAIN, ECHILD, EINVAL, ENOSYS, EPERM } from "../kernel/errno.js";
import { O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY } from "../kernel/constants.js";
import { Vfs } from "../kernel/vfs.js";
import type { Machine } from "../process/machine.js";
import { INIT_PID } from "../process/machine.js";
import { ProcessKilled } from "../process/process.js";
import type { UnwindArea } from "./asyncify.js";
import { DeviceFd, DevPreopen, PipeOutput } from "./device-fd.js";
import { linuxToWasi } from "./errno.js";
import type { WasiProcess } from "./wasi-process.js";

/**
 * The /dev preopen's number. wasi-libc finds preopens by asking fd 3, 4, ... (fd_prestat_get) and
 * then opens every /dev path relative to fd 3. On Linux fd 3 is simply the first free fd, so the
 * preopen is virtual here: fd_prestat_get, fd_prestat_dir_name and path_open treat 3 as /dev
 * whatever the fd holds, while the kernel's fd table leaves 3 free for the program's first open.
 */
export const DEV_FD = 3;
const DEV_NAME = new TextEncoder().encode("/dev");
const ALL_RIGHTS = 0xffff_ffff_ffff_ffffn;

/** What the imports need from the run their process belongs to (scheduler.ts). */
export interface ProcessContext {
  readonly machine: Machine;
  /** the unwind area, known once the program has called fork */
  area: UnwindArea | undefined;
  /** Would another process of the run get to run if this one slept (one runnable or sleeping)? */
  othersCanRun(self: WasiProcess): boolean;
  /** system(): run a command line in msgslot's shell, return its exit status */
  system?: (command: string) => number;
}

/** -errno for the program (wasi-libc's numbering) from a kernel result; a count stays as it is. */
const toUser = (r: number): number => (r < 0 && r >= -4095 ? -linuxToWasi(-r) : r);

// include/uapi/linux/stat.h
const S_IFMT = 0o170000, S_IFCHR = 0o020000, S_IFDIR = 0o040000;
const MKNOD_TYPES = [0, 0o100000, S_IFCHR, 0o060000, 0o010000, 0o140000]; // 0, REG, CHR, BLK, FIFO, SOCK
/** the shell's umask (busybox ash as root): 022 */
const UMASK = 0o022;

export function programImports(wp: WasiProcess, ctx: ProcessContext, argv: Uint8Array[]): WebAssembly.Imports {
  return {
    wasi_snapshot_preview1: { ...wasiImports(wp, ctx), ...argvImports(wp.shim, argv) },
    msgslot: msgslotImports(wp, ctx),
  } as unknown as WebAssembly.Imports;
}

function cString(wp: WasiProcess, ptr: number): string {
  const bytes = wp.memory.bytes();
  let end = ptr;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(ptr, end));
}

function msgslotImports(wp: WasiProcess, ctx: ProcessContext): Record<string, unknown> {
  const shimFds = () => wp.shim.fds as unknown[];
  // the shim's slot for a new kernel fd that refers to the same file as `from`
  const mirror = (from: number, to: number) => {
    const fds = shimFds();
    while (fds.length <= to) fds.push(undefined);
    fds[to] = fds[from] instanceof DeviceFd ? new DeviceFd(to) : fds[from];
  };
  return {
    ioctl: (fd: number, cmd: number, arg: number): number => toUser(wp.proc.ioctl(fd, cmd >>> 0, arg >>> 0)),

    // fork: unwind here; the scheduler makes the child (a copy of this instance) and rewinds both,
    // and this import then returns the child's pid in the parent and 0 in the child
    fork: (area: number, size: number): number => {
      if (wp.rewinding) {
        wp.rewound();
        return wp.forkResult;
      }
      if (!wp.async) return -linuxToWasi(ENOSYS); // not built by msgslot's toolchain
      if (!ctx.machine.canFork()) return -linuxToWasi(EAGAIN);
      ctx.area = { addr: area >>> 0, size: size >>> 0 };
      wp.unwind(ctx.area, { kind: "fork" });
      return 0;
    },

    wait4: (pid: number, options: number, statusPtr: number): number => {
      if (wp.rewinding) wp.rewound();
      const r = ctx.machine.wait(wp.proc, pid, options);
      if (r === "block") {
        // a process with children has forked, so it can block (the area is the fork's)
        if (!wp.canBlock(ctx.area)) return toUser(-ECHILD);
        wp.unwind(ctx.area, { kind: "wait" });
        return 0;
      }
      if (typeof r === "number") return toUser(r);
      wp.memory.dataView().setInt32(statusPtr, r.status, true);
      return r.pid;
    },

    // is fd a terminal? (module-c/user/stdio.c sets stdout's buffering from it, as glibc does)
    isatty: (fd: number): number => (wp.shim.fds[fd] instanceof ConsoleStdout && !(wp.shim.fds[fd] instanceof PipeOutput) ? 1 : 0),

    getpid: (): number => wp.proc.pid,
    // a program the shell started has the shell as its parent; msgslot's shell has no pid, so
    // such a program (like an orphan) sees init
    getppid: (): number => wp.proc.ppid || INIT_PID,

    dup: (fd: number): number => {
      const r = wp.proc.dup(fd);
      if (r >= 0) mirror(fd, r);
      return toUser(r);
    },

    dup2: (oldfd: number, newfd: number): number => {
      const r = wp.proc.dup2(oldfd, newfd);
      if (r >= 0 && oldfd !== newfd) mirror(oldfd, newfd);
      return toUser(r);
    },

    // mknod(2) (do_mknodat -> may_mknod -> vfs_mknod): a character device node; the other types
    // a sandbox without regular files, pipes or block devices cannot make are EPERM
    mknod: (pathPtr: number, mode: number, dev: number): number => {
      const path = cString(wp, pathPtr);
      const type = mode & S_IFMT;
      if (type === S_IFDIR) return toUser(-EPERM);
      if (!MKNOD_TYPES.includes(type)) return toUser(-EINVAL);
      if (type !== S_IFCHR) return toUser(-EPERM);
      // new_decode_dev
      const major = (dev & 0xfff00) >>> 8;
      const minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
      const abs = path.startsWith("/") ? path : `/${path}`;
      return toUser(ctx.machine.kernel.vfs.mknod(abs, major, minor, new Date(Number(ctx.machine.clock.realtimeNs() / 1_000_000n)), mode & 0o7777 & ~UMASK));
    },

    system: (cmdPtr: number): number => {
      const command = cString(wp, cmdPtr);
      if (!ctx.system) return 127; // what sh -c gives for a command it cannot find
      return ctx.system(command) & 0xff;
    },
  };
}

/** The shim's WASI imports with device fds, clocks and sleeps sent to the machine. */
function wasiImports(wp: WasiProcess, ctx: ProcessContext): Record<string, unknown> {
  const shim = wp.shim;
  const base = shim.wasiImport as Record<string, (...a: any[]) => number>;
  const isDevice = (fd: number) => shim.fds[fd] instanceof DeviceFd;
  const clock = ctx.machine.clock;

  // vfs_readv/vfs_writev on a driver without read_iter: one read per iovec, stop at a short one
  const transfer = (op: "read" | "write") => (fd: number, iovs: number, iovsLen: number, nPtr: number): number => {
    if (!isDevice(fd)) return op === "read" ? base.fd_read(fd, iovs, iovsLen, nPtr) : base.fd_write(fd, iovs, iovsLen, nPtr);
    const p = wp.proc;
    const user = wp.memory;
    let total = 0;
    for (let i = 0; i < iovsLen; i++) {
      const view = user.dataView();
      const buf = view.getUint32(iovs + 8 * i, true);
      const len = view.getUint32(iovs + 8 * i + 4, true);
      const r = op === "read" ? p.read(fd, buf, len) : p.write(fd, buf, len);
      if (r < 0 && r >= -4095) {
        if (total === 0) return linuxToWasi(-r);
        break;
      }
      total += r;
      if (r < len) break;
    }
    user.dataView().setUint32(nPtr, total, true);
    return wasi.ERRNO_SUCCESS;
  };

  // lseek on any fd is the kernel's: a device has no llseek (ESPIPE), stdio are pipes on Linux
  const seek = (fd: number, offset: bigint, whence: number, outPtr: number): number => {
    if (wp.proc.fds.get(fd) === undefined) return wasi.ERRNO_BADF;
    const r = wp.proc.lseek(fd, offset, whence);
    if (r < 0) return linuxToWasi(-r);
    wp.memory.dataView().setBigInt64(outPtr, BigInt(r), true);
    return wasi.ERRNO_SUCCESS;
  };

  return {
    ...base,
    fd_read: transfer("read"),
    fd_write: transfer("write"),
    fd_seek: seek,
    fd_tell: (fd: number, outPtr: number): number => seek(fd, 0n, wasi.WHENCE_CUR, outPtr),
    // close(2) in both tables: the shim's slot (stdio) and the kernel's fd, so the next open gets
    // the lowest free number as on Linux; the preopen is not an fd the program has
    fd_close(fd: number): number {
      const kernelHas = wp.proc.fds.get(fd) !== undefined;
      if (!kernelHas) return shim.fds[fd] !== undefined && !(shim.fds[fd] instanceof DevPreopen) ? base.fd_close(fd) : wasi.ERRNO_BADF;
      if (isDevice(fd)) shim.fds[fd] = undefined as unknown as DeviceFd;
      else if (shim.fds[fd] !== undefined) base.fd_close(fd);
      const r = wp.proc.close(fd);
      return r < 0 ? linuxToWasi(-r) : wasi.ERRNO_SUCCESS;
    },
    fd_prestat_get(fd: number, ptr: number): number {
      if (fd !== DEV_FD) return wasi.ERRNO_BADF;
      const v = wp.memory.dataView();
      v.setUint32(ptr, wasi.PREOPENTYPE_DIR, true);
      v.setUint32(ptr + 4, DEV_NAME.length, true);
      return wasi.ERRNO_SUCCESS;
    },
    fd_prestat_dir_name(fd: number, ptr: number, len: number): number {
      if (fd !== DEV_FD) return wasi.ERRNO_BADF;
      wp.memory.bytes().set(DEV_NAME.subarray(0, len), ptr);
      return len < DEV_NAME.length ? wasi.ERRNO_NAMETOOLONG : wasi.ERRNO_SUCCESS;
    },
    // wasi-libc's open() asks the preopen's rights first and masks what it wants with them: for fd
    // 3 they are every right, whatever the program has at 3 (nothing, or its first device)
    fd_fdstat_get(fd: number, ptr: number): number {
      if (fd !== DEV_FD) return base.fd_fdstat_get(fd, ptr);
      const v = wp.memory.dataView();
      if (shim.fds[DEV_FD] === undefined) {
        v.setUint8(ptr, wasi.FILETYPE_DIRECTORY);
        v.setUint16(ptr + 2, 0, true);
        v.setBigUint64(ptr + 8, ALL_RIGHTS, true);
      } else {
        const r = base.fd_fdstat_get(fd, ptr);
        if (r !== wasi.ERRNO_SUCCESS) return r;
      }
      v.setBigUint64(ptr + 16, ALL_RIGHTS, true);
      return wasi.ERRNO_SUCCESS;
    },
    path_open(dirfd: number, _dirflags: number, pathPtr: number, pathLen: number, oflags: number,
      rights: bigint, _inherit: bigint, fdflags: number, openedPtr: number): number {
      if (dirfd !== DEV_FD) return isDevice(dirfd) ? wasi.ERRNO_NOTDIR : wasi.ERRNO_BADF;
      const rel = new TextDecoder().decode(wp.memory.bytes().subarray(pathPtr, pathPtr + pathLen));
      const path = Vfs.normalize("/dev/" + rel);
      const machine = ctx.machine;
      const exists = machine.kernel.vfs.lookup(path) !== undefined;
      if (!exists && oflags & wasi.OFLAGS_CREAT) return wasi.ERRNO_ROFS; // no regular files here
      if (exists && oflags & wasi.OFLAGS_DIRECTORY) return wasi.ERRNO_NOTDIR;
      if (exists && oflags & wasi.OFLAGS_CREAT && oflags & wasi.OFLAGS_EXCL) return wasi.ERRNO_EXIST;
      const r = (rights & BigInt(wasi.RIGHTS_FD_READ)) !== 0n;
      const w = (rights & BigInt(wasi.RIGHTS_FD_WRITE)) !== 0n;
      const flags = (r && w ? O_RDWR : w ? O_WRONLY : O_RDONLY) | (fdflags & wasi.FDFLAGS_NONBLOCK ? O_NONBLOCK : 0);
      const fd = wp.proc.open(path, flags);
      if (fd < 0) return linuxToWasi(-fd);
      while (shim.fds.length < fd) shim.fds.push(undefined as unknown as DeviceFd);
      shim.fds[fd] = new DeviceFd(fd);
      wp.memory.dataView().setUint32(openedPtr, fd, true);
      return wasi.ERRNO_SUCCESS;
    },
    // the machine's virtual clocks (src/process/clock.ts)
    clock_time_get(id: number, _precision: bigint, timePtr: number): number {
      if (id === wasi.CLOCKID_REALTIME) wp.memory.dataView().setBigUint64(timePtr, clock.realtimeNs(), true);
      else if (id === wasi.CLOCKID_MONOTONIC) wp.memory.dataView().setBigUint64(timePtr, clock.monotonicNs(), true);
      else return base.clock_time_get(id, _precision, timePtr);
      return wasi.ERRNO_SUCCESS;
    },
    // sleep, usleep, nanosleep and clock_nanosleep all come here with one clock subscription:
    // virtual time (clock.ts). With another process to run, this one is switched out until the
    // scheduler wakes it at its deadline; alone, the clock jumps to the deadline at once.
    poll_oneoff(inPtr: number, outPtr: number, n: number, neventsPtr: number): number {
      const view = () => wp.memory.dataView();
      const done = (): number => {
        const v = view();
        // __wasi_event_t: userdata u64, error u16, type u8
        v.setBigUint64(outPtr, v.getBigUint64(inPtr, true), true);
        v.setUint16(outPtr + 8, wasi.ERRNO_SUCCESS, true);
        v.setUint8(outPtr + 10, wasi.EVENTTYPE_CLOCK);
        v.setUint32(neventsPtr, 1, true);
        return wasi.ERRNO_SUCCESS;
      };
      if (wp.rewinding) {
        wp.rewound();
        return done();
      }
      const v = view();
      // __wasi_subscription_t: userdata u64, tag u8 @8, clock: id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40
      if (n !== 1 || v.getUint8(inPtr + 8) !== wasi.EVENTTYPE_CLOCK) return base.poll_oneoff(inPtr, outPtr, n, neventsPtr);
      const id = v.getUint32(inPtr + 16, true);
      const timeout = v.getBigUint64(inPtr + 24, true);
      const absolute = (v.getUint16(inPtr + 40, true) & wasi.SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME) !== 0;
      if (id !== wasi.CLOCKID_MONOTONIC && id !== wasi.CLOCKID_REALTIME) return wasi.ERRNO_INVAL;
      const now = clock.monotonicNs();
      const deadline = !absolute ? now + timeout : id === wasi.CLOCKID_MONOTONIC ? timeout : now + (timeout - clock.realtimeNs());
      if (wp.canBlock(ctx.area) && ctx.othersCanRun(wp)) {
        wp.unwind(ctx.area, { kind: "sleep", deadline });
        return 0;
      }
      clock.advanceTo(deadline);
      return done();
    },
    proc_raise(sig: number): number {
      throw new ProcessKilled(wp.proc.pid, sig);
    },
    // no fd of the sandbox is a socket (and wasip1 cannot make one); the shim would throw instead
    sock_accept: notSocket,
    sock_recv: notSocket,
    sock_send: notSocket,
    sock_shutdown: notSocket,
  };
}

const notSocket = (): number => wasi.ERRNO_NOTSOCK;

/** args_sizes_get/args_get over raw bytes (the shim's own take strings). */
function argvImports(shim: WASI, argv: Uint8Array[]): Record<string, unknown> {
  return {
    args_sizes_get(countPtr: number, sizePtr: number): number {
      const view = new DataView(shim.inst.exports.memory.buffer);
      view.setUint32(countPtr, argv.length, true);
      view.setUint32(sizePtr, argv.reduce((n, a) => n + a.length + 1, 0), true);
      return wasi.ERRNO_SUCCESS;
    },
    args_get(argvPtr: number, bufPtr: number): number {
      const mem = shim.inst.exports.memory.buffer;
      const view = new DataView(mem);
      const bytes = new Uint8Array(mem);
      let p = bufPtr;
      argv.forEach((a, i) => {
        view.setUint32(argvPtr + 4 * i, p, true);
        bytes.set(a, p);
        bytes[p + a.length] = 0;
        p += a.length + 1;
      });
      return wasi.ERRNO_SUCCESS;
    },
  };
}
