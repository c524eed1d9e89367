// Hostile input to the CLI as a user gives it (the built bin/msgslot.js in a
// child process): each case is a clear message and an exit status, never a
// JavaScript stack trace.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoTrace, msgslot } from "./cli-helpers.js";

const tmp = () => mkdtempSync(join(tmpdir(), "msgslot-hostile-"));

describe("msgslot scenario", () => {
  it("a `!` line with an unterminated quote is sh's syntax error (status 2), as /bin/sh -c gives it", () => {
    const f = join(tmp(), "quote.scn");
    writeFileSync(f, "! echo 'unterminated\n! insmod /message_slot.ko\n");
    const r = msgslot(["scenario", f]);
    expectNoTrace(r.stderr);
    expect(r.stdout).toBe("! echo 'unterminated = 2\n! insmod /message_slot.ko = 0\n");
    expect(r.stderr).toBe("sh: syntax error: unterminated quoted string\n");
    expect(r.status).toBe(0);
  });

  it("--module naming nothing, or a file: a usage error (2)", () => {
    const f = join(tmp(), "ok.scn");
    writeFileSync(f, "A open /dev/x O_RDWR\n");
    const missing = msgslot(["scenario", "--module", "/nonexistent/dir", f]);
    expectNoTrace(missing.stderr);
    expect(missing).toMatchObject({ status: 2, stderr: "msgslot scenario: --module /nonexistent/dir: No such directory\n" });
    const file = msgslot(["scenario", "--module", f, f]);
    expectNoTrace(file.stderr);
    expect(file).toMatchObject({ status: 2, stderr: `msgslot scenario: --module ${f}: Not a directory\n` });
  });

  it("a directory, a binary file and a 10 MB line as scenarios: FILE:LINE messages, exit 2", () => {
    const dir = tmp();
    const bin = join(dir, "bin.scn");
    writeFileSync(bin, Buffer.from([0x41, 0x20, 0x00, 0xff, 0x0a, 0x21, 0x0a, 0x80, 0x81, 0x82, 0x20, 0x6f, 0x70, 0x65, 0x6e, 0x0a]));
    const huge = join(dir, "huge.scn");
    writeFileSync(huge, `A open /dev/slot0 O_RDWR\nA write 3 "${"x".repeat(10 << 20)}"\n`);
    const r = msgslot(["scenario", dir, bin, huge]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe(`msgslot: ${dir}: Is a directory`);
    expect(lines[1]).toMatch(new RegExp(`^${bin}:1: unknown op `));
    expect(lines[2]).toBe(`${bin}:2: empty shell command`);
    expect(lines[3]).toMatch(new RegExp(`^${bin}:3: bad proc name `));
    expect(lines[4]).toBe(`${huge}:2: data longer than 1048576 bytes`);
    expect(lines.length).toBe(6);
  });
});

describe("msgslot run", () => {
  it("a 10 MB command line runs (and one with an unterminated quote is a syntax error)", () => {
    const dir = tmp();
    const ok = join(dir, "ok.sh");
    writeFileSync(ok, `true ${"A".repeat(10 << 20)}; echo done\n`);
    const r = msgslot(["run", "-f", ok]);
    expectNoTrace(r.stderr);
    expect(r).toMatchObject({ status: 0, stdout: "done\n", stderr: "" });
    const bad = join(dir, "bad.sh");
    writeFileSync(bad, `echo "${"A".repeat(10 << 20)}\n`);
    const b = msgslot(["run", "-f", bad]);
    expectNoTrace(b.stderr);
    expect(b).toMatchObject({ status: 2, stdout: "", stderr: "sh: unterminated quoted string\n" });
  });

  it("100 000 arguments to a program: its own usage error, exit 1", () => {
    const f = join(tmp(), "many.sh");
    writeFileSync(f, `./message_sender ${Array.from({ length: 100_000 }, (_, i) => `a${i}`).join(" ")}; echo "status $?"\n`);
    const r = msgslot(["run", "-f", f]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("status 1\n");
    expect(r.stderr).toMatch(/^Usage: .*message_sender/);
  });

  it("a script that is missing: a usage error", () => {
    const r = msgslot(["run", "-f", "/nonexistent/script.sh"]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^msgslot run: \/nonexistent\/script\.sh: No such file or directory\n/);
  });
});

describe("C sources that do not compile", () => {
  it("binary garbage as message_slot.c: diagnostics and exit 3, no trace", () => {
    const dir = tmp();
    writeFileSync(join(dir, "message_slot.c"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)));
    writeFileSync(join(dir, "message_slot.h"), "#define MSG_SLOT_CHANNEL 1\n");
    const f = join(dir, "a.scn");
    writeFileSync(f, "! insmod /message_slot.ko\n");
    const r = msgslot(["scenario", "--module", dir, f]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/message_slot\.c:\d+:\d+: error: /);
    expect(r.stderr).toContain(`msgslot: the module in ${dir} does not build`);
  });

  it("a module that includes a host file does not see it", () => {
    const dir = tmp();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "message_slot.c"), '#include "/etc/passwd"\n#include "../../../../../../etc/hostname"\n');
    writeFileSync(join(dir, "message_slot.h"), "#define MSG_SLOT_CHANNEL 1\n");
    const f = join(dir, "a.scn");
    writeFileSync(f, "! insmod /message_slot.ko\n");
    const r = msgslot(["scenario", "--module", dir, f]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/'\/etc\/passwd' file not found/);
    expect(r.stderr).not.toMatch(/root:x:0:0/);
  });
});

describe("msgslot grade", () => {
  it("a .zip that is random bytes, and one that does not exist: a clear error, exit 1", () => {
    const dir = tmp();
    const junk = join(dir, "ex3_000000000.zip");
    writeFileSync(junk, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 2246822519) >>> 24)));
    const r = msgslot(["grade", junk]);
    expectNoTrace(r.stderr);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`error: ${junk}: not a zip archive`);
    expect(r.stdout).toContain("Score: 0/100");
    const missing = msgslot(["grade", join(dir, "missing.zip")]);
    expectNoTrace(missing.stderr);
    expect(missing).toMatchObject({ status: 1, stderr: `msgslot grade: ${join(dir, "missing.zip")}: No such file or directory\n` });
  });
});
