// `msgslot scenario`: run scenario files on the emulator and print their
// transcripts as the real-Linux runner does (or compare them with expected
// transcripts recorded on Linux).

import { readFile, mkdir, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { parseScenario, ScenarioSyntaxError, type Scenario } from "../harness/scenario/parse.js";
import { runScenario } from "../harness/scenario/run.js";
import { buildModuleDir } from "../harness/node-build.js";
import { formatDiagnostic } from "../toolchain/index.js";
import { moduleCDir } from "../toolchain/node.js";
import { compareRefusal, compareWithLinux, emulatorOopsed, readExpected, readRefusal } from "./expect.js";
import { parseArgs, UsageError } from "./args.js";

export const SCENARIO_HELP = `Usage: msgslot scenario [--module DIR] [--out DIR] [--expect DIR] FILE.scn...

Runs each scenario on a fresh emulated kernel (no module loaded, no device
nodes) and prints its transcript to stdout, byte for byte as the oracle's
scnrun prints it on Linux 6.1. With several files, each transcript follows a
"==> FILE <==" line. Setup lines (! insmod/rmmod/mknod/rm) write their
messages to stderr.

Options:
  --module DIR   the module to test: DIR/message_slot.c and DIR/message_slot.h
                 (MSG_SLOT_CHANNEL comes from that header). Default: the
                 reference driver in module-c/.
  --out DIR      also write DIR/NAME.out, DIR/NAME.stderr and DIR/NAME.dmesg
  --expect DIR   compare every run with what the oracle recorded in DIR:
                 the transcript with DIR/NAME.out byte for byte (a proc that
                 died on Linux, "= DIED", must die at the same line here), and
                 with DIR/summary.txt, an oops in the same scenarios; the
                 module is unloaded after each scenario as the oracle does.
                 Prints the first differing line; exit 1 on any mismatch.
                 A module Linux refused (DIR/oracle.log: "FAIL: module build
                 failed", "FAIL: header: ...") must be refused with gcc's
                 first error (DIR/build.log, header.log) at the same
                 file:line: then nothing runs and the exit status is 0
  -h, --help     show this help

Exit status: 0 all ran (with --expect: all matched Linux), 1 a mismatch
(without --expect: a proc died), 2 usage or malformed scenario (FILE:LINE:
message), 3 the module does not compile (with --expect: and Linux built it).
`;

export async function scenarioCommand(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { values: ["--module", "--out", "--expect"] });
    if (args.positional.length === 0) throw new UsageError("no scenario files given");
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`msgslot scenario: ${e.message}\n\n${SCENARIO_HELP}`);
    return 2;
  }
  const files = args.positional;

  // parse everything first: a malformed file runs nothing
  const scenarios: Scenario[] = [];
  let bad = false;
  for (const f of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(f);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      process.stderr.write(`msgslot: ${f}: ${code === "ENOENT" ? "No such file or directory" : code === "EISDIR" ? "Is a directory" : (e as Error).message}\n`);
      bad = true;
      continue;
    }
    try {
      scenarios.push(parseScenario(f, bytes));
    } catch (e) {
      if (!(e instanceof ScenarioSyntaxError)) throw e;
      for (const err of e.errors) process.stderr.write(`${err.path}:${err.line}: ${err.message}\n`);
      bad = true;
    }
  }
  if (bad) return 2;

  const moduleDir = args.values["--module"] ?? moduleCDir();
  const kind = await stat(moduleDir).then((st) => (st.isDirectory() ? "dir" : "file"), () => "none");
  if (kind !== "dir") {
    process.stderr.write(`msgslot scenario: --module ${moduleDir}: ${kind === "none" ? "No such directory" : "Not a directory"}\n`);
    return 2;
  }
  const expectDir = args.values["--expect"];
  const refusal = expectDir ? await readRefusal(expectDir) : undefined;
  const built = await buildModuleDir(moduleDir);
  const usesChannel = scenarios.some((s) => s.ops.some((o) => o.kind === "ioctl" && o.cmd === "MSG_SLOT_CHANNEL"));
  const image = built.image;
  if (!image || (usesChannel && built.msgSlotChannel === undefined)) {
    for (const d of built.result.diagnostics) process.stderr.write(formatDiagnostic(d) + "\n");
    process.stderr.write(image ? `msgslot: ${moduleDir}/message_slot.h does not define MSG_SLOT_CHANNEL\n` : `msgslot: the module in ${moduleDir} does not build\n`);
    if (!refusal) {
      if (expectDir) process.stderr.write(`msgslot: MISMATCH: Linux builds the module (${join(expectDir, "oracle.log")})\n`);
      return 3;
    }
    const diff = compareRefusal(refusal, built.result);
    process.stderr.write(diff ? `msgslot: MISMATCH with Linux's refusal (${refusal.line}): ${diff}\n` : `msgslot: refused, as on Linux (${refusal.line})\n`);
    return diff ? 1 : 0;
  }
  if (refusal) {
    process.stderr.write(`msgslot: MISMATCH: Linux refused the module (${refusal.line}); msgslot builds it\n`);
    return 1;
  }

  const outDir = args.values["--out"];
  if (outDir) await mkdir(outDir, { recursive: true });
  let status = 0;
  let mismatch = false;
  for (const scn of scenarios) {
    const name = basename(scn.path).replace(/\.scn$/, "");
    const r = runScenario(scn, { module: image, msgSlotChannel: built.msgSlotChannel });
    if (scenarios.length > 1) process.stdout.write(`==> ${scn.path} <==\n`);
    process.stdout.write(Buffer.from(r.transcript, "latin1"));
    process.stderr.write(r.stderr);
    if (r.status !== 0) status = 1;
    if (outDir) {
      await writeFile(join(outDir, `${name}.out`), Buffer.from(r.transcript, "latin1"));
      await writeFile(join(outDir, `${name}.stderr`), r.stderr);
      await writeFile(join(outDir, `${name}.dmesg`), r.machine.kernel.dmesg.format());
    }
    if (expectDir) {
      // the oracle's clean-up after each scenario: unload the module if it is still loaded
      const k = r.machine.kernel;
      if (k.modules.has(image.name)) k.rmmod(image.name);
      const diff = compareWithLinux(await readExpected(expectDir, name), r.transcript, emulatorOopsed(k));
      if (diff) {
        process.stderr.write(`msgslot: ${scn.path}: MISMATCH with ${join(expectDir, name + ".out")}: ${diff}\n`);
        mismatch = true;
      } else process.stderr.write(`msgslot: ${scn.path}: matches Linux\n`);
    }
  }
  // with --expect, a proc that died as it died on Linux is a match
  return expectDir ? (mismatch ? 1 : 0) : status;
}
