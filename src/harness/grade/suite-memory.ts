// Tests of the module's memory: 2^20 channels, release, leaks, kmalloc
// failures. Browser-safe.

import { describeSite } from "../../kernel/heap.js";
import { ProcessKilled } from "../../process/process.js";
import { rc, Session, TestAbort, type SessionOptions } from "./session.js";
import { expectRc, expectRead, type TestDef } from "./suite-defs.js";

/**
 * O(C*M): with 1-byte messages a channel may cost this many bytes of kmalloc'd memory, counted as
 * the module asks for them (Linux's sizes: the module is LP64, so an rb_node is 24 bytes, a
 * list_head 16, a pointer or a size_t 8). The reference asks 49 (a 48-byte struct channel and the
 * message); a channel with a BUF_LEN (128-byte) buffer of its own still fails; 96 leaves room for
 * a channel with a tree node, a list node and a back pointer.
 */
export const BYTES_PER_CHANNEL = 96;

/** Live kmalloc objects grouped by allocation site: "3 x kmalloc(24) in channel_get (message_slot.c:78)". */
function liveBySite(s: Session, max = 6): string[] {
  const heap = s.module()?.heap;
  if (!heap) return [];
  const by = new Map<string, { n: number; bytes: number }>();
  for (const b of heap.liveBlocks()) {
    const k = `kmalloc(${b.size}) in ${describeSite(b.site)}`;
    const e = by.get(k) ?? { n: 0, bytes: 0 };
    e.n++;
    e.bytes += b.size;
    by.set(k, e);
  }
  return [...by.entries()].sort((x, y) => y[1].bytes - x[1].bytes).slice(0, max).map(([k, e]) => `${e.n} x ${k}`);
}

function liveBytes(s: Session): number {
  return s.module()?.heap.stats.liveBytes ?? 0;
}

export const MEMORY_TESTS: TestDef[] = [
  {
    id: "million-channels", name: "2^20 channels in one slot", weight: 0, kind: "extra",
    description: `a 1-byte message on each of 2^20 channels of one slot: every write succeeds, the messages read back, the kmalloc'd memory stays within ${BYTES_PER_CHANNEL} bytes per channel (O(C*M)), within the time limit`,
    timeMs: 120_000, checkEachCall: false, rmmodLimitMs: 60_000,
    run(s, ctx) {
      s.boot([0]);
      const a = s.proc("A");
      const fd = a.open();
      if (fd < 0) {
        s.fail(`open("/dev/slot0"): expected a file descriptor, got ${rc(fd)}`);
        return;
      }
      const n = ctx.channels;
      const before = liveBytes(s);
      const t0 = performance.now();
      s.quiet = true;
      const mem = a.p.memory.bytes();
      const cmd = s.loaded.channelCmd;
      if (cmd === undefined) throw new TestAbort("message_slot.h does not define MSG_SLOT_CHANNEL: no channel can be set");
      // a slot whose lookups are O(C) needs O(C^2) for this: stop as soon as the rate so far
      // cannot make it in time, instead of running into the time limit
      const budget = (ctx.timeMs ?? 120_000) * 0.8;
      let chunkStart = t0;
      const recent = [Infinity, Infinity, Infinity, Infinity];
      for (let id = 1; id <= n; id++) {
        if ((id & 4095) === 0) {
          const now = performance.now();
          // a slow chunk or three is not a trend (a GC pause, a busy machine): take the
          // fastest of the last four chunks
          recent[(id >>> 12) & 3] = (now - chunkStart) / 4096;
          const rate = Math.min(...recent);
          const atLeast = now - t0 + rate * (n - id);
          if (atLeast > budget) {
            s.fail(`too slow: ${id} channels took ${((now - t0) / 1000).toFixed(1)} s and the last 4096 writes ${(rate * 1000).toFixed(0)} us each; at that rate ${n} channels need at least ${(atLeast / 1000).toFixed(0)} s (the limit is ${((ctx.timeMs ?? 120_000) / 1000).toFixed(0)} s): are channel lookups O(C)? 2^20 channels need O(log C) lookups (a tree or a hash table)`);
            return;
          }
          chunkStart = now;
        }
        if (id === 1001) {
          // corruption found now would be reported again for every channel by the final heap check and rmmod
          s.current = "the heap check after 1000 channels";
          s.module()?.heap.check();
          s.current = "";
          if (s.heap.length) {
            s.skipTeardown = true;
            s.info("the heap is corrupted after 1000 channels (see no heap corruption): no heap check or rmmod at the end of this test");
          }
        }
        mem[0] = 0x61 + (id % 26);
        const r1 = a.p.ioctl(fd, cmd, id);
        if (r1 !== 0) {
          s.fail(`ioctl(fd, MSG_SLOT_CHANNEL, ${id}) after ${id - 1} channels: expected 0, got ${r1}`);
          return;
        }
        const r2 = a.p.write(fd, 0x2000_0000, 1);
        if (r2 !== 1) {
          s.fail(`write of a 1-byte message to channel ${id} after ${id - 1} channels: expected 1, got ${r2}`);
          return;
        }
      }
      const ms = performance.now() - t0;
      const used = liveBytes(s) - before;
      const per = used / n;
      const footprint = s.module()?.heap.stats.footprint ?? 0;
      s.info(`${n} channels written in ${(ms / 1000).toFixed(1)} s; kmalloc'd: ${used} bytes (${per.toFixed(1)} per channel), heap footprint ${(footprint / 2 ** 20).toFixed(1)} MiB`);
      if (per > BYTES_PER_CHANNEL) {
        s.fail(`${n} channels with 1-byte messages hold ${used} bytes of kmalloc'd memory, ${per.toFixed(1)} per channel; expected at most ${BYTES_PER_CHANNEL} per channel: memory must be O(C*M) (a channel holds only its message's bytes)`);
        for (const l of liveBySite(s)) s.info(`  live: ${l}`);
      }
      for (let id = 1; id <= n; id += id < 64 ? 1 : 4099) {
        a.p.ioctl(fd, cmd, id);
        const r = a.read(fd, 128);
        if (!expectRead(s, `read of channel ${id}`, r, new Uint8Array([0x61 + (id % 26)]))) return;
      }
      a.p.ioctl(fd, cmd, n);
      expectRead(s, `read of channel ${n}`, a.read(fd, 128), new Uint8Array([0x61 + (n % 26)]));
    },
  },
  {
    id: "release", name: "release frees per-file memory", weight: 0, kind: "extra", variants: ["2023", "2025-censor"],
    description: "200 open/ioctl/close cycles and 50 processes that exit with the file open leave kmalloc'd memory where one cycle left it (release frees what open and ioctl allocate)",
    run(s) {
      s.boot();
      const a = s.proc("A");
      const cycle = (p = a, close = true) => {
        const fd = p.open();
        p.channel(fd, 1);
        if (s.variant.censor && s.loaded.setCenCmd !== undefined) p.censor(fd, 1);
        if (close) p.close(fd);
      };
      // the baseline after one cycle: the slot's own state may be allocated on first use
      cycle();
      const base = liveBytes(s);
      s.quiet = true;
      for (let i = 0; i < 200; i++) cycle();
      const afterClose = liveBytes(s);
      for (let i = 0; i < 50; i++) {
        const p = s.proc(`p${i}`);
        cycle(p, false);
        p.exit();
      }
      const afterExit = liveBytes(s);
      s.quiet = false;
      if (afterClose !== base) {
        s.fail(`200 open/ioctl/close cycles: kmalloc'd memory grew from ${base} to ${afterClose} bytes (${((afterClose - base) / 200).toFixed(1)} per open file): release must free what open and ioctl allocate`);
      }
      if (afterExit !== afterClose) {
        s.fail(`50 processes exiting with the file open: kmalloc'd memory grew from ${afterClose} to ${afterExit} bytes: release (called when the last reference goes) must free per-file memory`);
      }
      if (afterClose !== base || afterExit !== afterClose) for (const l of liveBySite(s)) s.info(`live: ${l}`);
    },
  },
  {
    id: "leaks", name: "no leaks at rmmod", weight: 0, kind: "extra",
    description: "after a workload (two slots, several channels, overwrites, reads, closes) and every other test, rmmod frees everything (kmemleak finds nothing) and unregisters the device",
    run(s) {
      s.boot();
      const a = s.proc("A");
      const b = s.proc("B");
      const f0 = a.open("/dev/slot0");
      const f1 = b.open("/dev/slot1");
      for (let ch = 1; ch <= 5; ch++) {
        a.channel(f0, ch);
        a.write(f0, `slot0 channel ${ch}`);
        a.write(f0, `overwritten ${ch}`);
        b.channel(f1, ch * 1000);
        b.write(f1, "x".repeat(ch * 20));
        a.read(f0);
      }
      a.write(f0, "");
      a.write(f0, new Uint8Array(129));
      a.close(f0);
      b.exit();
      const f2 = a.open("/dev/slot0");
      a.channel(f2, 3);
      expectRead(s, "read of channel 3 through a new fd", a.read(f2), "overwritten 3");
    },
  },
];

/** One run of the fault-injection workload: its steps' results and what rmmod found. */
interface FaultRun {
  steps: string[];
  /** a syscall or insmod oopsed */
  oops?: string;
  rmmodOops?: string;
  leaks: string[];
  injected: number;
  site?: string;
}

function faultWorkload(opts: SessionOptions, nth: number): FaultRun {
  const s = new Session({ ...opts, checkEachCall: false });
  const run: FaultRun = { steps: [], leaks: [], injected: 0 };
  // arm the injection when the module's heap exists, before its init runs (insmod adds
  // the module to the table just before calling init_module)
  const mods = s.kernel.modules;
  const set = mods.set.bind(mods);
  mods.set = (name, mod) => {
    if (nth > 0) mod.heap.failNth(nth);
    return set(name, mod);
  };
  const report = s.kernel.report.bind(s.kernel);
  s.kernel.report = (lines, taint) => {
    if (lines[0]?.startsWith("FAULT_INJECTION")) {
      run.injected++;
      const m = /kmalloc\((\d+)\) in (.*)$/.exec(lines[1] ?? "");
      if (m && !run.site) run.site = `kmalloc(${m[1]}) in ${m[2]}`;
    }
    report(lines, taint);
  };
  const step = (label: string, fn: () => number) => {
    const r = fn();
    run.steps.push(`${label} = ${r}`);
    return r;
  };
  try {
    s.insmod();
    s.mknod(0);
    s.mknod(1);
    const a = s.proc("A");
    const fd = step("open slot0", () => a.open());
    if (fd >= 0) {
      step("ioctl 1", () => a.channel(fd, 1));
      if (s.variant.censor && s.loaded.setCenCmd !== undefined) step("censor on", () => a.censor(fd, 1));
      // reads only of channels a write reached: the failing paths are the point, not empty channels
      const w1 = step("write hello", () => a.write(fd, "hello"));
      const w2 = step("write world!", () => a.write(fd, "world!"));
      if (w1 > 0 || w2 > 0) step("read", () => a.read(fd).rc);
      const fd2 = step("open slot1", () => a.open("/dev/slot1"));
      if (fd2 >= 0) {
        step("ioctl 2", () => a.channel(fd2, 2));
        if (step("write x", () => a.write(fd2, "x")) > 0) step("read 2", () => a.read(fd2).rc);
        step("close slot1", () => a.close(fd2));
      }
      step("close slot0", () => a.close(fd));
    }
  } catch (e) {
    if (e instanceof TestAbort || e instanceof ProcessKilled) run.oops = s.oopses.length ? s.describeOops(s.oopses[s.oopses.length - 1]) : e.message;
    else throw e;
  }
  const before = s.oopses.length;
  s.finish();
  if (s.oopses.length > before) run.rmmodOops = s.describeOops(s.oopses[s.oopses.length - 1]);
  run.leaks = s.leaks.map((l) => `kmalloc(${l.size}) in ${l.site}`);
  return run;
}

export const FAULT_TEST: TestDef = {
  id: "kmalloc-failure", name: "kmalloc failure handling", weight: 0, kind: "extra", crashCounts: false, timeMs: 60_000,
  description: "the Nth kmalloc fails (fault injection, N = 1, 2, ... until the workload runs clean, insmod included): the module returns an error instead of crashing, and leaks nothing more than without the failure",
  run(s) {
    const opts: SessionOptions = { variant: s.variant, loaded: s.loaded, publisher: s.publisher };
    const base = faultWorkload(opts, 0);
    if (base.oops || base.rmmodOops) s.info(`without fault injection the workload already oopses (${base.oops ?? base.rmmodOops}): only new problems count`);
    let n = 1;
    let problems = 0;
    for (; n <= 200; n++) {
      const r = faultWorkload(opts, n);
      if (r.injected === 0) break;
      const what = `kmalloc #${n} failed (${r.site ?? "?"})`;
      if (r.oops && !base.oops) {
        s.fail(`${what}: ${r.oops}`);
        problems++;
      } else if (r.rmmodOops && !base.rmmodOops) {
        s.fail(`${what}: rmmod then oopsed: ${r.rmmodOops}`);
        problems++;
      } else if (!r.rmmodOops && !base.rmmodOops && r.leaks.length > base.leaks.length) {
        const extra = r.leaks.filter((l) => !base.leaks.includes(l));
        s.fail(`${what}: rmmod found ${r.leaks.length - base.leaks.length} leaked object(s) more than without the failure: ${(extra.length ? extra : r.leaks).slice(0, 3).join("; ")}`);
        problems++;
      }
      if (problems >= 5) break;
    }
    s.info(`${n - 1} kmalloc failure point(s) tried; baseline steps: ${base.steps.join(", ")}`);
  },
};

/** The censorship tests of the 2025 variant. */
export const CENSOR_TESTS: TestDef[] = [
  {
    id: "censor", name: "censorship: every 3rd character becomes '#'", weight: 6, kind: "course", variants: ["2025-censor"],
    description: "with ioctl(MSG_SLOT_SET_CEN, 1) a write stores the message with positions 2, 5, 8, ... replaced by '#': \"abcdefghij\" reads back as \"ab#de#gh#j\"",
    run(s) {
      s.boot();
      const a = s.proc("A");
      const fd = a.open();
      expectRc(s, "ioctl(MSG_SLOT_CHANNEL, 1)", a.channel(fd, 1), 0);
      expectRc(s, "ioctl(MSG_SLOT_SET_CEN, 1)", a.censor(fd, 1), 0);
      expectRc(s, "write(\"abcdefghij\")", a.write(fd, "abcdefghij"), 10);
      expectRead(s, "read", a.read(fd), "ab#de#gh#j");
      expectRc(s, "write(\"xy\")", a.write(fd, "xy"), 2);
      expectRead(s, "read", a.read(fd), "xy");
      expectRc(s, "write(\"xyz\")", a.write(fd, "xyz"), 3);
      expectRead(s, "read", a.read(fd), "xy#");
    },
  },
  {
    id: "censor-per-file", name: "censorship is per open file and can be turned off", weight: 4, kind: "course", variants: ["2025-censor"],
    description: "censorship is off on a new fd, belongs to the fd that set it (like the channel), is applied when the message is stored, and ioctl(MSG_SLOT_SET_CEN, 0) turns it off",
    run(s) {
      s.boot();
      const a = s.proc("A");
      const on = a.open();
      const off = a.open();
      a.channel(on, 1);
      a.channel(off, 2);
      expectRc(s, "ioctl(fd1, MSG_SLOT_SET_CEN, 1)", a.censor(on, 1), 0);
      expectRc(s, "fd2 (no MSG_SLOT_SET_CEN): write(\"abcdef\")", a.write(off, "abcdef"), 6);
      expectRead(s, "fd2: read", a.read(off), "abcdef");
      expectRc(s, "fd1: write(\"abcdef\")", a.write(on, "abcdef"), 6);
      a.channel(off, 1);
      expectRead(s, "fd2 (censorship off) reads channel 1 written censored", a.read(off), "ab#de#");
      expectRc(s, "ioctl(fd1, MSG_SLOT_SET_CEN, 0)", a.censor(on, 0), 0);
      expectRc(s, "fd1: write(\"abcdef\")", a.write(on, "abcdef"), 6);
      expectRead(s, "fd1: read after censorship was turned off", a.read(on), "abcdef");
      const later = a.open("/dev/slot1");
      a.channel(later, 1);
      expectRc(s, "a later fd of /dev/slot1: write(\"abcdef\")", a.write(later, "abcdef"), 6);
      expectRead(s, "read", a.read(later), "abcdef");
    },
  },
];
