// Hostile modules (test/fixtures/hostile/<name>/<name>.c) on a fresh machine,
// and the checks every hostile test ends with: the caller died or got an
// error, the report is in dmesg, and the kernel (or a fresh one) still works.

import { join } from "node:path";
import { expect } from "vitest";
import { image, referenceModule, REPO } from "../helpers/modules.js";
import { Machine } from "../../src/process/machine.js";
import { ProcessKilled, type Process } from "../../src/process/process.js";
import { runApplet, type AppletResult, type BusyboxEnv, type ModuleImage } from "../../src/harness/busybox.js";
import { USER_BASE, O_RDWR } from "../../src/kernel/constants.js";
import { ScriptedMemory } from "../../src/kernel/task.js";

export const HOSTILE = join(REPO, "test/fixtures/hostile");
/** the major every hostile module registers (message_slot has 235) */
export const HOSTILE_MAJOR = 236;

export async function hostile(name: string): Promise<ModuleImage> {
  return (await image(join(HOSTILE, name), name)).image;
}

export interface Booted {
  m: Machine;
  env: BusyboxEnv;
  insmod: AppletResult;
  /** a process with /dev/h0 open on fd 0 (when the module loaded) */
  p: Process;
  fd: number;
}

/** A fresh machine, `insmod NAME.ko`, nodes /dev/h0..h3 for major 236, a process with /dev/h0 open. */
export async function boot(name: string): Promise<Booted> {
  const img = await hostile(name);
  const ref = (await referenceModule()).image;
  const m = new Machine();
  const env: BusyboxEnv = { machine: m, modules: new Map([[img.name, img], [ref.name, ref]]) };
  const insmod = runApplet(env, ["insmod", `/${name}.ko`]);
  for (let i = 0; i < 4; i++) m.kernel.vfs.mknod(`/dev/h${i}`, HOSTILE_MAJOR, i, new Date(0));
  const p = m.spawn("victim");
  const fd = insmod.status === 0 ? p.open("/dev/h0", O_RDWR) : -1;
  return { m, env, insmod, p, fd };
}

/** The syscall killed its caller (an oops): returns the ProcessKilled. */
export function killed(f: () => unknown): ProcessKilled {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ProcessKilled);
  return err as ProcessKilled;
}

export const dmesg = (m: Machine) => m.kernel.dmesg.format();

/** message_slot works on this machine: load it (if it can be), write and read back. */
export async function slotWorks(m: Machine, env?: BusyboxEnv): Promise<void> {
  const ref = await referenceModule();
  const e = env ?? { machine: m, modules: new Map([[ref.image.name, ref.image]]) };
  if (!m.kernel.modules.has("message_slot")) expect(runApplet(e, ["insmod", "/message_slot.ko"]).status).toBe(0);
  if (!m.kernel.vfs.lookup("/dev/slot0")) m.kernel.vfs.mknod("/dev/slot0", 235, 0, new Date(0));
  const mem = new ScriptedMemory(4096);
  const q = m.spawn("after", mem);
  const fd = q.open("/dev/slot0", O_RDWR);
  expect(fd).toBeGreaterThanOrEqual(0);
  expect(q.ioctl(fd, ref.msgSlotChannel!, 7)).toBe(0);
  mem.bytes().set([104, 105], 0);
  expect(q.write(fd, USER_BASE, 2)).toBe(2);
  mem.bytes().fill(0, 0, 2);
  expect(q.read(fd, USER_BASE, 128)).toBe(2);
  expect([...mem.bytes().subarray(0, 2)]).toEqual([104, 105]);
  q.exit(0);
}

/** A fresh kernel works (nothing of the hostile one leaked into module-level state). */
export async function nextKernelWorks(): Promise<void> {
  await slotWorks(new Machine());
}
