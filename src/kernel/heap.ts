// The kmalloc heap: a SLUB-like allocator over a module's linear memory that
// gives a module what Debian's 6.1 gives it (DESIGN.md section 5), with
// detectors that report on the side without changing what the module sees:
//
// - CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y: a new object reads as zeros, its whole
//   size class (slab_post_alloc_hook memsets s->object_size), unless the
//   grader asks for poisoned allocations (initPoison) to find code that
//   depends on that.
// - init_on_free off, no SLUB_DEBUG_ON: a freed object keeps its bytes but for
//   the free pointer SLUB writes into its middle (calculate_sizes: s->offset =
//   ALIGN_DOWN(object_size / 2, sizeof(void *))); freed objects are reused
//   last-in first-out, as a per-CPU freelist hands them out. A host-side copy
//   of each freed object finds writes after kfree, when the object is reused
//   or at check().
// - Checking everything after every syscall costs O(heap) per call. A lowered
//   LP64 module (src/toolchain/lp64.ts) logs the heap addresses it stores to
//   and the ranges it fills or copies; checkWritten() looks only at the
//   objects there (and at the ranges the host wrote: copy_from_user), the
//   only places where a red zone or a freed object can have changed. check()
//   still looks at everything (rmmod, a test's end).
// - Linux has no red zones here: the bytes between the requested size and the
//   size class (kmalloc(5) gets kmalloc-8) are the object's own; they start as
//   zeros, and a write that changes them is reported as a red-zone overwrite
//   but left in place. Beyond the class, 16-byte guard zones (0xcc) take the
//   writes that would corrupt a neighbour on Linux: reported and restored.
//
// Objects live in slabs: a run of equal-size blocks of one size class. A block
// is [16-byte guard][object: class size][16-byte guard]. Metadata is
// host-side, in typed arrays per slab, found through a page table
// (addr >>> 12 -> slab), so lookups never go through a Map.

import { KERNEL_END } from "./constants.js";
import { KernelMemory } from "./kernel-memory.js";
import { RED_ACTIVE, RED_INACTIVE, hexDump, fillBytes, firstMismatch } from "./heap-bytes.js";

export const ZERO_SIZE_PTR = 16;
export const GFP_ZERO = 0x100;
export const GFP_NOWARN = 0x2000;
/** libkern's own objects (struct file, inode): never a leak of the module. */
export const GFP_INTERNAL = 0x8000_0000;
/** KMALLOC_MAX_SIZE on x86-64 Linux 6.1 (order-10 pages). */
export const KMALLOC_MAX_SIZE = 4 << 20;

const RZ = 16;
const PAGE_SHIFT = 12;
const WASM_PAGE = 65536;
const CLASSES = [8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192];
const SMALL_SLAB_BYTES = 16 * 1024;
const BIG_SLAB_BYTES = 64 * 1024;
/** slab metadata is allocated this many bytes at a time (40 bytes per object) */
const META_ARENA = 128 * 1024;
/** the last this many bytes of freed objects are kept host-side (a ring) to find writes after kfree */
const FREED_COPY_BYTES = 4 << 20;
/** POISON_INUSE (include/linux/poison.h): the fill of poisoned allocations (initPoison) */
export const POISON_INUSE = 0x5a;
/** slack[i]: the slack of this object is not checked (already reported, or krealloc shrank it) */
const SLACK_UNCHECKED = 1;

const FRESH = 0, LIVE = 1, FREE = 3;
const GUARD_LEFT = 1, GUARD_RIGHT = 2;

/** the module's write record (lp64.ts WRITE_RANGE), in words: lo, hi, n, then the store log */
const W_LO = 0, W_HI = 1, W_N = 2, W_LOG = 4;
/** lp64.ts WRITE_LOG_ENTRIES */
const WRITE_LOG_ENTRIES = 256;

/** copyCheck() verdicts */
export const COPY_OK = 0, COPY_FREED = 1, COPY_OVERRUN = 2;

export interface AllocSite {
  file: string;
  line: number;
  func: string;
}

/** What the heap needs from the kernel around it. */
export interface HeapHost {
  /** a report in dmesg; taint 'B' marks bad-page-state style corruption */
  report(lines: string[], taint?: string): void;
  /** raise an oops: a kernel BUG that kills the calling process */
  oops(title: string, lines: string[]): never;
  site(id: number): AllocSite;
  pid(): number;
  /** seconds since boot */
  now(): number;
  /** seconds since boot, read at most once per syscall (an object's birth, for kmemleak's age); default now() */
  jiffies?(): number;
}

interface Slab {
  index: number;
  cls: number;
  start: number;
  /** the slab's end (page-aligned; objects end at start + count * stride) */
  end: number;
  stride: number;
  count: number;
  /** index in CLASSES, or -1 for a large object's own slab */
  klass: number;
  /** requested size of each live block */
  size: Int32Array;
  site: Int32Array;
  freeSite: Int32Array;
  pid: Int32Array;
  born: Float64Array;
  state: Uint8Array;
  internal: Uint8Array;
  /** what the bytes between the requested size and the class hold when untouched (0 or POISON_INUSE), or SLACK_UNCHECKED */
  slack: Uint8Array;
  /** a freed object's copy in the heap's copy ring (absolute position), or -1 */
  copyPos: Float64Array;
  /** guards already reported (GUARD_LEFT | GUARD_RIGHT): not checked again while the object lives */
  guards: Uint8Array;
}

export interface BlockInfo {
  ptr: number;
  size: number;
  cls: number;
  live: boolean;
  internal: boolean;
  site: AllocSite;
  freeSite?: AllocSite;
  pid: number;
  age: number;
}

export interface HeapStats {
  liveBlocks: number;
  liveBytes: number;
  peakBytes: number;
  allocs: number;
  frees: number;
  failures: number;
  /** bytes of module memory the heap has claimed (slabs) */
  footprint: number;
}

export class KmallocHeap {
  private bytes: Uint8Array;
  /** the same memory as 32-bit words, for the poison and red-zone checks */
  private words: Int32Array;
  /** kernel memory, [0, end): the module's memory as far as the module may use it */
  private readonly kmem: KernelMemory;
  private readonly pageSlab: Int32Array;
  private readonly slabs: Slab[] = [];
  private readonly freeLists: number[][] = CLASSES.map(() => []);
  private readonly largeFree = new Map<number, number[]>();
  /**
   * Host-side copies of freed objects: a write after kfree changes the object, not its copy. A
   * ring of bytes; each freed object has its copy's absolute position (Slab.copyPos), valid while
   * the ring has not come round to it again.
   */
  private readonly copyRing: Uint8Array;
  /** the ring as words: objects and their copies are 8-byte aligned, compared and copied a word at a time */
  private readonly copyWords: Int32Array;
  private copyNext = 0;
  /** where slab metadata is carved from (see carve) */
  private metaArena: ArrayBuffer | null = null;
  private metaUsed = 0;
  /** every arena this heap carved metadata from, handed on by release() */
  private arenas: ArrayBuffer[] = [];
  private brk: number;
  private readonly heapStart: number;
  private failCountdown = 0;
  /** word index in module memory of the module's write record (lp64.ts WRITE_RANGE), or -1 */
  private writeRange = -1;
  /** the range the host wrote (copy_from_user) since the last checkWritten() */
  private hostLo = 0xffff_ffff;
  private hostHi = 0;
  /** set while the host itself frees a libkern object (struct file) through libkern */
  internalFreeAllowed = false;
  /**
   * The grader's probe for code that depends on init_on_alloc: when this says so for an
   * allocation site, a new object is filled with POISON_INUSE instead of zeros (kzalloc and
   * __GFP_ZERO still zero it).
   */
  initPoison: ((site: AllocSite) => boolean) | null = null;
  /** allocations that initPoison filled */
  poisoned = 0;
  /** dates new objects: the host's jiffies(), else now() */
  private readonly clock: () => number;
  readonly stats: HeapStats = { liveBlocks: 0, liveBytes: 0, peakBytes: 0, allocs: 0, frees: 0, failures: 0, footprint: 0 };

  /**
   * memory: the module's kernel memory (a plain WebAssembly.Memory is kernel memory to its end);
   * opts.freedCopyBytes: the ring's size (default 4 MiB; the race explorer, which makes a heap per
   * schedule, takes less)
   */
  constructor(memory: WebAssembly.Memory | KernelMemory, heapBase: number, private readonly host: HeapHost, opts: { freedCopyBytes?: number } = {}) {
    // a multiple of 8 (objects and their copies are 8-byte aligned)
    this.copyRing = new Uint8Array(Math.max(opts.freedCopyBytes ?? FREED_COPY_BYTES, 8192) & ~7);
    this.copyWords = new Int32Array(this.copyRing.buffer);
    this.kmem = memory instanceof KernelMemory ? memory : new KernelMemory(memory);
    this.bytes = this.kmem.bytes();
    this.words = this.kmem.words();
    this.pageSlab = new Int32Array(KERNEL_END >>> PAGE_SHIFT);
    this.heapStart = this.brk = alignUp(heapBase, 1 << PAGE_SHIFT);
    this.clock = host.jiffies ? () => host.jiffies!() : () => host.now();
  }

  /**
   * The module keeps the range of heap bytes it writes at this address (lp64.ts WRITE_RANGE):
   * checkWritten() checks only there.
   */
  trackWrites(addr: number): void {
    this.writeRange = addr >>> 2;
    this.view();
    const w = this.words;
    w[this.writeRange + W_LO] = -1;
    w[this.writeRange + W_HI] = 0;
    w[this.writeRange + W_N] = 0;
  }

  /** The host wrote [lo, hi) of module memory (copy_from_user): checkWritten() looks there too. */
  hostWrote(lo: number, hi: number): void {
    if (lo < this.hostLo) this.hostLo = lo;
    if (hi > this.hostHi) this.hostHi = hi;
  }

  /** Make the Nth allocation from now fail (1 = the next one); 0 turns it off. */
  failNth(n: number): void {
    this.failCountdown = n;
  }

  /**
   * The current view of kernel memory, re-created after it grew (KernelMemory.bytes: a field
   * load and a compare when nothing changed).
   */
  view(): Uint8Array {
    const k = this.kmem;
    if (this.bytes !== k.bytes()) {
      this.bytes = k.bytes();
      this.words = k.words();
    }
    return this.bytes;
  }

  alloc(size: number, flags: number, site: number): number {
    const internal = (flags & GFP_INTERNAL) !== 0;
    if (!internal && this.failCountdown > 0 && --this.failCountdown === 0) {
      this.stats.failures++;
      this.host.report(["FAULT_INJECTION: forcing a failure.", `name failslab, kmalloc(${size}) in ${describeSite(this.host.site(site))}`]);
      return 0;
    }
    if (size === 0) return ZERO_SIZE_PTR;
    if (size > KMALLOC_MAX_SIZE) {
      if (!(flags & GFP_NOWARN)) this.allocWarning(size, site, "size exceeds KMALLOC_MAX_SIZE");
      this.stats.failures++;
      return 0;
    }
    const ptr = this.take(size);
    if (ptr === 0) {
      if (!(flags & GFP_NOWARN)) this.allocWarning(size, site, "out of memory");
      this.stats.failures++;
      return 0;
    }
    const slab = this.slabOf(ptr)!;
    const i = (ptr - slab.start - RZ) / slab.stride;
    slab.state[i] = LIVE;
    slab.internal[i] = internal ? 1 : 0;
    slab.size[i] = size;
    slab.site[i] = site;
    slab.pid[i] = this.host.pid();
    slab.born[i] = this.clock();
    const mem = this.view();
    // init_on_alloc: the whole object of its class reads as zeros (slab_post_alloc_hook)
    const fill = !(flags & GFP_ZERO) && this.initPoison !== null && this.initPoison(this.host.site(site)) ? POISON_INUSE : 0;
    if (fill) this.poisoned++;
    slab.slack[i] = fill;
    slab.guards[i] = 0;
    if (slab.cls <= 256) {
      // the whole block in one pass of word stores (objects are 8-byte aligned, guards 16 bytes)
      const w = this.words;
      const red = Math.imul(RED_ACTIVE, 0x01010101);
      const body = Math.imul(fill, 0x01010101);
      let k = (ptr - RZ) >>> 2;
      const objEnd = (ptr + slab.cls) >>> 2;
      w[k] = red; w[k + 1] = red; w[k + 2] = red; w[k + 3] = red;
      for (k += 4; k < objEnd; k++) w[k] = body;
      w[k] = red; w[k + 1] = red; w[k + 2] = red; w[k + 3] = red;
    } else {
      fillBytes(mem, this.words, ptr - RZ, ptr, RED_ACTIVE);
      fillBytes(mem, this.words, ptr, ptr + slab.cls, fill);
      fillBytes(mem, this.words, ptr + slab.cls, ptr + slab.cls + RZ, RED_ACTIVE);
    }
    if (!internal) {
      this.stats.allocs++;
      this.stats.liveBlocks++;
      this.stats.liveBytes += size;
      if (this.stats.liveBytes > this.stats.peakBytes) this.stats.peakBytes = this.stats.liveBytes;
    }
    return ptr;
  }

  free(ptr: number, site: number): void {
    if (ptr === 0 || ptr === ZERO_SIZE_PTR) return;
    const slab = this.slabOf(ptr);
    const i = slab ? (ptr - slab.start - RZ) / slab.stride : -1;
    if (!slab || !Number.isInteger(i) || i < 0 || i >= slab.count) {
      this.host.oops(`BUG: kfree() of invalid pointer ${hex(ptr)}`, [
        `kfree(${hex(ptr)}) in ${describeSite(this.host.site(site))}: not the start of a kmalloc object`,
      ]);
    }
    const state = slab.state[i];
    if (state !== LIVE) {
      const lines = [`kfree(${hex(ptr)}) in ${describeSite(this.host.site(site))}`];
      if (state === FREE) {
        lines.push(`Allocated in ${describeSite(this.host.site(slab.site[i]))}`);
        lines.push(`Freed in ${describeSite(this.host.site(slab.freeSite[i]))}`);
        this.host.oops(`BUG: double free of kmalloc-${slab.cls} object ${hex(ptr)}`, lines);
      }
      this.host.oops(`BUG: kfree() of invalid pointer ${hex(ptr)}`, [...lines, "the object was never allocated"]);
    }
    if (slab.internal[i] && !this.internalFreeAllowed) {
      this.host.oops(`BUG: kfree() of a kernel-owned object ${hex(ptr)}`, [
        `kfree(${hex(ptr)}) in ${describeSite(this.host.site(site))}: this object belongs to the VFS (struct file or inode)`,
      ]);
    }
    // SLUB's check at kfree; with the module's writes tracked, only if one landed in the block
    if (this.writeRange < 0 || this.written(ptr - RZ, ptr + slab.cls + RZ)) this.checkRedZones(slab, i);
    const size = slab.size[i];
    if (!slab.internal[i]) {
      this.stats.frees++;
      this.stats.liveBlocks--;
      this.stats.liveBytes -= size;
    }
    slab.state[i] = FREE;
    slab.freeSite[i] = site;
    this.view(); // this.words current after a memory.grow
    const w = this.words;
    // the object keeps its bytes (init_on_free is off); SLUB links it into the freelist
    if (slab.klass >= 0) writeFreePointer(w, ptr, slab.cls);
    // the guards by words (objects are 8-byte aligned, guards 16 bytes)
    const red = Math.imul(RED_INACTIVE, 0x01010101);
    const l = (ptr - RZ) >>> 2, r = (ptr + slab.cls) >>> 2;
    w[l] = red; w[l + 1] = red; w[l + 2] = red; w[l + 3] = red;
    w[r] = red; w[r + 1] = red; w[r + 2] = red; w[r + 3] = red;
    this.keepCopy(slab, i, ptr);
    // last in, first out: the next kmalloc of this class gets this object back, as on Linux
    if (slab.klass < 0) {
      const pages = (slab.cls + 2 * RZ) >>> PAGE_SHIFT;
      let list = this.largeFree.get(pages);
      if (!list) this.largeFree.set(pages, (list = []));
      list.push(ptr);
    } else {
      this.freeLists[slab.klass]!.push(ptr);
    }
  }

  realloc(ptr: number, size: number, flags: number, site: number): number {
    if (ptr === 0 || ptr === ZERO_SIZE_PTR) return this.alloc(size, flags, site);
    const block = this.block(ptr);
    if (!block || !block.live || block.ptr !== ptr) {
      this.free(ptr, site); // reports the invalid or double free as an oops
      return 0;
    }
    if (size === 0) {
      this.free(ptr, site);
      return ZERO_SIZE_PTR;
    }
    if (size <= block.cls) {
      // in place, as __do_krealloc does when ksize() is big enough: the bytes stay as they are
      const slab = this.slabOf(ptr)!;
      const i = (ptr - slab.start - RZ) / slab.stride;
      if (this.writeRange < 0 || this.written(ptr - RZ, ptr + slab.cls + RZ)) this.checkRedZones(slab, i);
      // a shrunk object's slack holds the module's old bytes, which are not an overflow
      if (size < block.size) slab.slack[i] = SLACK_UNCHECKED;
      this.stats.liveBytes += size - block.size;
      if (this.stats.liveBytes > this.stats.peakBytes) this.stats.peakBytes = this.stats.liveBytes;
      slab.size[i] = size;
      return ptr;
    }
    const fresh = this.alloc(size, flags, site);
    if (fresh === 0) return 0;
    const mem = this.view();
    // __do_krealloc copies ksize() bytes, the old object's whole class, into the new one
    mem.copyWithin(fresh, ptr, ptr + block.cls);
    this.free(ptr, site);
    return fresh;
  }

  /** ksize(): the usable size of a live object (its size class). */
  ksize(ptr: number): number {
    const b = this.block(ptr);
    return b && b.live && b.ptr === ptr ? b.cls : 0;
  }

  /**
   * check_heap_object() for a usercopy of [addr, addr + n): COPY_OK outside the heap or inside
   * one live object's size class, COPY_FREED in a freed block, COPY_OVERRUN when it leaves the
   * live object. The syscall path asks this on every copy; block() has the details.
   */
  copyCheck(addr: number, n: number): number {
    const slab = this.slabOf(addr);
    if (!slab) return COPY_OK;
    const i = Math.floor((addr - slab.start) / slab.stride);
    if (i < 0 || i >= slab.count) return COPY_OK;
    const state = slab.state[i];
    if (state === FRESH) return COPY_OK;
    if (state !== LIVE) return COPY_FREED;
    const ptr = slab.start + i * slab.stride + RZ;
    return addr < ptr || addr + n > ptr + slab.cls ? COPY_OVERRUN : COPY_OK;
  }

  /** The block an address falls in (object or red zone), or null outside the heap. */
  block(addr: number): BlockInfo | null {
    const slab = this.slabOf(addr);
    if (!slab) return null;
    const i = Math.floor((addr - slab.start) / slab.stride);
    if (i < 0 || i >= slab.count || slab.state[i] === FRESH) return null;
    const ptr = slab.start + i * slab.stride + RZ;
    const live = slab.state[i] === LIVE;
    return {
      ptr,
      size: live ? slab.size[i] : 0,
      cls: slab.cls,
      live,
      internal: slab.internal[i] === 1,
      site: this.host.site(slab.site[i]),
      freeSite: live ? undefined : this.host.site(slab.freeSite[i]),
      pid: slab.pid[i],
      age: this.host.now() - slab.born[i],
    };
  }

  /** Every live object of the module (not libkern's own). */
  liveBlocks(): BlockInfo[] {
    const out: BlockInfo[] = [];
    for (const slab of this.slabs) {
      for (let i = 0; i < slab.count; i++) {
        if (slab.state[i] === LIVE && !slab.internal[i]) out.push(this.block(slab.start + i * slab.stride + RZ)!);
      }
    }
    return out;
  }

  /** Check every live object's red zones and every freed object kept; returns the number of problems reported. */
  check(): number {
    this.forgetWrites();
    let problems = 0;
    for (const slab of this.slabs) {
      for (let i = 0; i < slab.count; i++) {
        if (slab.state[i] === LIVE && this.checkRedZones(slab, i)) problems++;
      }
    }
    for (const slab of this.slabs) {
      for (let i = 0; i < slab.count; i++) {
        if (slab.state[i] === FREE && this.hasCopy(slab, i) && this.checkFreed(slab, i)) problems++;
      }
    }
    return problems;
  }

  /**
   * check() where the module and the host wrote since the last call (the syscall just made): the
   * live objects and freed copies whose blocks meet the written range. Without a tracked range
   * (a module not lowered by lp64.ts), check().
   */
  checkWritten(): number {
    return this.writeRange < 0 ? this.check() : this.drainWrites();
  }

  /**
   * Whether a write since the record was last emptied may have touched [lo, hi): a logged store
   * (up to 8 bytes from its address) or the bulk and host ranges meet it. (A record that is never
   * emptied fills up: its range then covers everything and every object is checked.)
   */
  private written(lo: number, hi: number): boolean {
    const rec = this.writeRange;
    this.view();
    const w = this.words;
    if ((w[rec + W_LO]! >>> 0) < hi && (w[rec + W_HI]! >>> 0) > lo) return true;
    if (this.hostLo < hi && this.hostHi > lo) return true;
    const n = Math.min(w[rec + W_N]!, WRITE_LOG_ENTRIES);
    for (let k = rec + W_LOG, end = k + n; k < end; k++) {
      const a = w[k]! >>> 0;
      if (a < hi && a + 8 > lo) return true;
    }
    return false;
  }

  /** Empty the module's write record and the host's range (everything was just verified). */
  private forgetWrites(): void {
    if (this.writeRange < 0) return;
    this.view();
    const w = this.words;
    w[this.writeRange + W_LO] = -1;
    w[this.writeRange + W_HI] = 0;
    w[this.writeRange + W_N] = 0;
    this.hostLo = 0xffff_ffff;
    this.hostHi = 0;
  }

  /**
   * Check the blocks the module's write record and the host's writes name, and empty them: after
   * this, every red zone and freed copy is as verified.
   */
  private drainWrites(): number {
    const rec = this.writeRange;
    this.view();
    const w = this.words;
    let lo = w[rec + W_LO]! >>> 0;
    let hi = w[rec + W_HI]! >>> 0;
    const n = Math.min(w[rec + W_N]!, WRITE_LOG_ENTRIES);
    w[rec + W_LO] = -1;
    w[rec + W_HI] = 0;
    w[rec + W_N] = 0;
    if (this.hostLo < lo) lo = this.hostLo;
    if (this.hostHi > hi) hi = this.hostHi;
    this.hostLo = 0xffff_ffff;
    this.hostHi = 0;
    let problems = 0;
    if (hi > lo && hi > this.heapStart && lo < this.brk && !this.insideLiveObject(lo, hi)) problems += this.checkRange(lo, hi);
    // each logged store: the block of its first byte and of its last (a store is at most 8 bytes)
    // each block once per drain, however many stores landed in it
    this.lastChecked = -1;
    // the requested bytes of the last live object a store fell inside: the stores of one call
    // mostly go to one or two objects (a struct's fields), and nothing frees during the drain
    let okLo = 0, okHi = 0;
    for (let k = 0; k < n; k++) {
      const a = w[rec + W_LOG + k]! >>> 0;
      if (a >= okLo && a + 8 <= okHi) continue;
      if (this.insideLiveObject(a, a + 8)) {
        okLo = this.insideLo;
        okHi = this.insideHi;
      } else problems += this.checkBlockAt(a) + this.checkBlockAt(a + 7);
    }
    return problems;
  }

  /** the requested bytes [insideLo, insideHi) of the object insideLiveObject() last said yes to */
  private insideLo = 0;
  private insideHi = 0;

  /**
   * [lo, hi) lies inside the requested bytes of one live object: a write there cannot have
   * changed a red zone, the slack of a size class or a freed object, so there is nothing to check
   * (most writes: a message copied into the buffer just allocated for it, a field stored).
   */
  private insideLiveObject(lo: number, hi: number): boolean {
    const slab = this.slabOf(lo);
    if (!slab) return false;
    const i = Math.floor((lo - slab.start) / slab.stride);
    if (i >= slab.count || slab.state[i] !== LIVE) return false;
    const ptr = slab.start + i * slab.stride + RZ;
    const end = ptr + slab.size[i]!;
    if (lo < ptr || hi > end) return false;
    this.insideLo = ptr;
    this.insideHi = end;
    return true;
  }

  /** the block checkBlockAt() checked last (its first byte), -1 for none */
  private lastChecked = -1;

  /** check() of the one block holding addr (its object or its guards), if any: 1 if it reported. */
  private checkBlockAt(addr: number): number {
    const slab = this.slabOf(addr);
    if (!slab) return 0;
    const i = Math.floor((addr - slab.start) / slab.stride);
    if (i >= slab.count) return 0;
    const block = slab.start + i * slab.stride;
    if (block === this.lastChecked) return 0;
    this.lastChecked = block;
    const state = slab.state[i];
    if (state === LIVE) return this.checkRedZones(slab, i) ? 1 : 0;
    if (state === FREE && this.hasCopy(slab, i)) return this.checkFreed(slab, i) ? 1 : 0;
    return 0;
  }

  /**
   * Check the objects whose blocks (guards included) meet [lo, hi): the live ones' red zones,
   * then the freed ones' copies (a second pass only when the range holds a freed object with a
   * copy; a syscall's written range is mostly the live object it just filled).
   */
  private checkRange(lo: number, hi: number): number {
    let problems = 0;
    let freed = false;
    const end = Math.min(hi, this.brk);
    for (let pass = 0; pass < 2; pass++) {
      let p = Math.max(lo, this.heapStart);
      while (p < end) {
        const slab = this.slabOf(p);
        if (!slab) {
          p = ((p >>> PAGE_SHIFT) + 1) << PAGE_SHIFT;
          continue;
        }
        const first = Math.floor((p - slab.start) / slab.stride);
        const last = Math.min(slab.count - 1, Math.floor((Math.min(end, slab.end) - 1 - slab.start) / slab.stride));
        for (let i = first; i <= last; i++) {
          const state = slab.state[i];
          if (pass === 0) {
            if (state === LIVE && this.checkRedZones(slab, i)) problems++;
            else if (state === FREE && this.hasCopy(slab, i)) freed = true;
          } else if (state === FREE && this.hasCopy(slab, i) && this.checkFreed(slab, i)) problems++;
        }
        p = slab.end;
      }
      if (!freed) break;
    }
    return problems;
  }

  /** kmemleak at rmmod: report every live object of the module; returns how many. */
  reportLeaks(comm: string): number {
    const leaks = this.liveBlocks();
    if (leaks.length === 0) return 0;
    const lines = [`kmemleak: ${leaks.length} new suspected memory leak${leaks.length === 1 ? "" : "s"} (module ${comm} unloaded)`];
    const mem = this.view();
    for (const b of leaks.slice(0, 64)) {
      lines.push(`unreferenced object ${hex(b.ptr)} (size ${b.size}):`);
      lines.push(`  pid ${b.pid}, age ${b.age.toFixed(3)}s`);
      lines.push(`  hex dump (first ${Math.min(32, b.size)} bytes):`);
      for (const l of hexDump(mem, b.ptr, Math.min(32, b.size))) lines.push(`    ${l}`);
      lines.push(`  backtrace:`);
      lines.push(`    kmalloc(${b.size}) in ${describeSite(b.site)}`);
    }
    if (leaks.length > 64) lines.push(`kmemleak: ... and ${leaks.length - 64} more`);
    this.host.report(lines);
    return leaks.length;
  }

  /**
   * The module is gone (rmmod, or a failed init, after the leak report): the slabs' metadata
   * arenas go to the next heaps of this thread, and this heap is empty from now on. A heap of 2^20
   * objects has 80 MiB of them; fresh ones cost a page fault per 4 KiB touched, which on a VM
   * whose freed memory goes back to the host is dear (issue 14).
   */
  release(): void {
    for (const a of this.arenas) if (a.byteLength === META_ARENA) giveArena(a);
    this.arenas = [];
    this.metaArena = null;
    this.slabs.length = 0;
    this.pageSlab.fill(0);
    for (const list of this.freeLists) list.length = 0;
    this.largeFree.clear();
  }

  // --- internals -----------------------------------------------------------

  private take(size: number): number {
    const c = classIndex(size);
    if (c >= 0) {
      const list = this.freeLists[c];
      if (list.length === 0 && !this.newSlab(CLASSES[c], c)) return 0;
      return this.reuse(list.pop()!);
    }
    const pages = Math.ceil((size + 2 * RZ) / (1 << PAGE_SHIFT));
    const reuse = this.largeFree.get(pages);
    if (reuse && reuse.length > 0) return this.reuse(reuse.pop()!);
    const slab = this.carve(pages << PAGE_SHIFT, pages << PAGE_SHIFT, pages * (1 << PAGE_SHIFT) - 2 * RZ, 1, -1);
    return slab ? slab.start + RZ : 0;
  }

  private newSlab(cls: number, c: number): boolean {
    const stride = cls + 2 * RZ;
    const bytes = cls <= 512 ? SMALL_SLAB_BYTES : BIG_SLAB_BYTES;
    const count = Math.max(1, Math.floor(bytes / stride));
    const slab = this.carve(alignUp(count * stride, 1 << PAGE_SHIFT), stride, cls, count, c);
    if (!slab) return false;
    const list = this.freeLists[c];
    for (let i = count - 1; i >= 0; i--) list.push(slab.start + i * stride + RZ);
    return true;
  }

  private carve(bytes: number, stride: number, cls: number, count: number, klass: number): Slab | null {
    const start = this.brk;
    const end = start + bytes;
    if (end > KERNEL_END) return null;
    const have = this.kmem.end;
    if (end > have) {
      const grow = Math.ceil((end - have) / WASM_PAGE);
      // by half the memory at least: every grow is external memory for V8 to account (a full GC
      // soon after), so 128 MiB of slabs in 1 MiB steps made 2^20 channels O(n^2), and in
      // eighths it was still ~40 collections. Pages grown but not yet used cost no RAM. Near the
      // maximum (which JavaScript cannot read) the step halves until it fits.
      let step = Math.max(grow, 16, Math.ceil(have / WASM_PAGE / 2));
      while (!this.kmem.grow(step)) {
        if (step === grow) return null;
        step = Math.max(grow, step >>> 1);
      }
    }
    this.brk = end;
    this.stats.footprint = this.brk - this.heapStart;
    // the slabs' metadata arrays share ArrayBuffers (META_ARENA bytes each): a heap of 2^20
    // objects has thousands of slabs, and every ArrayBuffer is external memory the garbage
    // collector has to track (and a zeroed allocation)
    const bytesNeeded = 40 * count;
    if (this.metaArena === null || this.metaUsed + bytesNeeded > this.metaArena.byteLength) {
      this.metaArena = bytesNeeded <= META_ARENA ? takeArena() : new ArrayBuffer(bytesNeeded);
      this.arenas.push(this.metaArena);
      this.metaUsed = 0;
    }
    const meta = this.metaArena;
    const m = this.metaUsed;
    this.metaUsed += bytesNeeded; // a multiple of 8: the next slab's Float64Arrays stay aligned
    const slab: Slab = {
      index: this.slabs.length, cls, start, end, stride, count, klass,
      born: new Float64Array(meta, m, count), copyPos: new Float64Array(meta, m + 8 * count, count),
      size: new Int32Array(meta, m + 16 * count, count), site: new Int32Array(meta, m + 20 * count, count),
      freeSite: new Int32Array(meta, m + 24 * count, count), pid: new Int32Array(meta, m + 28 * count, count),
      state: new Uint8Array(meta, m + 32 * count, count), internal: new Uint8Array(meta, m + 33 * count, count),
      slack: new Uint8Array(meta, m + 34 * count, count), guards: new Uint8Array(meta, m + 35 * count, count),
    };
    slab.copyPos.fill(-1);
    this.slabs.push(slab);
    for (let p = start >>> PAGE_SHIFT; p < end >>> PAGE_SHIFT; p++) this.pageSlab[p] = slab.index + 1;
    return slab;
  }

  private slabOf(addr: number): Slab | undefined {
    if (addr < this.heapStart || addr >= this.brk) return undefined;
    const s = this.pageSlab[addr >>> PAGE_SHIFT];
    return s ? this.slabs[s - 1] : undefined;
  }

  /** A freed object handed out again: first, was it written after kfree? */
  private reuse(ptr: number): number {
    const slab = this.slabOf(ptr)!;
    const i = (ptr - slab.start - RZ) / slab.stride;
    // with the module's writes tracked, the object changed only if a write landed there
    if (slab.state[i] === FREE && this.hasCopy(slab, i) && (this.writeRange < 0 || this.written(ptr - RZ, ptr + slab.cls + RZ))) this.checkFreed(slab, i);
    slab.copyPos[i] = -1;
    return ptr;
  }

  /** Where a ring position lies in the ring. */
  private ringOffset(pos: number): number {
    return ringOffsetIn(pos, this.copyRing.length);
  }

  /** Copy a freed object into the ring (objects above 8 KiB are not kept). */
  private keepCopy(slab: Slab, i: number, ptr: number): void {
    const n = slab.cls;
    if (n > 8192) {
      slab.copyPos[i] = -1;
      return;
    }
    const size = this.copyRing.length;
    let off = this.ringOffset(this.copyNext);
    if (off + n > size) {
      this.copyNext += size - off;
      off = 0;
    }
    const mem = this.view();
    if (n <= 512) {
      const w = this.words, ring = this.copyWords;
      for (let s = ptr >>> 2, d = off >>> 2, e = d + (n >>> 2); d < e; s++, d++) ring[d] = w[s]!;
    } else this.copyRing.set(mem.subarray(ptr, ptr + n), off);
    slab.copyPos[i] = this.copyNext;
    this.copyNext += n;
  }

  /** The object's copy is still in the ring. */
  private hasCopy(slab: Slab, i: number): boolean {
    const pos = slab.copyPos[i]!;
    return pos >= 0 && this.copyNext <= pos + this.copyRing.length;
  }

  /** A freed object must still hold what it held at kfree: anything else is a write after free. */
  private checkFreed(slab: Slab, i: number): boolean {
    const ptr = slab.start + i * slab.stride + RZ;
    const mem = this.view();
    const ring = this.copyRing;
    const base = this.ringOffset(slab.copyPos[i]!);
    const w = this.words, ringW = this.copyWords;
    let k = 0;
    for (let a = ptr >>> 2, b = base >>> 2, n = slab.cls >>> 2; k < n && w[a + k] === ringW[b + k]; k++);
    if (k === slab.cls >>> 2) return false;
    let off = k << 2;
    while (mem[ptr + off] === ring[base + off]) off++;
    const bad = ptr + off;
    this.host.report([
      "=============================================================================",
      `BUG kmalloc-${slab.cls}: Poison overwritten`,
      "-----------------------------------------------------------------------------",
      `INFO: ${hex(bad)} First byte ${hex2(mem[bad]!)} instead of ${hex2(ring[base + off]!)}: written after kfree (use after free), at offset ${off} of the freed object`,
      `INFO: Allocated in ${describeSite(this.host.site(slab.site[i]!))} pid=${slab.pid[i]}`,
      `INFO: Freed in ${describeSite(this.host.site(slab.freeSite[i]!))}`,
      ...hexDump(mem, ptr, Math.min(32, slab.cls)).map((l) => `  ${l}`),
      "(the bytes written stay, as on Linux: SLUB without debugging does not check freed objects)",
    ], "B");
    // report once: the copy takes the new bytes
    ring.set(mem.subarray(ptr, ptr + slab.cls), base);
    return true;
  }

  /** SLUB's check_object for a live object; reports, restores, returns true on damage. */
  private checkRedZones(slab: Slab, i: number): boolean {
    const ptr = slab.start + i * slab.stride + RZ;
    const size = slab.size[i];
    const mem = this.view();
    const guards = slab.guards[i]!;
    const left = guards & GUARD_LEFT ? -1 : firstMismatch(mem, ptr - RZ, ptr, RED_ACTIVE, this.words);
    const fill = slab.slack[i];
    const inClass = fill === SLACK_UNCHECKED ? -1 : firstMismatch(mem, ptr + size, ptr + slab.cls, fill, this.words);
    const right = inClass >= 0 ? inClass : guards & GUARD_RIGHT ? -1 : firstMismatch(mem, ptr + slab.cls, ptr + slab.cls + RZ, RED_ACTIVE, this.words);
    if (left < 0 && right < 0) return false;
    const which = left >= 0 ? "Left Redzone" : "Right Redzone";
    const bad = left >= 0 ? left : right;
    const where = left >= 0
      ? `${ptr - bad} byte(s) before the object (on Linux: into the object before it)`
      : `at offset ${bad - ptr}, ${bad - ptr - size + 1} byte(s) past its end` +
        (inClass >= 0 ? ` (inside its size class kmalloc-${slab.cls}: silent on Linux)` : ` (past its size class: on Linux this corrupts the next object)`);
    const expected = left < 0 && inClass >= 0 ? fill : RED_ACTIVE;
    const lines = [
      "=============================================================================",
      `BUG kmalloc-${slab.cls}: ${which} overwritten`,
      "-----------------------------------------------------------------------------",
      `INFO: ${hex(bad)} First byte ${hex2(mem[bad]!)} instead of ${hex2(expected)}: a write ${where}`,
      `INFO: Object ${hex(ptr)} (size ${size}) allocated in ${describeSite(this.host.site(slab.site[i]!))} pid=${slab.pid[i]}`,
      ...hexDump(mem, Math.max(ptr - RZ, bad - 16), 32).map((l) => `  ${l}`),
    ];
    // What was written stays, as on Linux: inside the class the bytes are the object's own;
    // past it, where Linux would have written into the next object (which a module that stores
    // a struct in too small an object then reads back), the guard holds them. Each is reported
    // once while the object lives.
    this.host.report(lines, "B");
    if (left >= 0) slab.guards[i] |= GUARD_LEFT;
    else if (inClass >= 0) slab.slack[i] = SLACK_UNCHECKED;
    else slab.guards[i] |= GUARD_RIGHT;
    return true;
  }

  private allocWarning(size: number, site: number, why: string): void {
    this.host.report([`kmalloc(${size}) in ${describeSite(this.host.site(site))}: page allocation failure: ${why}`], "");
  }
}

/** metadata arenas of released heaps, zeroed when taken again; at most SPARE_ARENAS (128 MiB) */
const spareArenas: ArrayBuffer[] = [];
const SPARE_ARENAS = 1024;

function takeArena(): ArrayBuffer {
  const a = spareArenas.pop();
  if (!a) return new ArrayBuffer(META_ARENA);
  new Uint8Array(a).fill(0); // as new: every object FRESH
  return a;
}

function giveArena(a: ArrayBuffer): void {
  if (spareArenas.length < SPARE_ARENAS) spareArenas.push(a);
}

/** metadata arenas waiting for a heap in this thread (tests) */
export function spareArenaCount(): number {
  return spareArenas.length;
}

/** CLASS_OF[(size + 7) >> 3]: the size class of a small size */
const CLASS_OF = (() => {
  const max = CLASSES[CLASSES.length - 1]!;
  const t = new Int8Array((max >> 3) + 1);
  for (let u = 0, c = 0; u < t.length; u++) {
    while (u << 3 > CLASSES[c]!) c++;
    t[u] = c;
  }
  return t;
})();

function classIndex(size: number): number {
  return size <= CLASSES[CLASSES.length - 1]! ? CLASS_OF[(size + 7) >> 3]! : -1;
}

/**
 * set_freepointer() with CONFIG_SLAB_FREELIST_HARDENED: SLUB stores the next free object,
 * obfuscated (ptr ^ s->random ^ swab(ptr_addr)), 8 bytes at s->offset = ALIGN_DOWN(object_size / 2,
 * 8) inside a freed kmalloc object (calculate_sizes, mm/slub.c 6.1). Linux's value is random per
 * boot; ours is fixed, never a valid address for a 32- or 64-bit load (at or above 0xc0000000
 * as a 32-bit pointer, non-canonical as a 64-bit one), so a stale pointer read there faults as it would on Linux.
 */
function writeFreePointer(words: Int32Array, ptr: number, cls: number): void {
  const at = ptr + ((cls >>> 1) & ~7);
  // two little-endian words (the Int32Array view is little-endian on every engine msgslot runs on, as wasm is)
  words[at >>> 2] = Math.imul(at ^ 0x9e3779b9, 0x85ebca6b) | 0xc0000000;
  words[(at >>> 2) + 1] = (Math.imul(at ^ 0x7f4a7c15, 0xc2b2ae35) & 0x7fffffff) | 0x10000000;
}

/** pos % size for a position past 2^31 too, without a floating-point remainder (a libm call) */
function ringOffsetIn(pos: number, size: number): number {
  return pos - Math.floor(pos / size) * size;
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

export function describeSite(s: AllocSite): string {
  return s.line > 0 ? `${s.func} (${s.file}:${s.line})` : s.func || s.file || "?";
}

export function hex(n: number): string {
  return "0x" + (n >>> 0).toString(16).padStart(8, "0");
}

function hex2(n: number): string {
  return "0x" + n.toString(16).padStart(2, "0");
}
