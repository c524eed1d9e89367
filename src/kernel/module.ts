// A loaded module: its wasm instance and memory, its kmalloc heap, the
// chrdevs it registered, and the one door into its code, call(), which turns
// traps into oopses and keeps the C stack pointer sane after one.

import { SiteTable } from "./cstring.js";
import { KmallocHeap } from "./heap.js";
import { acquireKernelMemory, KernelMemory, kernelMemoryLimits } from "./kernel-memory.js";
import { kernelImports } from "./imports.js";
import type { ModuleExports } from "./module-exports.js";
import { Suspended, type ModuleInstrumentation } from "./instrumentation.js";
import { KernelOops, oopsFromTrap } from "./oops.js";
import { UserAccess } from "./uaccess.js";
import type { ChrdevTable, CdevOwner } from "./chrdev.js";
import type { DeviceNode } from "./vfs.js";
import type { Dmesg } from "./dmesg.js";
import type { Task } from "./task.js";
import type { Vfs } from "./vfs.js";

/** What a module's imports need from the kernel. */
export interface ModuleKernel {
  readonly dmesg: Dmesg;
  readonly chrdevs: ChrdevTable<CdevTarget>;
  /** /dev, where devtmpfs puts the nodes of device_create() */
  readonly vfs: Vfs;
  current(): Task | null;
  currentPid(): number;
  currentComm(): string;
  /** seconds since boot */
  now(): number;
  /** now(), read at most once per syscall */
  jiffies(): number;
  /** a report at KERN_ERR, tainting the kernel with the given flag */
  report(lines: string[], taint?: string): void;
  warn(lines: string[]): void;
  /** set by the race explorer only (instrumentation.ts) */
  readonly instrumentation?: ModuleInstrumentation;
}

/** What a cdev points at: a module's file_operations, or a built-in driver. */
export type CdevTarget = { kind: "module"; module: LoadedModule; fops: number } | { kind: "builtin"; driver: string };

export type ModuleState = "coming" | "live" | "going" | "gone";

export class LoadedModule implements CdevOwner {
  readonly exports: ModuleExports;
  readonly heap: KmallocHeap;
  readonly uaccess: UserAccess;
  readonly sites: SiteTable;
  /** open files whose fops.owner pins the module (the module refcount) */
  refs = 0;
  state: ModuleState = "coming";
  readonly inodes = new Map<DeviceNode, number>();
  private readonly fopsInfo = new Map<number, number>();
  /** kernel memory: the module's memory, [0, end) */
  readonly kmem: KernelMemory;
  /** __stack_pointer between calls: C code leaves it as it found it, and call() puts it back after a trap */
  private readonly stackTop: number;
  private depth = 0;
  /** the user pointer of the syscall in flight, to name it if the module faults on it */
  userPointer: number | undefined;

  constructor(readonly name: string, wasm: WebAssembly.Module, readonly kernel: ModuleKernel, readonly size: number) {
    // imports close over `this`; they are only called after instantiation
    const tool = kernel.instrumentation;
    // a lowered module imports its memory: one from this thread's pool (kernel-memory.ts)
    const limits = kernelMemoryLimits(wasm);
    const memory = limits ? acquireKernelMemory(limits) : null;
    const instance = new WebAssembly.Instance(wasm, { ...tool?.imports(this), kernel: { ...kernelImports(this), ...(memory ? { memory } : {}) } });
    const raw = instance.exports as unknown as ModuleExports;
    this.exports = tool ? tool.exports(this, raw) : raw;
    const end = this.exports.__msgslot_kernel_end;
    this.kmem = new KernelMemory(this.exports.memory, limits && end instanceof WebAssembly.Global ? end : null, limits);
    this.stackTop = this.stackPointer();
    this.sites = new SiteTable(() => this.view());
    this.heap = new KmallocHeap(this.kmem, Number(this.exports.__heap_base.value), {
      report: (lines, taint) => kernel.report(lines, taint),
      oops: (title, lines) => {
        throw new KernelOops(title, lines);
      },
      site: (id) => this.sites.get(id),
      pid: () => kernel.currentPid(),
      now: () => kernel.now(),
      jiffies: () => kernel.jiffies(),
    }, tool?.heap);
    // a lowered LP64 module keeps the range of heap bytes it writes (lp64.ts)
    const range = this.exports.__msgslot_write_range;
    if (range instanceof WebAssembly.Global) this.heap.trackWrites(Number(range.value));
    this.uaccess = new UserAccess({ view: () => this.view(), words: () => this.viewWords(), heap: this.heap, report: (l, t) => kernel.report(l, t) }, () => kernel.current());
  }

  /** Kernel memory as bytes: [0, end), so a bound check against its length is against the end. */
  view(): Uint8Array {
    return this.kmem.bytes();
  }

  /** Kernel memory as 32-bit words, for word-wise copies. */
  viewWords(): Int32Array {
    return this.kmem.words();
  }

  /** The module is gone (Kernel.dropModule): its memory may serve the next module of this thread. */
  releaseMemory(): void {
    this.kmem.release();
  }

  /**
   * Run module code. A trap or host-raised bug becomes a KernelOops; the C
   * stack pointer is put back, since a trap unwinds past the C epilogues.
   */
  call<T>(fn: () => T, userPointer?: number): T {
    const outer = this.depth === 0;
    // an outermost call starts at the top of the stack; reading the global is an engine call
    const saved = outer ? this.stackTop : this.stackPointer();
    this.depth++;
    if (outer) this.userPointer = userPointer;
    try {
      return fn();
    } catch (err) {
      if (err instanceof Suspended) throw err;
      throw this.trapped(err, saved);
    } finally {
      this.depth--;
      if (outer) this.userPointer = undefined;
    }
  }

  /**
   * call() of a libkern entry taking three numbers, without a closure: the syscall path
   * (kern_fop_read, kern_fop_write, kern_fop_ioctl).
   */
  call3(fn: (a: number, b: number, c: number) => number, a: number, b: number, c: number, userPointer: number): number {
    const outer = this.depth === 0;
    const saved = outer ? this.stackTop : this.stackPointer();
    this.depth++;
    if (outer) this.userPointer = userPointer;
    try {
      return fn(a, b, c);
    } catch (err) {
      if (err instanceof Suspended) throw err;
      throw this.trapped(err, saved);
    } finally {
      this.depth--;
      if (outer) this.userPointer = undefined;
    }
  }

  /** The C stack pointer: an i64 global in an LP64 module (BigInt), i32 in a wasm32 one. */
  stackPointer(): number {
    return Number(this.exports.__stack_pointer.value);
  }

  /** The oops for what module code threw; the C stack pointer goes back to `saved`. */
  private trapped(err: unknown, saved: number): KernelOops {
    const sp = this.exports.__stack_pointer;
    const oops = oopsFromTrap(err, {
      stackPointer: this.stackPointer(),
      memoryBytes: this.kmem.end,
      userPointer: this.userPointer,
    });
    sp.value = typeof sp.value === "bigint" ? BigInt(saved) : saved;
    return oops;
  }

  /** kern_file_free: the VFS gives a struct file back (the one kfree of a VFS object that is allowed) */
  freeFile(file: number): void {
    this.heap.internalFreeAllowed = true;
    try {
      this.call(() => this.exports.kern_file_free(file));
    } finally {
      this.heap.internalFreeAllowed = false;
    }
  }

  fopsInfoOf(fops: number): number {
    let info = this.fopsInfo.get(fops);
    if (info === undefined) {
      info = this.call(() => this.exports.kern_fops_info(fops)) >>> 0;
      this.fopsInfo.set(fops, info);
    }
    return info;
  }

  /** The inode of a device node in this module's memory (one per node). */
  inodeFor(node: DeviceNode): number {
    let inode = this.inodes.get(node);
    if (inode === undefined) {
      const rdev = ((node.major << 20) | node.minor) >>> 0;
      inode = this.call(() => this.exports.kern_inode_alloc(rdev, node.ino, node.mode)) >>> 0;
      if (inode === 0) return 0;
      this.inodes.set(node, inode);
    }
    return inode;
  }

  // --- chrdev registration, on behalf of the module (host.h) ---------------

  registerRegion(major: number, baseminor: number, count: number, name: string, fops: number): number {
    const table = this.kernel.chrdevs;
    const rc = table.registerRegion(major, baseminor, count, name, this);
    if (rc < 0 || fops === 0) return rc;
    // register_chrdev(): the region and its cdev in one go
    const m = major === 0 ? rc : major;
    const added = table.addCdev(m, baseminor, count, { kind: "module", module: this, fops }, this);
    if (added < 0) {
      table.unregisterRegion(m, baseminor, count);
      return added;
    }
    return rc;
  }

  unregisterRegion(major: number, baseminor: number, count: number): void {
    const table = this.kernel.chrdevs;
    if (!table.unregisterRegion(major, baseminor, count)) {
      this.kernel.warn([`WARNING: unregister_chrdev_region(${major}, ${baseminor}, ${count}): no such region registered`]);
      return;
    }
    // __unregister_chrdev also deletes the cdev that register_chrdev made
    table.removeCdev(major, baseminor, count);
  }

  addCdev(dev: number, count: number, fops: number): number {
    return this.kernel.chrdevs.addCdev(dev >>> 20, dev & 0xfffff, count, { kind: "module", module: this, fops }, this);
  }

  removeCdev(dev: number, count: number): void {
    this.kernel.chrdevs.removeCdev(dev >>> 20, dev & 0xfffff, count);
  }
}
