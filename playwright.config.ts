// Playwright Test for the playground (e2e/): the built app (npm run build:web) served by
// `vite preview`, driven in the system Chromium (/usr/bin/chromium; Playwright's own browser
// downloads are not used). `npm run test:e2e` builds and runs them.
import { defineConfig } from "@playwright/test";

const PORT = 4173;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  // the in-browser compiler is heavy: one test at a time (CI has 2 cores)
  workers: 1,
  fullyParallel: false,
  // a cold in-browser build (fetch + compile clang, build libkern) takes ~20 s on 2 cores
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
    command: `npx vite preview --config vite.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
