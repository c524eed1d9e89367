// The module's tests: the course's key (2021 weights, SPEC.md "How graders
// score it") and what msgslot adds. Each runs on a fresh kernel. Browser-safe.

import { TASK_SIZE, USER_BASE } from "../../kernel/constants.js";
import { EAGAIN, EFAULT, EINVAL, EMSGSIZE, ENOSPC } from "../../kernel/errno.js";
import { rc, type Session } from "./session.js";
import { bytes, expectErr, expectRc, expectRead, type TestDef } from "./suite-defs.js";

/** write then read back a message on a fresh fd: the common opening of many tests. */
function opened(s: Session, channel = 1, path = "/dev/slot0") {
  const a = s.proc("A");
  const fd = a.open(path);
  if (fd < 0) {
    s.fail(`open("${path}"): expected a file descriptor, got ${rc(fd)}`);
    return null;
  }
  if (!expectRc(s, `ioctl(${fd}, MSG_SLOT_CHANNEL, ${channel})`, a.channel(fd, channel), 0)) return null;
  return { a, fd };
}

/** longer than the overwrite test's first two messages and than their kmalloc size classes (16 bytes) */
const LONGER = "a longer message than the first two, replacing them";

const pattern128 = (() => {
  const b = new Uint8Array(128);
  for (let i = 0; i < 128; i++) b[i] = (i * 37 + 11) & 0xff;
  b[0] = 0; // a NUL first: not a C string
  b[1] = 0xff;
  b[2] = 0x0a;
  b[64] = 0;
  return b;
})();

export const COURSE_TESTS: TestDef[] = [
  {
    id: "write-read", name: "write then read back", weight: 20, kind: "course",
    description: "open /dev/slot0, set channel 1, write \"Hello\", read it back: 5 bytes, exactly \"Hello\"",
    run(s) {
      s.boot();
      const o = opened(s);
      if (!o) return;
      expectRc(s, "write(fd, \"Hello\", 5)", o.a.write(o.fd, "Hello"), 5);
      expectRead(s, "read(fd, buf, 128)", o.a.read(o.fd, 128), "Hello");
    },
  },
  {
    id: "two-slots", name: "two slots, same channel id, separate messages", weight: 10, kind: "course",
    description: "channel 5 of /dev/slot0 and channel 5 of /dev/slot1 keep their own messages",
    run(s) {
      s.boot();
      const a = s.proc("A");
      const f0 = a.open("/dev/slot0");
      const f1 = a.open("/dev/slot1");
      expectRc(s, "ioctl(slot0, MSG_SLOT_CHANNEL, 5)", a.channel(f0, 5), 0);
      expectRc(s, "ioctl(slot1, MSG_SLOT_CHANNEL, 5)", a.channel(f1, 5), 0);
      expectRc(s, "write(slot0, \"slot zero message\")", a.write(f0, "slot zero message"), 17);
      expectRc(s, "write(slot1, \"slot one\")", a.write(f1, "slot one"), 8);
      expectRead(s, "read(slot0)", a.read(f0), "slot zero message");
      expectRead(s, "read(slot1)", a.read(f1), "slot one");
    },
  },
  {
    id: "two-processes", name: "two processes, two channels of one slot", weight: 10, kind: "course",
    description: "process A uses channel 1 and process B channel 2 of /dev/slot0, interleaved; each reads its own message, and each channel is visible to the other process",
    run(s) {
      s.boot();
      const A = s.proc("A");
      const B = s.proc("B");
      const a = A.open();
      const b = B.open();
      expectRc(s, "A: ioctl(MSG_SLOT_CHANNEL, 1)", A.channel(a, 1), 0);
      expectRc(s, "B: ioctl(MSG_SLOT_CHANNEL, 2)", B.channel(b, 2), 0);
      expectRc(s, "A: write(\"from A\")", A.write(a, "from A"), 6);
      expectRc(s, "B: write(\"from B!\")", B.write(b, "from B!"), 7);
      expectRead(s, "A: read (channel 1)", A.read(a), "from A");
      expectRead(s, "B: read (channel 2)", B.read(b), "from B!");
      const a2 = A.open();
      A.channel(a2, 2);
      expectRead(s, "A: read channel 2 through a new fd", A.read(a2), "from B!");
    },
  },
  {
    id: "ioctl-per-fd", name: "ioctl on one fd does not change another open fd", weight: 2, kind: "course",
    description: "two fds of /dev/slot0 in one process, channels 1 and 2: each writes and reads its own channel",
    run(s) {
      s.boot();
      const a = s.proc("A");
      const f1 = a.open();
      const f2 = a.open();
      expectRc(s, "ioctl(fd1, MSG_SLOT_CHANNEL, 1)", a.channel(f1, 1), 0);
      expectRc(s, "ioctl(fd2, MSG_SLOT_CHANNEL, 2)", a.channel(f2, 2), 0);
      expectRc(s, "write(fd1, \"one\")", a.write(f1, "one"), 3);
      expectRead(s, "read(fd1) after fd2's ioctl", a.read(f1), "one");
      expectRc(s, "write(fd2, \"two\")", a.write(f2, "two"), 3);
      expectRead(s, "read(fd1) after fd2's write", a.read(f1), "one");
      expectRead(s, "read(fd2)", a.read(f2), "two");
    },
  },
  {
    id: "ioctl-later-fds", name: "ioctl does not leak to fds opened later", weight: 2, kind: "course",
    description: "after ioctl on an fd of /dev/slot0, fds opened later (on /dev/slot1, and on /dev/slot0 again) have no channel: write and read give EINVAL",
    run(s) {
      s.boot();
      const o = opened(s, 7);
      if (!o) return;
      o.a.write(o.fd, "seven");
      const other = o.a.open("/dev/slot1");
      expectRc(s, "write on a later fd of /dev/slot1 (no ioctl)", o.a.write(other, "x"), -EINVAL);
      expectRc(s, "read on a later fd of /dev/slot1 (no ioctl)", o.a.read(other).rc, -EINVAL);
      const same = o.a.open("/dev/slot0");
      expectRc(s, "write on a later fd of /dev/slot0 (no ioctl)", o.a.write(same, "x"), -EINVAL);
      expectRc(s, "read on a later fd of /dev/slot0 (no ioctl)", o.a.read(same).rc, -EINVAL);
    },
  },
  {
    id: "overwrite", name: "overwrite returns the newer message", weight: 2, kind: "course",
    description: "write \"first message\", then \"second\" on the same channel: read returns \"second\"; then a longer message than both, and a shorter one again, replace it too",
    run(s) {
      s.boot();
      const o = opened(s);
      if (!o) return;
      expectRc(s, "write(\"first message\")", o.a.write(o.fd, "first message"), 13);
      expectRc(s, "write(\"second\")", o.a.write(o.fd, "second"), 6);
      expectRead(s, "read", o.a.read(o.fd), "second");
      // a module that keeps the first message's buffer overflows it here (Linux: a usercopy BUG)
      expectRc(s, `write("${LONGER}")`, o.a.write(o.fd, LONGER), LONGER.length);
      expectRead(s, "read after a longer message", o.a.read(o.fd), LONGER);
      expectRc(s, "write(\"short\")", o.a.write(o.fd, "short"), 5);
      expectRead(s, "read after a shorter message", o.a.read(o.fd), "short");
    },
  },
  {
    id: "read-twice", name: "read twice", weight: 2, kind: "course",
    description: "a message can be read any number of times",
    run(s) {
      s.boot();
      const o = opened(s);
      if (!o) return;
      o.a.write(o.fd, "twice");
      expectRead(s, "first read", o.a.read(o.fd), "twice");
      expectRead(s, "second read", o.a.read(o.fd), "twice");
    },
  },
  {
    id: "binary", name: "arbitrary bytes round-trip", weight: 2, kind: "course",
    description: "a 128-byte message of every kind of byte (NUL, 0xff, newline) and a 1-byte NUL message come back exactly",
    run(s) {
      s.boot();
      const o = opened(s);
      if (!o) return;
      expectRc(s, "write(128 binary bytes)", o.a.write(o.fd, pattern128), 128);
      expectRead(s, "read(fd, buf, 128)", o.a.read(o.fd, 128), pattern128);
      o.a.channel(o.fd, 2);
      expectRc(s, "write(\"\\x00\", 1)", o.a.write(o.fd, new Uint8Array([0])), 1);
      expectRead(s, "read", o.a.read(o.fd, 128), new Uint8Array([0]));
    },
  },
  {
    id: "empty-channel", name: "read of an empty channel: EWOULDBLOCK", weight: 2, kind: "course",
    description: "reading a channel that has no message gives -1 EWOULDBLOCK (EAGAIN)",
    run(s) {
      s.boot();
      const o = opened(s, 3);
      if (!o) return;
      expectRc(s, "read of channel 3 (never written)", o.a.read(o.fd).rc, -EAGAIN);
      o.a.write(o.fd, "three");
      o.a.channel(o.fd, 4);
      expectRc(s, "read of channel 4 while channel 3 has a message", o.a.read(o.fd).rc, -EAGAIN);
    },
  },
  {
    id: "empty-write", name: "empty write: EMSGSIZE", weight: 2, kind: "course",
    description: "write of 0 bytes gives -1 EMSGSIZE",
    run(s) {
      s.boot();
      const o = opened(s);
      if (!o) return;
      expectRc(s, "write(fd, \"\", 0)", o.a.write(o.fd, ""), -EMSGSIZE);
    },
  },
  {
    id: "write-129", name: "129-byte write: EMSGSIZE", weight: 2, kind: "course",
    description: "write of 129 bytes gives -1 EMSGSIZE",
    run(s) {
      s.boot();
      const o = opened(s);
      if (!o) return;
      expectRc(s, "write(fd, buf, 129)", o.a.write(o.fd, new Uint8Array(129).fill(0x41)), -EMSGSIZE);
    },
  },
  {
    id: "write-no-channel", name: "write without a channel: EINVAL", weight: 2, kind: "course",
    description: "write on an fd that never had an ioctl gives -1 EINVAL",
    run(s) {
      s.boot();
      const a = s.proc("A");
      const fd = a.open();
      expectRc(s, "write(fd, \"x\", 1) with no channel set", a.write(fd, "x"), -EINVAL);
    },
  },
  {
    id: "read-no-channel", name: "read without a channel: EINVAL", weight: 2, kind: "course",
    description: "read on an fd that never had an ioctl gives -1 EINVAL",
    run(s) {
      s.boot();
      const a = s.proc("A");
      const fd = a.open();
      expectRc(s, "read(fd, buf, 128) with no channel set", a.read(fd).rc, -EINVAL);
    },
  },
  {
    id: "small-buffer", name: "read into a too small buffer: ENOSPC", weight: 2, kind: "course",
    description: "reading a 10-byte message into a 5-byte buffer gives -1 ENOSPC",
    run(s) {
      s.boot();
      const o = opened(s);
      if (!o) return;
      o.a.write(o.fd, "0123456789");
      expectRc(s, "read(fd, buf, 5) of a 10-byte message", o.a.read(o.fd, 5).rc, -ENOSPC);
    },
  },
  {
    id: "big-ids", name: "channel ids above 2^20", weight: 1, kind: "course",
    description: "channels 2^20+1, 2^31 and 2^32-1 work and are separate",
    run(s) {
      s.boot();
      const a = s.proc("A");
      const fd = a.open();
      const ids = [2 ** 20 + 1, 2 ** 31, 2 ** 32 - 1];
      for (const id of ids) {
        if (!expectRc(s, `ioctl(MSG_SLOT_CHANNEL, ${id})`, a.channel(fd, id), 0)) return;
        a.write(fd, `channel ${id}`);
      }
      for (const id of ids) {
        a.channel(fd, id);
        expectRead(s, `read of channel ${id}`, a.read(fd), `channel ${id}`);
      }
    },
  },
];

const KEEP = "keep me";

export const MODULE_EXTRAS: TestDef[] = [
  {
    id: "load-unload", name: "load and unload without use", weight: 0, kind: "extra",
    description: "insmod, then rmmod with no device file made or opened, as a course's VM does first: the exit function must cope with a module that was never used (an oops here fails \"kernel crash\")",
    run(s) {
      s.insmod();
      const r = s.rmmod();
      s.trace(`rmmod ${s.moduleName} (never used) = ${rc(r)}`);
      const oops = s.oopses[s.oopses.length - 1];
      if (oops) s.fail(`rmmod of the unused module: the exit function oopsed: ${s.describeOops(oops)}`);
      else expectRc(s, "rmmod of the unused module", r, 0);
    },
  },
  {
    id: "large-read", name: "read into a large buffer", weight: 0, kind: "extra",
    description: "a 5-byte message read with buffers of 129, 1000 and 4096 bytes gives its 5 bytes (a module that copies as many bytes as the buffer holds, not the message's length, overruns its own memory: on Linux a FORTIFY_SOURCE or usercopy BUG)",
    run(s) {
      s.boot();
      const o = opened(s);
      if (!o) return;
      expectRc(s, "write(fd, \"Hello\", 5)", o.a.write(o.fd, "Hello"), 5);
      for (const n of [129, 1000, 4096]) expectRead(s, `read(fd, buf, ${n})`, o.a.read(o.fd, n), "Hello");
    },
  },
  {
    id: "ioctl-errors", name: "ioctl: channel 0 and unknown commands give EINVAL", weight: 0, kind: "extra",
    description: "ioctl(MSG_SLOT_CHANNEL, 0) and an ioctl command that is not the module's give -1 EINVAL",
    run(s) {
      s.boot();
      const a = s.proc("A");
      const fd = a.open();
      expectRc(s, "ioctl(fd, MSG_SLOT_CHANNEL, 0)", a.channel(fd, 0), -EINVAL);
      const known = [s.loaded.channelCmd, s.loaded.setCenCmd];
      let other = ((s.loaded.channelCmd ?? 0) + 7) >>> 0;
      while (known.includes(other)) other = (other + 1) >>> 0;
      expectRc(s, `ioctl(fd, 0x${other.toString(16)} (not the module's), 1)`, a.ioctl(fd, other, 1), -EINVAL);
    },
  },
  {
    id: "failed-write-keeps", name: "a failed write keeps the old message", weight: 0, kind: "extra",
    description: "after an empty and a 129-byte write fail with EMSGSIZE, the channel still holds its message (writes are atomic)",
    run(s) {
      s.boot();
      const o = opened(s);
      if (!o) return;
      o.a.write(o.fd, KEEP);
      expectRc(s, "write(fd, \"\", 0)", o.a.write(o.fd, ""), -EMSGSIZE);
      expectRc(s, "write(fd, buf, 129)", o.a.write(o.fd, new Uint8Array(129).fill(0x42)), -EMSGSIZE);
      expectRead(s, "read after the failed writes", o.a.read(o.fd), KEEP);
    },
  },
  {
    id: "dup-fork", name: "dup and fork share the channel", weight: 0, kind: "extra",
    description: "the channel belongs to the open file: a dup'ed fd and a forked child use it too",
    run(s) {
      s.boot();
      const o = opened(s, 6);
      if (!o) return;
      const d = o.a.dup(o.fd);
      expectRc(s, "write through the dup'ed fd", o.a.write(d, "via dup"), 7);
      expectRead(s, "read through the original fd", o.a.read(o.fd), "via dup");
      const child = o.a.fork("child");
      expectRc(s, "child: write through the inherited fd", child.write(o.fd, "via fork"), 8);
      child.exit();
      expectRead(s, "parent: read after the child exited", o.a.read(o.fd), "via fork");
    },
  },
  {
    id: "bad-buffers", name: "bad user buffers: EFAULT", weight: 0, kind: "extra",
    description: "write and read with NULL, (void *)8, a kernel address (TASK_SIZE) and a buffer running off the end of user memory fail with EFAULT (EINVAL accepted), without a crash, and a failed write keeps the old message",
    run(s) {
      s.boot();
      const o = opened(s);
      if (!o) return;
      const { a, fd } = o;
      a.write(fd, KEEP);
      const end = USER_BASE + a.p.memory.bytes().length;
      const bad: [number, string][] = [[0, "NULL"], [8, "(void *)8"], [TASK_SIZE, "TASK_SIZE"]];
      for (const [addr, label] of bad) {
        expectErr(s, `write(fd, ${label}, 5)`, a.writeAt(fd, addr, 5, label), [EFAULT, EINVAL]);
      }
      a.p.memory.bytes().set(bytes("abc"), end - 3 - USER_BASE);
      expectErr(s, "write(fd, last 3 bytes of user memory, 10)", a.writeAt(fd, end - 3, 10, "end-3"), [EFAULT, EINVAL]);
      expectRead(s, "read after the failed writes", a.read(fd), KEEP);
      for (const [addr, label] of bad) {
        expectErr(s, `read(fd, ${label}, 128)`, a.readAt(fd, addr, 128, label), [EFAULT, EINVAL]);
      }
      expectErr(s, "read(fd, last 2 bytes of user memory, 128)", a.readAt(fd, end - 2, 128, "end-2"), [EFAULT, EINVAL]);
      expectRead(s, "read after the failed reads", a.read(fd), KEEP);
    },
  },
  {
    id: "all-minors", name: "all 256 minors", weight: 0, kind: "extra",
    description: "256 device files (minors 0-255) open at once, each with its own message on channel 1",
    run(s) {
      s.insmod();
      const a = s.proc("A");
      const fds: number[] = [];
      s.quiet = true;
      for (let m = 0; m < 256; m++) {
        const path = s.mknod(m, `/dev/ms${m}`);
        const fd = a.open(path);
        if (fd < 0) {
          s.fail(`open("${path}") (minor ${m}): expected a file descriptor, got ${rc(fd)}`);
          return;
        }
        if (!expectRc(s, `ioctl(MSG_SLOT_CHANNEL, 1) on minor ${m}`, a.channel(fd, 1), 0)) return;
        if (!expectRc(s, `write on minor ${m}`, a.write(fd, `minor ${m}`), `minor ${m}`.length)) return;
        fds.push(fd);
      }
      let bad = 0;
      for (let m = 0; m < 256; m++) {
        if (!expectRead(s, `read of minor ${m}`, a.read(fds[m]), `minor ${m}`) && ++bad >= 3) return;
      }
      for (const fd of fds) a.close(fd);
    },
  },
];
