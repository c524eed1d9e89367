// npm run bench [-- [--quick] [SECTION...]]: the benchmarks of bench/README.md, side by side in
// one run; a table on stdout, everything measured in bench/results.json. Sections: roundtrip,
// coldstart, procstart, grading, scale (default: all).

import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { BENCH, fmt, machineInfo, spread, table, type MachineInfo, type Summary } from "./common.js";
import { floorTable, measureFloor, type FloorRow } from "./floor.js";
import { grading, type GradingResult } from "./grading.js";
import { GRADED_SLOT, roundtrip, type RoundtripResult } from "./roundtrip.js";
import { scale, type ScaleRow } from "./scale.js";
import { coldStart, moduleBytes, processStart, type ColdStartResult, type ProcessStartResult } from "./startup.js";

const SECTIONS = ["roundtrip", "coldstart", "procstart", "grading", "scale"] as const;
type Section = (typeof SECTIONS)[number];

interface Results {
  date: string;
  machine: MachineInfo;
  quick: boolean;
  roundtrip?: RoundtripResult;
  /** the pair with the heap, then the usercopies too, replaced by stand-ins (floor.ts) */
  floor?: FloorRow[];
  coldStart?: ColdStartResult;
  processStart?: ProcessStartResult;
  grading?: GradingResult;
  scale?: ScaleRow[];
  skipped: string[];
  loadavgAtEnd?: number[];
}

function parseArgs(argv: string[]): { quick: boolean; sections: Section[] } {
  let quick = false;
  const sections: Section[] = [];
  for (const a of argv) {
    if (a === "--quick") quick = true;
    else if ((SECTIONS as readonly string[]).includes(a)) sections.push(a as Section);
    else {
      console.error(`usage: npm run bench [-- [--quick] [${SECTIONS.join("|")}]...]\nunknown argument: ${a}`);
      process.exit(2);
    }
  }
  return { quick, sections: sections.length ? sections : [...SECTIONS] };
}

const progress = (msg: string) => process.stderr.write(`bench: ${msg}\n`);

async function main(): Promise<void> {
  const { quick, sections } = parseArgs(process.argv.slice(2));
  const results: Results = { date: new Date().toISOString(), machine: machineInfo(), quick, skipped: [] };
  const out: string[] = [];
  const m = results.machine;
  out.push(`msgslot benchmarks, ${results.date.slice(0, 16).replace("T", " ")} UTC${quick ? " (--quick)" : ""}`);
  out.push(`machine: ${m.nproc} × ${m.cpu}, ${m.os}, node ${m.node}${m.cc ? `, native: ${m.cc}` : ", no C compiler"}`);
  out.push(`load average at the start: ${m.loadavg.map((x) => x.toFixed(2)).join(" ")} (1, 5, 15 min)`);
  out.push("figures: median (min–max) of the runs; ratios are median / median");

  if (sections.includes("roundtrip")) {
    progress("syscall round trip (emulated, then native)");
    const r = await roundtrip(quick ? { rounds: 3, iterations: 50_000 } : { rounds: 9, iterations: 300_000 });
    results.roundtrip = r;
    results.skipped.push(...r.skipped);
    out.push("", ...roundtripTable(r));
    progress("syscall round trip's floor (stand-ins)");
    const iterations = quick ? 50_000 : 300_000;
    results.floor = measureFloor(iterations);
    out.push(...floorLines(results.floor, r, iterations));
  }
  if (sections.includes("coldstart")) {
    progress("cold start");
    const r = await coldStart(quick ? 10 : 40);
    results.coldStart = r;
    out.push("", ...coldStartTable(r));
  }
  if (sections.includes("procstart")) {
    progress("process start");
    const r = await processStart(quick ? 30 : 300);
    results.processStart = r;
    results.skipped.push(...r.skipped);
    out.push("", ...processStartTable(r));
  }
  if (sections.includes("grading")) {
    progress("grading");
    const r = await grading({ quick, progress });
    results.grading = r;
    results.skipped.push(...r.skipped);
    out.push("", ...r.table);
  }
  if (sections.includes("scale")) {
    progress("scale");
    const sizes = quick ? [1 << 12, 1 << 14, 1 << 16] : [1 << 14, 1 << 16, 1 << 18, 1 << 20];
    const r = await scale(sizes, 32, quick ? 1 : 3, 1 << 16);
    results.scale = r;
    out.push("", ...scaleTable(r));
  }
  if (results.skipped.length) out.push("", "skipped:", ...results.skipped.map((s) => `  ${s}`));
  results.loadavgAtEnd = loadavg();
  out.push("", `load average at the end: ${results.loadavgAtEnd.map((x) => x.toFixed(2)).join(" ")}`);

  const file = join(BENCH, "results.json");
  writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  out.push("", `all figures: ${file}`);
  console.log(out.join("\n"));
}

function ratio(a: Summary, b: Summary | undefined): string {
  return b ? `${fmt(a.median / b.median, 2)}×` : "n/a";
}

function roundtripTable(r: RoundtripResult): string[] {
  const pipe = r.rows.find((x) => x.where === "native" && x.name === "pipe");
  const nativeNull = r.rows.find((x) => x.where === "native" && x.name.startsWith("/dev/null"));
  const rows = r.rows.map((x) => [
    `${x.where} ${x.name}`, spread(x.ns), fmt(x.iterations), ratio(x.ns, pipe?.ns), ratio(x.ns, nativeNull?.ns),
  ]);
  const lines = [
    "1. syscall round trip: write(2) 128 B + read(2) 128 B, bench/programs/roundtrip.c (ns per pair; one sample per timed round)",
    table(["", "ns/pair", "pairs/round", "× native pipe", "× native null+zero"], rows),
  ];
  const slot = r.rows.find((x) => x.where === "emulated" && x.name === GRADED_SLOT);
  if (slot && pipe) {
    const speedup = pipe.ns.median / slot.ns.median;
    lines.push(`target: the emulated slot pair, graded (detectors on), ≥ 2× faster than the native pipe pair — ${speedup >= 2 ? "met" : "NOT met"}: native pipe / emulated slot = ${fmt(speedup, 2)}`);
  }
  return lines;
}

/** What the pair costs without the heap's work and the usercopies' (floor.ts), against the target's bound. */
function floorLines(rows: FloorRow[], r: RoundtripResult, iterations: number): string[] {
  const pipe = r.rows.find((x) => x.where === "native" && x.name === "pipe");
  const lowest = rows[rows.length - 1]!;
  return [
    "",
    `   the floor: the same pair with the kmalloc heap, then the usercopies too, replaced by trivial stand-ins (bench/stand-ins.ts; not msgslot: no detector works), ns per pair, median of 3 rounds of ${fmt(iterations)}`,
    ...floorTable(rows).split("\n").map((l) => `   ${l}`),
    ...(pipe ? [`   the target needs the graded pair ≤ ${fmt(pipe.ns.median / 2)} ns (half the native pipe pair); with both stand-ins it takes ${fmt(lowest.graded.median)} ns`] : []),
  ];
}

function coldStartTable(r: ColdStartResult): string[] {
  return [
    `2. cold start: new kernel + insmod of wasm/message_slot.wasm (${fmt(moduleBytes() / 1024, 1)} KiB) + mknod + open/ioctl/first write/read (ms)`,
    table(["", "ms", "runs"], [
      ["in-process, module already compiled", spread(r.inProcess, 3), String(r.inProcess.n)],
      ["in-process, WebAssembly.compile of the bytes included", spread(r.inProcessCompile, 3), String(r.inProcessCompile.n)],
      ["fresh node process: imports + compile + boot + first read", spread(r.freshKernelPart, 1), String(r.freshKernelPart.n)],
      ["fresh node process: from its start to the first read", spread(r.freshToFirstRead, 1), String(r.freshToFirstRead.n)],
      ["fresh node process: spawn to exit (wall)", spread(r.freshProcessWall, 1), String(r.freshProcessWall.n)],
    ]),
    `target: ≤ 20 ms in-process — ${r.inProcessCompile.median <= 20 ? "met" : "NOT met"}`,
  ];
}

function processStartTable(r: ProcessStartResult): string[] {
  const rows = [["emulated: runProgram(message_reader) to exit", spread(r.emulated, 3), String(r.emulated.n), ratio(r.emulated, r.native)]];
  if (r.native) rows.push(["native: posix_spawn + waitpid of message_reader (cc -O2)", spread(r.native, 3), String(r.native.n), "1.00×"]);
  return [
    "3. process start: message_reader (precompiled) spawned and run to exit (ms)",
    table(["", "ms", "runs", "× native"], rows),
    "(the native reader exits at open(): the host has no message slot device; the emulated one reads a 5-byte message)",
  ];
}

function scaleTable(rows: ScaleRow[]): string[] {
  const first = rows[0];
  return [
    `5. scale: N channels in one slot, one ${first?.msgLen ?? 0}-byte message each (ioctl + write per message; reads: ioctl + read of random channels)`,
    table(["channels", "write ns/msg", "read ns/msg", "heap live B/msg", "heap footprint B/msg", "module memory"], rows.map((x) => [
      `2^${Math.log2(x.channels)}`, spread(x.writeNs), spread(x.readNs), fmt(x.liveBytesPerMsg, 1), fmt(x.footprintPerMsg, 1), `${fmt(x.moduleMemory / 2 ** 20, 1)} MiB`,
    ])),
    first && rows.length > 1
      ? `growth from 2^${Math.log2(first.channels)} to 2^${Math.log2(rows[rows.length - 1]!.channels)} channels: ×${fmt(rows[rows.length - 1]!.channels / first.channels)} messages, ` +
        `×${fmt((rows[rows.length - 1]!.writeNs.median * rows[rows.length - 1]!.channels) / (first.writeNs.median * first.channels), 1)} total write time, ` +
        `×${fmt((rows[rows.length - 1]!.footprintPerMsg * rows[rows.length - 1]!.channels) / (first.footprintPerMsg * first.channels), 1)} heap footprint`
      : "",
  ];
}

await main();
