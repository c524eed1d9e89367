#!/usr/bin/env node
// The `msgslot` command: the compiled CLI lives in dist/ (built by `npm install` in a clone,
// shipped prebuilt in the npm package).
import { main } from "../dist/cli/main.js";
process.exitCode = await main(process.argv.slice(2));
