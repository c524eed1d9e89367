// `msgslot scenario` as a user runs it: the built CLI in a child process.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
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
