// User programs as processes of the emulated kernel, and the shell (issue 3).
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgramsDir } from "../../src/harness/node-build.js";
import { Machine } from "../../src/process/machine.js";
import { Shell } from "../../src/harness/shell/shell.js";
import { runProgram, type ProgramImage } from "../../src/wasi/run.js";
import { ScriptedMemory } from "../../src/kernel/task.js";
import { O_RDWR, USER_BASE } from "../../src/kernel/constants.js";
import { REPO, referenceModule } from "../helpers/modules.js";
import type { ModuleImage } from "../../src/harness/busybox.js";

let module: ModuleImage;
let channelCmd: number;
const programs = new Map<string, ProgramImage>();

beforeAll(async () => {
  const ref = await referenceModule();
  module = ref.image;
  channelCmd = ref.msgSlotChannel!;
  for (const [dir, names] of [[join(REPO, "module-c"), ["message_sender", "message_reader"]], [join(REPO, "test/fixtures/programs"), ["crash", "echo_args"]]] as const) {
    for (const [name, p] of await buildProgramsDir(dir, [...names])) {
      if (!p.image) throw new Error(`${name}: ${p.result.log}`);
      programs.set(name, p.image);
    }
  }
});

function shell(m = new Machine()) {
  let out = "";
  let err = "";
  const dec = new TextDecoder();
  const sh = new Shell({ machine: m, modules: new Map([[module.name, module]]), programs, write: (fd, d) => {
    const s = typeof d === "string" ? d : dec.decode(d);
    if (fd === 1) out += s;
    else err += s;
  } });
  return { sh, m, out: () => out, err: () => err, reset: () => { out = ""; err = ""; } };
}

describe("message_sender and message_reader on the emulated kernel", () => {
  it("send then read prints exactly the message and exits 0", () => {
    const s = shell();
    const st = s.sh.execute("mknod /dev/slot0 c 235 0; insmod; ./message_sender /dev/slot0 4 hello; ./message_reader /dev/slot0 4");
    expect(st).toBe(0);
    expect(s.out()).toBe("hello");
    expect(s.err()).toBe("");
  });

  it("a binary message with NUL bytes written by a process round-trips through the reader", () => {
    const s = shell();
    s.sh.execute("mknod /dev/slot0 c 235 0; insmod");
    const writer = s.m.spawn("writer", new ScriptedMemory());
    const fd = writer.open("/dev/slot0", O_RDWR);
    expect(writer.ioctl(fd, channelCmd, 9)).toBe(0);
    const msg = Uint8Array.from([0, 1, 0xff, 10, 0, 0x41]);
    (writer.memory as ScriptedMemory).bytes().set(msg, 0);
    expect(writer.write(fd, USER_BASE, msg.length)).toBe(msg.length);
    const r = runProgram({ machine: s.m, program: programs.get("message_reader")!, argv: ["./message_reader", "/dev/slot0", "9"] });
    expect(r.status).toBe(0);
    expect([...r.stdout]).toEqual([...msg]);
  });

  it("error paths: perror text on stderr and exit 1", () => {
    const s = shell();
    expect(s.sh.execute("./message_sender /dev/slot0 1 x")).toBe(1);
    expect(s.err()).toBe("open: No such file or directory\n");
    s.reset();
    expect(s.sh.execute("mknod /dev/slot0 c 235 0; ./message_reader /dev/slot0 1")).toBe(1);
    expect(s.err()).toBe("open: No such device or address\n");
    s.reset();
    s.sh.execute("insmod");
    expect(s.sh.execute("./message_sender /dev/slot0 1 ''")).toBe(1);
    expect(s.err()).toBe("write: Message too long\n");
    s.reset();
    expect(s.sh.execute("./message_reader /dev/slot0 1")).toBe(1);
    expect(s.err()).toBe("read: Resource temporarily unavailable\n");
    s.reset();
    expect(s.sh.execute("./message_sender /dev/slot0 0 x")).toBe(1);
    expect(s.err()).toBe("ioctl: Invalid argument\n");
    expect(s.out()).toBe("");
  });

  it("a program that faults is killed by SIGSEGV (status 139) and the shell says so", () => {
    const s = shell();
    expect(s.sh.execute("./crash; echo $?")).toBe(0);
    expect(s.err()).toBe("Segmentation fault\n");
    expect(s.out()).toBe("139\n");
  });

  it("a program sees its argv and no host environment", () => {
    const s = shell();
    expect(s.sh.execute(`./echo_args 'a b' "c"`)).toBe(3);
    expect(s.out()).toBe("argv[0]=./echo_args\nargv[1]=a b\nargv[2]=c\n");
  });
});

describe("the shell", () => {
  it("runs busybox applets with busybox's messages and statuses", () => {
    const s = shell();
    expect(s.sh.execute("insmod; insmod /message_slot.ko")).toBe(17);
    expect(s.err()).toBe("insmod: can't insert '/message_slot.ko': File exists\n");
    s.reset();
    expect(s.sh.execute("lsmod")).toBe(0);
    expect(s.out()).toMatch(/^Module +Size +Used by\nmessage_slot +\d+ +0\n$/);
    s.reset();
    expect(s.sh.execute("cat /proc/devices")).toBe(0);
    expect(s.out()).toContain("\n235 message_slot\n");
    s.reset();
    expect(s.sh.execute("mknod /dev/slot0 c 235 0; mknod /dev/slot0 c 235 1")).toBe(1);
    expect(s.err()).toBe("mknod: /dev/slot0: File exists\n");
    s.reset();
    expect(s.sh.execute("ls -l /dev")).toBe(0);
    expect(s.out()).toMatch(/^crw-r--r-- +1 root +root +235, +0 .* slot0\n$/);
    s.reset();
    expect(s.sh.execute("rmmod; rmmod")).toBe(1);
    expect(s.err()).toBe("rmmod: can't unload module 'message_slot': No such file or directory\n");
  });

  it("supports $?, && and ||, quoting and reports unknown commands with 127", () => {
    const s = shell();
    expect(s.sh.execute("false || echo yes; true && echo \"st=$?\"; nosuch; echo $?")).toBe(0);
    expect(s.out()).toBe("yes\nst=0\n127\n");
    expect(s.err()).toBe("sh: nosuch: not found\n");
    s.reset();
    expect(s.sh.execute("echo 'unterminated")).toBe(2);
    expect(s.err()).toBe("sh: unterminated quoted string\n");
  });
});
