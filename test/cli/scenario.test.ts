// `msgslot scenario` as a user runs it: the built CLI in a child process.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, FIXTURES } from "../helpers/modules.js";

function msgslot(args: string[]) {
  const r = spawnSync(process.execPath, [join(REPO, "bin/msgslot.js"), ...args], { cwd: REPO, encoding: "latin1" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("msgslot scenario", () => {
  it("prints a transcript identical to Linux's", () => {
    const r = msgslot(["scenario", "conformance/scenarios/01_basic.scn"]);
    expect(r.stdout).toBe(readFileSync(join(REPO, "conformance/expected/01_basic.out"), "latin1"));
    expect(r.status).toBe(0);
  });

  it("--expect: a proc that died on Linux (= DIED) must die at the same line, with an oops; that is a match", () => {
    const f = "conformance/students/life-overwrite-longer";
    const r = msgslot(["scenario", "--module", `${f}/module`, "--expect", `${f}/linux`, `${f}/scenarios/99_overwrite.scn`]);
    expect(r.stderr).toContain("99_overwrite.scn: matches Linux");
    expect(r.stdout).toMatch(/ = DIED\n$/);
    expect(r.status).toBe(0);
    // the reference survives the same scenario: the transcript differs where Linux's proc died
    const ref = msgslot(["scenario", "--expect", `${f}/linux`, `${f}/scenarios/99_overwrite.scn`]);
    expect(ref.status).toBe(1);
    expect(ref.stderr).toMatch(/99_overwrite.scn: MISMATCH with .*99_overwrite.out: line 8\n {2}linux: {4}A write 3 "a longer message.*" = DIED\n {2}emulator: A write 3 "a longer message.*" = 57\n/);
  });

  it("--expect: an oops at the oracle's clean-up rmmod is compared too", () => {
    const f = "conformance/students/life-exit-unused";
    const r = msgslot(["scenario", "--module", `${f}/module`, "--expect", `${f}/linux`, `${f}/scenarios/99_load_unload.scn`, `${f}/scenarios/02_write_read.scn`]);
    expect(r.stderr).toContain("99_load_unload.scn: matches Linux");
    expect(r.stderr).toContain("02_write_read.scn: matches Linux");
    expect(r.status).toBe(0);
  });

  it("--expect: a module Linux refused must be refused with gcc's first error at the same line", () => {
    // Kbuild + gcc 12 on Linux 6.1 (linux-headers-6.1.0-57) with module-c's message_slot.c, line 30 broken
    const dir = mkdtempSync(join(tmpdir(), "msgslot-refused-"));
    const mod = join(dir, "module");
    const linux = join(dir, "linux");
    mkdirSync(mod);
    mkdirSync(linux);
    const src = readFileSync(join(REPO, "module-c/message_slot.c"), "latin1").split("\n");
    src[29] = "static int broken = ;";
    writeFileSync(join(mod, "message_slot.c"), src.join("\n"));
    copyFileSync(join(REPO, "module-c/message_slot.h"), join(mod, "message_slot.h"));
    writeFileSync(join(linux, "oracle.log"), "run-oracle: building module from /tmp/st-broken\nrun-oracle: FAIL: module build failed (full log: /tmp/or/build.log)\n");
    const buildLog = (line: number) => [
      "make: Entering directory '/usr/src/linux-headers-6.1.0-57-amd64'",
      "  CC [M]  /tmp/st-broken/message_slot.o",
      `/tmp/st-broken/message_slot.c:${line}:21: error: expected expression before \u2018;\u2019 token`,
      "   30 | static int broken = ;",
      "      |                     ^",
      "make[1]: *** [/usr/src/linux-headers-6.1.0-57-common/scripts/Makefile.build:255: /tmp/st-broken/message_slot.o] Error 1",
    ].join("\n") + "\n";
    writeFileSync(join(linux, "build.log"), buildLog(30));
    const scn = "conformance/students/scenarios/02_write_read.scn";
    const r = msgslot(["scenario", "--module", mod, "--expect", linux, scn]);
    expect(r.stderr).toContain("msgslot: refused, as on Linux (run-oracle: FAIL: module build failed");
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
    // gcc's error elsewhere: a mismatch, named
    writeFileSync(join(linux, "build.log"), buildLog(31));
    const other = msgslot(["scenario", "--module", mod, "--expect", linux, scn]);
    expect(other.stderr).toContain("gcc's first error is at message_slot.c:31; msgslot's errors are at message_slot.c:30");
    expect(other.status).toBe(1);
    // a module that builds, against Linux's refusal
    const ref = msgslot(["scenario", "--expect", linux, scn]);
    expect(ref.stderr).toContain("MISMATCH: Linux refused the module (run-oracle: FAIL: module build failed");
    expect(ref.status).toBe(1);
  });

  it("--expect compares every transcript with Linux's and says so", () => {
    const r = msgslot(["scenario", "--expect", "conformance/expected", "conformance/scenarios/05_ioctl.scn", "conformance/scenarios/06_fork_dup.scn"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("05_ioctl.scn: matches Linux");
    expect(r.stdout).toMatch(/^==> conformance\/scenarios\/05_ioctl.scn <==\n/);
  });

  it("uses MSG_SLOT_CHANNEL from a student's own header with --module", () => {
    // the reference driver with a student's header: MSG_SLOT_CHANNEL = _IOWR('s', 7, unsigned long)
    const dir = mkdtempSync(join(tmpdir(), "msgslot-student-"));
    copyFileSync(join(REPO, "module-c/message_slot.c"), join(dir, "message_slot.c"));
    copyFileSync(join(FIXTURES, "student_ulong/message_slot.h"), join(dir, "message_slot.h"));
    const r = msgslot(["scenario", "--module", dir, "conformance/scenarios/01_basic.scn"]);
    expect(r.stdout).toBe(readFileSync(join(REPO, "conformance/expected/01_basic.out"), "latin1"));
  });

  it("reports a malformed scenario as FILE:LINE: message with exit 2 and runs nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "msgslot-scn-"));
    const bad = join(dir, "bad.scn");
    writeFileSync(bad, "! insmod /message_slot.ko\nA open /dev/slot0 O_RDWR|O_WRONLY\nA read 3\n");
    const r = msgslot(["scenario", bad]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${bad}:2: more than one access mode\n${bad}:3: usage: <proc> read <fd> [bad|kbad] <len>  (len <= 1048576)\n`);
  });

  it("explains itself and rejects bad usage with exit 2", () => {
    expect(msgslot(["scenario", "--help"]).stdout).toContain("Usage: msgslot scenario");
    const r = msgslot(["scenario"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no scenario files given");
    expect(msgslot(["scenario", "missing.scn"])).toMatchObject({ status: 2, stderr: "msgslot: missing.scn: No such file or directory\n" });
    expect(msgslot(["frobnicate"])).toMatchObject({ status: 2, stderr: "msgslot: unknown command 'frobnicate' (see msgslot --help)\n" });
  });
});

describe("msgslot run", () => {
  it("runs the issue's example and exits with the last status", () => {
    const r = msgslot(["run", "mknod /dev/slot0 c 235 0; insmod; ./message_sender /dev/slot0 4 hello; ./message_reader /dev/slot0 4"]);
    expect(r).toMatchObject({ status: 0, stdout: "hello", stderr: "" });
    expect(msgslot(["run", "./message_reader /dev/slot0 4"])).toMatchObject({ status: 1, stderr: "open: No such file or directory\n" });
  });
});
