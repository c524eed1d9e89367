// wait4 on the kernel's side (src/process/wait.ts, kernel/exit.c's do_wait): which children a
// pid selects, the status word, WNOHANG, ECHILD/EINVAL/ESRCH, zombies and orphans.
import { describe, expect, it } from "vitest";
import { Machine, INIT_PID } from "../../src/process/machine.js";
import { WNOHANG } from "../../src/process/wait.js";
import { ECHILD, EINVAL, ESRCH, EAGAIN } from "../../src/kernel/errno.js";
import { ScriptedMemory } from "../../src/kernel/task.js";
import type { Process } from "../../src/process/process.js";

describe("wait4", () => {
  it("no children: ECHILD; an unknown option: EINVAL first; INT_MIN: ESRCH", () => {
    const m = new Machine();
    const p = m.spawn("p");
    expect(m.wait(p, -1, 0)).toBe(-ECHILD);
    expect(m.wait(p, -1, 0x4000)).toBe(-EINVAL);
    expect(m.wait(p, -0x8000_0000, 0)).toBe(-ESRCH);
  });

  it("a running child: WNOHANG gives 0, otherwise the caller blocks; a dead one is reaped once with its status", () => {
    const m = new Machine();
    const p = m.spawn("p");
    const c = p.fork();
    expect(m.wait(p, c.pid, WNOHANG)).toBe(0);
    expect(m.wait(p, -1, 0)).toBe("block");
    c.exit(42);
    expect(m.processes.has(c.pid)).toBe(true); // a zombie until its parent waits
    expect(m.wait(p, 0, 0)).toEqual({ pid: c.pid, status: 42 << 8 });
    expect(m.processes.has(c.pid)).toBe(false);
    expect(m.wait(p, c.pid, 0)).toBe(-ECHILD);
  });

  it("a killed child's status is its signal; pid selects one child, -pgid the group", () => {
    const m = new Machine();
    const p = m.spawn("p");
    const a = p.fork();
    const b = p.fork();
    a.kill(11);
    b.exit(0);
    expect(m.wait(p, b.pid, 0)).toEqual({ pid: b.pid, status: 0 });
    expect(m.wait(p, -p.pgid, 0)).toEqual({ pid: a.pid, status: 11 });
  });

  it("an orphan gets init as its parent and is released when it dies; a dead child of a dead parent is gone", () => {
    const m = new Machine();
    const p = m.spawn("p");
    const c = p.fork();
    const z = p.fork();
    z.exit(1);
    p.exit(0);
    expect(c.ppid).toBe(INIT_PID);
    expect(m.processes.has(z.pid)).toBe(false);
    c.exit(0);
    expect(m.processes.size).toBe(0);
  });

  it("fork past the machine's process limit is EAGAIN (zombies count)", () => {
    const m = new Machine({ maxProcesses: 3 });
    const p = m.spawn("p");
    const c = p.forkChecked(new ScriptedMemory()) as Process;
    expect(c.ppid).toBe(p.pid);
    c.exit(0);
    expect(typeof p.forkChecked(new ScriptedMemory())).toBe("object");
    expect(p.forkChecked(new ScriptedMemory())).toBe(-EAGAIN);
  });
});
