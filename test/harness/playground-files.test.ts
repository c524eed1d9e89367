// The playground's rules for the editor's files (web/src/file-names.ts): what a new or renamed
// file may be called, which files are the assignment's, what a new file starts with.
import { describe, expect, it } from "vitest";
import { FIXED_FILES, MAX_USER_FILES, nameProblem, protectedReason, suggestName, template } from "../../web/src/file-names.js";

const files = [...FIXED_FILES];

describe("the playground's file names", () => {
  it("takes C files and headers with plain names", () => {
    for (const ok of ["tester.c", "ex3_tester.c", "util.h", "t-2.c", "a+b.c", "v1.2.c"]) expect(nameProblem(ok, files)).toBeUndefined();
  });

  it("refuses other endings, odd characters, duplicates and the shell's own command names", () => {
    expect(nameProblem("", files)).toBe("a file needs a name");
    expect(nameProblem("tester", files)).toContain("ends in .c (a program or a helper) or .h (a header)");
    expect(nameProblem("tester.cpp", files)).toContain("ends in .c");
    expect(nameProblem("my tester.c", files)).toContain("letters, digits and _ . + - only");
    expect(nameProblem("../x.c", files)).toContain("letters, digits");
    expect(nameProblem(".hidden.c", files)).toContain("not starting with");
    expect(nameProblem("message_sender.c", files)).toBe("there is already a file message_sender.c");
    expect(nameProblem("ls.c", files)).toBe("'ls.c' would be the program ./ls, but ls is one of the shell's own commands");
    // a header named like a command is no program
    expect(nameProblem("ls.h", files)).toBeUndefined();
    expect(nameProblem(`${"x".repeat(63)}.c`, files)).toContain("at most 64 characters");
  });

  it("a rename may keep the name; a rename onto another file is a duplicate", () => {
    const mine = [...files, "tester.c", "util.c"];
    expect(nameProblem("tester.c", mine, "tester.c")).toBeUndefined();
    expect(nameProblem("util.c", mine, "tester.c")).toBe("there is already a file util.c");
  });

  it("keeps at most MAX_USER_FILES files of one's own", () => {
    const many = [...files, ...Array.from({ length: MAX_USER_FILES }, (_, i) => `t${i}.c`)];
    expect(nameProblem("one-more.c", many)).toBe(`at most ${MAX_USER_FILES} files of your own`);
    expect(nameProblem("t0-renamed.c", many, "t0.c")).toBeUndefined();
  });

  it("protects the assignment's files, not one's own", () => {
    expect(protectedReason("message_slot.c")).toContain("the module");
    expect(protectedReason("message_slot.h")).toContain("the module's interface");
    expect(protectedReason("message_reader.c")).toContain("the Tests pane grades it");
    expect(protectedReason("tester.c")).toBeUndefined();
  });

  it("suggests tester.c, then tester2.c; a new .c has main, a new .h a guard", () => {
    expect(suggestName(files)).toBe("tester.c");
    expect(suggestName([...files, "tester.c"])).toBe("tester2.c");
    expect(template("tester.c")).toMatch(/int main\(int argc, char \*argv\[\]\)/);
    expect(template("tester.c")).toContain("./tester");
    expect(template("my-util.h")).toBe("#ifndef MY_UTIL_H\n#define MY_UTIL_H\n\n#endif\n");
  });
});
