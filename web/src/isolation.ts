// Cross-origin isolation on any static host (DESIGN.md: "The playground on a static host").
// With it the Tests pane's watchdog samples a SharedArrayBuffer; without it the watchdog falls back
// to messages (src/harness/watchdog/posted.ts), so every feature works either way. Isolation
// comes from the server's COOP/COEP headers (vite dev/preview send them) or, on a host that cannot
// send headers, from our service worker (coi-sw.ts): registered on the first visit, then one reload.

export interface Isolation {
  /** SharedArrayBuffer is available (crossOriginIsolated) */
  isolated: boolean;
  /** how: "headers" (the host or our service worker sent them), or why not */
  how: string;
  /** the page is about to reload to come back under the service worker: start nothing */
  reloading: boolean;
}

const RELOADED = "msgslot-coi-reloaded";
const SW_URL = "./coi-sw.js";

function sessionFlag(set?: boolean): boolean | undefined {
  try {
    if (set === undefined) return sessionStorage.getItem(RELOADED) === "1";
    if (set) sessionStorage.setItem(RELOADED, "1");
    else sessionStorage.removeItem(RELOADED);
    return set;
  } catch {
    return undefined; // storage blocked: we cannot guard a reload, so we do not reload
  }
}

/** Make the page cross-origin isolated if it can be; never throws. `?isolation=off` skips it. */
export async function ensureIsolation(params: URLSearchParams): Promise<Isolation> {
  if (globalThis.crossOriginIsolated) {
    sessionFlag(false);
    return { isolated: true, how: navigator.serviceWorker?.controller ? "the playground's service worker" : "the server's headers", reloading: false };
  }
  const off = (how: string): Isolation => ({ isolated: false, how, reloading: false });
  if (params.get("isolation") === "off") return off("turned off by ?isolation=off");
  if (import.meta.env.DEV) return off("the dev server did not send COOP/COEP");
  if (!window.isSecureContext) return off("the page is not served over https (or from localhost), so the browser allows no service worker");
  if (!("serviceWorker" in navigator)) return off("this browser (or its settings, e.g. a private window) allows no service worker");
  let reg: ServiceWorkerRegistration;
  try {
    reg = await navigator.serviceWorker.register(SW_URL);
  } catch (e) {
    return off(`the service worker could not be registered: ${(e as Error).message}`);
  }
  const reloaded = sessionFlag();
  // once per tab: if the reload did not bring isolation (the worker is blocked, a hard reload
  // bypassed it, the browser ignores the headers), the page runs without it
  if (reloaded !== false) {
    return off(reloaded ? "the service worker did not make the page isolated (a hard reload bypasses it: reload normally)" : "the page cannot remember a reload (storage is blocked)");
  }
  // wait (briefly) until the worker is active, then come back under it
  const active = await Promise.race([
    navigator.serviceWorker.ready.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000)),
  ]);
  if (!active || !reg.active) return off("the service worker did not start: the browser may block service workers");
  sessionFlag(true);
  location.reload();
  return { isolated: false, how: "reloading under the service worker", reloading: true };
}
