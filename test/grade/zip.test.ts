// Reading submissions safely: zips (traversal, symlinks, bombs, limits), directories, batches.
import { mkdtemp, mkdir, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readZip, safeEntryPath, ZipError, ZIP_LIMITS } from "../../src/harness/grade/zip.js";
import { discover, InputError, readSubmission } from "../../src/harness/grade/input.js";
import { locateRoot, rootTree } from "../../src/harness/grade/build.js";
import { makeZip } from "./zip-writer.js";

describe("readZip", () => {
  it("reads stored and deflated entries, in a subfolder, as text (or bytes when not UTF-8)", () => {
    const z = makeZip([
      { name: "ex3_123/", data: "" },
      { name: "ex3_123/message_slot.c", data: "int x;\n" },
      { name: "ex3_123/message_slot.h", data: "#define A 1\n", method: 0 },
      { name: "ex3_123/notes.bin", data: new Uint8Array([0xff, 0xfe, 0x00]) },
    ]);
    const r = readZip(z);
    expect(r.findings).toEqual([]);
    expect(r.files["ex3_123/message_slot.c"]).toBe("int x;\n");
    expect(r.files["ex3_123/message_slot.h"]).toBe("#define A 1\n");
    expect(r.files["ex3_123/notes.bin"]).toEqual(new Uint8Array([0xff, 0xfe, 0x00]));
    expect(Object.keys(r.files)).toHaveLength(3);
  });

  it("refuses absolute paths and '..', ignores symlinks and encrypted entries, each with a finding", () => {
    const z = makeZip([
      { name: "../evil.c", data: "x" },
      { name: "a/../../evil.c", data: "x" },
      { name: "/etc/passwd", data: "x" },
      { name: "C:\\windows\\x.c", data: "x" },
      { name: "link.c", data: "/etc/passwd", symlink: true },
      { name: "secret.c", data: "x", encrypted: true },
      { name: "ok.c", data: "fine" },
    ]);
    const r = readZip(z);
    expect(Object.keys(r.files)).toEqual(["ok.c"]);
    expect(r.findings.filter((f) => f.includes("path traversal"))).toHaveLength(4);
    expect(r.findings.some((f) => f.includes("link.c: a symbolic link"))).toBe(true);
    expect(r.findings.some((f) => f.includes("secret.c: encrypted"))).toBe(true);
  });

  it("stops a zip bomb at the cap even when its header lies about the size", () => {
    const bomb = new Uint8Array(8 << 20); // 8 MiB of zeros deflate to ~8 KiB
    const z = makeZip([
      { name: "bomb.c", data: bomb, declaredSize: 100 },
      { name: "big.c", data: bomb },
      { name: "ok.c", data: "fine" },
    ]);
    expect(z.length).toBeLessThan(100_000);
    const r = readZip(z, { ...ZIP_LIMITS, maxFileBytes: 1 << 20 });
    expect(Object.keys(r.files)).toEqual(["ok.c"]);
    expect(r.findings.find((f) => f.startsWith("ignored bomb.c"))).toMatch(/inflates past the limit|does not match/);
    expect(r.findings.find((f) => f.startsWith("ignored big.c"))).toMatch(/more than the per-file limit/);
  });

  it("caps the total size and the number of entries", () => {
    const chunk = "x".repeat(600_000);
    const r = readZip(makeZip([{ name: "a.c", data: chunk }, { name: "b.c", data: chunk }, { name: "c.c", data: "ok" }]), { ...ZIP_LIMITS, maxTotalBytes: 1_000_000 });
    expect(Object.keys(r.files).sort()).toEqual(["a.c", "c.c"]);
    expect(r.findings.some((f) => f.includes("b.c") && f.includes("total"))).toBe(true);
    const many = makeZip(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.c`, data: "x" })));
    expect(() => readZip(many, { ...ZIP_LIMITS, maxEntries: 10 })).toThrow(ZipError);
  });

  it("rejects what is not a zip, and a truncated one", () => {
    expect(() => readZip(new TextEncoder().encode("not a zip at all, just text"))).toThrow(/not a zip archive/);
    const z = makeZip([{ name: "a.c", data: "x".repeat(1000) }]);
    const cut = z.slice(0, 40);
    expect(() => readZip(cut)).toThrow(ZipError);
  });

  it("safeEntryPath normalizes and refuses", () => {
    expect(safeEntryPath("./a//b.c")).toBe("a/b.c");
    expect(safeEntryPath("a\\b.c")).toBe("a/b.c");
    expect(safeEntryPath("a/../b.c")).toBeNull();
    expect(safeEntryPath("/a.c")).toBeNull();
    expect(safeEntryPath("")).toBeNull();
  });
});

describe("finding the sources", () => {
  it("takes the shallowest folder with message_slot.c, skipping __MACOSX and dot folders", () => {
    expect(locateRoot(["__MACOSX/ex3/message_slot.c", "ex3/message_slot.c", "ex3/old/message_slot.c"])).toBe("ex3/");
    expect(locateRoot(["message_slot.c", "message_slot.h"])).toBe("");
    expect(locateRoot(["sub/message_slot.h", "sub/x.c"])).toBe("sub/");
    expect(locateRoot(["README.md"])).toBe("");
    const tree = rootTree({ "ex3/message_slot.c": "c", "ex3/Makefile": "m", "ex3/a.out": "bin", "ex3/sub/x.c": "no" }, "ex3/");
    expect(Object.keys(tree).sort()).toEqual(["Makefile", "message_slot.c"]);
  });
});

describe("discover and readSubmission", () => {
  it("tells a submission from a batch, reads zips and directories, reports broken ones", async () => {
    const dir = await mkdtemp(join(tmpdir(), "msgslot-grade-"));
    await mkdir(join(dir, "batch/alice"), { recursive: true });
    await writeFile(join(dir, "batch/alice/message_slot.c"), "int a;\n");
    await symlink("/etc/passwd", join(dir, "batch/alice/passwd.c"));
    await writeFile(join(dir, "batch/ex3_2.zip"), makeZip([{ name: "ex3_2/message_slot.c", data: "int b;\n" }]));
    await writeFile(join(dir, "batch/broken.zip"), "garbage");
    await writeFile(join(dir, "batch/README.txt"), "ignored");

    const subs = await discover([join(dir, "batch")]);
    expect(subs.map((s) => [s.name, s.kind])).toEqual([["alice", "dir"], ["broken", "zip"], ["ex3_2", "zip"]]);
    const alice = await readSubmission(subs[0]);
    expect(alice.files).toEqual({ "message_slot.c": "int a;\n" });
    expect(alice.findings).toEqual(["ignored passwd.c: a symbolic link"]);
    const broken = await readSubmission(subs[1]);
    expect(broken.error).toMatch(/not a zip archive/);
    const zip = await readSubmission(subs[2]);
    expect(zip.files).toEqual({ "ex3_2/message_slot.c": "int b;\n" });

    expect(await discover([join(dir, "batch/alice")])).toEqual([{ name: "alice", path: join(dir, "batch/alice"), kind: "dir" }]);
    await expect(discover([join(dir, "nope")])).rejects.toThrow(InputError);
    await expect(discover([join(dir, "batch/README.txt")])).rejects.toThrow(/not a directory or a .zip/);
  });
});
