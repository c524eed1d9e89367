// Messages between the page and its workers: the kernel worker (the emulated machine and the
// shell), the compile worker (@yowasp/clang) and the grade worker (the test suite).

import type { Diagnostic } from "../../src/toolchain/types.js";
import type { BuildReport, VariantName } from "../../src/harness/grade/types.js";

/** wasm bytes, or a URL the worker fetches them from */
export type WasmSource = { url: string } | { bytes: Uint8Array };

export interface DeviceNodeView {
  path: string;
  major: number;
  minor: number;
  /** who owns major:minor (a module name, a built-in driver), or "" if nobody: opening gives ENXIO */
  driver: string;
}

export interface ModuleView {
  name: string;
  size: number;
  refs: number;
  state: string;
}

export interface FdView {
  fd: number;
  path: string;
  driver: string;
  privateData: number;
  refs: number;
  mode: string;
}

export interface ProcessView {
  pid: number;
  comm: string;
  argv: string;
  state: "running" | "exited" | "killed";
  /** exit status (or 128 + signal) */
  status?: number;
  /** the last syscall it made */
  lastSyscall?: string;
  /** its fds at that moment (for an exited process: just before it closed them) */
  fds: FdView[];
}

export interface HeapBlockView {
  ptr: number;
  size: number;
  /** libkern's own objects (struct file, struct inode) */
  internal: boolean;
  site: string;
  pid: number;
  /** the first bytes of the object (at most HEAP_BYTES_SHOWN) */
  bytes: Uint8Array;
}

export interface HeapView {
  module: string;
  liveBlocks: number;
  liveBytes: number;
  peakBytes: number;
  allocs: number;
  frees: number;
  failures: number;
  footprint: number;
  blocks: HeapBlockView[];
  /** blocks left out of `blocks` (the view shows the most recent ones) */
  omitted: number;
}

export interface LogLine {
  time: number;
  level: number;
  text: string;
}

export interface Snapshot {
  nodes: DeviceNodeView[];
  modules: ModuleView[];
  chrdevs: string;
  /** the processes of the last command line, and any still running */
  processes: ProcessView[];
  heaps: HeapView[];
  /** dmesg records new since the last snapshot (all of them when reset) */
  dmesg: LogLine[];
  dmesgReset: boolean;
  taint: string;
  /** image names the shell can run / insmod */
  programs: string[];
  images: string[];
}

export const HEAP_BYTES_SHOWN = 256;
export const HEAP_BLOCKS_SHOWN = 200;

// --- kernel worker ---------------------------------------------------------------

export interface BootRequest {
  type: "boot";
  module: WasmSource;
  programs: Record<string, WasmSource>;
  /** lines logged at boot (the previous kernel's soft-lockup report) */
  bootLog?: string[];
}

export type KernelRequest =
  | BootRequest
  | { type: "exec"; id: number; line: string }
  /** programs: the whole set the shell runs from now on (programs not in it are gone) */
  | { type: "images"; id: number; module?: Uint8Array; programs?: Record<string, Uint8Array> }
  | { type: "snapshot"; id: number };

export type KernelReply =
  | { type: "booted"; ms: number; snapshot: Snapshot; msgSlotChannel?: number }
  | { type: "bootFailed"; message: string }
  | { type: "out"; fd: 1 | 2; data: Uint8Array }
  /** a process started or entered a syscall: what the watchdog names if it never comes back */
  | { type: "task"; pid: number; comm: string; syscall: string }
  | { type: "done"; id: number; status: number; snapshot: Snapshot; error?: string }
  | { type: "imagesSet"; id: number; error?: string; msgSlotChannel?: number };

// --- compile worker ----------------------------------------------------------------

export interface BuildOutput {
  ok: boolean;
  wasm?: Uint8Array;
  diagnostics: Diagnostic[];
  log: string;
  ms: number;
  cached: boolean;
}

export interface BuildResult {
  module: BuildOutput;
  /** every program: each .c file (but the module's) that defines main, by name (./NAME) */
  programs: Record<string, BuildOutput>;
  /** each program's main file ("tester" → "tester.c") */
  mains: Record<string, string>;
  /** .c files without main, linked into every program */
  helpers: string[];
  /** .c files left out (kernel code: they include <linux/module.h>) */
  skipped: string[];
  /** what kept the programs from being built at all */
  problems: string[];
  msgSlotChannel?: number;
  backend: string;
  ms: number;
}

export type CompileRequest =
  /** the editor's build: message_slot.c into the module, every other .c into the programs */
  | { type: "build"; id: number; sources: Record<string, string> }
  /** the grader's build of a submission (its flags: programs with -O3 -Wall -std=c11) */
  | { type: "grade-build"; id: number; files: Record<string, string>; variant: VariantName }
  | { type: "preload" };

export type CompileReply =
  | { type: "progress"; done: number; total: number }
  | { type: "ready"; ms: number }
  | { type: "built"; id: number; result: BuildResult }
  | { type: "grade-built"; id: number; report: BuildReport }
  | { type: "failed"; id: number; message: string };
