#!/usr/bin/env node
// The `msgslot` command: the compiled CLI lives in dist/ (built by `npm install` in a clone,
// shipped prebuilt in the npm package).
import { main } from "../dist/cli/main.js";

// A reader that stops early (`msgslot races --builtin | head -1`) closes the pipe: end quietly
// with the status of a tool killed by SIGPIPE (128 + 13), not with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(141);
    throw err;
  });
}
process.exitCode = await main(process.argv.slice(2));
