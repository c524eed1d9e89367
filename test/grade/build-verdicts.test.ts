// The grader's build gets Linux's verdict (test/toolchain/verdicts.test.ts has the measurements):
// a message_slot.h that a user program cannot compile, or that lacks MSG_SLOT_CHANNEL, refuses the
// submission as run-oracle.sh refuses it ("FAIL: header: …"): a build failure, not a finding
// with grading going on.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSubmission, type BuildDeps } from "../../src/harness/grade/build.js";
import { VARIANT_INFO } from "../../src/harness/grade/types.js";
import { createDiskCache, defaultCacheDir, selectBackend, systemTree } from "../../src/toolchain/node.js";
import { REPO } from "../helpers/modules.js";

const REF = join(REPO, "module-c");
const ref = (f: string) => readFileSync(join(REF, f), "utf8");

async function deps(): Promise<BuildDeps> {
  return {
    backend: selectBackend(), store: createDiskCache(defaultCacheDir()),
    moduleSystem: await systemTree("module"), programSystem: await systemTree("program"),
  };
}

describe("the grader's build verdict", () => {
  it("a header that includes <linux/uaccess.h> refuses the submission", { timeout: 120_000 }, async () => {
    const header = ref("message_slot.h").replace(/(#include <linux\/ioctl\.h>)/, "$1\n#include <linux/uaccess.h>");
    expect(header).toContain("<linux/uaccess.h>");
    const r = await buildSubmission({ "message_slot.c": ref("message_slot.c"), "message_slot.h": header }, VARIANT_INFO["2023"], await deps());
    const module = r.units.find((u) => u.name === "module")!;
    expect(module.ok).toBe(false);
    expect(r.artifacts.module).toBeUndefined();
    expect(module.diagnostics.some((d) => d.file === "message_slot.h" && d.line > 0 && d.severity === "fatal error")).toBe(true);
    expect(r.findings.join("\n")).toContain("refused: message_slot.h cannot be used from user space");
  });

  it("a header without MSG_SLOT_CHANNEL refuses the submission", { timeout: 120_000 }, async () => {
    const c = ref("message_slot.c").replaceAll("MSG_SLOT_CHANNEL", "SET_CHANNEL");
    const h = ref("message_slot.h").replaceAll("MSG_SLOT_CHANNEL", "SET_CHANNEL");
    const r = await buildSubmission({ "message_slot.c": c, "message_slot.h": h }, VARIANT_INFO["2023"], await deps());
    expect(r.units.find((u) => u.name === "module")!.ok).toBe(false);
    expect(r.artifacts.channelCmd).toBeUndefined();
    expect(r.findings.join("\n")).toContain("refused: message_slot.h does not define MSG_SLOT_CHANNEL");
  });

  it("a submission without message_slot.h is refused, as run-oracle.sh refuses it", { timeout: 120_000 }, async () => {
    // the module itself compiles: the header's text pasted in place of its #include
    const c = ref("message_slot.c").replace('#include "message_slot.h"', ref("message_slot.h"));
    expect(c).not.toContain('"message_slot.h"');
    const r = await buildSubmission({ "message_slot.c": c }, VARIANT_INFO["2023"], await deps());
    expect(r.units.find((u) => u.name === "module")!.ok).toBe(false);
    expect(r.artifacts.module).toBeUndefined();
    expect(r.findings.join("\n")).toContain("refused: no message_slot.h in the submission");
    // the same module with its header builds: the refusal is the missing header's
    const withHeader = await buildSubmission({ "message_slot.c": c, "message_slot.h": ref("message_slot.h") }, VARIANT_INFO["2023"], await deps());
    expect(withHeader.units.find((u) => u.name === "module")!.ok).toBe(true);
  });

  it("the censorship variant's second command comes from the same user-space probe", { timeout: 120_000 }, async () => {
    const dir = join(REPO, "test/fixtures/submissions/censor-ref");
    const files = Object.fromEntries(["message_slot.c", "message_slot.h"].map((f) => [f, readFileSync(join(dir, f), "utf8")]));
    const r = await buildSubmission(files, VARIANT_INFO["2025-censor"], await deps());
    // _IOW(235, 0, unsigned int) and _IOW(235, 1, unsigned int) on x86-64
    expect(r.artifacts.channelCmd).toBe(0x4004eb00);
    expect(r.artifacts.setCenCmd).toBe(0x4004eb01);
  });
});
