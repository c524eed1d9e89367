// The page's entry: make the page cross-origin isolated if it can be (isolation.ts), start the
// kernel worker, then load the rest of the page (CodeMirror, xterm.js) while the kernel boots.
// Output and snapshots that arrive before the terminal and the kernel view exist are kept and
// handed over.

import "@xterm/xterm/css/xterm.css";
import "./style.css";
import { KernelClient } from "./kernel-client.js";
import { PREBUILT } from "./sources.js";
import type { Snapshot } from "./protocol.js";
import { ensureIsolation } from "./isolation.js";

const params = new URLSearchParams(location.search);
/** cross-origin isolation (the service worker on a static host); on the first visit the page reloads once */
export const isolation = await ensureIsolation(params);
if (isolation.reloading) await new Promise<never>(() => {}); // the reload is under way: start nothing
/** the shell's watchdog: a command that has not come back after this is a soft lockup (?watchdog=N) */
export const watchdogSecs = Number(params.get("watchdog")) > 0 ? Number(params.get("watchdog")) : 5;

const early: { output: [1 | 2, Uint8Array][]; snapshot?: Snapshot } = { output: [] };
export const hooks: { output(fd: 1 | 2, data: Uint8Array): void; snapshot(s: Snapshot): void } = {
  output: (fd, data) => void early.output.push([fd, data]),
  snapshot: (s) => void (early.snapshot = s),
};
export { early };

export const kernel = new KernelClient(structuredClone(PREBUILT), {
  output: (fd, data) => hooks.output(fd, data),
  snapshot: (s) => hooks.snapshot(s),
}, watchdogSecs * 1000);

void import("./main.js");
