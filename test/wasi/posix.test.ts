// User programs with fork, wait, sleep and system() (issue 11): the process limit, virtual
// time, children killed by signals, orphans, system() through msgslot's shell, $? and help.
// What each call prints on Linux is recorded in conformance/posix (test/conformance/posix.test.ts);
// these are the cases that cannot be recorded there (a fork bomb, a 10-minute sleep, a segfault).
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgramsDir } from "../../src/harness/node-build.js";
import { Machine } from "../../src/process/machine.js";
import { Shell } from "../../src/harness/shell/shell.js";
import { runProgram, type ProgramImage } from "../../src/wasi/run.js";
import type { ModuleImage } from "../../src/harness/busybox.js";
import { REPO, referenceModule } from "../helpers/modules.js";

const programs = new Map<string, ProgramImage>();
let module: ModuleImage;

beforeAll(async () => {
  module = (await referenceModule()).image;
  for (const [dir, names] of [[join(REPO, "test/fixtures/posix"), ["sleeper", "bomb", "family", "caller"]], [join(REPO, "module-c"), ["message_sender", "message_reader"]], [join(REPO, "conformance/posix"), ["buffered_fork"]]] as const) {
    for (const [name, p] of await buildProgramsDir(dir, [...names])) {
      if (!p.image) throw new Error(`${name}: ${p.result.log}`);
      programs.set(name, p.image);
    }
  }
}, 600_000);

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const run = (machine: Machine, name: string, ...args: string[]) =>
  runProgram({ machine, program: programs.get(name)!, argv: [`./${name}`, ...args] });

function shell(machine = new Machine()) {
  let out = "";
  let err = "";
  const sh = new Shell({ machine, modules: new Map([[module.name, module]]), programs, write: (fd, d) => {
    const s = typeof d === "string" ? d : text(d);
    if (fd === 1) out += s;
    else err += s;
  } });
  return { sh, machine, out: () => out, err: () => err };
}

describe("virtual time", () => {
  it("a program that sleeps 10 minutes sees 10 minutes pass on every clock, and so does the machine", () => {
    const m = new Machine();
    const r = run(m, "sleeper");
    expect(text(r.stderr)).toBe("");
    expect(text(r.stdout)).toBe("sleep=0 nanosleep=0\nmonotonic 600 s\nrealtime 600 s\ntime() at least 600: 1\n");
    expect(r.status).toBe(0);
    // the machine's clock (the kernel's too) moved by the sleeps, not by waiting
    expect(m.clock.skippedNs).toBeGreaterThanOrEqual(599_000_000_000n);
    expect(m.kernel.now()).toBeGreaterThanOrEqual(600);
  });
});

describe("the process limit (RLIMIT_NPROC of the sandbox)", () => {
  it("a fork bomb stops at 64 processes with EAGAIN, worded by perror, and every child is reaped", () => {
    const m = new Machine();
    const r = run(m, "bomb");
    expect(text(r.stderr)).toBe("fork: Resource temporarily unavailable\n");
    expect(text(r.stdout)).toBe("forked 63, reaped 63\n");
    expect(r.status).toBe(0);
    expect(m.processes.size).toBe(0);
    // the limit is about processes that exist: the next run can fork as many again
    expect(text(run(m, "bomb").stdout)).toBe("forked 63, reaped 63\n");
  });

  it("follows the machine's limit", () => {
    const r = run(new Machine({ maxProcesses: 4 }), "bomb");
    expect(text(r.stdout)).toBe("forked 3, reaped 3\n");
  });
});

describe("processes of a run", () => {
  it("a child killed by a bad address is WIFSIGNALED with SIGSEGV; an orphan gets init as its parent and the run waits for it", () => {
    const m = new Machine();
    const r = run(m, "family");
    expect(text(r.stdout)).toBe(
      "child: parent is the forker 1\n" +
      "parent: signaled=1 sig=11 exited=0\n" +
      "parent: leaves its child behind\n" +
      "orphan: ppid 1\n",
    );
    expect(r.status).toBe(4);
    expect(m.processes.size).toBe(0);
  });
});

describe("stdout: a pipe by default, a terminal on request", () => {
  // Linux's answer for a file or pipe is recorded (conformance/posix, buffered_fork); on a
  // terminal glibc line-buffers stdout, so the line is out before fork and printed once
  it("a pipe is fully buffered: a line printed before fork and not flushed comes out twice", () => {
    const r = run(new Machine(), "buffered_fork");
    expect(text(r.stdout)).toBe("before fork, not flushed\nchild\nbefore fork, not flushed\nparent\n");
  });

  it("a terminal is line-buffered: the line comes out once", () => {
    const r = runProgram({ machine: new Machine(), program: programs.get("buffered_fork")!, argv: ["./buffered_fork"], terminal: true });
    expect(text(r.stdout)).toBe("before fork, not flushed\nchild\nparent\n");
  });
});

describe("system() and the shell", () => {
  it("runs command lines in msgslot's shell on the same machine: applets, programs, exit statuses", () => {
    const s = shell();
    const st = s.sh.execute("insmod; ./caller 'mknod /dev/slot0 c 235 0' './message_sender /dev/slot0 1 hi && ./message_reader /dev/slot0 1' 'exit 3' nosuch; echo \"status $?\"");
    expect(s.out()).toBe(
      "[mknod /dev/slot0 c 235 0] -> exited=1 code=0\n" +
      "hi[./message_sender /dev/slot0 1 hi && ./message_reader /dev/slot0 1] -> exited=1 code=0\n" +
      "[exit 3] -> exited=1 code=3\n" +
      "[nosuch] -> exited=1 code=127\n" +
      "status 0\n",
    );
    expect(s.err()).toBe("sh: nosuch: not found\n");
    expect(st).toBe(0);
  });

  it("$? holds the last program's exit status; && and || follow it", () => {
    const s = shell();
    s.sh.execute("./family > /dev/null");
    const st = s.sh.execute("./family; echo \"family $?\"; ./family && echo no || echo \"failed $?\"");
    expect(st).toBe(0);
    expect(s.out()).toContain("family 4\n");
    expect(s.out()).toMatch(/failed 4\n$/);
    expect(s.out()).not.toContain("no\n");
  });

  it("help and ls . list every program; ./NAME of an unknown program is not found", () => {
    const s = shell();
    expect(s.sh.execute("help")).toBe(0);
    expect(s.out()).toContain("Programs: ./bomb ./buffered_fork ./caller ./family ./message_reader ./message_sender ./sleeper\n");
    expect(s.sh.execute("ls .")).toBe(0);
    expect(s.out()).toMatch(/\nbomb\nbuffered_fork\ncaller\nfamily\nmessage_reader\nmessage_sender\nsleeper\n$/);
    expect(s.sh.execute("./tester")).toBe(127);
    expect(s.err()).toBe("sh: ./tester: not found\n");
  });
});
