// Hostile input, fuzzed (issue 7, part 4): scenario files, shell lines and
// zip archives made of random pieces. Each ends in a result or the component's
// own error (ScenarioSyntaxError, a shell status, ZipError): never another
// exception, and a scenario that parses also runs, on the emulator and the
// model alike (with the same transcript wherever the model knows the commands).
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, ScenarioSyntaxError } from "../../src/harness/scenario/parse.js";
import { runScenario } from "../../src/harness/scenario/run.js";
import { runModel } from "../../src/harness/model/run.js";
import { ModelLimitation } from "../../src/harness/model/model.js";
import { Shell } from "../../src/harness/shell/shell.js";
import { Machine } from "../../src/process/machine.js";
import { buildProgramsDir } from "../../src/harness/node-build.js";
import { readZip, ZipError } from "../../src/harness/grade/zip.js";
import type { ModuleImage } from "../../src/harness/busybox.js";
import type { ProgramImage } from "../../src/wasi/run.js";
import { REPO, referenceModule } from "../helpers/modules.js";
import { makeZip } from "../grade/zip-writer.js";

let module: ModuleImage;
let channel: number;
const programs = new Map<string, ProgramImage>();
beforeAll(async () => {
  const ref = await referenceModule();
  module = ref.image;
  channel = ref.msgSlotChannel!;
  for (const [name, p] of await buildProgramsDir(join(REPO, "module-c"), ["message_sender", "message_reader"])) programs.set(name, p.image!);
});

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const numberTok = fc.oneof(
  pick("0", "1", "3", "4", "-1", "+3", "0x", "0x1g", "0xffffffff", "0xffffffffffffffff", "0x10000000000000000", "18446744073709551616",
    "4294967296", "1048576", "1048577", "2147483648", "-2147483649", "00", "1e3", "١"),
  fc.bigInt(0n, 1n << 70n).map(String),
);
const word = fc.oneof(
  numberTok,
  pick("A", "B", "C_1", "x".repeat(32), "ä", "", " ", "\t", "open", "close", "dup", "ioctl", "write", "read", "fork", "exit", "frob",
    "O_RDWR", "O_RDONLY|O_NONBLOCK", "O_WRONLY|O_RDWR", "|", "O_", "MSG_SLOT_CHANNEL", "bad", "kbad", "/dev/slot0", "/dev/slot1",
    "/dev/../dev/slot0", "/", "/dev", "/dev/slot0/", "//dev//slot0", "#", "\"", "\"\\x4\"", "\"\\q\"", "\"ok\" junk", "\"\\x41\\n\\0\\\\\\\"\"",
    "\r", "\0"),
  fc.string({ maxLength: 6 }),
);
const shellWord = pick("insmod", "rmmod", "mknod", "rm", "rm -f", "ls", "ls -l", "cat", "dmesg", "dmesg -c", "lsmod", "echo", "true", "false",
  "nosuch", "/message_slot.ko", "message_slot", "/dev/slot0", "/dev/slot1", "c", "b", "u", "p", "235", "1", "3", "256", "1048576",
  "4096", "99999999999", "-m", "0600", "/proc/devices", "/proc/modules", "/proc/sys/kernel/tainted", "'", "\"", "'a b'", "\\", "''");
const line = fc.oneof(
  { weight: 6, arbitrary: fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(" ")) },
  { weight: 3, arbitrary: fc.array(shellWord, { minLength: 1, maxLength: 5 }).map((ws) => "! " + ws.join(" ")) },
  { weight: 1, arbitrary: pick("", "# comment", "  \t", "!", "! ", "A", "A open", "\r") },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((b) => String.fromCharCode(...b)) },
);
const SETUP = "! insmod /message_slot.ko\n! mknod /dev/slot0 c 235 0\nA open /dev/slot0 O_RDWR\nA ioctl 3 MSG_SLOT_CHANNEL 1\n";

describe("scenario files", () => {
  it("parse or fail with FILE:LINE messages; what parses runs on the emulator and agrees with the model", () => {
    let parsed = 0, compared = 0;
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
      const text = SETUP + lines.join("\n");
      let scn;
      try {
        scn = parseScenario("fuzz.scn", text);
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioSyntaxError);
        for (const err of (e as ScenarioSyntaxError).errors) expect(err.line).toBeGreaterThan(0);
        return;
      }
      parsed++;
      const emu = runScenario(scn, { module, msgSlotChannel: channel });
      expect([0, 3]).toContain(emu.status);
      let model;
      try {
        model = runModel(scn, { msgSlotChannel: channel });
      } catch (e) {
        if (e instanceof ModelLimitation) return;
        throw e;
      }
      compared++;
      expect(emu.transcript).toBe(model.transcript);
    }), { numRuns: 400, seed: 4242 });
    expect(parsed).toBeGreaterThan(40);
    expect(compared).toBeGreaterThan(20);
  });
});

describe("shell lines", () => {
  const tokens = pick("insmod", "rmmod", "lsmod", "mknod /dev/slot0 c 235 0", "mknod", "rm", "ls", "ls -l /dev", "cat /proc/devices", "dmesg",
    "./message_sender", "./message_reader", "message_sender", "../message_reader", "/dev/slot0", "4", "0", "hello", "''", "\"\"", "'a b'",
    "\"$?\"", "$?", "${?}", "$HOME", "$", "&&", "||", ";", "|", ">", "<", "&", "(", ")", "`", "#", "\\", "\\\n", "'", "\"", "exit", "exit 300",
    "exit -1", "exit x", "help", "echo", "true", "false", "\n", "\t", "\u00e9", "\0", "4294967296", "-1");
  it("end with a status 0-255 and never throw, whatever the line", () => {
    fc.assert(fc.property(fc.array(fc.oneof(tokens, fc.string({ maxLength: 4 })), { maxLength: 12 }), (ts) => {
      const out: string[] = [];
      const sh = new Shell({ machine: new Machine(), modules: new Map([[module.name, module]]), programs, write: (_fd, d) => void out.push(String(d)) });
      const status = sh.execute(ts.join(" "));
      expect(Number.isInteger(status) && status >= 0 && status <= 255).toBe(true);
    }), { numRuns: 300, seed: 99 });
  });
});

describe("zip archives", () => {
  const base = [
    makeZip([{ name: "ex3/message_slot.c", data: "int x;\n" }, { name: "ex3/message_slot.h", data: "#define X 1\n", method: 0 }]),
    makeZip([{ name: "../../etc/passwd", data: "root" }, { name: "/abs", data: "x" }, { name: "link", data: "/etc", symlink: true }]),
    makeZip([{ name: "bomb.c", data: new Uint8Array(1 << 20), declaredSize: 10 }]),
  ];
  it("mutated, truncated or spliced archives: contents with safe paths, or a ZipError", () => {
    fc.assert(fc.property(fc.nat(base.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }), fc.option(fc.nat()), (which, flips, cut) => {
      const zip = base[which].slice();
      for (const [at, v] of flips) zip[at % zip.length] = v;
      const data = cut === null ? zip : zip.subarray(0, cut % (zip.length + 1));
      try {
        const { files } = readZip(data, { maxArchiveBytes: 1 << 20, maxEntries: 16, maxFileBytes: 1 << 16, maxTotalBytes: 1 << 17 });
        for (const [path, content] of Object.entries(files)) {
          expect(path.startsWith("/") || path.split("/").includes("..")).toBe(false);
          expect(typeof content === "string" ? content.length : content.length).toBeLessThanOrEqual(1 << 16);
        }
      } catch (e) {
        expect(e).toBeInstanceOf(ZipError);
      }
    }), { numRuns: 2000, seed: 5 });
  });
});
