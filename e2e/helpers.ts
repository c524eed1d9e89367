// What the specs do as a user: type into the terminal, read it, edit with the editor's own
// search-and-replace, press the buttons; plus screenshots and the metrics the run reports.
import { expect, type Page } from "@playwright/test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SCREENSHOTS = join(ROOT, "test-results", "screenshots");
const METRICS = join(ROOT, "test-results", "playground-metrics.json");

/** Open the playground (each test's browser context starts with nothing stored) and wait for the
 *  shell prompt; returns the page's time from navigation (its last, if it reloaded) to a working
 *  shell, in ms. */
export async function openPlayground(page: Page, query = "", origin?: string): Promise<number> {
  // origin: another server of the same build (static.spec.ts); the default is the config's baseURL
  await page.goto(origin ? new URL(query, origin).href : `./${query}`);
  await expect(page.locator("body")).toHaveAttribute("data-shell", "ready");
  await expect(page.locator(".xterm-rows")).toContainText("/ #");
  return Number(await page.locator("body").getAttribute("data-shell-ready-ms"));
}

/** The whole terminal, scrollback included. */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { msgslot: { terminalText(): string } }).msgslot.terminalText());
}

/** Type a command line into the terminal, press Enter, wait for the prompt; returns what it printed. */
export async function run(page: Page, line: string): Promise<string> {
  const before = Number((await page.locator("body").getAttribute("data-commands")) ?? 0);
  const textBefore = await terminalText(page);
  await page.locator(".xterm-helper-textarea").focus();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  await expect(page.locator("body")).toHaveAttribute("data-commands", String(before + 1), { timeout: 30_000 });
  const after = await terminalText(page);
  // the output: after the line we typed, up to the new prompt
  const rest = after.slice(textBefore.length);
  const start = rest.indexOf(line);
  const out = rest.slice(start + line.length).replace(/^\n/, "");
  return out.replace(/\n?\/ #\s*$/, "");
}

/** Replace text in the open editor tab with CodeMirror's search panel (Ctrl-F), as a user would. */
export async function replaceInEditor(page: Page, file: string, search: string, replace: string): Promise<void> {
  await page.locator(`#file-tabs .tab[data-file="${file}"]`).click();
  await page.locator("#editor .cm-content").click();
  await page.keyboard.press("Control+f");
  const find = page.locator("#editor input[name=search]");
  await find.fill(search);
  await page.locator("#editor input[name=replace]").fill(replace);
  await page.locator("#editor button[name=replaceAll]").click();
  await page.keyboard.press("Escape");
  await expect.poll(() => editorText(page)).toContain(replace);
}

/** The text of the open editor tab (the editor renders only the lines in view). */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { msgslot: { editorText(): string } }).msgslot.editorText());
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Record a measurement in test-results/playground-metrics.json (the run's report of timings). */
export function metric(name: string, value: number | string): void {
  mkdirSync(dirname(METRICS), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(METRICS, "utf8")) as Record<string, unknown>;
  } catch {
    // first one
  }
  all[name] = value;
  writeFileSync(METRICS, JSON.stringify(all, null, 2) + "\n");
  console.log(`metric ${name}: ${value}`);
}

/** Click a button and wait until the build finished (body[data-build] set anew). */
export async function build(page: Page, button: "#build" | "#build-load"): Promise<number> {
  await page.evaluate(() => delete document.body.dataset.build);
  const loadsBefore = Number((await page.locator("body").getAttribute("data-loaded")) ?? 0);
  const t0 = Date.now();
  await page.locator(button).click();
  await expect(page.locator("body")).toHaveAttribute("data-build", /ok|failed/, { timeout: 200_000 });
  const ms = Date.now() - t0;
  if (button === "#build-load" && (await page.locator("body").getAttribute("data-build")) === "ok") {
    await expect(page.locator("body")).toHaveAttribute("data-loaded", String(loadsBefore + 1));
  }
  return ms;
}

/** Open the Tests pane, press Run tests, wait for the score; returns how long it took (ms). */
export async function runTests(page: Page): Promise<number> {
  await page.locator("#side-tabs .tab[data-pane=tests-view]").click();
  const t0 = Date.now();
  await page.locator("#run-tests").click();
  await expect(page.locator("#tests-view")).toHaveAttribute("data-state", "running");
  await expect(page.locator("#tests-view")).toHaveAttribute("data-state", "done", { timeout: 200_000 });
  return Date.now() - t0;
}
