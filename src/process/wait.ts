// wait4(2) as kernel/exit.c does it (kernel_wait4 -> do_wait -> wait_consider_task ->
// wait_task_zombie): which children a pid argument selects, the status word a
// reaped child leaves, and when the caller has to sleep.

import { ECHILD, EINVAL, ESRCH } from "../kernel/errno.js";
import type { Process } from "./process.js";

// include/uapi/linux/wait.h
export const WNOHANG = 0x1, WUNTRACED = 0x2, WCONTINUED = 0x8;
const __WNOTHREAD = 0x20000000, __WALL = 0x40000000, __WCLONE = 0x80000000;
const VALID_OPTIONS = WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE;
const INT_MIN = -0x8000_0000;

/** A child reaped: its pid and the status word wait4 stores. */
export interface Reaped {
  pid: number;
  status: number;
}

/** What a wait4 call comes to: a reaped child, a number (0 for WNOHANG, or -errno), or "block". */
export type WaitOutcome = Reaped | number | "block";

/** The status word of a dead task (exit_code in wait_task_zombie): the code in bits 8-15, or the signal. */
export function waitStatus(p: Process): number {
  return p.state === "killed" ? p.termSignal & 0x7f : (p.exitStatus & 0xff) << 8;
}

/** Does wait4's pid argument select `child` of the caller (eligible_pid)? */
function selects(pid: number, caller: Process, child: Process): boolean {
  if (pid > 0) return child.pid === pid;
  if (pid === -1) return true;
  const pgid = pid === 0 ? caller.pgid : -pid;
  return child.pgid === pgid;
}

/**
 * kernel_wait4 without the copy to user space: the options checked (EINVAL), the caller's
 * children that `pid` selects looked at (none: ECHILD), a dead one reaped (release_task), else
 * 0 with WNOHANG or "block" (the caller sleeps until a child changes state).
 */
export function doWait(caller: Process, children: Iterable<Process>, pid: number, options: number, release: (p: Process) => void): WaitOutcome {
  if (options & ~VALID_OPTIONS) return -EINVAL;
  if (pid === INT_MIN) return -ESRCH; // -INT_MIN would overflow (kernel_wait4)
  let any = false;
  for (const child of children) {
    if (child.ppid !== caller.pid || !selects(pid, caller, child)) continue;
    any = true;
    if (child.state !== "running") {
      const status = waitStatus(child);
      release(child);
      return { pid: child.pid, status };
    }
  }
  if (!any) return -ECHILD;
  return options & WNOHANG ? 0 : "block";
}
