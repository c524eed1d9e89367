// The emulated kernel: modules, the chrdev tables, /dev, the printk ring,
// taint flags and the task a syscall runs for. Processes and their fd tables
// live in src/process and call in here.

import { ChrdevTable } from "./chrdev.js";
import { FMODE_READ, FMODE_WRITE, O_ACCMODE } from "./constants.js";
import { Dmesg, KERN_ERR, KERN_INFO, KERN_WARNING } from "./dmesg.js";
import { EBUSY, EEXIST, EISDIR, ENOENT, ENOEXEC, ENOMEM, ENXIO, EWOULDBLOCK } from "./errno.js";
import { BuiltinFile, ModuleFile, type KFile } from "./file.js";
import { LoadedModule, type CdevTarget, type ModuleKernel } from "./module.js";
import { FOPS_OWNER, missingExports, wrongKindExports } from "./module-exports.js";
import { KernelOops } from "./oops.js";
import type { AllocSite } from "./heap.js";
import type { ModuleInstrumentation } from "./instrumentation.js";
import { Vfs, type DeviceNode } from "./vfs.js";
import { mappedPrefix, type Task } from "./task.js";
import { BASE_BLOCK_DEVICES, BASE_CHAR_REGIONS } from "./proc-devices.js";

/** kernel entries a jiffies() reading serves (see jiffies()) */
const JIFFY_SYSCALLS = 16;

export const KERNEL_RELEASE = "6.1.0-msgslot";
/** taint flags in print_tainted() order */
const TAINT_ORDER = "PFSRMBUDAWCIOELKXTN";

export interface KernelOptions {
  /** seconds since boot; default: real time since the Kernel was made */
  clock?: () => number;
  /** the race explorer's hooks into every module loaded (instrumentation.ts) */
  instrumentation?: ModuleInstrumentation;
  /**
   * Fill new kmalloc objects of these allocation sites with POISON_INUSE instead of zeros, in
   * every module from its init on (the grader's uninit probe; KmallocHeap.initPoison)
   */
  initPoison?: (site: AllocSite) => boolean;
}

export class Kernel implements ModuleKernel {
  readonly dmesg: Dmesg;
  readonly vfs = new Vfs();
  readonly chrdevs = new ChrdevTable<CdevTarget>();
  readonly modules = new Map<string, LoadedModule>();
  private modulesChanged = 0;
  private readonly taints = new Set<string>();
  private task: Task | null = null;
  private oopsCount = 0;
  readonly now: () => number;
  readonly instrumentation?: ModuleInstrumentation;
  private readonly initPoison: ((site: AllocSite) => boolean) | null;
  /** jiffies(): now() as read at most JIFFY_SYSCALLS syscalls ago (-1: read it at the next use) */
  private stamp = -1;
  /** kernel entries since the stamp was read */
  private sinceStamp = 0;

  constructor(opts: KernelOptions = {}) {
    if (opts.instrumentation) this.instrumentation = opts.instrumentation;
    // the global `performance` is looked up once: in Node it is a getter on globalThis
    const perf = performance;
    const boot = perf.now();
    this.now = opts.clock ?? (() => (perf.now() - boot) / 1000);
    this.initPoison = opts.initPoison ?? null;
    this.dmesg = new Dmesg(this.now);
    for (const [major, baseminor, count, name] of BASE_CHAR_REGIONS) this.chrdevs.registerRegion(major, baseminor, count, name, null);
    this.chrdevs.addCdev(1, 3, 1, { kind: "builtin", driver: "null" }, null);
    this.chrdevs.addCdev(1, 5, 1, { kind: "builtin", driver: "zero" }, null);
    this.dmesg.log(KERN_INFO, `Linux version ${KERNEL_RELEASE} (msgslot emulator)\n`);
  }

  // --- the current task ------------------------------------------------------

  /** Run fn as `task` (the process whose user memory copy_*_user sees). */
  as<T>(task: Task, fn: () => T): T {
    const prev = this.enter(task);
    try {
      return fn();
    } finally {
      this.leave(prev);
    }
  }

  /**
   * as() without the closure, for the syscall path: make `task` current and return the task
   * to give back to leave() (in a finally).
   */
  enter(task: Task): Task | null {
    const prev = this.task;
    this.task = task;
    if (++this.sinceStamp >= JIFFY_SYSCALLS) this.stamp = -1;
    return prev;
  }

  /**
   * Seconds since boot, coarse: like Linux's jiffies, which the timer tick moves (every 4 ms at
   * Debian's HZ=250) rather than a clock read per kmalloc (kmemleak dates objects with jiffies).
   * Here the tick is counted in syscalls: the clock is read again on the first use after
   * JIFFY_SYSCALLS kernel entries, or after tick(). A clock read costs more than the rest of a
   * kmalloc (issue 14).
   */
  jiffies(): number {
    if (this.stamp < 0) {
      this.stamp = this.now();
      this.sinceStamp = 0;
    }
    return this.stamp;
  }

  /** The clock jumped (a sleep moved the machine's virtual clock): jiffies() reads it again. */
  tick(): void {
    this.stamp = -1;
  }

  leave(prev: Task | null): void {
    this.task = prev;
  }

  current(): Task | null {
    return this.task;
  }

  currentPid(): number {
    return this.task?.pid ?? 0;
  }

  currentComm(): string {
    return this.task?.comm ?? "swapper/0";
  }

  // --- reports and taint ------------------------------------------------------

  report(lines: string[], taint?: string): void {
    if (taint) this.taint(taint);
    this.dmesg.report(KERN_ERR, lines);
  }

  warn(lines: string[]): void {
    this.taint("W");
    this.dmesg.report(KERN_WARNING, lines);
  }

  taint(flag: string): void {
    this.taints.add(flag);
  }

  isTainted(flag: string): boolean {
    return this.taints.has(flag);
  }

  /** "Tainted: G      D    OE     " as print_tainted() spells it, or "Not tainted". */
  taintString(): string {
    if (this.taints.size === 0) return "Not tainted";
    let s = "Tainted: ";
    for (const f of TAINT_ORDER) s += this.taints.has(f) ? f : f === "P" ? "G" : " ";
    return s;
  }

  /** Log an oops for `task` in `path` (e.g. ["vfs_read", "ksys_read"]) and taint the kernel 'D'. */
  logOops(oops: KernelOops, task: Task | null, path: string[], module?: LoadedModule): void {
    this.taint("D");
    const n = ++this.oopsCount;
    const tag = module ? ` [${module.name}]` : "";
    const frames = oops.frames.length > 0 ? oops.frames : ["?"];
    // die(): "Oops: %04lx [#n]" with the error code, or a #GP's own line in its place
    const code = (oops.dieInfo.errorCode ?? 0).toString(16).padStart(4, "0");
    const die = oops.dieInfo.die ? [] : [`Oops: ${code} [#${n}] PREEMPT SMP NOPTI`];
    const lines = [
      oops.dieInfo.die ? `${oops.title}: ${code} [#${n}] PREEMPT SMP NOPTI` : oops.title,
      ...oops.details,
      ...die,
      `CPU: 0 PID: ${task?.pid ?? 0} Comm: ${task?.comm ?? "swapper/0"} ${this.taintString()} ${KERNEL_RELEASE} #1`,
      "Hardware name: msgslot emulator (WebAssembly)",
      `RIP: 0010:${frames[0]}${tag}`,
      "Call Trace:",
      " <TASK>",
      ...frames.slice(1).map((f) => ` ${f}${tag}`),
      ...path.map((f) => ` ${f}`),
      " </TASK>",
      `---[ end trace ${"0".repeat(16)} ]---`,
    ];
    this.dmesg.report(KERN_ERR, lines);
  }

  // --- modules ---------------------------------------------------------------

  /** Moves whenever `modules` changes: a caller may keep a lookup until then (the grader's check after each syscall). */
  get moduleGeneration(): number {
    return this.modulesChanged;
  }

  // every change of `modules` goes through these two, so moduleGeneration always moves with it
  private addModule(name: string, mod: LoadedModule): void {
    this.modules.set(name, mod);
    this.modulesChanged++;
  }

  private removeModule(name: string): void {
    this.modules.delete(name);
    this.modulesChanged++;
  }

  /**
   * insmod: instantiate and run init_module. Returns 0 or -errno (busybox's
   * exit status is the errno). Throws KernelOops if init itself oopses.
   */
  insmod(name: string, wasm: WebAssembly.Module, size: number): number {
    if (this.modules.has(name)) return -EEXIST;
    const missing = missingExports(wasm);
    const wrong = wrongKindExports(wasm);
    if (missing.length > 0 || wrong.length > 0) {
      const why = [...(missing.length > 0 ? [`missing ${missing.join(", ")}`] : []), ...wrong];
      this.dmesg.log(KERN_ERR, `${name}: not a msgslot module (${why.join("; ")})\n`);
      return -ENOEXEC;
    }
    let mod: LoadedModule;
    try {
      mod = new LoadedModule(name, wasm, this, size);
      mod.heap.initPoison = this.initPoison;
    } catch (err) {
      this.dmesg.log(KERN_ERR, `${name}: cannot instantiate: ${(err as Error).message}\n`);
      return -ENOEXEC;
    }
    if (!this.taints.has("O")) {
      this.dmesg.log(KERN_WARNING, `${name}: loading out-of-tree module taints kernel.\n`);
      this.dmesg.log(KERN_WARNING, `${name}: module verification failed: signature and/or required key missing - tainting kernel\n`);
    }
    this.taint("O");
    this.taint("E");
    this.addModule(name, mod);
    const init = mod.exports.init_module;
    let rc = 0;
    try {
      if (init) rc = mod.call(() => init()) | 0;
    } catch (err) {
      // do_init_module never returned: the module stays half-loaded on Linux; here it is dropped
      this.removeModule(name);
      this.dropModule(mod);
      throw err;
    }
    if (rc < 0) {
      this.removeModule(name);
      this.dropModule(mod);
      return rc;
    }
    if (rc > 0) {
      this.warn([`do_init_module: '${name}'->init suspiciously returned ${rc}, it should follow 0/-E convention`,
        `do_init_module: loading module anyway...`]);
    }
    mod.state = "live";
    return 0;
  }

  /** rmmod (delete_module with O_NONBLOCK): 0 or -errno. Throws KernelOops if cleanup oopses. */
  rmmod(name: string): number {
    const mod = this.modules.get(name);
    if (!mod) return -ENOENT;
    if (mod.state !== "live") return -EBUSY;
    if (mod.exports.init_module && !mod.exports.cleanup_module) return -EBUSY;
    if (mod.refs > 0) return -EWOULDBLOCK;
    mod.state = "going";
    this.removeModule(name);
    try {
      const exit = mod.exports.cleanup_module;
      if (exit) mod.call(() => exit());
    } finally {
      this.dropModule(mod);
    }
    return 0;
  }

  /** After exit (or a failed init): leak check, heap check, dangling chrdevs. */
  private dropModule(mod: LoadedModule): void {
    mod.heap.check();
    mod.heap.reportLeaks(mod.name);
    const left = this.chrdevs.ownedBy(mod);
    for (const r of left.regions) {
      this.warn([`WARNING: module ${mod.name} unloaded with chrdev region ${r.major}:${r.baseminor}-${r.baseminor + r.count - 1} (${r.name}) still registered`,
        "unregister_chrdev() missing from the exit function: opening the device now crashes the kernel"]);
    }
    mod.state = "gone";
    mod.heap.release();
    mod.releaseMemory();
  }

  lsmod(): string {
    let out = "Module                  Size  Used by\n";
    for (const m of this.modules.values()) out += `${m.name.padEnd(19)} ${String(m.size).padStart(8)}  ${m.refs}\n`;
    return out;
  }

  procDevices(): string {
    return this.chrdevs.procDevices(BASE_BLOCK_DEVICES);
  }

  // --- open -------------------------------------------------------------------

  /**
   * The device part of open(2): path lookup (ENOENT), chrdev_open (ENXIO
   * when no cdev covers the node or its module is going), then the driver's
   * open. Returns the open file or -errno. Throws KernelOops from the driver.
   */
  openNode(path: string, flags: number): KFile | number {
    const node = this.vfs.lookup(path);
    if (!node) return this.vfs.isDir(path) ? -EISDIR : this.vfs.missError(path);
    const acc = flags & O_ACCMODE;
    const fmode = (acc === 0 || acc === 2 ? FMODE_READ : 0) | (acc === 1 || acc === 2 ? FMODE_WRITE : 0);
    const cdev = this.chrdevs.lookup(node.major, node.minor);
    if (!cdev) return -ENXIO;
    const target = cdev.target;
    if (target.kind === "builtin") {
      const zero = (buf: number, n: number) => {
        const t = this.task;
        if (!t) return n;
        const reach = mappedPrefix(t.memory, buf, n);
        t.memory.bytes().fill(0, buf - t.memory.origin, buf - t.memory.origin + reach);
        return n - reach;
      };
      return new BuiltinFile(node, fmode, flags, target.driver === "zero" ? "zero" : "null", zero);
    }
    const mod = target.module;
    if (mod.state === "gone") {
      throw new KernelOops(`BUG: unable to handle page fault in chrdev_open: ${mod.name} was unloaded but left major ${node.major} registered`, [
        "the cdev's file_operations point into freed module memory",
      ]);
    }
    if (mod.state !== "live") return -ENXIO;
    return this.openModuleFile(mod, target.fops, node, flags, fmode);
  }

  private openModuleFile(mod: LoadedModule, fops: number, node: DeviceNode, flags: number, fmode: number): KFile | number {
    const info = mod.fopsInfoOf(fops);
    const inode = mod.inodeFor(node);
    if (inode === 0) return -ENOMEM;
    const file = mod.call(() => mod.exports.kern_file_alloc(inode, flags, fmode)) >>> 0;
    if (file === 0) return -ENOMEM;
    // fops_get: try_module_get(fops->owner)
    const pinned = (info & FOPS_OWNER) !== 0;
    if (pinned) mod.refs++;
    let rc: number;
    try {
      rc = mod.call(() => mod.exports.kern_fop_open(fops, inode, file)) | 0;
    } catch (err) {
      if (pinned) mod.refs--;
      throw err;
    }
    if (rc < 0) {
      // a failed open never reaches release: fput without FMODE_OPENED
      if (pinned) mod.refs--;
      mod.freeFile(file);
      return rc;
    }
    return new ModuleFile(mod, node, inode, file, fmode, flags, info, pinned);
  }
}
