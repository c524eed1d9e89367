// A student edits the module in the browser: a compile error shown at its line, a bug (the
// EMSGSIZE check dropped) built, loaded and seen in the terminal and by the test suite, and an
// infinite loop stopped by the watchdog with the page still usable. One page for the whole
// story, as one user's session (the compiler is loaded once).
import { expect, test, type Page } from "@playwright/test";
import { build, editorText, metric, runTests, openPlayground, replaceInEditor, run, screenshot, terminalText } from "./helpers.js";

test.describe.configure({ mode: "serial" });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  // a short watchdog keeps the lockup test quick
  metric("page load to working shell, first page of the run (ms)", await openPlayground(page, "?watchdog=2"));
  await run(page, "insmod message_slot.ko");
  await run(page, "mknod /dev/slot0 c 235 0");
});

test.afterAll(async () => {
  await page.close();
});

test("a compile error is shown inline at its line", async () => {
  await replaceInEditor(page, "message_slot.c", "return -EMSGSIZE;", "return -EMSGSIZE");
  const ms = await build(page, "#build");
  metric("in-browser build, cold: compiler download + start, libkern, module, 2 programs (ms)", ms);
  await expect(page.locator("body")).toHaveAttribute("data-build", "failed");

  // the error in the build log, with its place; and in the editor at that line
  const log = page.locator("#build-log");
  await expect(log).toContainText(/message_slot\.c:\d+:\d+: error: expected ';' after return statement/);
  // the editor scrolled to it; clicking the message in the log goes there too
  await expect(page.locator("#editor .cm-lintRange-error").first()).toBeVisible();
  await log.locator(".diag.error").first().click();
  await expect(page.locator("#editor .cm-activeLine")).toContainText("return -EMSGSIZE");
  await expect(page.locator("#editor .cm-gutter-lint .cm-lint-marker-error").first()).toBeVisible();
  await expect(page.locator('#file-tabs .tab[data-file="message_slot.c"] .badge.error')).toHaveText("1");
  await expect(page.locator("#status")).toContainText("Build failed: message_slot.c");
  await expect(page.locator("#load")).toBeDisabled();

  // hovering the underline shows clang's message
  await page.locator("#editor .cm-lintRange-error").first().hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("expected ';' after return statement");
  await screenshot(page, "02-compile-error-inline");

  // the kernel still runs the old module
  expect(await run(page, "./message_sender /dev/slot0 1 still-works")).toBe("");
});

test("the reference sources pass the grading suite in the Tests pane", async () => {
  // fix the typo with Reset
  page.once("dialog", (d) => void d.accept());
  await page.locator("#reset").click();
  await expect.poll(() => editorText(page)).toContain("return -EMSGSIZE;");
  const ms = await runTests(page);
  metric("Tests pane: grader's build (programs -O3) + the whole 2023 suite (ms)", ms);
  const tests = page.locator("#tests-view");
  await expect(tests.locator(".score")).toHaveText("Score: 100 / 100");
  // every graded test passes; the reference fails only the advisory race explorer (its real use-after-free)
  await expect(tests.locator("tr.fail[data-test]:not([data-test=concurrency])")).toHaveCount(0);
  await expect(tests.locator('tr.fail[data-test="concurrency"]')).toHaveCount(1);
  await expect(tests.locator('tr[data-test="million-channels"] + tr.detail-row')).toContainText("1048576 channels written");
  await expect(page.locator("#tests-badge")).toHaveText("100");
});

test("a module without the EMSGSIZE check: built, loaded, its behaviour and the failing test", async () => {
  await replaceInEditor(page, "message_slot.c", "if (len == 0 || len > BUF_LEN)", "if (0) /* no length check */");
  const ms = await build(page, "#build-load");
  metric("in-browser build, warm: module changed, programs cached (ms)", ms);
  await expect(page.locator("body")).toHaveAttribute("data-build", "ok");
  await expect(page.locator("#editor .cm-lintRange-error")).toHaveCount(0);

  // Load ran rmmod and insmod in the terminal
  const text = await terminalText(page);
  expect(text).toContain("/ # rmmod message_slot\n/ # insmod message_slot.ko");

  // the reference module says "Message too long" to a 129-byte message; this one takes it
  const long = "x".repeat(129);
  expect(await run(page, `./message_sender /dev/slot0 3 ${long}`)).toBe("");
  expect(await run(page, "echo $?")).toBe("0");
  // and the reader's 128-byte buffer is now too small for what the channel holds
  expect(await run(page, "./message_reader /dev/slot0 3")).toContain("No space left on device");
  // the 129 bytes are in the kernel heap
  await expect(page.locator("#kernel-view .kv-heap")).toContainText("129 B");
  await screenshot(page, "03-bug-loaded-terminal");

  // the grading suite on these sources: the two EMSGSIZE tests fail, 4 points lost
  await runTests(page);
  const tests = page.locator("#tests-view");
  await expect(tests.locator(".score")).toHaveText("Score: 96 / 100");
  await expect(tests.locator('tr.fail[data-test="write-129"]')).toContainText("129-byte write: EMSGSIZE");
  await expect(tests.locator('tr.fail[data-test="empty-write"]')).toContainText("empty write: EMSGSIZE");
  await expect(tests.locator('tr[data-test="write-129"] + tr.detail-row')).toContainText("expected -1 EMSGSIZE, got 129");
  await expect(tests.locator('tr.pass[data-test="write-read"]')).toBeVisible();
  await expect(page.locator("#tests-badge")).toHaveText("96");
  await tests.locator('tr[data-test="write-129"]').scrollIntoViewIfNeeded();
  await screenshot(page, "04-tests-failing");
  await page.locator("#side-tabs .tab[data-pane=kernel-view]").click();
});

test("a module that loops forever: soft lockup report, fresh kernel, page still usable", async () => {
  page.once("dialog", (d) => void d.accept());
  await page.locator("#reset").click();
  await expect.poll(() => editorText(page)).toContain("if (len == 0 || len > BUF_LEN)");
  await replaceInEditor(page, "message_slot.c", "ch = channel_find(file_slot(file), id);", "while (1) { } ch = channel_find(file_slot(file), id);");
  await build(page, "#build-load");
  await expect(page.locator("body")).toHaveAttribute("data-build", "ok");

  expect(await run(page, "./message_sender /dev/slot0 1 hello")).toBe("");
  const t0 = Date.now();
  const out = await run(page, "./message_reader /dev/slot0 1");
  metric("watchdog: reader stuck in the module until the report (ms, watchdog 2 s)", Date.now() - t0);
  expect(out).toMatch(/watchdog: BUG: soft lockup - CPU#0 stuck for \d+s! \[message_reader:\d+\]/);
  expect(out).toContain("vfs_read");
  expect(out).toContain("fresh kernel booted; restoring: insmod message_slot.ko; mknod /dev/slot0 c 235 0");

  // the dmesg pane shows the report highlighted (the new kernel logged it at boot)
  await page.locator("#side-tabs .tab[data-pane=dmesg-view]").click();
  await expect(page.locator("#dmesg-view .log.hl-lockup").first()).toContainText("soft lockup");
  await screenshot(page, "05-soft-lockup");

  // the page answered all along, and the new kernel works: the module is back, /dev/slot0 too
  expect(await run(page, "lsmod")).toMatch(/message_slot\s+\d+\s+0/);
  expect(await run(page, "./message_sender /dev/slot0 1 alive")).toBe("");
  expect(await run(page, "dmesg")).toContain("watchdog: BUG: soft lockup - CPU#0 stuck for");
  // the editor still takes keys
  await page.locator('#file-tabs .tab[data-file="message_reader.c"]').click();
  await page.locator("#editor .cm-content").click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("// still editable\n");
  await expect.poll(() => editorText(page)).toMatch(/^\/\/ still editable\n/);
  await page.locator("#side-tabs .tab[data-pane=kernel-view]").click();
});

test("edits and compiled output survive a reload", async () => {
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-shell", "ready");
  // the edit is still there (localStorage), the tab marked as edited
  await expect(page.locator('#file-tabs .tab[data-file="message_slot.c"] .modified')).toBeVisible();
  await expect.poll(() => editorText(page)).toContain("while (1) { } ch = channel_find");
  // the reader's edit too, typed just before the reload; Reset takes it back
  await page.locator('#file-tabs .tab[data-file="message_reader.c"]').click();
  await expect.poll(() => editorText(page)).toMatch(/^\/\/ still editable\n/);
  page.once("dialog", (d) => void d.accept());
  await page.locator("#reset").click();
  await expect(page.locator('#file-tabs .tab[data-file="message_reader.c"] .modified')).toHaveCount(0);
  await page.locator('#file-tabs .tab[data-file="message_slot.c"]').click();
  // the compiler's output too (IndexedDB): this build does not compile anything
  const ms = await build(page, "#build");
  metric("in-browser build after a reload, from the IndexedDB cache (ms)", ms);
  await expect(page.locator("#build-log .summary")).toContainText("cached");
  // Reset goes back to the reference
  page.once("dialog", (d) => void d.accept());
  await page.locator("#reset").click();
  await expect(page.locator('#file-tabs .tab[data-file="message_slot.c"] .modified')).toHaveCount(0);
  await expect.poll(() => editorText(page)).not.toContain("while (1)");
});
