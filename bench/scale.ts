// 5. Scale: N channels written in one slot (/dev/slot0), one message each, by a process of the
// emulator (ioctl(MSG_SLOT_CHANNEL, ch) + write, through the syscall layer as scenarios use it);
// then N random channels read back and checked. Time per message and the kmalloc heap's own
// accounting per message: liveBytes (bytes the module asked for) and footprint (module memory
// the heap's slabs took, red zones and size-class rounding included), at several N, so the
// growth is visible: per-message figures that stay flat mean linear total cost.

import { O_RDWR, USER_BASE } from "../src/kernel/constants.js";
import { ScriptedMemory } from "../src/kernel/task.js";
import type { ModuleImage } from "../src/harness/busybox.js";
import { bootMachine, precompiledModule, summarize, type Summary } from "./common.js";

export interface ScaleRow {
  channels: number;
  msgLen: number;
  /** ns per message written (ioctl + write) */
  writeNs: Summary;
  /** ns per message read back (ioctl + read) */
  readNs: Summary;
  /** heap.stats.liveBytes / channels */
  liveBytesPerMsg: number;
  /** heap.stats.footprint / channels */
  footprintPerMsg: number;
  /** the module's linear memory at the end, bytes */
  moduleMemory: number;
}

export async function scale(sizes: number[], msgLen: number, runs: number, readSample: number): Promise<ScaleRow[]> {
  const { image, channelCmd } = await precompiledModule();
  const rows: ScaleRow[] = [];
  writeChannels(image, channelCmd, Math.min(sizes[0] ?? 0, 1 << 14), msgLen, 0); // warm-up: the JIT, not the first size, pays for compiling
  for (const n of sizes) {
    const writeNs: number[] = [];
    const readNs: number[] = [];
    let live = 0, footprint = 0, memory = 0;
    for (let run = 0; run < runs; run++) {
      const r = writeChannels(image, channelCmd, n, msgLen, readSample);
      writeNs.push(r.writeNs);
      readNs.push(r.readNs);
      live = r.live;
      footprint = r.footprint;
      memory = r.memory;
    }
    rows.push({
      channels: n, msgLen, writeNs: summarize(writeNs), readNs: summarize(readNs),
      liveBytesPerMsg: live / n, footprintPerMsg: footprint / n, moduleMemory: memory,
    });
  }
  return rows;
}

/** One run: a fresh kernel, n channels written, `reads` random ones read back and checked. */
function writeChannels(image: ModuleImage, channelCmd: number, n: number, msgLen: number, readSample: number):
  { writeNs: number; readNs: number; live: number; footprint: number; memory: number } {
  const m = bootMachine(image);
  const mod = m.kernel.modules.get(image.name)!;
  const before = { ...mod.heap.stats };
  const mem = new ScriptedMemory(4096);
  const bytes = mem.bytes();
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < msgLen; i++) bytes[i] = 0x61 + (i % 26);
  const p = m.spawn("scale", mem);
  const fd = p.open("/dev/slot0", O_RDWR);
  if (fd < 0) throw new Error(`open: ${fd}`);

  const t0 = performance.now();
  for (let ch = 1; ch <= n; ch++) {
    view.setUint32(0, ch, true); // each message starts with its channel id
    if (p.ioctl(fd, channelCmd, ch) !== 0) throw new Error(`ioctl ${ch}`);
    if (p.write(fd, USER_BASE, msgLen) !== msgLen) throw new Error(`write to channel ${ch} failed (heap full?)`);
  }
  const writeNs = ((performance.now() - t0) * 1e6) / n;
  const live = mod.heap.stats.liveBytes - before.liveBytes;
  const footprint = mod.heap.stats.footprint - before.footprint;
  const memory = mod.exports.memory.buffer.byteLength;

  const reads = Math.min(n, readSample);
  let readNs = 0;
  if (reads > 0) {
    const t1 = performance.now();
    for (let k = 0; k < reads; k++) {
      const ch = 1 + ((Math.imul(k, 0x9e3779b1) >>> 0) % n);
      p.ioctl(fd, channelCmd, ch);
      if (p.read(fd, USER_BASE + 1024, 128) !== msgLen || view.getUint32(1024, true) !== ch) throw new Error(`read back channel ${ch}`);
    }
    readNs = ((performance.now() - t1) * 1e6) / reads;
  }
  p.exit(0);
  return { writeNs, readNs, live, footprint, memory };
}
