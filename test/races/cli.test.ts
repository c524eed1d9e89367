// `msgslot races` as a user runs it: the built CLI in a child process, on the reference driver and
// on our own fixtures (test/races/fixtures/, each with one flaw, and one with none), then the
// replay files it wrote, run again with --replay.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/modules.js";

const SCN = "test/races/scenarios/overwrite_while_read.scn";
const fixture = (name: string) => join(REPO, "test/races/fixtures", name);

function msgslot(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [join(REPO, "bin/msgslot.js"), ...args], { cwd, encoding: "latin1" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** explore into a fresh --out directory: the run and the replay files it wrote */
function races(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), "msgslot-races-"));
  const r = msgslot(["races", "--out", out, ...args]);
  const replays = readdirSync(out).sort().map((f) => join(out, f));
  return { ...r, replays };
}

describe("msgslot races", () => {
  it("the reference driver: B's copy_to_user from the message A's write frees is a use-after-free, and its replay file reproduces it", () => {
    const r = races([SCN]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/overwrite_while_read\.scn: \d+ schedules with at most 2 preemptions in [\d.]+ s \(\d+ runs\/s\); all explored; \d+ serial orders; 1 finding\n/);
    expect(r.stdout).toContain("[1] BUG: KASAN: use-after-free in copy_to_user (proc B)");
    // the freed object: allocated by the first write, freed by the second
    expect(r.stdout).toContain("Allocated in device_write (message_slot.c:147)");
    expect(r.stdout).toContain("Freed in device_write (message_slot.c:159)");
    // the interleaving: B stops in copy_to_user, A's write runs whole, B goes on
    expect(r.stdout).toMatch(/\n {4}B read 3 128 \.\.\. {2}preempted at copy_to_user in device_read\(\)\n {4}\.\.\. A write 3 "second" = 6\n {4}\.\.\. B read 3 128 = 6 "first "\n/);
    expect(r.replays).toHaveLength(1);
    const replay = JSON.parse(readFileSync(r.replays[0]!, "utf8"));
    expect(replay.finding).toEqual({ kind: "use-after-free", title: "BUG: KASAN: use-after-free in copy_to_user" });

    const again = msgslot(["races", "--replay", r.replays[0]!]);
    expect(again.status).toBe(1);
    expect(again.stdout).toContain("\nreproduced: BUG: KASAN: use-after-free in copy_to_user\n");
    expect(again.stdout).toContain("Freed in device_write (message_slot.c:159)");
    // the same trace as the report's
    const trace = (s: string) => s.slice(s.indexOf("! insmod"), s.indexOf("B exit (end of scenario) = 0")).replace(/^ +/gm, "");
    expect(trace(again.stdout)).toBe(trace(r.stdout));
  });

  it("two scenario files with one name keep their own replay files", () => {
    const dir = mkdtempSync(join(tmpdir(), "msgslot-races-same-"));
    mkdirSync(join(dir, "a"));
    mkdirSync(join(dir, "b"));
    const text = readFileSync(join(REPO, SCN));
    writeFileSync(join(dir, "a", "x.scn"), text);
    writeFileSync(join(dir, "b", "x.scn"), text);
    const r = races(["--preemptions", "1", join(dir, "a", "x.scn"), join(dir, "b", "x.scn")]);
    expect(r.status).toBe(1);
    expect(r.replays.map((f) => basename(f))).toEqual(["x-2.race-1.json", "x.race-1.json"]);
    expect(r.stdout).toContain(`replay: msgslot races --replay ${r.replays[1]}\n`);
    expect(r.stdout).toContain(`replay: msgslot races --replay ${r.replays[0]}\n`);
    expect(JSON.parse(readFileSync(r.replays[0]!, "utf8")).scenario.path).toContain(join("b", "x.scn"));
  });

  it("the same driver with one mutex around read and write is clean (exit 0)", () => {
    const r = races(["--module", fixture("mutex_slot"), SCN]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/; all explored; \d+ serial orders; 0 findings\n$/);
    expect(r.status).toBe(0);
    expect(r.replays).toEqual([]);
  });

  it("kmalloc(GFP_KERNEL) under a spinlock: BUG: sleeping function called from invalid context", () => {
    const r = races(["--module", fixture("spin_sleep"), SCN]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("BUG: sleeping function called from invalid context at kmalloc(GFP_KERNEL) in slot_write (proc A)");
    expect(r.stdout).toMatch(/in_atomic\(\): 1, irqs_disabled\(\): 0, non_block: 0, pid: \d+, name: A\n/);
    expect(r.stdout).toMatch(/1 lock held by A\/\d+:\n +#0: spinlock 0x[0-9a-f]+\n/);
    const again = msgslot(["races", "--replay", r.replays[0]!]);
    expect(again.stdout).toContain("reproduced: BUG: sleeping function called from invalid context at kmalloc(GFP_KERNEL) in slot_write");
    expect(again.status).toBe(1);
  });

  it("write takes msg_lock then stats_lock, read the other way: lockdep's circular dependency, and the deadlock itself", () => {
    const r = races(["--module", fixture("lock_order"), SCN]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("WARNING: possible circular locking dependency detected (proc B)");
    expect(r.stdout).toMatch(/-> #1 \(mutex stats_lock \(0x[0-9a-f]+\)\): taken by A in slot_write while holding mutex msg_lock/);
    // a schedule where each proc holds one lock and waits for the other
    expect(r.stdout).toMatch(/INFO: task [AB]:\d+ blocked for more than 120 seconds\./);
    expect(r.stdout).toMatch(/B read 3 128 \.\.\. {2}blocked on mutex msg_lock \(0x[0-9a-f]+\) in slot_read\(\): sleeps\n/);
    expect(r.stdout).toMatch(/\.\.\. A write 3 "second" \.\.\. {2}blocked on mutex stats_lock \(0x[0-9a-f]+\) in slot_write\(\): sleeps\n {4}every proc left waits for a lock: deadlock\n/);
    expect(r.replays).toHaveLength(2);
    for (const file of r.replays) {
      const title = JSON.parse(readFileSync(file, "utf8")).finding.title as string;
      const again = msgslot(["races", "--replay", file]);
      expect(again.stdout).toContain(`reproduced: ${title}`);
      expect(again.status).toBe(1);
    }
  });

  it("a write that stores the message a byte at a time: a read sees half of each message, an atomicity violation", () => {
    const r = races(["--module", fixture("torn_read"), SCN]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("atomicity violation: an outcome no serial order of the syscalls can produce");
    // serially B reads "first message" or "second"; here a mixture of both
    const read = /\n +B read 3 128 = (\d+ "[^"]*")\n/.exec(r.stdout)?.[1];
    expect(read).toBeDefined();
    expect(['13 "first message"', '6 "second"']).not.toContain(read);
    expect(read).toMatch(/^13 "s.*message"$/);
    const again = msgslot(["races", "--replay", r.replays[0]!]);
    expect(again.stdout).toContain("reproduced: atomicity violation");
    expect(again.stdout).toContain(`B read 3 128 = ${read}`);
    expect(again.status).toBe(1);
  });

  it("usage errors exit 2 with the help; a file that is not a replay file too", () => {
    for (const args of [[], ["--preemptions", "x", SCN], ["--budget", "0", SCN], ["--replay", "a.json", SCN], ["--module", "/nonexistent", SCN]]) {
      const r = msgslot(["races", ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^msgslot races: /);
    }
    const dir = mkdtempSync(join(tmpdir(), "msgslot-races-"));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{}");
    const r = msgslot(["races", "--replay", bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("not a replay file");
  });
});
