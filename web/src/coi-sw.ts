// The playground's service worker: cross-origin isolation on a static host that cannot send
// headers (GitHub Pages, `python3 -m http.server`). The Tests pane's watchdog reads what a grading
// worker is doing from a SharedArrayBuffer (src/harness/watchdog), and browsers give pages one only
// when the page is cross-origin isolated: its response carries
//   Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp.
// This worker answers the page's own (same-origin) requests from the network and adds those
// headers, so the page is isolated from the load after the one that installed it (isolation.ts
// reloads once). Built to coi-sw.js at the top of dist/web (see vite.config.ts): a service worker
// controls only the pages under its own directory.

const sw = self as unknown as ServiceWorkerGlobalScope;

// take over at once: the page that registered us reloads and must be controlled on that reload
sw.addEventListener("install", () => void sw.skipWaiting());
sw.addEventListener("activate", (e) => e.waitUntil(sw.clients.claim()));

sw.addEventListener("fetch", (e) => {
  const req = e.request;
  // another origin's resources are left alone (the playground has none; require-corp would need
  // them to send Cross-Origin-Resource-Policy, which we cannot add to an opaque response)
  if (new URL(req.url).origin !== sw.location.origin) return;
  // a request the browser may only answer from its cache (devtools): no network for it
  if (req.cache === "only-if-cached" && req.mode !== "same-origin") return;
  e.respondWith(isolated(req));
});

async function isolated(req: Request): Promise<Response> {
  const res = await fetch(req);
  // a redirected page (a host adding a trailing slash): let the browser go to the final URL, which
  // we then serve, so the page's relative URLs resolve against where it really is
  if (req.mode === "navigate" && res.redirected) return Response.redirect(res.url, 302);
  // opaque or error responses have no headers to change
  if (res.type === "opaque" || res.type === "opaqueredirect" || res.status === 0) return res;
  const headers = new Headers(res.headers);
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Cross-Origin-Embedder-Policy", "require-corp");
  headers.set("Cross-Origin-Resource-Policy", "same-origin");
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
