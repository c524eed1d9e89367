// The page's side of the kernel worker: requests, streamed output, and the watchdog. A command
// that has not come back after `watchdogMs` is a CPU stuck in the kernel (or a program stuck in
// user space): the worker is terminated, a soft-lockup report is made from what the worker last
// said it was doing, and a fresh kernel boots with the same module and programs.

import type { BootRequest, KernelReply, KernelRequest, Snapshot, WasmSource } from "./protocol.js";
import { KERNEL_RELEASE } from "../../src/kernel/kernel.js";

export interface Images {
  module: WasmSource;
  programs: Record<string, WasmSource>;
}

export interface ExecResult {
  status: number;
  snapshot?: Snapshot;
  /** set when the watchdog stopped the command: the report, already in the new kernel's dmesg */
  lockup?: Lockup;
  error?: string;
}

export interface Lockup {
  report: string[];
  comm: string;
  pid: number;
  /** the syscall in flight ("" when the program itself was looping in user space) */
  syscall: string;
  seconds: number;
  /** the kernel as it was after the last command that came back */
  before?: Snapshot;
}

export interface KernelClientHooks {
  output(fd: 1 | 2, data: Uint8Array): void;
  snapshot(s: Snapshot): void;
}

type Pending = { resolve: (r: KernelReply) => void };

/** Linux's call chains above the driver for each syscall, innermost first. */
const CALL_TRACE: Record<string, string[]> = {
  open: ["chrdev_open", "do_dentry_open", "path_openat", "do_filp_open", "do_sys_openat2", "__x64_sys_openat"],
  read: ["vfs_read", "ksys_read", "__x64_sys_read"],
  write: ["vfs_write", "ksys_write", "__x64_sys_write"],
  ioctl: ["__x64_sys_ioctl"],
  close: ["__fput", "task_work_run", "exit_to_user_mode_prepare", "__x64_sys_close"],
  init_module: ["do_one_initcall", "do_init_module", "load_module", "__do_sys_finit_module"],
  delete_module: ["__do_sys_delete_module"],
};
const FOP: Record<string, string> = {
  open: "open", read: "read", write: "write", ioctl: "unlocked_ioctl", close: "release", init_module: "init", delete_module: "exit",
};

export class KernelClient {
  private worker!: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private task = { pid: 0, comm: "swapper/0", syscall: "" };
  private booted!: Promise<KernelReply>;
  private last: Snapshot | undefined;
  /** what the next kernel boots with */
  images: Images;
  bootMs = 0;
  msgSlotChannel: number | undefined;

  constructor(images: Images, private readonly hooks: KernelClientHooks, public watchdogMs = 5000) {
    this.images = images;
    this.start();
  }

  /** Resolves once the kernel runs commands (ms: the worker's boot time). */
  ready(): Promise<void> {
    return this.booted.then((r) => {
      if (r.type === "bootFailed") throw new Error(r.message);
    });
  }

  get lastSnapshot(): Snapshot | undefined {
    return this.last;
  }

  private start(bootLog?: string[]): void {
    this.worker = new Worker(new URL("./kernel-worker.ts", import.meta.url), { type: "module", name: "kernel" });
    this.worker.onmessage = (e: MessageEvent<KernelReply>) => this.receive(e.data);
    this.task = { pid: 0, comm: "swapper/0", syscall: "" };
    this.booted = new Promise((resolve) => this.pending.set(0, { resolve }));
    const boot: BootRequest = { type: "boot", module: this.images.module, programs: this.images.programs, ...(bootLog ? { bootLog } : {}) };
    this.worker.postMessage(boot);
  }

  private receive(m: KernelReply): void {
    switch (m.type) {
      case "out":
        this.hooks.output(m.fd, m.data);
        return;
      case "task":
        this.task = { pid: m.pid, comm: m.comm, syscall: m.syscall };
        return;
      case "booted":
        this.bootMs = m.ms;
        this.msgSlotChannel = m.msgSlotChannel;
        this.took(m.snapshot);
        this.settle(0, m);
        return;
      case "bootFailed":
        this.settle(0, m);
        return;
      case "done":
        this.took(m.snapshot);
        this.settle(m.id, m);
        return;
      case "imagesSet":
        if (m.msgSlotChannel !== undefined) this.msgSlotChannel = m.msgSlotChannel;
        this.settle(m.id, m);
        return;
    }
  }

  private took(s: Snapshot): void {
    this.last = s;
    this.hooks.snapshot(s);
  }

  private settle(id: number, m: KernelReply): void {
    const p = this.pending.get(id);
    this.pending.delete(id);
    p?.resolve(m);
  }

  private request(make: (id: number) => KernelRequest, watchdog: boolean): Promise<KernelReply | { type: "lockup"; lockup: Lockup }> {
    const id = this.nextId++;
    const started = performance.now();
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      this.pending.set(id, {
        resolve: (r) => {
          if (timer) clearTimeout(timer);
          resolve(r);
        },
      });
      if (watchdog) {
        timer = setTimeout(() => {
          this.pending.delete(id);
          resolve({ type: "lockup", lockup: this.lockup((performance.now() - started) / 1000) });
        }, this.watchdogMs);
      }
      this.worker.postMessage(make(id));
    });
  }

  /** Run a command line in the shell. */
  async exec(line: string): Promise<ExecResult> {
    await this.booted;
    const r = await this.request((id) => ({ type: "exec", id, line }), true);
    if (r.type === "lockup") return { status: 137, lockup: r.lockup };
    if (r.type !== "done") throw new Error(`unexpected reply ${r.type}`);
    return { status: r.status, snapshot: r.snapshot, ...(r.error ? { error: r.error } : {}) };
  }

  /** Make these images the ones insmod and ./PROGRAM use (and the ones the next boot uses);
   *  `programs` is the whole new set. */
  async setImages(module?: Uint8Array, programs?: Record<string, Uint8Array>): Promise<void> {
    await this.booted;
    const r = await this.request((id) => ({ type: "images", id, ...(module ? { module } : {}), ...(programs ? { programs } : {}) }), false);
    if (r.type === "imagesSet" && r.error) throw new Error(r.error);
    if (module) this.images.module = { bytes: module };
    if (programs) this.images.programs = Object.fromEntries(Object.entries(programs).map(([name, bytes]) => [name, { bytes }]));
  }

  /** The watchdog fired: stop the worker, report, boot a fresh kernel with the same images. */
  private lockup(seconds: number): Lockup {
    this.worker.terminate();
    for (const p of this.pending.values()) p.resolve({ type: "bootFailed", message: "the kernel was restarted" });
    this.pending.clear();
    const { pid, comm, syscall } = this.task;
    const secs = Math.max(1, Math.round(seconds));
    const report = syscall ? this.softLockupReport(secs, pid, comm, syscall) : [
      `msgslot: ${comm}[${pid}] ran in user space for ${secs}s without exiting: killed`,
      "msgslot: the page stopped the machine's worker and booted a fresh kernel",
    ];
    const before = this.last;
    this.start(report);
    return { report, comm, pid, syscall, seconds: secs, ...(before ? { before } : {}) };
  }

  private softLockupReport(secs: number, pid: number, comm: string, syscall: string): string[] {
    const name = syscall.replace(/\(.*$/, "");
    const mods = this.last?.modules.map((m) => `${m.name}(OE)`).join(" ") || "message_slot(OE)";
    const mod = this.last?.modules[0]?.name ?? "message_slot";
    const taint = (this.last?.taint ?? "Tainted: G           OE").replace("Not tainted", "Tainted: G           OE");
    return [
      `watchdog: BUG: soft lockup - CPU#0 stuck for ${secs}s! [${comm}:${pid}]`,
      `Modules linked in: ${mods}`,
      `CPU: 0 PID: ${pid} Comm: ${comm} ${taint.trimEnd()}L ${KERNEL_RELEASE} #1`,
      "Hardware name: msgslot emulator (WebAssembly)",
      `RIP: 0010:the module's ${FOP[name] ?? name} method [${mod}] (in ${syscall})`,
      "Call Trace:",
      " <TASK>",
      ...(CALL_TRACE[name] ?? []).map((f) => ` ${f}`),
      " do_syscall_64",
      " entry_SYSCALL_64_after_hwframe",
      " </TASK>",
      "Kernel panic - not syncing: softlockup: hung tasks",
      "msgslot: the page stopped the kernel's worker after the watchdog fired and booted a fresh kernel",
    ];
  }
}
