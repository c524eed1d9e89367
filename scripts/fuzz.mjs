#!/usr/bin/env node
// npm run fuzz -- [--runs N] [--seed S] [--length L]
// Model-based fuzzing of the emulator against the model of SPEC.md
// (test/fuzz/long.fuzz.ts), longer than the bounded run in `npm test`.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const env = { ...process.env };
const names = { "--runs": "FUZZ_RUNS", "--seed": "FUZZ_SEED", "--length": "FUZZ_LENGTH" };
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].split("=", 2);
  const value = inline ?? args[++i];
  if (!(flag in names) || value === undefined || !/^\d+$/.test(value)) {
    process.stderr.write("usage: npm run fuzz -- [--runs N] [--seed S] [--length L]\n");
    process.exit(2);
  }
  env[names[flag]] = value;
}
const root = fileURLToPath(new URL("..", import.meta.url));
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const r = spawnSync(process.execPath, [vitest, "run", "--config", "test/fuzz/vitest.config.ts"], { cwd: root, env, stdio: "inherit" });
process.exit(r.status ?? 1);
