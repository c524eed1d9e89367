// Random command sequences for model-based fuzzing, rendered as scenario
// scripts (the format of ../shared/oracle): a shrunk counterexample is a
// scenario one can read, run with `msgslot scenario`, or send to the
// real-Linux oracle.
//
// Commands name their process, fd and node by small numbers that are
// resolved against the state when the script is rendered (live processes,
// fresh names for forks), so every subsequence that shrinking tries is
// still a valid scenario.

import fc from "fast-check";
import { TASK_SIZE } from "../../src/kernel/constants.js";
import { ModelLimitation, ModelProcess, SlotModel } from "../../src/harness/model/model.js";
import { shell } from "../../src/harness/model/run.js";

export type Src = { data: Uint8Array } | { bad: "bad" | "kbad"; len: number };

/** An fd: the nth fd the process has open (most of the time), or a raw number (any, even absurd). */
export type FdSel = number | { raw: number };

export type Cmd =
  | { k: "open"; p: number; node: number; mode: number; nonblock: boolean }
  | { k: "close" | "dup"; p: number; fd: FdSel }
  | { k: "ioctl"; p: number; fd: FdSel; cmd: string; arg: bigint }
  | { k: "write"; p: number; fd: FdSel; src: Src }
  | { k: "read"; p: number; fd: FdSel; buf: "" | "bad " | "kbad "; len: number }
  | { k: "fork" | "exit"; p: number }
  | { k: "spawn" }
  | { k: "insmod" | "rmmod" }
  | { k: "rm"; node: number }
  | { k: "mknod"; node: number; major: number; minor: number };

/** The device nodes every fuzz scenario makes, and what open can name. */
export const SETUP = [
  "! insmod /message_slot.ko",
  "! mknod /dev/slot0 c 235 0",
  "! mknod /dev/slot1 c 235 1",
  "! mknod /dev/slot255 c 235 255",
  "! mknod /dev/slot256 c 235 256",
  "! mknod /dev/zero c 1 5",
  "! mknod /dev/other c 235 1",
];
const NODES = ["/dev/slot0", "/dev/slot1", "/dev/slot255", "/dev/other", "/dev/slot256", "/dev/null", "/dev/zero", "/dev/missing", "/dev", "/dev/slot0/x"];
const NODE_WEIGHTS = [30, 20, 10, 8, 3, 3, 2, 2, 1, 1];
const MODES = ["O_RDWR", "O_RDWR", "O_RDONLY", "O_WRONLY"];

// ioctl commands: the module's own, others it must refuse, and the ones the VFS answers itself
// (with args those can only fault on: their results with a mapped pointer depend on memory)
const FOREIGN_CMDS = ["0x4004eb01", "0x4008eb00", "0x8004eb00", "0xc004eb00", "0x4004ec00", "0", "1", "0x541b"];
const VFS_CMDS = ["0x5451", "0x5450", "0x5460"];
const POINTER_CMDS = ["0x5421", "0x5452", "0x2"];
const POINTER_ARGS = [0n, 8n, BigInt(TASK_SIZE), 0xffff_ffffn];
const RESERVED = new Set([0x5421, 0x5452, 0x2, 0x5451, 0x5450, 0x5460]);

const proc = fc.nat(7);
const fdArb: fc.Arbitrary<FdSel> = fc.oneof(
  { weight: 12, arbitrary: fc.nat(15) },
  { weight: 1, arbitrary: fc.record({ raw: fc.constantFrom(-1, 0, 1, 2, 3, 4, 5, 9, 150, 1023, 2147483647) }) },
);

/** Channel ids: 0 (invalid), a few small ones (so processes meet), both sides of 2^20, the 32-bit edges. */
export const channelArb: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0n) },
  { weight: 10, arbitrary: fc.bigInt(1n, 4n) },
  { weight: 3, arbitrary: fc.constantFrom(1048575n, 1048576n, 1048577n, 0x7fff_ffffn, 0x8000_0000n, 0xffff_ffffn) },
  { weight: 2, arbitrary: fc.bigInt(1n, 0xffff_ffffn) },
);

const ioctlArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ k: fc.constant("ioctl" as const), p: proc, fd: fdArb, cmd: fc.constant("MSG_SLOT_CHANNEL"), arg: channelArb }) },
  // the same command with garbage in the upper 32 bits: the kernel's cmd is an unsigned int
  { weight: 1, arbitrary: fc.record({ k: fc.constant("ioctl" as const), p: proc, fd: fdArb, cmd: fc.constant("0x14004eb00"), arg: channelArb }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("ioctl" as const), p: proc, fd: fdArb, cmd: fc.constantFrom(...FOREIGN_CMDS, ...VFS_CMDS), arg: channelArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("ioctl" as const), p: proc, fd: fdArb, cmd: fc.constantFrom(...POINTER_CMDS), arg: fc.constantFrom(...POINTER_ARGS) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("ioctl" as const), p: proc, fd: fdArb,
      cmd: fc.nat({ max: 0xffff_ffff }).filter((c) => !RESERVED.has(c)).map((c) => "0x" + c.toString(16)), arg: channelArb,
    }),
  },
);

const lenArb = fc.oneof({ weight: 10, arbitrary: fc.nat(200) }, { weight: 1, arbitrary: fc.constantFrom(4096, 1 << 20) });

const srcArb: fc.Arbitrary<Src> = fc.oneof(
  { weight: 10, arbitrary: fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 200, size: "max" }), fc.uint8Array({ minLength: 0, maxLength: 8 })).map((data) => ({ data })) },
  { weight: 2, arbitrary: fc.record({ bad: fc.constantFrom("bad" as const, "kbad" as const), len: lenArb }) },
);

export const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant("open" as const), p: proc, node: fc.nat(99), mode: fc.nat(3), nonblock: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("close" as const), p: proc, fd: fdArb }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("dup" as const), p: proc, fd: fdArb }) },
  { weight: 10, arbitrary: ioctlArb },
  { weight: 10, arbitrary: fc.record({ k: fc.constant("write" as const), p: proc, fd: fdArb, src: srcArb }) },
  { weight: 10, arbitrary: fc.record({ k: fc.constant("read" as const), p: proc, fd: fdArb, buf: fc.constantFrom("" as const, "" as const, "" as const, "bad " as const, "kbad " as const), len: lenArb }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("fork" as const), p: proc }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("exit" as const), p: proc }) },
  { weight: 1, arbitrary: fc.constant({ k: "spawn" as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ k: "insmod" as const }, { k: "rmmod" as const }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("rm" as const), node: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("mknod" as const), node: fc.nat(3),
      major: fc.constantFrom(235, 235, 235, 1, 240), minor: fc.constantFrom(0, 1, 2, 255, 256, 5, 3),
    }),
  },
);

/** A sequence of commands that prints as the scenario it is. */
export class Script {
  readonly text: string;
  /** operations in it (setup lines included) */
  readonly ops: number;

  constructor(readonly cmds: Cmd[]) {
    const lines = render(cmds);
    this.text = lines.join("\n") + "\n";
    this.ops = lines.length;
  }

  [fc.toStringMethod](): string {
    return `\n${this.text}`;
  }

  toString(): string {
    return this.text;
  }
}

export const scriptArb = (maxLength: number): fc.Arbitrary<Script> =>
  fc.array(cmdArb, { minLength: 1, maxLength, size: "max" }).map((cmds) => new Script(cmds));

/**
 * Scenario lines for a command list (setup first). A model follows along so
 * that fds can be chosen among those the process has open: the choice only
 * steers the inputs; the results are what the test compares.
 */
export function render(cmds: Cmd[]): string[] {
  const lines = [...SETUP];
  const model = new SlotModel({ msgSlotChannel: 1 });
  model.nodes.set("/dev/null", { major: 1, minor: 3 });
  for (const l of SETUP) shell(model, l.slice(2));
  const procs = new Map<string, ModelProcess>();
  const live: string[] = [];
  let fresh = 0;
  const spawn = (name: string) => {
    const p = new ModelProcess(name);
    for (let fd = 0; fd < 3; fd++) model.open(p, "/dev/null", 2);
    procs.set(name, p);
    live.push(name);
  };
  spawn("A");
  spawn("B");
  const pick = (i: number): [string, ModelProcess] => {
    if (live.length === 0) spawn(`P${++fresh}`);
    const name = live[i % live.length];
    return [name, procs.get(name)!];
  };
  const fdOf = (p: ModelProcess, sel: FdSel): number => {
    if (typeof sel !== "number") return sel.raw;
    const open = p.fds.flatMap((f, fd) => (f ? [fd] : []));
    const devices = open.filter((fd) => fd >= 3);
    // mostly the devices it opened, sometimes stdio (/dev/null), sometimes one past the end
    if (sel % 8 === 7 || open.length === 0) return open.length ? Math.max(...open) + 1 : 3;
    const from = devices.length > 0 && sel % 8 !== 6 ? devices : open;
    return from[sel % from.length];
  };
  const quiet = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof ModelLimitation)) throw e;
    }
  };
  for (const c of cmds) {
    switch (c.k) {
      case "spawn":
        spawn(`P${++fresh}`);
        break;
      case "insmod":
        lines.push("! insmod /message_slot.ko");
        model.insmod();
        break;
      case "rmmod":
        lines.push("! rmmod message_slot");
        model.rmmod();
        break;
      case "rm":
        lines.push(`! rm ${NODES[c.node]}`);
        model.rm(NODES[c.node]);
        break;
      case "mknod":
        lines.push(`! mknod ${NODES[c.node]} c ${c.major} ${c.minor}`);
        model.mknod(NODES[c.node], c.major, c.minor);
        break;
      case "open": {
        const [name, p] = pick(c.p);
        const path = weighted(NODES, NODE_WEIGHTS, c.node);
        lines.push(`${name} open ${path} ${MODES[c.mode]}${c.nonblock ? "|O_NONBLOCK" : ""}`);
        model.open(p, path, [2, 2, 0, 1][c.mode]);
        break;
      }
      case "close":
      case "dup": {
        const [name, p] = pick(c.p);
        const fd = fdOf(p, c.fd);
        lines.push(`${name} ${c.k} ${fd}`);
        if (c.k === "close") model.close(p, fd);
        else model.dup(p, fd);
        break;
      }
      case "ioctl": {
        const [name, p] = pick(c.p);
        const fd = fdOf(p, c.fd);
        lines.push(`${name} ioctl ${fd} ${c.cmd} ${c.arg}`);
        quiet(() => model.ioctl(p, fd, c.cmd === "MSG_SLOT_CHANNEL" ? 1n : BigInt(c.cmd), c.arg));
        break;
      }
      case "write": {
        const [name, p] = pick(c.p);
        lines.push(`${name} write ${fdOf(p, c.fd)} ${"data" in c.src ? quote(c.src.data) : `${c.src.bad} ${c.src.len}`}`);
        break;
      }
      case "read": {
        const [name, p] = pick(c.p);
        lines.push(`${name} read ${fdOf(p, c.fd)} ${c.buf}${c.len}`);
        break;
      }
      case "fork": {
        const [parent, p] = pick(c.p);
        const child = `P${++fresh}`;
        lines.push(`${parent} fork ${child}`);
        procs.set(child, model.fork(p, child));
        live.push(child);
        break;
      }
      case "exit": {
        const [name, p] = pick(c.p);
        lines.push(`${name} exit`);
        model.exit(p);
        live.splice(live.indexOf(name), 1);
        break;
      }
    }
  }
  return lines;
}

function weighted<T>(items: T[], weights: number[], n: number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = n % total;
  for (let i = 0; i < items.length; i++) {
    if (x < weights[i]) return items[i];
    x -= weights[i];
  }
  return items[items.length - 1];
}

/** A scenario string literal: printable ASCII as is, everything else escaped. */
export function quote(data: Uint8Array): string {
  let s = '"';
  for (const b of data) {
    if (b === 0x22) s += '\\"';
    else if (b === 0x5c) s += "\\\\";
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += "\\x" + b.toString(16).padStart(2, "0");
  }
  return s + '"';
}
