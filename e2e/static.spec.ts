// The playground on a plain static host (issue 12): dist/web served by `python3 -m http.server`,
// which sends no Cross-Origin-Opener-Policy / Cross-Origin-Embedder-Policy headers, as GitHub
// Pages or a course's web server would serve it. With service workers allowed, the playground's
// own service worker makes the page cross-origin isolated (one reload); with them blocked (or on
// plain http from another host, where browsers allow none), the page runs without
// SharedArrayBuffer, says why, and the Tests pane's watchdog follows the tests by messages.
// Either way the shell, Build and the Tests pane work to a score.
import { expect, test, type Page, type Request } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import config, { OUT_DIR } from "../playwright.config.js";
import { build, editorText, metric, openPlayground, replaceInEditor, run, runTests, screenshot } from "./helpers.js";
import { serveStatic, type StaticServer } from "./static-server.js";

let server: StaticServer;

test.beforeAll(async () => {
  server = await serveStatic(OUT_DIR);
  // the host really sends no isolation headers
  const res = await fetch(server.origin);
  expect(res.status).toBe(200);
  expect(res.headers.get("cross-origin-opener-policy")).toBeNull();
  expect(res.headers.get("cross-origin-embedder-policy")).toBeNull();
});

test.afterAll(async () => {
  await server.close();
});

/** The shell as a new user tries it first. */
async function useShell(page: Page): Promise<void> {
  expect(await run(page, "mknod /dev/slot0 c 235 0")).toBe("");
  expect(await run(page, "insmod message_slot.ko")).toBe("");
  expect(await run(page, "./message_sender /dev/slot0 4 static-host")).toBe("");
  expect(await run(page, "./message_reader /dev/slot0 4")).toContain("static-host");
  expect(await run(page, "echo $?")).toBe("0");
}

type WatchdogStats = { shared: boolean; replays: number; workers: number };
const watchdog = (page: Page) => page.evaluate(() => (window as unknown as { msgslot: { watchdog(): WatchdogStats | undefined } }).msgslot.watchdog());

const pageState = (page: Page) => page.evaluate(() => ({
  isolated: globalThis.crossOriginIsolated,
  sab: typeof SharedArrayBuffer !== "undefined",
  controlled: !!navigator.serviceWorker?.controller,
}));

test("no COOP/COEP from the host: the service worker isolates the page; shell, Build and Tests work", async ({ page }) => {
  await openPlayground(page, "", server.origin);
  // it reloaded once under the service worker, which added the headers
  expect(await pageState(page)).toEqual({ isolated: true, sab: true, controlled: true });
  await expect(page.locator("#isolation-note")).toHaveCount(0);
  await useShell(page);

  const ms = await build(page, "#build");
  metric("static host: in-browser build, cold (ms)", ms);
  await expect(page.locator("body")).toHaveAttribute("data-build", "ok");
  await expect(page.locator("#build-log .summary")).toContainText("message_slot.ko ✓");

  const testsMs = await runTests(page);
  metric("static host, service worker: Tests pane, warm compiler (grader's build + 2023 suite) (ms)", testsMs);
  await expect(page.locator("#tests-view .score")).toHaveText("Score: 100 / 100");
  // every graded test passes; the reference fails only the advisory race explorer (its real use-after-free)
  await expect(page.locator("#tests-view tr.fail[data-test]:not([data-test=concurrency])")).toHaveCount(0);
  await expect(page.locator('#tests-view tr.fail[data-test="concurrency"]')).toHaveCount(1);
  expect(await watchdog(page)).toMatchObject({ shared: true, replays: 0 });
  await screenshot(page, "10-static-host-isolated");
});

test.describe("service workers blocked: no isolation possible", () => {
  test.use({ serviceWorkers: "block" });

  test("the page says why; shell and Tests work, a lockup in a test is still named", async ({ page }) => {
    // what a first load fetches (no service worker in between: what crosses the network)
    const requests: Request[] = [];
    page.on("requestfinished", (r) => void requests.push(r));
    await openPlayground(page, "", server.origin);
    const first = [...requests];
    let wire = 0;
    let gzip = 0;
    for (const r of first) {
      const sizes = await r.sizes();
      wire += sizes.responseBodySize + sizes.responseHeadersSize;
      const path = new URL(r.url()).pathname;
      gzip += gzipSync(readFileSync(join(OUT_DIR, path === "/" ? "index.html" : path))).length;
    }
    metric("first load over the network: requests", first.length);
    metric("first load over the network: bytes transferred (python http.server, no compression)", wire);
    metric("first load: the same files gzipped (as GitHub Pages sends them), bytes", gzip);

    expect(await pageState(page)).toEqual({ isolated: false, sab: false, controlled: false });
    await useShell(page);

    await page.locator("#side-tabs .tab[data-pane=tests-view]").click();
    await expect(page.locator("#isolation-note")).toContainText("This page is not cross-origin isolated (the service worker did not start: the browser may block service workers), so the browser gives it no SharedArrayBuffer.");
    const coldMs = await runTests(page);
    metric("static host, no isolation: Tests pane, cold (compiler download + grader's build + 2023 suite) (ms)", coldMs);
    await expect(page.locator("#tests-view .score")).toHaveText("Score: 100 / 100");
    // every graded test passes; the reference fails only the advisory race explorer (its real use-after-free)
    await expect(page.locator("#tests-view tr.fail[data-test]:not([data-test=concurrency])")).toHaveCount(0);
    await expect(page.locator('#tests-view tr.fail[data-test="concurrency"]')).toHaveCount(1);
    await expect(page.locator("#isolation-note")).toBeVisible();
    // the watchdog followed the tests by messages, and no test fell silent (none ran twice)
    expect(await watchdog(page)).toMatchObject({ shared: false, replays: 0 });
    await screenshot(page, "11-static-host-not-isolated");
    metric("static host, no isolation: Tests pane again, warm (ms)", await runTests(page));
    await expect(page.locator("#tests-view .score")).toHaveText("Score: 100 / 100");

    // a module whose write loops forever on a bad length: those tests are soft lockups, named by
    // the call they are stuck in even without shared memory; the others pass
    await replaceInEditor(page, "message_slot.c", "if (len == 0 || len > BUF_LEN)", "if (len == 0 || len > BUF_LEN) for (;;) {} if (0)");
    await runTests(page);
    const tests = page.locator("#tests-view");
    await expect(tests.locator('tr.fail[data-test="write-129"]')).toBeVisible();
    await expect(tests.locator('tr[data-test="write-129"] + tr.detail-row')).toContainText(/soft lockup - CPU#0 stuck for \d+s!/);
    await expect(tests.locator('tr[data-test="write-129"] + tr.detail-row')).toContainText("in syscall: write(");
    await expect(tests.locator('tr.pass[data-test="write-read"]')).toBeVisible();
    // each locked-up test ran a second time, posting every call, to name the stuck one
    // (a stopped test's own report starts "module code did not return"; a summary row only quotes it)
    const locked = await tests.locator("tr.detail-row", { hasText: "module code did not return: write(" }).count();
    expect(locked).toBeGreaterThanOrEqual(1);
    expect((await watchdog(page))?.replays).toBe(locked);
    expect(await editorText(page)).toContain("for (;;) {}");
  });
});

test("plain http from another host name: not a secure context, so no service worker; the page says why", async ({ playwright }) => {
  // the browser resolves static.test to this machine: http://static.test:PORT/ is what a course
  // server without https is, and browsers allow service workers only on https and localhost
  const launch = config.use?.launchOptions ?? {};
  const browser = await playwright.chromium.launch({ ...launch, args: [...(launch.args ?? []), "--host-resolver-rules=MAP static.test 127.0.0.1"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openPlayground(page, "", server.origin.replace("127.0.0.1", "static.test"));
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await pageState(page)).toEqual({ isolated: false, sab: false, controlled: false });
    await useShell(page);
    await page.locator("#side-tabs .tab[data-pane=tests-view]").click();
    await expect(page.locator("#isolation-note")).toContainText("not cross-origin isolated (the page is not served over https (or from localhost), so the browser allows no service worker)");
  } finally {
    await browser.close();
  }
});
