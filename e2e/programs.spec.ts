// A student's own tester in the playground (issue 11): New file adds tester.c, a .c without main
// is linked into every program, Build & Load makes ./tester, and the terminal runs it. The tester
// is conformance/posix/fork_channel.c, whose output was recorded on real Linux 6.1: it forks,
// the child moves the shared open file's channel with ioctl and writes, the parent waits for it
// and reads the child's message through its own fd, then sleeps (virtual time).
// Files of one's own can be renamed and deleted; the assignment's cannot.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { build, editorText, openPlayground, replaceInEditor, run, screenshot, terminalText } from "./helpers.js";

const POSIX = new URL("../conformance/posix/", import.meta.url);
const TESTER = readFileSync(new URL("fork_channel.c", POSIX), "utf8");
/** what it printed on Linux 6.1 (conformance/posix/record.sh), run as ./fork_channel /dev/slot0 */
const LINUX = (JSON.parse(readFileSync(new URL("expected.json", POSIX), "utf8")) as { id: string; line: string; stdout: string; stderr: string; status: number }[])
  .find((r) => r.id === "fork_channel")!;

/** a second program that calls the helper linked into every program */
const GREET = `#include <stdio.h>
#include "util.h"

int main(void)
{
	printf("tag: %s\\n", tag());
	return 0;
}
`;

const UTIL_H = "const char *tag(void);\n";
const UTIL_C = `#include "util.h"

const char *tag(void)
{
	return "tester";
}
`;

/** Answer the page's next prompts/confirms in order; returns the messages they showed. */
function answerDialogs(page: Page, answers: (string | boolean)[]): string[] {
  const seen: string[] = [];
  const handler = (d: import("@playwright/test").Dialog) => {
    seen.push(d.message());
    const a = answers.shift();
    if (answers.length === 0) page.off("dialog", handler);
    void (a === false ? d.dismiss() : d.accept(typeof a === "string" ? a : undefined));
  };
  page.on("dialog", handler);
  return seen;
}

/** Replace the open file's whole text, as pasting it would. */
async function pasteAll(page: Page, text: string): Promise<void> {
  await page.locator("#editor .cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(text);
  await expect.poll(() => editorText(page)).toBe(text);
}

async function newFile(page: Page, answers: string[]): Promise<string[]> {
  const n = answers.length;
  const seen = answerDialogs(page, [...answers]);
  await page.locator("#new-file").click();
  await expect.poll(() => seen.length).toBe(n);
  return seen;
}

const tab = (page: Page, file: string) => page.locator(`#file-tabs .tab[data-file="${file}"]`);

test("a tester with fork written in the editor: New file, Build & Load, ./tester prints what it prints on Linux", async ({ page }) => {
  await openPlayground(page);
  expect(await run(page, "mknod /dev/slot0 c 235 0")).toBe("");
  // before any Build the shell has only the assignment's programs
  expect(await run(page, "./tester")).toContain("sh: ./tester: not found");

  // the assignment's files are not renamed or deleted
  await tab(page, "message_slot.c").click();
  await expect(page.locator("#delete-file")).toBeDisabled();
  await expect(page.locator("#rename-file")).toBeDisabled();
  await expect(page.locator("#delete-file")).toHaveAttribute("title", /message_slot\.c is the module/);

  // New file: a name that is no C file, then one taken, then tester.c
  const prompts = await newFile(page, ["tester.txt", "message_sender.c", "ls.c", "tester.c"]);
  expect(prompts[1]).toContain("'tester.txt': a file's name ends in .c (a program or a helper) or .h (a header)");
  expect(prompts[2]).toContain("there is already a file message_sender.c");
  expect(prompts[3]).toContain("'ls.c' would be the program ./ls, but ls is one of the shell's own commands");
  await expect(tab(page, "tester.c")).toHaveClass(/active/);
  // it starts as a tester that works as it is
  expect(await editorText(page)).toContain("int main(int argc, char *argv[])");
  await pasteAll(page, TESTER);

  // a helper without main, linked into every program, its header, and a program that uses it
  await newFile(page, ["greet.c"]);
  await pasteAll(page, GREET);
  await newFile(page, ["util.h"]);
  await pasteAll(page, UTIL_H);
  await newFile(page, ["helper.c"]);
  await pasteAll(page, UTIL_C);
  // renamed: a duplicate name is refused, then util.c
  const renames = answerDialogs(page, ["tester.c", "util.c"]);
  await page.locator("#rename-file").click();
  await expect.poll(() => renames.length).toBe(2);
  expect(renames[1]).toContain("there is already a file tester.c");
  await expect(tab(page, "util.c")).toHaveClass(/active/);
  await expect(tab(page, "helper.c")).toHaveCount(0);

  // a scratch file, deleted again
  await newFile(page, ["scratch.c"]);
  answerDialogs(page, [true]);
  await page.locator("#delete-file").click();
  await expect(tab(page, "scratch.c")).toHaveCount(0);

  await build(page, "#build-load");
  await expect(page.locator("body")).toHaveAttribute("data-build", "ok");
  const log = page.locator("#build-log");
  await expect(log.locator(".summary")).toContainText("./tester ✓");
  await expect(log.locator(".summary")).toContainText("./greet ✓");
  await expect(log.locator(".summary")).toContainText("./message_sender ✓");
  await expect(log).toContainText("linked into every program (no main): util.c");
  await screenshot(page, "12-tester-built");

  // Load ran insmod; the tester forks, the child's ioctl moves the parent's file too: as on Linux
  expect(LINUX.line).toBe("./fork_channel /dev/slot0");
  expect(LINUX.status).toBe(0);
  // (the terminal shows stdout and stderr as they come; the program prints to stderr last)
  expect(await run(page, "./tester /dev/slot0") + "\n").toBe(LINUX.stdout + LINUX.stderr);
  expect(await run(page, "echo $?")).toBe("0");
  expect(await run(page, "./greet")).toBe("tag: tester");
  // the child's message stays on channel 2 of the slot for anyone to read
  expect(await run(page, "./message_reader /dev/slot0 2")).toContain("child on 2");
  // the shell lists the programs
  expect(await run(page, "help")).toContain("Programs: ./greet ./message_reader ./message_sender ./tester");

  // a compile error in the tester: shown at its line, the build fails, the loaded programs stay
  await replaceInEditor(page, "tester.c", "exit(7);", "exit(7)");
  await expect.poll(() => editorText(page)).not.toContain("exit(7);");
  await build(page, "#build");
  await expect(page.locator("body")).toHaveAttribute("data-build", "failed");
  await expect(page.locator("#status")).toContainText("Build failed: tester.c");
  await expect(log).toContainText(/tester\.c:\d+:\d+: error: expected ';' after expression/);
  await expect(log.locator(".summary")).toContainText("./tester ✗");
  await expect(tab(page, "tester.c").locator(".badge.error")).toHaveText("1");
  expect(await run(page, "./greet")).toBe("tag: tester");
  await replaceInEditor(page, "tester.c", "exit(7)", "exit(7);");
  await expect.poll(() => editorText(page)).toBe(TESTER);
  const text = await terminalText(page);
  expect(text).toContain("/ # insmod message_slot.ko");

  // the files stay in the browser; deleting tester.c and building again removes ./tester
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-shell", "ready");
  await expect(tab(page, "tester.c")).toBeVisible();
  await expect(tab(page, "util.c")).toBeVisible();
  await tab(page, "tester.c").click();
  expect(await editorText(page)).toBe(TESTER);
  answerDialogs(page, [true]);
  await page.locator("#delete-file").click();
  await expect(tab(page, "tester.c")).toHaveCount(0);
  await build(page, "#build-load");
  await expect(page.locator("body")).toHaveAttribute("data-build", "ok");
  await expect(page.locator("#build-log .summary")).not.toContainText("./tester");
  expect(await run(page, "./tester")).toContain("sh: ./tester: not found");
});
