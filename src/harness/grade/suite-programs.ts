// Tests of message_sender and message_reader, run as processes on the
// emulated kernel with the submission's own module. Browser-safe.

import { strerror } from "../../kernel/errno.js";
import type { RunResult } from "../../wasi/run.js";
import { describeOops, quote, type Session } from "./session.js";
import { bytes, sameBytes, type ProgramCase, type TestDef } from "./suite-defs.js";

const SENDER = "message_sender";
const READER = "message_reader";

/** The sender's argv for a message: PATH CHANNEL [CENSOR] MESSAGE. */
function senderArgs(s: Session, path: string, channel: string, message: string | Uint8Array): (string | Uint8Array)[] {
  return s.variant.censor ? [path, channel, "0", message] : [path, channel, message];
}

function expectRun(s: Session, what: string, r: RunResult, status: number, stdout?: Uint8Array): boolean {
  let ok = true;
  if (r.status !== status) {
    s.fail(`${what}: expected exit status ${status}, got ${r.status}${r.reason ? ` (${r.reason})` : ""}${r.stderr.length ? `, stderr ${JSON.stringify(new TextDecoder().decode(r.stderr))}` : ""}`);
    ok = false;
  }
  if (stdout && !sameBytes(r.stdout, stdout)) {
    s.fail(`${what}: expected stdout ${quote(stdout)} (${stdout.length} bytes), got ${quote(r.stdout)} (${r.stdout.length} bytes)`);
    ok = false;
  }
  return ok;
}

const BINARY = new Uint8Array([0x00, 0x41, 0xff, 0x0a, 0x00, 0x7f, 0x80, 0x0d]);
const LONG = "0123456789abcdef".repeat(8);

export const PROGRAM_TESTS: TestDef[] = [
  {
    id: "programs", name: "user programs: send and read", weight: 2, kind: "course",
    description: "message_sender stores a message (exit 0, nothing on stdout) and message_reader prints exactly its bytes with write() (exit 0): \"hello\", a 128-byte message, and binary bytes with NULs stored by another process",
    run(s) {
      s.boot();
      let r = s.run(SENDER, senderArgs(s, "/dev/slot0", "4", "hello"));
      expectRun(s, "message_sender /dev/slot0 4 hello", r, 0, new Uint8Array(0));
      r = s.run(READER, ["/dev/slot0", "4"]);
      expectRun(s, "message_reader /dev/slot0 4", r, 0, bytes("hello"));
      r = s.run(SENDER, senderArgs(s, "/dev/slot0", "6", LONG));
      expectRun(s, "message_sender of a 128-byte message", r, 0);
      r = s.run(READER, ["/dev/slot0", "6"]);
      expectRun(s, "message_reader of a 128-byte message", r, 0, bytes(LONG));
      const w = s.proc("writer");
      const fd = w.open();
      w.channel(fd, 9);
      if (w.write(fd, BINARY) === BINARY.length) {
        r = s.run(READER, ["/dev/slot0", "9"]);
        expectRun(s, "message_reader of binary bytes (NUL, 0xff, newline)", r, 0, BINARY);
      }
      if (s.variant.censor) {
        r = s.run(SENDER, ["/dev/slot0", "5", "1", "abcdefg"]);
        expectRun(s, "message_sender /dev/slot0 5 1 abcdefg (censored)", r, 0);
        r = s.run(READER, ["/dev/slot0", "5"]);
        expectRun(s, "message_reader /dev/slot0 5", r, 0, bytes("ab#de#g"));
      }
    },
  },
];

// Cases whose outcome is the reference programs' own policy for parsing the channel
// argument (strtoull, range checks): the assignment does not fix it.
const POLICY_CASES = new Set([
  "sender_channel_abc", "reader_channel_abc", "sender_channel_empty", "sender_channel_hex",
  "sender_channel_2p32", "reader_channel_2p32", "sender_channel_minus1", "reader_channel_minus1",
  "sender_channel_erange", "reader_channel_erange", "sender_channel_12abc", "reader_channel_12",
]);

const STRERRORS = new Set(Array.from({ length: 134 }, (_, i) => strerror(i)).filter((m) => !m.startsWith("Unknown")));

/** What a case requires of stderr: a glibc strerror text, or just some message, or nothing. */
function stderrRule(expected: string): { kind: "empty" } | { kind: "any" } | { kind: "text"; text: string } {
  if (expected === "") return { kind: "empty" };
  const m = /^[^:\n]+: (.+)\n$/.exec(expected);
  if (m && STRERRORS.has(m[1])) return { kind: "text", text: m[1] };
  return { kind: "any" };
}

const unhex = (h: string) => {
  const b = new Uint8Array(h.length / 2);
  for (let i = 0; i < b.length; i++) b[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return b;
};

/** Replay Linux's recorded cases (conformance/programs) with the submission's programs and module. */
export const PROGRAMS_LINUX: TestDef = {
  id: "programs-linux", name: "programs behave as on Linux", weight: 0, kind: "extra", variants: ["2023", "2021"], timeMs: 60_000, checkEachCall: false,
  description: "the cases recorded on Linux 6.1 with the reference programs (conformance/programs), minus the channel-parsing policy cases: same exit status, same stdout bytes, an error message on stderr (with glibc's strerror text where the reference prints perror's)",
  run(s, ctx) {
    const cases = ctx.programCases;
    if (!cases || cases.length === 0) {
      s.info("no recorded cases available: skipped");
      return;
    }
    const dec = new TextDecoder();
    let bad = 0;
    let ran = 0;
    for (const c of cases) {
      for (const line of c.setup) {
        const problem = setup(s, line);
        if (problem) {
          s.fail(`setup line "${line}" before ${c.id}: ${problem}; the remaining cases were not replayed`);
          return;
        }
      }
      if (POLICY_CASES.has(c.id)) continue;
      const argv = c.argv_hex.map(unhex);
      const name = dec.decode(argv[0]).replace(/^\.\//, "");
      s.quiet = true;
      const r = s.run(name, argv.slice(1));
      ran++;
      const problems: string[] = [];
      if (r.status !== c.status) problems.push(`exit status ${r.status}, expected ${c.status}`);
      const want = unhex(c.stdout_hex);
      if (!sameBytes(r.stdout, want)) problems.push(`stdout ${quote(r.stdout)}, expected ${quote(want)}`);
      const rule = stderrRule(c.stderr);
      const err = dec.decode(r.stderr);
      if (rule.kind === "empty" && err !== "") problems.push(`stderr ${JSON.stringify(err)}, expected nothing`);
      if (rule.kind === "any" && err === "") problems.push(`no error message on stderr (Linux's reference printed ${JSON.stringify(c.stderr)})`);
      if (rule.kind === "text" && !err.includes(rule.text)) problems.push(`stderr ${JSON.stringify(err)} does not say "${rule.text}" (expected like ${JSON.stringify(c.stderr)})`);
      if (problems.length) {
        bad++;
        if (bad <= 8) s.fail(`${c.id}: ${c.line}: ${problems.join("; ")}`);
      }
    }
    if (bad > 8) s.fail(`... and ${bad - 8} more of ${ran} cases`);
    s.info(`${ran} recorded cases replayed, ${bad} differ`);
  },
};

/** The `setup:` lines of cases.txt, on the session's machine: a problem, or undefined. */
function setup(s: Session, line: string): string | undefined {
  const w = line.trim().split(/\s+/);
  if (w[0] === "insmod") s.insmod();
  else if (w[0] === "rmmod") {
    const oopses = s.oopses.length;
    const r = s.rmmod();
    if (s.oopses.length > oopses) return `rmmod oopsed (see kernel crash): ${describeOops(s.oopses[s.oopses.length - 1])}`;
    if (r !== 0) return `rmmod failed: ${r}`;
  } else if (w[0] === "mknod" && w.length === 5) s.mknod(Number(w[4]), w[1]);
  else if (w[0] === "rm") s.kernel.vfs.unlink(w[1]);
  else throw new Error(`programs-linux: unknown setup line: ${line}`);
  return undefined;
}
