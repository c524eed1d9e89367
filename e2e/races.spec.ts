// Explore races in the playground: the built-in concurrent scenarios on the prebuilt reference
// module, in the page's own worker (binaryen's Asyncify build in the browser), and the first
// report with its interleaved trace.
import { expect, test } from "@playwright/test";
import { openPlayground } from "./helpers.js";

test("Explore races shows the reference's use-after-free with the trace that leads to it", async ({ page }) => {
  await openPlayground(page);
  await page.locator("#races").click();
  await expect(page.locator("body")).toHaveAttribute("data-races", "found", { timeout: 120_000 });
  const report = page.locator("#races-report");
  await expect(report).toBeVisible();
  await expect(report).toContainText(/overwrite-while-read \(B reads channel 1 while A overwrites it\): \d+ schedules/);
  await expect(report).toContainText("The first, in overwrite-while-read");
  await expect(report).toContainText("BUG: KASAN: use-after-free in copy_to_user (proc B)");
  await expect(report).toContainText("Freed in device_write (message_slot.c:159)");
  await expect(report).toContainText('B read 3 128 ...  preempted at copy_to_user in device_read()');
  await expect(page.locator("#status")).toContainText(/Races: \d+ findings?/);
  await expect(page.locator("#races")).toBeEnabled();
});
