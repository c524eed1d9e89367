// A submission's tests go to the workers longest time limit first (gradeSubmissions): the
// 2^20-channel test (120 s), then the 60-second ones, then the rest in suite order. With one
// worker, the order they finish in is the order they were taken.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gradeSubmissions } from "../../src/harness/grade/node.js";
import { REPO } from "../helpers/modules.js";

describe("gradeSubmissions' test order", () => {
  it("runs the longest tests of a submission first", { timeout: 120_000 }, async () => {
    const done: string[] = [];
    const [report] = await gradeSubmissions([{ name: "module-c", path: join(REPO, "module-c"), kind: "dir" }], {
      variant: "2023", jobs: 1, channels: 256,
      only: ["write-read", "million-channels", "two-slots", "kmalloc-failure", "overwrite"],
      onEvent: (e) => {
        if (e.type === "test") done.push(e.test);
      },
    });
    expect(done).toEqual(["million-channels", "kmalloc-failure", "write-read", "two-slots", "overwrite"]);
    // the report keeps the suite's order
    expect(report!.tests.map((t) => t.id)).toEqual(["write-read", "two-slots", "overwrite", "million-channels", "kmalloc-failure"]);
  });
});
