// The CLI as a user runs it: the built bin/msgslot.js in a child process.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";
import { REPO } from "../helpers/modules.js";

export function msgslot(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [join(REPO, "bin/msgslot.js"), ...args], {
    cwd: REPO, encoding: "latin1", input, maxBuffer: 256 << 20, timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No line of a JavaScript stack trace, no Node internals, no uncaught error names. */
export function expectNoTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .*(\(|:\d+:\d+)/m);
  expect(stderr).not.toMatch(/node:internal|Node\.js v\d|(Type|Range|Syntax|Reference)Error|QuoteError|ENOENT:|ENOTDIR:|EISDIR:/);
}
