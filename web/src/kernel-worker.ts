// The kernel worker: one emulated machine (src/kernel + src/process) and the same Shell as
// `msgslot shell`. It runs in a Web Worker so a module stuck in a loop blocks only this thread;
// the page's watchdog then terminates it and boots a fresh one (see kernel-client.ts).

import type { FdTable } from "../../src/process/fd-table.js";
import { Machine } from "../../src/process/machine.js";
import { Process, type ProcessHost } from "../../src/process/process.js";
import { ScriptedMemory, type UserMemory } from "../../src/kernel/task.js";
import { KERN_EMERG, type LogRecord } from "../../src/kernel/dmesg.js";
import { describeSite } from "../../src/kernel/heap.js";
import { Shell } from "../../src/harness/shell/shell.js";
import { loadImage } from "../../src/harness/module-build.js";
import type { ModuleImage } from "../../src/harness/busybox.js";
import type { ProgramImage } from "../../src/wasi/run.js";
import {
  HEAP_BLOCKS_SHOWN, HEAP_BYTES_SHOWN,
  type FdView, type HeapView, type KernelReply, type KernelRequest, type LogLine, type ProcessView, type Snapshot, type WasmSource,
} from "./protocol.js";

const post = (m: KernelReply) => (self as unknown as Worker).postMessage(m);

/** What the kernel view shows of the processes of the last command line. */
class Tracer {
  readonly seen = new Map<number, ProcessView>();
  /** a command line started: its first process replaces the list (until then the last one stays) */
  fresh = false;

  spawned(): void {
    if (this.fresh) this.seen.clear();
    this.fresh = false;
  }

  enter(p: Process, syscall: string): void {
    post({ type: "task", pid: p.pid, comm: p.comm, syscall });
  }

  record(p: Process, syscall: string): void {
    let fds: FdView[] = [];
    try {
      fds = p.openFiles().filter((f) => f.path.startsWith("/dev/"));
    } catch {
      // a module that went away mid-way: keep what we had
      fds = this.seen.get(p.pid)?.fds ?? [];
    }
    this.seen.set(p.pid, { pid: p.pid, comm: p.comm, argv: "", state: p.state, lastSyscall: syscall, fds });
  }

  finish(p: Process): void {
    const v = this.seen.get(p.pid) ?? { pid: p.pid, comm: p.comm, argv: "", state: p.state, fds: [] };
    v.state = p.state;
    v.status = p.state === "killed" ? 128 + p.termSignal : p.exitStatus;
    this.seen.set(p.pid, v);
  }
}

/** A process whose syscalls the page can see: the watchdog names the one in flight. */
class WatchedProcess extends Process {
  constructor(host: ProcessHost, pid: number, comm: string, memory: UserMemory, private readonly tracer: Tracer, fds?: FdTable, ppid = 0) {
    super(host, pid, comm, memory, fds, ppid);
  }

  private traced(name: string, fn: () => number, before = false): number {
    this.tracer.enter(this, name);
    if (before) this.tracer.record(this, name);
    const r = fn();
    if (!before) this.tracer.record(this, name);
    this.tracer.enter(this, ""); // back in user space
    return r;
  }

  override open(path: string, flags: number): number {
    return this.traced(`open("${path}")`, () => super.open(path, flags));
  }
  override close(fd: number): number {
    return this.traced(`close(${fd})`, () => super.close(fd), true);
  }
  override read(fd: number, buf: number, count: number): number {
    return this.traced(`read(${fd}, ${hex(buf)}, ${count})`, () => super.read(fd, buf, count));
  }
  override write(fd: number, buf: number, count: number): number {
    return this.traced(`write(${fd}, ${hex(buf)}, ${count})`, () => super.write(fd, buf, count));
  }
  override ioctl(fd: number, cmd: number, arg: number): number {
    return this.traced(`ioctl(${fd}, ${hex(cmd)}, ${arg >>> 0})`, () => super.ioctl(fd, cmd, arg));
  }
  override exit(status = 0): void {
    super.exit(status);
    this.tracer.finish(this);
  }
  override kill(signal: number): void {
    super.kill(signal);
    this.tracer.finish(this);
  }
}

class PlaygroundMachine extends Machine {
  constructor(readonly tracer: Tracer) {
    super();
  }

  override spawn(comm: string, memory: UserMemory = new ScriptedMemory()): Process {
    this.tracer.spawned();
    const p = super.spawn(comm, memory);
    this.tracer.enter(p, comm === "insmod" ? "init_module" : comm === "rmmod" ? "delete_module" : "");
    return p;
  }

  // spawned and forked processes alike: a tester's child shows in the kernel view and is watched
  override createProcess(pid: number, comm: string, memory: UserMemory, fds: FdTable, ppid: number): Process {
    return new WatchedProcess(this, pid, comm, memory, this.tracer, fds, ppid);
  }
}

function hex(n: number): string {
  return "0x" + (n >>> 0).toString(16);
}

// --- the machine ---------------------------------------------------------------------

const tracer = new Tracer();
const machine = new PlaygroundMachine(tracer);
const modules = new Map<string, ModuleImage>();
const programs = new Map<string, ProgramImage>();
const shell = new Shell({
  machine,
  modules,
  programs,
  // the page's terminal is a terminal: programs see a tty (stdout line-buffered), so a tester's
  // printf and perror lines come out in the order it makes them, as in a shell on Linux
  terminal: true,
  write: (fd, data) => post({ type: "out", fd, data: typeof data === "string" ? new TextEncoder().encode(data) : data.slice() }),
});

let pendingLog: LogLine[] = [];
let logReset = true;
/** the ring's length at the last snapshot: fewer records than that plus the new ones = dmesg -c/-C */
let ringLength = 0;
machine.kernel.dmesg.onRecord((r: LogRecord) => pendingLog.push({ time: r.time, level: r.level, text: r.text }));

async function bytesOf(src: WasmSource): Promise<Uint8Array> {
  if ("bytes" in src) return src.bytes;
  const resp = await fetch(src.url);
  if (!resp.ok) throw new Error(`${src.url}: ${resp.status} ${resp.statusText}`);
  return new Uint8Array(await resp.arrayBuffer());
}

async function setModule(bytes: Uint8Array): Promise<number | undefined> {
  const { image, msgSlotChannel } = await loadImage(bytes, "message_slot");
  modules.set(image.name, image);
  return msgSlotChannel;
}

async function setProgram(name: string, bytes: Uint8Array): Promise<void> {
  programs.set(name, { name, wasm: await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>) });
}

function snapshot(): Snapshot {
  const k = machine.kernel;
  const nodes = k.vfs.list().map((n) => {
    const cdev = k.chrdevs.lookup(n.major, n.minor);
    const driver = !cdev ? "" : cdev.target.kind === "builtin" ? cdev.target.driver : cdev.target.module.name;
    return { path: n.path, major: n.major, minor: n.minor, driver };
  });
  const mods = [...k.modules.values()];
  const heaps: HeapView[] = mods.map((m) => {
    const all = m.heap.liveBlocks();
    const shown = all.slice(-HEAP_BLOCKS_SHOWN);
    const mem = m.view();
    return {
      module: m.name,
      ...m.heap.stats,
      blocks: shown.map((b) => ({
        ptr: b.ptr,
        size: b.size,
        internal: b.internal,
        site: describeSite(b.site),
        pid: b.pid,
        bytes: mem.slice(b.ptr, b.ptr + Math.min(b.size, HEAP_BYTES_SHOWN)),
      })),
      omitted: all.length - shown.length,
    };
  });
  const ring = k.dmesg.all();
  if (ring.length !== ringLength + pendingLog.length) logReset = true;
  ringLength = ring.length;
  for (const p of machine.processes.values()) if (p.state === "running") tracer.record(p, tracer.seen.get(p.pid)?.lastSyscall ?? "");
  const dmesg = logReset ? ring.map((r) => ({ time: r.time, level: r.level, text: r.text })) : pendingLog;
  const snap: Snapshot = {
    nodes,
    modules: mods.map((m) => ({ name: m.name, size: m.size, refs: m.refs, state: m.state })),
    chrdevs: k.procDevices(),
    processes: [...tracer.seen.values()],
    heaps,
    dmesg,
    dmesgReset: logReset,
    taint: k.taintString(),
    programs: [...programs.keys()],
    images: [...modules.keys()],
  };
  pendingLog = [];
  logReset = false;
  return snap;
}

async function handle(req: KernelRequest): Promise<void> {
  switch (req.type) {
    case "boot": {
      const t0 = performance.now();
      try {
        for (const line of req.bootLog ?? []) machine.kernel.dmesg.log(KERN_EMERG, line + "\n");
        const [mod, ...progs] = await Promise.all([
          bytesOf(req.module),
          ...Object.values(req.programs).map(bytesOf),
        ]);
        const names = Object.keys(req.programs);
        const [channel] = await Promise.all([setModule(mod), ...progs.map((b, i) => setProgram(names[i], b))]);
        post({ type: "booted", ms: performance.now() - t0, snapshot: snapshot(), ...(channel !== undefined ? { msgSlotChannel: channel } : {}) });
      } catch (err) {
        post({ type: "bootFailed", message: (err as Error).message });
      }
      return;
    }
    case "exec": {
      tracer.fresh = true;
      let error: string | undefined;
      try {
        shell.execute(req.line);
      } catch (err) {
        error = `msgslot: internal error: ${(err as Error).stack ?? err}`;
        shell.status = 1;
      }
      if (shell.exited) {
        // `exit` ends a terminal's shell; this one stays (the page has no other)
        shell.exited = false;
        error = "exit: the playground's shell keeps running (reload the page for a fresh kernel)";
      }
      post({ type: "done", id: req.id, status: shell.status, snapshot: snapshot(), ...(error ? { error } : {}) });
      return;
    }
    case "images": {
      try {
        let channel: number | undefined;
        if (req.module) channel = await setModule(req.module);
        if (req.programs) {
          // the new set replaces the old: a deleted tester is no longer ./tester
          const compiled = await Promise.all(Object.entries(req.programs).map(async ([name, bytes]) => ({ name, wasm: await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>) })));
          programs.clear();
          for (const p of compiled) programs.set(p.name, p);
        }
        post({ type: "imagesSet", id: req.id, ...(channel !== undefined ? { msgSlotChannel: channel } : {}) });
      } catch (err) {
        post({ type: "imagesSet", id: req.id, error: (err as Error).message });
      }
      return;
    }
    case "snapshot":
      post({ type: "done", id: req.id, status: shell.status, snapshot: snapshot() });
      return;
  }
}

// one request at a time, in order (boot is async: exec must wait for it)
let queue = Promise.resolve();
self.onmessage = (e: MessageEvent<KernelRequest>) => {
  queue = queue.then(() => handle(e.data));
};
