// Playwright Test for the playground (e2e/): a production build of the app served by
// `vite preview`, driven in the system Chromium (/usr/bin/chromium; Playwright's own browser
// downloads are not used). `npm run test:e2e` runs them.
//
// Each run builds into its own directory and serves it on its own port, so two runs on one
// machine (or a run next to `npm start`) never share a server or a build.
import { defineConfig } from "@playwright/test";
import { tmpdir } from "node:os";
import { join } from "node:path";

// set once in the main process; the test workers inherit it
process.env.MSGSLOT_E2E_PORT ??= String(20000 + (process.pid % 20000));
const PORT = Number(process.env.MSGSLOT_E2E_PORT);
export const OUT_DIR = join(tmpdir(), `msgslot-web-e2e-${PORT}`);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  globalSetup: "./e2e/setup.ts",
  globalTeardown: "./e2e/teardown.ts",
  // the in-browser compiler is heavy: one test at a time (CI has 2 cores)
  workers: 1,
  fullyParallel: false,
  // a cold in-browser build (fetch + start clang, build libkern) takes 10-20 s on 2 busy cores
  timeout: 240_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [["list"]],
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1600, height: 1000 },
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `npx vite build --config vite.config.ts --logLevel error --outDir ${OUT_DIR} && ` +
      `npx vite preview --config vite.config.ts --outDir ${OUT_DIR} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
