// A new user opens the playground and uses the terminal: the prebuilt reference module and
// programs work before anything is compiled.
import { expect, test } from "@playwright/test";
import { metric, openPlayground, run, screenshot, terminalText } from "./helpers.js";

test("the shell runs message_sender and message_reader on the reference module", async ({ page }) => {
  const readyMs = await openPlayground(page);
  metric("page load to working shell (ms)", readyMs);
  expect(readyMs).toBeGreaterThan(0);

  expect(await run(page, "insmod message_slot.ko")).toBe("");
  expect(await run(page, "mknod /dev/slot0 c 235 0")).toBe("");
  expect(await run(page, "./message_sender /dev/slot0 1 Hello")).toBe("");
  expect(await run(page, "./message_reader /dev/slot0 1")).toContain("Hello");
  expect(await run(page, "echo $?")).toBe("0");
  expect(await run(page, "ls -l /dev")).toMatch(/crw-r--r--\s+1 root\s+root\s+235,\s+0 .* slot0/);
  expect(await run(page, "lsmod")).toMatch(/message_slot\s+\d+\s+0/);

  // an error from the module, as the program reports it
  expect(await run(page, "./message_reader /dev/slot0 2")).toContain("Resource temporarily unavailable");
  expect(await run(page, "echo $?")).toBe("1");

  // the kernel view: the node, the heap object holding the message, its bytes in the hex dump
  const view = page.locator("#kernel-view");
  await expect(view.locator(".kv-nodes")).toContainText("/dev/slot0");
  await expect(view.locator(".kv-nodes")).toContainText("message_slot");
  const heap = view.locator(".kv-heap");
  await expect(heap).toContainText("device_write (message_slot.c:");
  await expect(heap.locator("details.block", { hasText: '"Hello"' }).locator("pre.hexdump")).toContainText("48 65 6c 6c 6f");
  // the processes of the last command: the reader's fd and its channel (file->private_data)
  expect(await run(page, "./message_sender /dev/slot0 7 world")).toBe("");
  const procs = view.locator(".kv-procs");
  await expect(procs).toContainText("message_sender");
  await expect(procs).toContainText("/dev/slot0");
  await expect(procs.locator("td.channel")).toContainText("7 (0x00000007)");

  // dmesg in the terminal and in its pane
  expect(await run(page, "dmesg")).toContain("message_slot: registered major 235");
  await page.locator("#side-tabs .tab[data-pane=dmesg-view]").click();
  await expect(page.locator("#dmesg-view")).toContainText("message_slot: registered major 235");
  await page.locator("#side-tabs .tab[data-pane=kernel-view]").click();

  await screenshot(page, "01-shell-sender-reader");
});

test("line editing: history, cursor movement, Ctrl-C, Tab", async ({ page }) => {
  await openPlayground(page);
  const term = page.locator(".xterm-helper-textarea");
  expect(await run(page, "echo one")).toBe("one");
  expect(await run(page, "echo two")).toBe("two");

  // Up twice: "echo one"; Down once: "echo two"; run it
  await term.focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowDown");
  const n = Number(await page.locator("body").getAttribute("data-commands"));
  await page.keyboard.press("Enter");
  await expect(page.locator("body")).toHaveAttribute("data-commands", String(n + 1));
  expect((await terminalText(page)).trimEnd().split("\n").slice(-2)[0]).toBe("two");

  // insert in the middle with Left; Backspace; Home/End
  await page.keyboard.type("eco hi");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("h");
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("ello");
  await page.keyboard.press("Enter");
  await expect(page.locator("body")).toHaveAttribute("data-commands", String(n + 2));
  expect((await terminalText(page)).trimEnd().split("\n").slice(-2)[0]).toBe("hello");

  // Ctrl-C throws the line away
  await page.keyboard.type("echo never");
  await page.keyboard.press("Control+c");
  await expect.poll(() => terminalText(page)).toMatch(/echo never\^C\n\/ #$/);
  expect(await run(page, "echo after")).toBe("after");

  // Tab completes a command name
  await page.keyboard.type("lsm");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("body")).toHaveAttribute("data-commands", String(n + 4));
  expect(await terminalText(page)).toContain("/ # lsmod \nModule                  Size  Used by");

  // a line longer than the terminal is wide: edited in place, shown once
  const long = "y".repeat(150);
  await page.keyboard.type(`echo ${long}`);
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("Z");
  await page.keyboard.press("Enter");
  await expect(page.locator("body")).toHaveAttribute("data-commands", String(n + 5));
  const shown = await terminalText(page);
  const edited = `${"y".repeat(140)}Z${"y".repeat(10)}`;
  expect(shown.split(`/ # echo ${edited}`).length - 1).toBe(1);
  expect(shown).toContain(`/ # echo ${edited}\n${edited}\n/ #`);

  // a command the shell does not have
  expect(await run(page, "cc message_slot.c")).toContain("sh: cc: not found");
});
