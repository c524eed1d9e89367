// 2. Cold start: a new kernel, insmod of the precompiled module (wasm/message_slot.wasm, built
//    by `npm install`), mknod, then a process's first open + ioctl + write + read. Measured in
//    this process (warm JIT; with the module already compiled, and compiling it from its bytes
//    each time) and in a fresh Node process (cold-start-child.ts: Node's boot, our imports, the
//    compile, all of it).
// 3. Process start: message_reader (precompiled) spawned as a WASI process and run to its exit,
//    against fork+exec+wait of the same C natively compiled (bench/programs/spawn.c), which
//    exits at open(): the host has no message slot device.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { USER_BASE, O_RDWR } from "../src/kernel/constants.js";
import { ScriptedMemory } from "../src/kernel/task.js";
import { runProgram } from "../src/wasi/run.js";
import { coldPath } from "./cold-path.js";
import { BENCH, ROOT, bootMachine, hostCompiler, precompiledModule, precompiledProgram, summarize, timeRuns, timeRunsAsync, type Summary } from "./common.js";

export interface ColdStartResult {
  /** in this process, the module already a WebAssembly.Module (ms) */
  inProcess: Summary;
  /** in this process, WebAssembly.compile of the bytes included (ms) */
  inProcessCompile: Summary;
  /** a fresh `node` process: spawn to exit (ms) */
  freshProcessWall: Summary;
  /** inside that process: from its start (performance.timeOrigin) to the first read returning (ms) */
  freshToFirstRead: Summary;
  /** inside that process: import of the kernel code, compile, boot, first read (ms) */
  freshKernelPart: Summary;
  runs: number;
}

export async function coldStart(runs: number): Promise<ColdStartResult> {
  const { image, bytes, channelCmd } = await precompiledModule();
  const inProcess = timeRuns(runs, 5, () => coldPath(image, channelCmd));
  const inProcessCompile = await timeRunsAsync(runs, 3, async () => {
    const wasm = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    coldPath({ ...image, wasm }, channelCmd);
  });
  const child = fileURLToPath(new URL("./cold-start-child.js", import.meta.url));
  const wall: number[] = [];
  const toFirst: number[] = [];
  const kernelPart: number[] = [];
  for (let i = 0; i < Math.max(5, Math.ceil(runs / 4)); i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [child], { encoding: "utf8", cwd: ROOT });
    wall.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`cold-start child: status ${r.status}: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { toFirstRead: number; kernelPart: number };
    toFirst.push(out.toFirstRead);
    kernelPart.push(out.kernelPart);
  }
  return {
    inProcess, inProcessCompile,
    freshProcessWall: summarize(wall), freshToFirstRead: summarize(toFirst), freshKernelPart: summarize(kernelPart),
    runs,
  };
}

export interface ProcessStartResult {
  /** runProgram(message_reader) to exit, one message in the channel (ms) */
  emulated: Summary;
  /** fork + exec + wait of the natively compiled message_reader (ms), if there is a C compiler */
  native?: Summary;
  runs: number;
  skipped: string[];
}

/**
 * What procstart times: a booted machine with one message in channel 1 of /dev/slot0, and a
 * function that runs message_reader to its exit there (and checks it read the message).
 */
export async function readerRun(): Promise<() => void> {
  const { image, channelCmd } = await precompiledModule();
  const reader = await precompiledProgram("message_reader");
  const m = bootMachine(image);
  const mem = new ScriptedMemory(4096);
  const w = m.spawn("writer", mem);
  const fd = w.open("/dev/slot0", O_RDWR);
  w.ioctl(fd, channelCmd, 1);
  mem.bytes().set(new TextEncoder().encode("hello"), 0);
  if (w.write(fd, USER_BASE, 5) !== 5) throw new Error("write");
  return () => {
    const r = runProgram({ machine: m, program: reader, argv: ["./message_reader", "/dev/slot0", "1"] });
    if (r.status !== 0 || r.stdout.length !== 5) throw new Error(`message_reader: status ${r.status}: ${new TextDecoder().decode(r.stderr)}`);
  };
}

export async function processStart(runs: number): Promise<ProcessStartResult> {
  const emulated = timeRuns(runs, 10, await readerRun());
  const native = nativeSpawn(runs);
  return { emulated, ...(native.summary ? { native: native.summary } : {}), runs, skipped: native.skipped };
}

/** posix_spawn + waitpid of the native message_reader, timed by bench/programs/spawn.c itself. */
function nativeSpawn(runs: number): { summary?: Summary; skipped: string[] } {
  const cc = hostCompiler();
  if (!cc) return { skipped: ["native process start: no C compiler (cc, gcc, clang or $CC) on this machine"] };
  const dir = mkdtempSync(join(tmpdir(), "msgslot-bench-"));
  try {
    const reader = join(dir, "message_reader");
    const spawner = join(dir, "spawn");
    execFileSync(cc.path, ["-O2", `-I${join(ROOT, "module-c")}`, "-o", reader, join(ROOT, "module-c", "message_reader.c")], { stdio: "pipe" });
    execFileSync(cc.path, ["-O2", "-o", spawner, join(BENCH, "programs", "spawn.c")], { stdio: "pipe" });
    // the reader fails at open (exit 1, perror on stderr): the host has no /dev/msgslot-bench
    const out = execFileSync(spawner, [String(runs), reader, "/dev/msgslot-bench-none", "1"], { encoding: "utf8" });
    const ms = out.trim().split("\n").map((l) => Number(l) / 1e6);
    return { summary: summarize(ms), skipped: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The precompiled module's size, for the report. */
export function moduleBytes(): number {
  return readFileSync(join(ROOT, "wasm", "message_slot.wasm")).length;
}
