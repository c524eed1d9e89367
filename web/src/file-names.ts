// The editor's files: the assignment's four (fixed: the Tests pane grades them, and the module
// and its header are what Build makes the module of) and the user's own (testers, helpers,
// headers: added with New file, renamed, deleted). Pure rules, no DOM.

import { reservedNames } from "../../src/harness/programs/build.js";

/** The assignment's files, in tab order. */
export const FIXED_FILES = ["message_slot.c", "message_slot.h", "message_sender.c", "message_reader.c"] as const;
export type FixedFile = (typeof FIXED_FILES)[number];

/** The module's source: compiled into message_slot.ko, never into a program. */
export const MODULE_FILE = "message_slot.c";

/** How many files of one's own the editor keeps (localStorage is small). */
export const MAX_USER_FILES = 16;

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*\.[ch]$/;

export function isFixed(name: string): name is FixedFile {
  return (FIXED_FILES as readonly string[]).includes(name);
}

/** Why a file may not be renamed or deleted (undefined: it may). */
export function protectedReason(name: string): string | undefined {
  if (name === MODULE_FILE) return "message_slot.c is the module: Build compiles it into message_slot.ko";
  if (name === "message_slot.h") return "message_slot.h is the module's interface, included by the module and the programs";
  if (isFixed(name)) return `${name} is part of the assignment: the Tests pane grades it and Build makes ./${name.slice(0, -2)} of it`;
  return undefined;
}

/** Why `name` cannot be the name of a new or renamed file (undefined: it can). `existing`: every
 *  file's name; `renaming`: the file being renamed (its own name is no duplicate). */
export function nameProblem(name: string, existing: readonly string[], renaming?: string): string | undefined {
  if (name === "") return "a file needs a name";
  if (!/\.[ch]$/.test(name)) return `'${name}': a file's name ends in .c (a program or a helper) or .h (a header)`;
  if (!NAME.test(name)) return `'${name}': letters, digits and _ . + - only, not starting with . + or -`;
  if (name.length > 64) return `'${name}': at most 64 characters`;
  if (name !== renaming && existing.includes(name)) return `there is already a file ${name}`;
  const base = name.slice(0, -2);
  if (name.endsWith(".c") && reservedNames().includes(base)) return `'${name}' would be the program ./${base}, but ${base} is one of the shell's own commands`;
  if (renaming === undefined && existing.filter((f) => !isFixed(f)).length >= MAX_USER_FILES) return `at most ${MAX_USER_FILES} files of your own`;
  return undefined;
}

/** A name for the next new file: tester.c, tester2.c, ... */
export function suggestName(existing: readonly string[], stem = "tester", ext = ".c"): string {
  for (let i = 1; ; i++) {
    const name = `${stem}${i === 1 ? "" : i}${ext}`;
    if (!existing.includes(name)) return name;
  }
}

/** What a new file starts with: for a .c a small tester that works as it is; for a .h a guard. */
export function template(name: string): string {
  if (name.endsWith(".h")) {
    const guard = name.toUpperCase().replace(/[^A-Z0-9]/g, "_");
    return `#ifndef ${guard}\n#define ${guard}\n\n#endif\n`;
  }
  const prog = name.slice(0, -2);
  return `/* ${name}: a program of your own. Build compiles every .c file that has main() into
 * ./NAME (this one: ./${prog}); a .c file without main() is linked into every program.
 * Try it: mknod /dev/slot0 c 235 0; insmod message_slot.ko; ./${prog} /dev/slot0 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "message_slot.h"

int main(int argc, char *argv[])
{
	const char *path = argc > 1 ? argv[1] : "/dev/slot0";
	char buf[BUF_LEN];
	int fd = open(path, O_RDWR);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	if (ioctl(fd, MSG_SLOT_CHANNEL, 1) < 0 || write(fd, "hello", 5) != 5) {
		perror("ioctl/write");
		return 1;
	}
	ssize_t n = read(fd, buf, sizeof buf);
	printf("read %zd bytes: %.*s\\n", n, n > 0 ? (int)n : 0, buf);
	close(fd);
	return 0;
}
`;
}
