// The report formats on a made-up graded submission: text, Gradescope JSON, JUnit, CSV.
import { describe, expect, it } from "vitest";
import { formatCsv, formatGradescope, formatJunit, formatText } from "../../src/harness/grade/report.js";
import type { SubmissionReport } from "../../src/harness/grade/types.js";

const report: SubmissionReport = {
  submission: 'ex3_1,"quoted"',
  variant: "2023",
  score: 80,
  maxScore: 100,
  seconds: 4.2,
  build: {
    root: "ex3/",
    files: ["message_slot.c"],
    findings: ["no message_reader.c in the submission"],
    ms: 10,
    units: [{ name: "message_sender", ok: true, cached: false, ms: 10, log: "", diagnostics: [{ file: "message_sender.c", line: 3, col: 5, severity: "warning", message: "unused variable 'x'", flag: "-Wunused-variable" }] }],
  },
  tests: [
    { id: "write-read", name: "write then read back", score: 0, maxScore: 20, status: "failed", advisory: false, ms: 120, output: 'read: expected 5 "Hello", got -1 EAGAIN\n  A: read(3, buf, 128) = -1 EAGAIN <&>\u0001' },
    { id: "read-twice", name: "read twice", score: 80, maxScore: 80, status: "passed", advisory: false, ms: 5, output: "" },
    { id: "leaks", name: "no leaks at rmmod", score: 0, maxScore: 0, status: "failed", advisory: true, ms: 7, output: "rmmod found 1 leaked object(s)" },
  ],
};

describe("reports", () => {
  it("text: a line per test, the details of failures, the score", () => {
    const t = formatText(report);
    expect(t).toContain("finding: no message_reader.c in the submission\n");
    expect(t).toContain("  message_sender.c:3:5: warning: unused variable 'x' [-Wunused-variable]\n");
    expect(t).toContain('write then read back: FAIL (0.1s) -20\n    read: expected 5 "Hello", got -1 EAGAIN\n');
    expect(t).toContain("read twice: OK (0.0s)\n");
    expect(t).toContain("no leaks at rmmod: FAIL (0.0s) (advisory)\n");
    expect(t.endsWith("\nScore: 80/100\n")).toBe(true);
  });

  it("Gradescope results.json", () => {
    const g = JSON.parse(formatGradescope(report));
    expect(g).toMatchObject({ score: 80, max_score: 100, execution_time: 4 });
    expect(g.tests[0]).toMatchObject({ name: "write then read back", score: 0, max_score: 20, status: "failed" });
    expect(g.tests[2]).toMatchObject({ max_score: 0, status: "failed", tags: ["advisory"] });
    expect(g.output).toContain("message_sender.c:3:5: warning");
  });

  it("JUnit: escaped, one testcase per test, failures counted", () => {
    const x = formatJunit([report]);
    expect(x).toContain('<testsuites name="msgslot grade" tests="3" failures="2">');
    expect(x).toContain('<testsuite name="ex3_1,&quot;quoted&quot;" tests="3" failures="2" errors="0"');
    expect(x).toContain("&lt;&amp;&gt;\\x01</failure>");
    expect(x).toContain('<testcase name="read twice" classname="msgslot.2023.course" time="0.005"/>');
    expect(x).not.toMatch(/[\u0000-\u0008]/);
  });

  it("CSV: quoted where needed, 1/0 per test", () => {
    expect(formatCsv([report])).toBe('submission,score,max_score,write-read,read-twice,leaks,error\n"ex3_1,""quoted""",80,100,0,1,0,\n');
  });
});

describe("browser-safe modules", () => {
  it("the suite, its session, jobs, builds, reports and the watchdog protocol import nothing of Node", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { REPO } = await import("../helpers/modules.js");
    const safe = [
      ...readdirSync(join(REPO, "src/harness/grade")).filter((f) => !["node.ts", "worker.ts", "zip.ts", "zip-write.ts", "input.ts", "tests-dir.ts", "build-process.ts", "build-child.ts", "node-env.ts"].includes(f)).map((f) => `src/harness/grade/${f}`),
      "src/harness/watchdog/protocol.ts", "src/harness/watchdog/supervisor.ts", "src/harness/watchdog/serve.ts",
      "src/harness/programs/build.ts", "src/toolchain/object-symbols.ts",
    ];
    expect(safe.length).toBeGreaterThan(10);
    for (const f of safe) {
      const text = readFileSync(join(REPO, f), "utf8");
      expect([f, /from "node:|require\(|\bprocess\.(env|exit|argv|cwd|stdout|stderr|on)\b|toolchain\/node\.js/.test(text)]).toEqual([f, false]);
    }
  });
});
