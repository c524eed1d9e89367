// Kernel memory: a module's linear memory as the kernel sees it, [0, end). A lowered module
// (src/toolchain/lp64.ts) imports its memory (kernel.memory) and checks every access against a
// global, __msgslot_kernel_end, that the host keeps equal to `end`: the size the memory would
// have if it were the module's own, fresh (its initial size, grown only by the kmalloc heap, in
// the same steps). So the memory behind it can come from a pool, already grown by a module before
// and still resident, and the module cannot tell: it faults at `end` as it would on a fresh one,
// and what it finds below `end` is zero (the pool zeroes all a module could have written, which
// is [0, end): its stores are checked against `end`, and the host's views end there).
//
// Why a pool: 2^20 channels take ~140 MiB of kernel memory, and fresh memory costs a page fault
// per 4 KiB touched, dear on a virtual machine that hands freed memory back to its host; the
// race explorer loads a module per schedule. A module that is not lowered (a test's own wasm)
// keeps its own memory, whose size is its end. Browser-safe.

/** the lowered module's custom section with its memory's limits (lp64.ts KERNEL_MEMORY_SECTION) */
const KERNEL_MEMORY_SECTION = "msgslot.kernel-memory";

const WASM_PAGE = 65536;
/** memories kept per thread for the next modules */
const POOL_SIZE = 2;

export interface KernelMemoryLimits {
  /** 64 KiB pages */
  min: number;
  max: number;
}

const limitsOf = new WeakMap<WebAssembly.Module, KernelMemoryLimits | null>();

/** The limits of a module that imports kernel.memory, or null (a module with a memory of its own). */
export function kernelMemoryLimits(module: WebAssembly.Module): KernelMemoryLimits | null {
  let l = limitsOf.get(module);
  if (l === undefined) {
    l = null;
    const imported = WebAssembly.Module.imports(module).some((i) => i.module === "kernel" && i.name === "memory" && i.kind === "memory");
    const section = WebAssembly.Module.customSections(module, KERNEL_MEMORY_SECTION)[0];
    if (imported && section) {
      const [min, max] = new TextDecoder().decode(section).split(" ").map(Number);
      if (Number.isInteger(min) && Number.isInteger(max) && min! <= max!) l = { min: min!, max: max! };
    }
    if (imported && !l) throw new Error("the module imports kernel.memory without its limits (section msgslot.kernel-memory)");
    limitsOf.set(module, l);
  }
  return l;
}

const pool: { memory: WebAssembly.Memory; max: number }[] = [];

/**
 * A memory for a module with these limits: a released one when there is one (the largest: one
 * module at a time, the usual case, keeps reusing the one memory a big test grew, instead of
 * growing a second), else a new one.
 */
export function acquireKernelMemory(l: KernelMemoryLimits): WebAssembly.Memory {
  let i = -1;
  for (let k = 0; k < pool.length; k++) {
    if (pool[k]!.max === l.max && (i < 0 || pool[k]!.memory.buffer.byteLength > pool[i]!.memory.buffer.byteLength)) i = k;
  }
  if (i < 0) return new WebAssembly.Memory({ initial: l.min, maximum: l.max });
  const memory = pool.splice(i, 1)[0]!.memory;
  const pages = memory.buffer.byteLength / WASM_PAGE;
  if (pages < l.min) memory.grow(l.min - pages);
  return memory;
}

/** memories waiting in this thread's pool (tests) */
export function pooledKernelMemories(): number {
  return pool.length;
}

export class KernelMemory {
  private b: Uint8Array;
  private w: Int32Array;
  /** kernel memory is [0, end): the fault boundary, and the length of every view */
  end: number;
  private readonly shared: boolean;
  private released = false;

  /**
   * memory: the module's; endGlobal: a lowered module's __msgslot_kernel_end (then `limits` are its
   * memory's, and end starts at limits.min pages), else null: end is the memory's size.
   */
  constructor(readonly memory: WebAssembly.Memory, private readonly endGlobal: WebAssembly.Global | null = null, private readonly limits: KernelMemoryLimits | null = null) {
    this.end = endGlobal && limits ? limits.min * WASM_PAGE : memory.buffer.byteLength;
    if (endGlobal) endGlobal.value = BigInt(this.end);
    this.shared = !(memory.buffer instanceof ArrayBuffer);
    this.b = new Uint8Array(memory.buffer, 0, this.end);
    this.w = new Int32Array(memory.buffer, 0, this.end >>> 2);
  }

  /**
   * [0, end) as bytes. memory.grow detaches a non-shared memory's old buffer, which leaves the old
   * view with length 0: checking the length is a field load, where asking memory.buffer on every
   * copy is a call into the engine.
   */
  bytes(): Uint8Array {
    if (this.b.length !== this.end || this.shared) this.refresh();
    return this.b;
  }

  /** [0, end) as 32-bit words, for word-wise copies and checks. */
  words(): Int32Array {
    if (this.b.length !== this.end || this.shared) this.refresh();
    return this.w;
  }

  private refresh(): void {
    if (this.released) return;
    const buf = this.memory.buffer;
    if (!this.endGlobal) this.end = buf.byteLength; // a module's own memory: its size is the end
    if (this.b.buffer !== buf || this.b.length !== this.end) {
      this.b = new Uint8Array(buf, 0, this.end);
      this.w = new Int32Array(buf, 0, this.end >>> 2);
    }
  }

  /** Kernel memory grows by `pages` (the kmalloc heap's carve); false past the memory's maximum. */
  grow(pages: number): boolean {
    if (this.released) return false;
    if (!this.endGlobal) {
      try {
        this.memory.grow(pages);
      } catch {
        return false;
      }
      this.refresh();
      return true;
    }
    const want = this.end + pages * WASM_PAGE;
    if (want > this.limits!.max * WASM_PAGE) return false;
    const have = this.memory.buffer.byteLength;
    if (want > have) {
      try {
        this.memory.grow((want - have) / WASM_PAGE);
      } catch {
        return false;
      }
    }
    this.end = want;
    this.endGlobal.value = BigInt(want);
    this.refresh();
    return true;
  }

  /**
   * The module is gone: its memory, zeroed where the module or the host could have written
   * ([0, end)), goes to the pool for the next module of this thread. Only a lowered module's
   * (which imported it); this object's views are empty from now on.
   */
  release(): void {
    if (this.released || !this.endGlobal || !this.limits) return;
    this.released = true;
    const zero = new Uint8Array(this.memory.buffer, 0, Math.min(this.end, this.memory.buffer.byteLength));
    zero.fill(0);
    this.end = 0;
    this.b = new Uint8Array(0);
    this.w = new Int32Array(0);
    if (pool.length < POOL_SIZE) pool.push({ memory: this.memory, max: this.limits.max });
  }
}
