// One test's world: a fresh emulated machine with the submission's module,
// processes that publish every call into the module for the watchdog, and
// recorders for what the kernel reports (oopses, heap corruption, leaks).
// Browser-safe.

import { O_RDWR, USER_BASE } from "../../kernel/constants.js";
import { errnoName } from "../../kernel/errno.js";
import type { AllocSite } from "../../kernel/heap.js";
import type { Kernel, KernelOptions } from "../../kernel/kernel.js";
import type { LoadedModule } from "../../kernel/module.js";
import { KernelOops } from "../../kernel/oops.js";
import { ScriptedMemory, type UserMemory } from "../../kernel/task.js";
import type { FdTable } from "../../process/fd-table.js";
import { Machine } from "../../process/machine.js";
import { OpenFile } from "../../process/open-file.js";
import { Process, ProcessKilled, SIGKILL } from "../../process/process.js";
import { HostStreamFile } from "../../wasi/host-file.js";
import { runProgram, type ProgramImage, type RunResult } from "../../wasi/run.js";
import type { ModuleImage } from "../busybox.js";
import { escapeData } from "../scenario/run.js";
import { Call, NO_PUBLISHER, type CallPublisher } from "../watchdog/protocol.js";
import type { HeapRecord, LeakRecord, OopsRecord, Variant } from "./types.js";

/** The submission's parts, loaded (WebAssembly.Module) and ready to run. */
export interface Loaded {
  module?: ModuleImage;
  programs: Map<string, ProgramImage>;
  channelCmd?: number;
  setCenCmd?: number;
}

export interface SessionOptions {
  variant: Variant;
  loaded: Loaded;
  publisher?: CallPublisher;
  /** heap checks after every syscall (where it wrote), so a corruption names the call that made it (off for big loops) */
  checkEachCall?: boolean;
  /** fill new kmalloc objects of these sites with POISON_INUSE instead of zeros (the uninit probe) */
  initPoison?: (site: AllocSite) => boolean;
}

/** The test cannot go on (the reason is already in the session's output). */
export class TestAbort extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TestAbort";
  }
}

const hex = (n: number) => "0x" + (n >>> 0).toString(16);
export const rc = (r: number) => (r < 0 && r >= -4095 ? `-1 ${errnoName(-r)}` : String(r));

/** A short quote of message bytes for transcripts. */
export function quote(b: Uint8Array, max = 40): string {
  return b.length > max ? `${escapeData(b.subarray(0, max))}...(${b.length} bytes)` : escapeData(b);
}

/** An oops in one line: what, in which C function, during which syscall of which process. */
export function describeOops(o: OopsRecord): string {
  const at = o.func && o.frames[0] && o.frames[0] !== o.func ? `${o.func} (at ${o.frames[0]})` : o.func;
  const why = o.userPointer ? " (user memory accessed without copy_from_user/copy_to_user)" : "";
  return `${o.title}${why}${at ? ` in ${at}` : ""}, during ${o.syscall} by ${o.comm}[${o.pid}]`;
}

/** The driver's own function on an oops stack: the frame below libkern's kern_fop_* entry. */
export function driverFunction(frames: string[]): string | undefined {
  const i = frames.findIndex((f) => f.startsWith("kern_") || f === "init_module" || f === "cleanup_module");
  if (i > 0) return frames[i - 1];
  return frames[0];
}

export class Session {
  readonly machine: WatchedMachine;
  readonly kernel: Kernel;
  readonly variant: Variant;
  readonly loaded: Loaded;
  readonly publisher: CallPublisher;
  checkEachCall: boolean;
  /** the transcript: each syscall and its result */
  readonly transcript: string[] = [];
  /** what a report shows even when the test passes (measurements) */
  readonly notes: string[] = [];
  /** failed checks: "expected X, got Y" */
  readonly failures: string[] = [];
  readonly oopses: OopsRecord[] = [];
  readonly heap: HeapRecord[] = [];
  readonly leaks: LeakRecord[] = [];
  readonly warnings: string[][] = [];
  private currentText = "";
  /** the syscall in flight, not yet formatted (Call.None: currentText says it) */
  private callKind: Call = Call.None;
  private callPath = "";
  private callA = 0;
  private callB = 0;
  private callC = 0;
  /** insmod succeeded at least once */
  loadedOnce = false;
  /** stop logging each call (big loops) */
  quiet = false;
  private readonly procs: Proc[] = [];

  constructor(opts: SessionOptions) {
    this.variant = opts.variant;
    this.loaded = opts.loaded;
    this.publisher = opts.publisher ?? NO_PUBLISHER;
    this.checkEachCall = opts.checkEachCall ?? true;
    this.machine = new WatchedMachine(this, opts.initPoison ? { initPoison: opts.initPoison } : {});
    this.kernel = this.machine.kernel;
    this.record(this.kernel);
  }

  /** the syscall in flight, strace style; formatted only when a report asks (a syscall loop never does) */
  get current(): string {
    if (this.callKind !== Call.None) {
      this.currentText = formatCall(this.callKind, this.callPath, this.callA, this.callB, this.callC);
      this.callKind = Call.None;
    }
    return this.currentText;
  }

  set current(text: string) {
    this.currentText = text;
    this.callKind = Call.None;
  }

  /** A syscall begins: `current` describes it, without a string made until it is read. */
  beginCall(kind: Call, path: string, a: number, b: number, c: number): void {
    this.callKind = kind;
    this.callPath = path;
    this.callA = a;
    this.callB = b;
    this.callC = c;
  }

  get moduleName(): string {
    return this.loaded.module?.name ?? "message_slot";
  }

  /** the submission's module as loaded now; the lookup is kept until the kernel's module table changes */
  module(): LoadedModule | undefined {
    const k = this.kernel;
    if (this.moduleSeen !== k.moduleGeneration) {
      this.moduleSeen = k.moduleGeneration;
      this.loadedModule = k.modules.get(this.moduleName);
    }
    return this.loadedModule;
  }

  private moduleSeen = -1;
  private loadedModule: LoadedModule | undefined;

  // --- recording what the kernel reports ------------------------------------

  private record(k: Kernel): void {
    const logOops = k.logOops.bind(k);
    k.logOops = (oops, task, path, mod) => {
      const frames = oops.frames;
      const text = [oops.title, ...oops.details].join("\n");
      this.oopses.push({
        title: oops.title,
        details: oops.details,
        frames,
        func: driverFunction(frames),
        comm: task?.comm ?? "swapper/0",
        pid: task?.pid ?? 0,
        syscall: this.current || path.join(" <- "),
        userPointer: /user memory accessed without copy_|__user pointer was dereferenced/.test(text),
        heap: /double free|kfree\(\) of|usercopy:/.test(oops.title),
      });
      logOops(oops, task, path, mod);
    };
    const report = k.report.bind(k);
    k.report = (lines, taint) => {
      const first = lines[0] ?? "";
      if (first.startsWith("kmemleak:")) {
        for (const l of lines) {
          const m = /^\s*kmalloc\((\d+)\) in (.*)$/.exec(l);
          if (m) this.leaks.push({ size: Number(m[1]), site: m[2] });
        }
      } else {
        const title = lines.find((l) => /^BUG kmalloc-\d+:|^BUG: KASAN|^UBSAN:/.test(l));
        if (title) this.heap.push({ title, lines: [...lines], syscall: this.current || "(between syscalls)" });
      }
      report(lines, taint);
    };
    const warn = k.warn.bind(k);
    k.warn = (lines) => {
      this.warnings.push([...lines]);
      warn(lines);
    };
  }

  /** Describe an oops for a failure message. */
  describeOops(o: OopsRecord): string {
    return describeOops(o);
  }

  // --- the machine ---------------------------------------------------------------

  trace(line: string): void {
    this.transcript.push(line);
  }

  info(line: string): void {
    this.notes.push(line);
  }

  fail(message: string): void {
    this.failures.push(message);
  }

  /** A check: on failure, "what: expected X, got Y". */
  expect(what: string, got: unknown, want: unknown): boolean {
    if (got === want) return true;
    this.fail(`${what}: expected ${String(want)}, got ${String(got)}`);
    return false;
  }

  /** insmod the submission's module (publishes the call). Aborts the test if it fails. */
  insmod(): void {
    const image = this.loaded.module;
    if (!image) throw new TestAbort("the module did not build");
    const task = this.machine.spawn("insmod");
    let r: number;
    try {
      this.current = `init_module(${image.name}.ko)`;
      this.publisher.enter(Call.Insmod, task.pid, "insmod", "", 0, 0, 0, `insmod ${image.name}.ko (init_module)`);
      r = this.kernel.as(task, () => this.kernel.insmod(image.name, image.wasm, image.size));
    } catch (e) {
      if (!(e instanceof KernelOops)) throw e;
      this.kernel.logOops(e, task, ["do_init_module", "load_module", "__do_sys_finit_module"]);
      task.kill(SIGKILL);
      throw new TestAbort(`insmod: the module's init function oopsed: ${e.title}`);
    } finally {
      this.publisher.leave();
      this.current = "";
      if (task.state === "running") task.exit(0);
    }
    if (r < 0) {
      this.trace(`insmod ${image.name}.ko = ${rc(r)}`);
      throw new TestAbort(`insmod failed: init_module returned ${rc(r)}${this.dmesgTail(3)}`);
    }
    this.loadedOnce = true;
    const major = this.variant.major;
    const mod = this.module();
    const regions = mod ? this.kernel.chrdevs.ownedBy(mod).regions : [];
    if (!regions.some((rg) => rg.major === major)) {
      const got = regions.map((rg) => `${rg.major} (${rg.name})`).join(", ") || "none";
      this.info(`the module registered major ${got}; the assignment requires major ${major}`);
    }
  }

  private dmesgTail(n: number): string {
    const recs = this.kernel.dmesg.all().slice(-n).map((r) => r.text);
    return recs.length ? ` (dmesg: ${recs.join(" | ")})` : "";
  }

  /** rmmod (publishes the call); an oops in the exit function is logged like busybox's rmmod. */
  rmmod(limitMs = 0): number {
    const name = this.moduleName;
    if (!this.kernel.modules.has(name)) return 0;
    const task = this.machine.spawn("rmmod");
    try {
      this.current = `delete_module(${name})`;
      this.publisher.enter(Call.Rmmod, task.pid, "rmmod", "", 0, 0, 0, `rmmod ${name} (delete_module: the exit function)`, limitMs);
      return this.kernel.as(task, () => this.kernel.rmmod(name));
    } catch (e) {
      if (!(e instanceof KernelOops)) throw e;
      this.kernel.logOops(e, task, ["free_module", "__do_sys_delete_module"]);
      task.kill(SIGKILL);
      return -1;
    } finally {
      this.publisher.leave();
      this.current = "";
      if (task.state === "running") task.exit(0);
    }
  }

  /** /dev/slotN nodes of the variant's major. */
  mknod(minor: number, path = `/dev/slot${minor}`): string {
    this.kernel.vfs.mknod(path, this.variant.major, minor, new Date(0));
    return path;
  }

  /** insmod and /dev/slot0, /dev/slot1. */
  boot(minors: number[] = [0, 1]): void {
    this.insmod();
    for (const m of minors) this.mknod(m);
  }

  /** A scripted process; fds 0-2 are taken (stdin, stdout, stderr), so its first open is 3. */
  proc(comm: string, memBytes = 64 * 1024): Proc {
    const wp = this.machine.spawn(comm, new ScriptedMemory(memBytes)) as WatchedProcess;
    for (const name of ["stdin", "stdout", "stderr"]) wp.fds.install(wp.fds.lowestFree(), new OpenFile(new HostStreamFile(name)));
    const p = new Proc(this, wp);
    this.procs.push(p);
    return p;
  }

  /** Run a user program of the submission as a process. */
  run(name: string, args: (string | Uint8Array)[]): RunResult {
    const program = this.loaded.programs.get(name);
    if (!program) throw new TestAbort(`${name} did not build`);
    const argv = [`./${name}`, ...args];
    const r = runProgram({ machine: this.machine, program, argv });
    const show = (a: string | Uint8Array) => (typeof a === "string" ? (/^[\w/.=-]+$/.test(a) ? a : JSON.stringify(a)) : quote(a));
    const dec = new TextDecoder();
    if (!this.quiet) this.trace(`$ ${argv.map(show).join(" ")}  -> status ${r.status}, stdout ${quote(r.stdout)}, stderr ${JSON.stringify(dec.decode(r.stderr))}${r.reason ? ` (${r.reason})` : ""}`);
    return r;
  }

  /** finish() only ends the processes (a heap check and rmmod would report the same corruption 2^20 times). */
  skipTeardown = false;

  /** Exit every process, check the heap, rmmod: what a test leaves behind is reported. */
  finish(rmmodLimitMs = 0): void {
    for (const p of this.machine.processes.values()) {
      if (p.state === "running") {
        try {
          p.exit(0);
        } catch (e) {
          if (!(e instanceof ProcessKilled)) throw e;
        }
      }
    }
    const mod = this.module();
    if (mod && !this.skipTeardown) {
      this.current = "(end of test: heap check)";
      mod.heap.check();
      this.current = "";
      this.rmmod(rmmodLimitMs);
    }
  }

  /** After each call into the module: find corruption while the writer is known. */
  afterCall(): void {
    if (!this.checkEachCall) return;
    const mod = this.module();
    // where the module and copy_from_user wrote: only there can the call have broken the heap
    if (mod) mod.heap.checkWritten();
  }
}

/** A machine whose processes publish their calls into the module. */
export class WatchedMachine extends Machine {
  constructor(readonly session: Session, opts: KernelOptions = {}) {
    super(opts);
  }

  // spawned and forked processes alike: a tester's child is watched and named too
  override createProcess(pid: number, comm: string, memory: UserMemory, fds: FdTable, ppid: number): Process {
    return new WatchedProcess(this, pid, comm, memory, fds, ppid);
  }
}

/** A process that publishes each syscall (for the watchdog) and names it (for reports). */
export class WatchedProcess extends Process {
  constructor(private readonly wm: WatchedMachine, pid: number, comm: string, memory: UserMemory, fds?: Process["fds"], ppid = 0) {
    super(wm, pid, comm, memory, fds, ppid);
  }

  private path(fd: number): string {
    return this.fds.get(fd)?.file.node.path ?? "";
  }

  // Each syscall: publish it and name it (lazily) before, then the heap check after. Written out
  // per call, without closures: a student's program makes millions of these.
  private begin(call: Call, path: string, a: number, b: number, c: number): void {
    const s = this.wm.session;
    s.beginCall(call, path, a, b, c);
    s.publisher.enter(call, this.pid, this.comm, path, a, b, c);
  }

  private end(): void {
    const s = this.wm.session;
    s.publisher.leave();
    s.afterCall();
    s.current = "";
  }

  override open(path: string, flags: number): number {
    this.begin(Call.Open, path, flags, 0, 0);
    try {
      return super.open(path, flags);
    } finally {
      this.end();
    }
  }

  override close(fd: number): number {
    this.begin(Call.Close, this.path(fd), fd, 0, 0);
    try {
      return super.close(fd);
    } finally {
      this.end();
    }
  }

  override read(fd: number, buf: number, count: number): number {
    this.begin(Call.Read, this.path(fd), fd, buf, count);
    try {
      return super.read(fd, buf, count);
    } finally {
      this.end();
    }
  }

  override write(fd: number, buf: number, count: number): number {
    this.begin(Call.Write, this.path(fd), fd, buf, count);
    try {
      return super.write(fd, buf, count);
    } finally {
      this.end();
    }
  }

  override ioctl(fd: number, cmd: number, arg: number | bigint): number {
    // a scenario passes the argument as a 64-bit unsigned long (BigInt): the record holds its low half
    this.begin(Call.Ioctl, this.path(fd), fd, cmd, typeof arg === "bigint" ? Number(BigInt.asUintN(32, arg)) : arg);
    try {
      return super.ioctl(fd, cmd, arg);
    } finally {
      this.end();
    }
  }

  override exit(status = 0): void {
    if (this.state !== "running") return;
    this.begin(Call.Exit, "", status, 0, 0);
    try {
      super.exit(status);
    } finally {
      this.end();
    }
  }

  override fork(comm = this.comm): Process {
    const mem = this.memory as UserMemory & { clone?: () => UserMemory };
    const memory = typeof mem.clone === "function" ? mem.clone() : this.memory;
    const child = new WatchedProcess(this.wm, this.wm.nextPid(), comm, memory, this.fds.fork(), this.pid);
    this.wm.adopt(child);
    return child;
  }
}

/** A call as the session's transcript and reports name it (`read(3, 0x20000100, 128)`). */
function formatCall(kind: Call, path: string, a: number, b: number, c: number): string {
  switch (kind) {
    case Call.Open: return `open("${path}", ${a})`;
    case Call.Close: return `close(${a})`;
    case Call.Read: return `read(${a}, ${hex(b)}, ${c})`;
    case Call.Write: return `write(${a}, ${hex(b)}, ${c})`;
    case Call.Ioctl: return `ioctl(${a}, ${hex(b)}, ${c >>> 0})`;
    case Call.Exit: return `exit(${a}) (release of its files)`;
    default: return "";
  }
}

/** Where scripted processes keep the bytes they write and the buffer they read into. */
export const WRITE_AT = USER_BASE;
export const READ_AT = USER_BASE + 0x8000;

/** A scripted process with transcripted syscalls. An oops aborts the test. */
export class Proc {
  constructor(readonly s: Session, readonly p: WatchedProcess) {}

  get name(): string {
    return this.p.comm;
  }

  private call(what: string, fn: () => number, show: (r: number) => string = rc): number {
    try {
      const r = fn();
      if (!this.s.quiet) this.s.trace(`${this.name}: ${what} = ${show(r)}`);
      return r;
    } catch (e) {
      if (!(e instanceof ProcessKilled)) throw e;
      this.s.trace(`${this.name}: ${what} = killed (oops)`);
      const o = this.s.oopses[this.s.oopses.length - 1];
      throw new TestAbort(`${this.name}: ${what} oopsed: ${o ? this.s.describeOops(o) : "the process was killed"}`);
    }
  }

  open(path = "/dev/slot0", flags = O_RDWR): number {
    return this.call(`open("${path}", ${flags === O_RDWR ? "O_RDWR" : flags})`, () => this.p.open(path, flags));
  }

  ioctl(fd: number, cmd: number, arg: number, label?: string): number {
    return this.call(`ioctl(${fd}, ${label ?? hex(cmd)}, ${arg >>> 0})`, () => this.p.ioctl(fd, cmd >>> 0, arg >>> 0));
  }

  /** ioctl(fd, MSG_SLOT_CHANNEL, id) with the student's MSG_SLOT_CHANNEL. */
  channel(fd: number, id: number): number {
    const cmd = this.s.loaded.channelCmd;
    if (cmd === undefined) throw new TestAbort("message_slot.h does not define MSG_SLOT_CHANNEL: no channel can be set");
    return this.ioctl(fd, cmd, id, "MSG_SLOT_CHANNEL");
  }

  /** ioctl(fd, MSG_SLOT_SET_CEN, on) with the student's MSG_SLOT_SET_CEN. */
  censor(fd: number, on: number): number {
    const cmd = this.s.loaded.setCenCmd;
    if (cmd === undefined) throw new TestAbort("message_slot.h does not define MSG_SLOT_SET_CEN: censorship cannot be set");
    return this.ioctl(fd, cmd, on, "MSG_SLOT_SET_CEN");
  }

  /** write(fd, data, data.length) from this process's memory. */
  write(fd: number, data: Uint8Array | string): number {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    (this.p.memory as ScriptedMemory).bytes().set(bytes, WRITE_AT - USER_BASE);
    return this.call(`write(${fd}, ${quote(bytes)}, ${bytes.length})`, () => this.p.write(fd, WRITE_AT, bytes.length));
  }

  /** write(fd, addr, n) with an address of the test's choosing (bad buffers). */
  writeAt(fd: number, addr: number, n: number, label = hex(addr)): number {
    return this.call(`write(${fd}, ${label}, ${n})`, () => this.p.write(fd, addr, n));
  }

  /** read(fd, buf, n) into this process's memory: the result and the bytes read. */
  read(fd: number, n = 128): { rc: number; data: Uint8Array } {
    const mem = (this.p.memory as ScriptedMemory).bytes();
    const off = READ_AT - USER_BASE;
    mem.fill(0, off, off + n);
    let data = new Uint8Array(0);
    const r = this.call(`read(${fd}, buf, ${n})`, () => this.p.read(fd, READ_AT, n), (v) => {
      if (v < 0) return rc(v);
      data = mem.slice(off, off + Math.min(v, n));
      return `${v} ${quote(data)}`;
    });
    if (r >= 0 && data.length === 0 && r > 0) data = mem.slice(off, off + Math.min(r, n));
    return { rc: r, data };
  }

  readAt(fd: number, addr: number, n: number, label = hex(addr)): number {
    return this.call(`read(${fd}, ${label}, ${n})`, () => this.p.read(fd, addr, n));
  }

  close(fd: number): number {
    return this.call(`close(${fd})`, () => this.p.close(fd));
  }

  dup(fd: number): number {
    return this.call(`dup(${fd})`, () => this.p.dup(fd));
  }

  fork(comm: string): Proc {
    const child = this.p.fork(comm) as WatchedProcess;
    if (!this.s.quiet) this.s.trace(`${this.name}: fork() = ${child.pid} (${comm})`);
    return new Proc(this.s, child);
  }

  exit(): void {
    try {
      this.p.exit(0);
    } catch (e) {
      if (!(e instanceof ProcessKilled)) throw e;
    }
    if (!this.s.quiet) this.s.trace(`${this.name}: exit(0)`);
  }
}
