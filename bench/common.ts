// What the benchmarks share: statistics, the precompiled module and programs, a machine
// with the module loaded and /dev/slot0 made, and the host's C compiler.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { loadImage } from "../src/harness/module-build.js";
import type { ModuleImage } from "../src/harness/busybox.js";
import { Machine } from "../src/process/machine.js";
import { findRepoRoot, nodeCompile, readTree, systemTree } from "../src/toolchain/node.js";
import { formatDiagnostic } from "../src/toolchain/index.js";
import type { ProgramImage } from "../src/wasi/run.js";
import { importMemory } from "../src/wasi/program-memory.js";
import { MAJOR } from "./cold-path.js";

export const ROOT = findRepoRoot();
export const BENCH = join(ROOT, "bench");
export { MAJOR };

// --- statistics ---------------------------------------------------------------------------------

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** first and third quartiles */
  q1: number;
  q3: number;
  n: number;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error("no samples");
  const s = [...samples].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), min: s[0]!, max: s[s.length - 1]!, q1: quantile(s, 0.25), q3: quantile(s, 0.75), n: s.length };
}

/** Run fn `runs` times after `warmup` untimed runs; milliseconds per run. */
export function timeRuns(runs: number, warmup: number, fn: () => void): Summary {
  for (let i = 0; i < warmup; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return summarize(ms);
}

export async function timeRunsAsync(runs: number, warmup: number, fn: () => Promise<void>): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return summarize(ms);
}

// --- formatting ---------------------------------------------------------------------------------

export function fmt(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  const d = abs !== 0 && abs < 10 && digits === 0 ? 2 : digits;
  return x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** "median (min–max)" */
export function spread(s: Summary, digits = 0): string {
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

// --- the machine ------------------------------------------------------------------------------------

export interface MachineInfo {
  nproc: number;
  cpu: string;
  node: string;
  os: string;
  cc?: string;
  /** os.loadavg() when the run started: other work on the machine shows in every figure */
  loadavg: number[];
}

export function machineInfo(): MachineInfo {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpu = m[1]!.trim();
  } catch {
    // not Linux: os.cpus() it is
  }
  let os = `${process.platform} ${process.arch}`;
  try {
    os = execFileSync("uname", ["-sr"], { encoding: "utf8" }).trim() + ` ${process.arch}`;
  } catch {
    // no uname
  }
  const cc = hostCompiler();
  return { nproc: cpus().length, cpu, node: process.version, os, ...(cc ? { cc: cc.version } : {}), loadavg: loadavg() };
}

// --- the module, the programs ---------------------------------------------------------------------

/** wasm/message_slot.wasm as `npm install` built it (built now if missing). */
export async function precompiledModule(): Promise<{ image: ModuleImage; bytes: Uint8Array; channelCmd: number }> {
  const bytes = new Uint8Array(readFileSync(await precompiled("message_slot.wasm")));
  const { image, msgSlotChannel } = await loadImage(bytes);
  if (msgSlotChannel === undefined) throw new Error("wasm/message_slot.wasm has no MSG_SLOT_CHANNEL probe");
  return { image, bytes, channelCmd: msgSlotChannel };
}

/** wasm/message_reader.wasm and friends, as `npm install` built them. */
export async function precompiledProgram(name: string): Promise<ProgramImage> {
  const bytes = readFileSync(await precompiled(`${name}.wasm`));
  return { name, wasm: await WebAssembly.compile(importMemory(bytes) as Uint8Array<ArrayBuffer>) };
}

async function precompiled(file: string): Promise<string> {
  const path = join(ROOT, "wasm", file);
  if (!existsSync(path)) {
    const { buildWasm } = await import("../src/cli/build-wasm.js");
    if ((await buildWasm(ROOT, { stdout: () => {} })) !== 0) throw new Error("npm run build:wasm failed");
  }
  return path;
}

/** A bench program (bench/programs/NAME.c, with module-c/message_slot.h) built by the project toolchain. */
export async function benchProgram(name: string): Promise<ProgramImage> {
  const sources = {
    ...(await readTree(join(BENCH, "programs"), "", { recursive: false })),
    "message_slot.h": readFileSync(join(ROOT, "module-c", "message_slot.h"), "utf8"),
  };
  const r = await nodeCompile({ kind: "program", sources, main: [`${name}.c`], system: await systemTree("program"), output: `${name}.wasm` });
  if (!r.ok || !r.wasm) throw new Error(`bench/programs/${name}.c does not build:\n${r.diagnostics.map(formatDiagnostic).join("\n")}`);
  return { name, wasm: await WebAssembly.compile(importMemory(r.wasm) as Uint8Array<ArrayBuffer>) };
}

/** A machine with the module loaded and /dev/slot0 (235, 0), /dev/null, /dev/zero made. */
export function bootMachine(image: ModuleImage): Machine {
  const m = new Machine();
  const rc = m.kernel.insmod(image.name, image.wasm, image.size);
  if (rc !== 0) throw new Error(`insmod: ${rc}`);
  mknod(m, "/dev/slot0", MAJOR, 0);
  mknod(m, "/dev/null", 1, 3);
  mknod(m, "/dev/zero", 1, 5);
  return m;
}

export function mknod(m: Machine, path: string, major: number, minor: number): void {
  const rc = m.kernel.vfs.mknod(path, major, minor, new Date(0));
  if (rc !== 0) throw new Error(`mknod ${path}: ${rc}`);
}

// --- the host's C compiler ----------------------------------------------------------------------

export interface HostCompiler {
  path: string;
  version: string;
}

let hostCc: HostCompiler | null | undefined;

/** $CC, cc or gcc, whichever runs first; null when there is none. */
export function hostCompiler(): HostCompiler | null {
  if (hostCc !== undefined) return hostCc;
  hostCc = null;
  for (const cc of [process.env.CC, "cc", "gcc", "clang"]) {
    if (!cc) continue;
    const r = spawnSync(cc, ["--version"], { encoding: "utf8" });
    if (r.status === 0) {
      hostCc = { path: cc, version: r.stdout.split("\n")[0]!.trim() };
      break;
    }
  }
  return hostCc;
}
