// A fresh Node process's cold start (run by startup.ts): import the kernel, compile the
// precompiled module from disk, boot, insmod, mknod, first write and read. Prints JSON:
// toFirstRead = ms since this process started (performance.timeOrigin), kernelPart = ms from
// before the imports to the first read.
const t0 = performance.now();
const { readFileSync } = await import("node:fs");
const { join } = await import("node:path");
const { findRepoRoot } = await import("../src/toolchain/repo-root.js");
const { loadImage } = await import("../src/harness/module-build.js");
const { coldPath } = await import("./cold-path.js");
const bytes = readFileSync(join(findRepoRoot(), "wasm", "message_slot.wasm"));
const { image, msgSlotChannel } = await loadImage(new Uint8Array(bytes));
coldPath(image, msgSlotChannel!);
const t1 = performance.now();
process.stdout.write(JSON.stringify({ toFirstRead: t1, kernelPart: t1 - t0 }));
