// The playground (web/): `npm start` serves it, `npm run build:web` builds it into dist/web,
// and the Playwright specs (e2e/) run against `vite preview` of that build.
import { defineConfig } from "vite";

// cross-origin isolation: the watchdog reads what a grading worker is doing from a
// SharedArrayBuffer (src/harness/watchdog), which browsers only allow in isolated pages
const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

export default defineConfig({
  root: "web",
  // relative asset URLs: the build works from any directory of a static host
  base: "./",
  publicDir: false,
  server: {
    port: 5173,
    // the page imports ../module-c and ../wasm, the worker ../src
    fs: { allow: [".."] },
    headers: ISOLATION,
  },
  preview: { port: 4173, headers: ISOLATION },
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    // @yowasp/clang's 72 MB llvm.core.wasm is an asset fetched on the first Build, not code
    chunkSizeWarningLimit: 2048,
    assetsInlineLimit: 0,
    target: "es2022",
    rolldownOptions: {
      // the page, and the cross-origin isolation service worker for static hosts (web/src/coi-sw.ts):
      // at the top of dist/web under a fixed name, since a service worker controls only the pages
      // under its own directory and the page registers it by name
      input: { index: "web/index.html", "coi-sw": "web/src/coi-sw.ts" },
      output: { entryFileNames: (chunk) => (chunk.name === "coi-sw" ? "coi-sw.js" : "assets/[name]-[hash].js") },
    },
  },
  worker: { format: "es" },
  // @yowasp/clang finds its wasm and resources with new URL("./…", import.meta.url): it must be
  // served from its own directory, not pre-bundled into .vite/deps
  optimizeDeps: { exclude: ["@yowasp/clang"] },
});
