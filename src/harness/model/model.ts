// A model of the message-slot device as SPEC.md defines it, with the Linux
// VFS rules the conformance transcripts (recorded on Linux 6.1) show around
// it: lowest free fd, open files shared by dup and fork, EBADF for a bad fd or
// the wrong access mode, access_ok (EFAULT) before the driver, ENXIO for a
// node no driver covers, rmmod refused while a file pins the module.
//
// It is written from the specification, not from the emulator: nothing here
// calls src/kernel or src/process, so a disagreement between the two is a bug
// in one of them (or a hole in the spec). Browser-safe, no I/O.

import { EBADF, EFAULT, EINVAL, EISDIR, EMFILE, EMSGSIZE, ENOENT, ENOSPC, ENOTDIR, ENOTTY, ENXIO, EWOULDBLOCK } from "../../kernel/errno.js";

/** Where a read or write points: the process's own (mapped) buffer, `bad` = (void *)8, `kbad` = a kernel address. */
export type UserBuffer = "buf" | "bad" | "kbad";

/** A result as scnrun prints it: a count, -errno, or a read's count and bytes. */
export type ModelResult = number | { count: number; data: Uint8Array };

export interface ModelOptions {
  /** the module's MSG_SLOT_CHANNEL (an unsigned int) */
  msgSlotChannel: number;
  /** the major the module registers (SPEC: 235; 240 for the 2021 variant) */
  major?: number;
  /** the module name insmod/rmmod know it by */
  moduleName?: string;
}

/** A case the model does not decide (e.g. an ioctl whose result depends on user memory contents). */
export class ModelLimitation extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelLimitation";
  }
}

// SPEC.md
const BUF_LEN = 128;
const SLOT_MINORS = 256;
const UINT_MAX = 0xffff_ffffn;
// Linux
const NR_OPEN = 1024;
const MEM_MAJOR = 1, NULL_MINOR = 3, ZERO_MINOR = 5;
const MINOR_MAX = (1 << 20) - 1, MAJOR_MAX = 4095;
const FIONCLEX = 0x5450, FIOCLEX = 0x5451, FIOASYNC = 0x5452, FIONBIO = 0x5421, FIOQSIZE = 0x5460, FIGETBSZ = 0x2;
// DESIGN.md section 3: every process has at least this much mapped at USER_BASE
const USER_BASE = 0x2000_0000, TASK_SIZE = 0xc000_0000, MIN_MAPPED = 64 * 1024;

type Driver = { kind: "slot"; minor: number } | { kind: "null" } | { kind: "zero" };

/** An open file description: shared by dup and fork, released with its last reference. */
interface Description {
  driver: Driver;
  readable: boolean;
  writable: boolean;
  /** the slot's channel (file->private_data); 0 = none set */
  channel: number;
  refs: number;
}

interface Fd {
  file: Description;
  cloexec: boolean;
}

export class ModelProcess {
  readonly fds: (Fd | undefined)[] = [];
  alive = true;
  constructor(readonly name: string) {}

  lowestFree(): number {
    for (let fd = 0; fd < NR_OPEN; fd++) if (this.fds[fd] === undefined) return fd;
    return -1;
  }

  get(fd: number): Fd | undefined {
    return fd >= 0 && fd < this.fds.length ? this.fds[fd] : undefined;
  }
}

export class SlotModel {
  readonly major: number;
  readonly moduleName: string;
  readonly channelCmd: number;
  loaded = false;
  /** device nodes: path -> (major, minor) */
  readonly nodes = new Map<string, { major: number; minor: number }>();
  /** minor -> channel -> last message; wiped when the module is unloaded */
  private slots = new Map<number, Map<number, Uint8Array>>();
  /** open files of the module (fops.owner = THIS_MODULE pins it) */
  private pins = 0;

  constructor(opts: ModelOptions) {
    this.channelCmd = opts.msgSlotChannel >>> 0;
    this.major = opts.major ?? 235;
    this.moduleName = opts.moduleName ?? "message_slot";
  }

  // --- module and nodes ------------------------------------------------------

  /** insmod: 0, or busybox's exit status (17 = EEXIST when loaded already). */
  insmod(): number {
    if (this.loaded) return 17;
    this.loaded = true;
    return 0;
  }

  /** rmmod: 0, or 1 when not loaded or in use. Unloading frees every message of every slot. */
  rmmod(): number {
    if (!this.loaded || this.pins > 0) return 1;
    this.loaded = false;
    this.slots = new Map();
    return 0;
  }

  mknod(path: string, major: number, minor: number): number {
    const p = normalize(path);
    if (!p.startsWith("/dev/") || p.indexOf("/", 5) >= 0) return 1;
    if (this.nodes.has(p) || major > MAJOR_MAX || minor > MINOR_MAX) return 1;
    this.nodes.set(p, { major, minor });
    return 0;
  }

  rm(path: string): number {
    return this.nodes.delete(normalize(path)) ? 0 : 1;
  }

  /** Messages stored now, for checks: minor -> channel -> bytes. */
  messages(): ReadonlyMap<number, ReadonlyMap<number, Uint8Array>> {
    return this.slots;
  }

  // --- system calls -----------------------------------------------------------

  open(p: ModelProcess, path: string, flags: number): number {
    const fd = p.lowestFree();
    if (fd < 0) return -EMFILE;
    const norm = normalize(path);
    if (norm === "/" || norm === "/dev") return -EISDIR;
    const node = this.nodes.get(norm);
    if (!node) {
      const parts = norm.split("/").filter(Boolean);
      for (let i = 1; i < parts.length; i++) if (this.nodes.has("/" + parts.slice(0, i).join("/"))) return -ENOTDIR;
      return -ENOENT;
    }
    let driver: Driver;
    if (node.major === MEM_MAJOR && node.minor === NULL_MINOR) driver = { kind: "null" };
    else if (node.major === MEM_MAJOR && node.minor === ZERO_MINOR) driver = { kind: "zero" };
    else if (this.loaded && node.major === this.major && node.minor < SLOT_MINORS) driver = { kind: "slot", minor: node.minor };
    else return -ENXIO;
    const acc = flags & 3;
    const file: Description = { driver, readable: acc === 0 || acc === 2, writable: acc === 1 || acc === 2, channel: 0, refs: 1 };
    if (driver.kind === "slot") this.pins++;
    p.fds[fd] = { file, cloexec: false };
    return fd;
  }

  close(p: ModelProcess, fd: number): number {
    const f = p.get(fd);
    if (!f) return -EBADF;
    p.fds[fd] = undefined;
    this.put(f.file);
    return 0;
  }

  dup(p: ModelProcess, fd: number): number {
    const f = p.get(fd);
    if (!f) return -EBADF;
    const nfd = p.lowestFree();
    if (nfd < 0) return -EMFILE;
    f.file.refs++;
    p.fds[nfd] = { file: f.file, cloexec: false };
    return nfd;
  }

  /** ioctl(fd, cmd, arg): cmd is an unsigned int, arg an unsigned long (64 bits, as on x86-64). */
  ioctl(p: ModelProcess, fd: number, cmd: bigint, arg: bigint): number {
    const f = p.get(fd);
    if (!f) return -EBADF;
    const c = Number(cmd & UINT_MAX);
    // do_vfs_ioctl answers these itself
    switch (c) {
      case FIOCLEX:
      case FIONCLEX:
        f.cloexec = c === FIOCLEX;
        return 0;
      case FIONBIO:
      case FIOASYNC:
      case FIGETBSZ: {
        // get_user/put_user of an int at arg
        const mapped = userMapped(arg, 4);
        if (mapped === false) return -EFAULT;
        if (mapped === true && c !== FIOASYNC) return 0; // O_NONBLOCK changes nothing here; FIGETBSZ stores the block size
        throw new ModelLimitation(`ioctl 0x${c.toString(16)} ${arg}: the result depends on the process's memory`);
      }
      case FIOQSIZE:
        return -ENOTTY;
    }
    if (f.file.driver.kind !== "slot") return -ENOTTY;
    // SPEC: another command, or channel id 0 -> EINVAL; ids are any non-zero unsigned int
    if (c !== this.channelCmd || arg === 0n || arg > UINT_MAX) return -EINVAL;
    f.file.channel = Number(arg);
    return 0;
  }

  write(p: ModelProcess, fd: number, buf: UserBuffer, len: number, data?: Uint8Array): number {
    const f = p.get(fd);
    if (!f || !f.file.writable) return -EBADF;
    if (buf === "kbad") return -EFAULT; // access_ok
    const d = f.file.driver;
    if (d.kind !== "slot") return len;
    if (f.file.channel === 0) return -EINVAL;
    if (len === 0 || len > BUF_LEN) return -EMSGSIZE;
    if (buf === "bad") return -EFAULT;
    if (!data || data.length !== len) throw new Error("model: write of a buffer needs its bytes");
    let slot = this.slots.get(d.minor);
    if (!slot) this.slots.set(d.minor, (slot = new Map()));
    slot.set(f.file.channel, data.slice());
    return len;
  }

  read(p: ModelProcess, fd: number, buf: UserBuffer, len: number): ModelResult {
    const f = p.get(fd);
    if (!f || !f.file.readable) return -EBADF;
    if (buf === "kbad") return -EFAULT; // access_ok
    const d = f.file.driver;
    if (d.kind === "null") return { count: 0, data: new Uint8Array(0) };
    if (d.kind === "zero") {
      if (buf === "bad") return len > 0 ? -EFAULT : 0;
      return { count: len, data: new Uint8Array(len) };
    }
    // SPEC: the no-channel check comes first
    if (f.file.channel === 0) return -EINVAL;
    const msg = this.slots.get(d.minor)?.get(f.file.channel);
    if (!msg) return -EWOULDBLOCK;
    if (len < msg.length) return -ENOSPC;
    if (buf === "bad") return -EFAULT;
    return { count: msg.length, data: msg.slice() };
  }

  /** fork(2): the child shares every open file of the parent. */
  fork(p: ModelProcess, name: string): ModelProcess {
    const child = new ModelProcess(name);
    p.fds.forEach((f, fd) => {
      if (!f) return;
      f.file.refs++;
      child.fds[fd] = { file: f.file, cloexec: f.cloexec };
    });
    return child;
  }

  /** _exit(2): every fd closed, in ascending order. */
  exit(p: ModelProcess): void {
    if (!p.alive) return;
    p.fds.forEach((_f, fd) => this.close(p, fd));
    p.alive = false;
  }

  private put(file: Description): void {
    if (--file.refs > 0) return;
    if (file.driver.kind === "slot") this.pins--;
  }
}

/**
 * Whether [addr, addr+n) is user memory every process has mapped (true), no
 * process can have mapped (false: below USER_BASE or not below TASK_SIZE), or
 * memory that depends on the process (undefined).
 */
function userMapped(addr: bigint, n: number): boolean | undefined {
  const end = addr + BigInt(n);
  if (addr < BigInt(USER_BASE) || end > BigInt(TASK_SIZE)) return false;
  return end <= BigInt(USER_BASE + MIN_MAPPED) ? true : undefined;
}

/** An absolute path without "", "." and ".." components. */
export function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return "/" + parts.join("/");
}
