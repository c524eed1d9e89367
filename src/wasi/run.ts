// Run a compiled user program (wasm32-wasip1) as a process of the emulated
// machine (DESIGN.md section 6). @bjorn3/browser_wasi_shim is the WASI
// implementation; device fds are routed around it, to the kernel, with the
// program's own pointers: read/write/ioctl see real user addresses.
//
// The program sees only /dev (a preopen backed by the kernel's VFS), its
// argv, the environment it is given (nothing of the host's) and stdin.

import { ConsoleStdout, File, OpenFile as ShimOpenFile, WASI, WASIProcExit, wasi } from "@bjorn3/browser_wasi_shim";
import { O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY } from "../kernel/constants.js";
import { Vfs } from "../kernel/vfs.js";
import { KernelOops } from "../kernel/oops.js";
import type { Machine } from "../process/machine.js";
import { OpenFile } from "../process/open-file.js";
import { ProcessKilled, SIGKILL, type Process } from "../process/process.js";
import { DeviceFd, DevPreopen } from "./device-fd.js";
import { linuxToWasi } from "./errno.js";
import { HostStreamFile } from "./host-file.js";
import { WasmUserMemory } from "./user-memory.js";
import { acquireProgramMemory, releaseProgramMemory } from "./program-memory.js";

export const SIGSEGV = 11;
export const SIGSYS = 31;
/** the fd of the /dev preopen (wasi-libc looks for preopens from fd 3) */
const DEV_FD = 3;

export interface ProgramImage {
  name: string;
  wasm: WebAssembly.Module;
}

export interface RunRequest {
  machine: Machine;
  program: ProgramImage;
  /** argv[0] included; a Uint8Array argument is passed as raw bytes (argv is bytes on Linux) */
  argv: (string | Uint8Array)[];
  env?: string[];
  stdin?: Uint8Array;
  /** called as output arrives (the playground's terminal); the result has it all too */
  onStdout?: (bytes: Uint8Array) => void;
  onStderr?: (bytes: Uint8Array) => void;
}

export interface RunResult {
  /** exit status as a shell shows it: the code, or 128 + signal */
  status: number;
  /** the signal that killed it (SIGKILL after an oops, SIGSEGV after a trap) */
  signal?: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  pid: number;
  /** why it died, for reports */
  reason?: string;
}

export class ProgramLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramLoadError";
  }
}

export function runProgram(req: RunRequest): RunResult {
  // a program rewritten by importMemory() runs in a pooled memory (program-memory.ts)
  const pooled = acquireProgramMemory(req.program.wasm);
  try {
    return runIn(req, pooled);
  } finally {
    if (pooled) releaseProgramMemory(req.program.wasm, pooled);
  }
}

function runIn(req: RunRequest, pooled: WebAssembly.Memory | null): RunResult {
  const out = new Collector(req.onStdout);
  const err = new Collector(req.onStderr);
  const stdin = new ShimOpenFile(new File(req.stdin ?? new Uint8Array(0)));
  const fds = [
    stdin,
    new ConsoleStdout((b) => out.push(b)),
    new ConsoleStdout((b) => err.push(b)),
    new DevPreopen(),
  ];
  const argv = req.argv.map((a) => (typeof a === "string" ? new TextEncoder().encode(a) : a));
  const shim = new WASI([], req.env ?? [], fds, { debug: false });
  let proc: Process | undefined;
  let memory: WasmUserMemory | undefined;
  const imports = {
    wasi_snapshot_preview1: { ...deviceAware(shim, () => proc!, () => memory!, req.machine), ...argvImports(shim, argv) },
    msgslot: {
      ioctl: (fd: number, cmd: number, arg: number): number => {
        const r = proc!.ioctl(fd, cmd >>> 0, arg >>> 0);
        return r < 0 && r >= -4095 ? -linuxToWasi(-r) : r;
      },
    },
    ...(pooled ? { env: { memory: pooled } } : {}),
  };
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(req.program.wasm, imports as unknown as WebAssembly.Imports);
  } catch (e) {
    throw new ProgramLoadError(`${req.program.name}: cannot start: ${(e as Error).message}`);
  }
  const exports = instance.exports as unknown as { memory: WebAssembly.Memory; _start: () => unknown };
  if (!(exports.memory instanceof WebAssembly.Memory) || typeof exports._start !== "function") {
    throw new ProgramLoadError(`${req.program.name}: not a WASI command (no memory or _start export)`);
  }
  const arg0 = req.argv[0];
  memory = new WasmUserMemory(exports.memory);
  proc = req.machine.spawn(basename(typeof arg0 === "string" ? arg0 : req.program.name), memory);
  for (const name of ["stdin", "stdout", "stderr", "/dev"]) proc.fds.install(proc.fds.lowestFree(), new OpenFile(new HostStreamFile(name)));

  let status = 0;
  let signal: number | undefined;
  let reason: string | undefined;
  try {
    status = shim.start({ exports });
  } catch (e) {
    if (e instanceof WASIProcExit) status = e.code;
    else if (e instanceof ProcessKilled) {
      signal = e.signal;
      reason = e.oops?.title;
    } else if (e instanceof KernelOops) {
      signal = SIGKILL;
      reason = e.title;
    } else if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
      signal = SIGSEGV;
      reason = `${req.program.name}: ${(e as Error).message}`;
    } else if (typeof e === "string") {
      // the WASI shim refuses a call it does not implement by throwing a string: a bad system call
      signal = SIGSYS;
      reason = `${req.program.name}: ${e}`;
    } else throw e;
  }
  if (signal !== undefined) {
    if (proc.state === "running") proc.kill(signal);
  } else {
    proc.exit(status);
  }
  return { status: signal !== undefined ? 128 + signal : status & 0xff, signal, stdout: out.bytes(), stderr: err.bytes(), pid: proc.pid, reason };
}

/** The shim's imports with fd_read/fd_write/fd_close/path_open sent to the kernel for device fds. */
function deviceAware(shim: WASI, proc: () => Process, memory: () => WasmUserMemory, machine: Machine): Record<string, unknown> {
  const base = shim.wasiImport as Record<string, (...a: any[]) => number>;
  const isDevice = (fd: number) => shim.fds[fd] instanceof DeviceFd;
  const mem = () => shim.inst.exports.memory.buffer;

  // vfs_readv/vfs_writev on a driver without read_iter: one read per iovec, stop at a short one
  const transfer = (op: "read" | "write") => (fd: number, iovs: number, iovsLen: number, nPtr: number): number => {
    if (!isDevice(fd)) return op === "read" ? base.fd_read(fd, iovs, iovsLen, nPtr) : base.fd_write(fd, iovs, iovsLen, nPtr);
    const p = proc();
    const user = memory();
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

  return {
    ...base,
    fd_read: transfer("read"),
    fd_write: transfer("write"),
    fd_close(fd: number): number {
      if (!isDevice(fd)) return base.fd_close(fd);
      shim.fds[fd] = undefined as unknown as DeviceFd;
      const r = proc().close(fd);
      return r < 0 ? linuxToWasi(-r) : wasi.ERRNO_SUCCESS;
    },
    path_open(dirfd: number, _dirflags: number, pathPtr: number, pathLen: number, oflags: number,
      rights: bigint, _inherit: bigint, fdflags: number, openedPtr: number): number {
      if (dirfd !== DEV_FD || isDevice(dirfd)) return isDevice(dirfd) ? wasi.ERRNO_NOTDIR : wasi.ERRNO_BADF;
      const rel = new TextDecoder().decode(new Uint8Array(mem(), pathPtr, pathLen));
      const path = Vfs.normalize("/dev/" + rel);
      const exists = machine.kernel.vfs.lookup(path) !== undefined;
      if (!exists && oflags & wasi.OFLAGS_CREAT) return wasi.ERRNO_ROFS; // no regular files here
      if (exists && oflags & wasi.OFLAGS_DIRECTORY) return wasi.ERRNO_NOTDIR;
      if (exists && oflags & wasi.OFLAGS_CREAT && oflags & wasi.OFLAGS_EXCL) return wasi.ERRNO_EXIST;
      const r = (rights & BigInt(wasi.RIGHTS_FD_READ)) !== 0n;
      const w = (rights & BigInt(wasi.RIGHTS_FD_WRITE)) !== 0n;
      const flags = (r && w ? O_RDWR : w ? O_WRONLY : O_RDONLY) | (fdflags & wasi.FDFLAGS_NONBLOCK ? O_NONBLOCK : 0);
      const fd = proc().open(path, flags);
      if (fd < 0) return linuxToWasi(-fd);
      while (shim.fds.length < fd) shim.fds.push(undefined as unknown as DeviceFd);
      shim.fds[fd] = new DeviceFd(fd);
      new DataView(mem()).setUint32(openedPtr, fd, true);
      return wasi.ERRNO_SUCCESS;
    },
    proc_raise(sig: number): number {
      throw new ProcessKilled(proc().pid, sig);
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

class Collector {
  private chunks: Uint8Array[] = [];
  constructor(private readonly live?: (b: Uint8Array) => void) {}
  push(b: Uint8Array): void {
    const copy = b.slice();
    this.chunks.push(copy);
    this.live?.(copy);
  }
  bytes(): Uint8Array {
    const n = this.chunks.reduce((s, c) => s + c.length, 0);
    const all = new Uint8Array(n);
    let o = 0;
    for (const c of this.chunks) {
      all.set(c, o);
      o += c.length;
    }
    return all;
  }
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1) || p;
}
