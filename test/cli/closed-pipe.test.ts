// `msgslot ... | head`: the reader closes the pipe early; the command ends quietly with the status
// of a tool killed by SIGPIPE (141), not with an EPIPE stack trace.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "..", "..");

describe("a closed stdout", () => {
  it("ends msgslot quietly with status 141", async () => {
    // the race explorer prints a line per built-in scenario as it goes; the reader takes the first
    // and closes its end, so the next line's write fails
    const out = mkdtempSync(join(tmpdir(), "msgslot-pipe-"));
    const child = spawn(process.execPath, [join(REPO, "bin/msgslot.js"), "races", "--builtin", "--out", out], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    rmSync(out, { recursive: true, force: true });
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(status).toBe(141);
  }, 60_000);
});
