// The Tests pane: the grading suite of `msgslot grade` (src/harness/grade) on the editor's
// sources. The compile worker makes the grader's build; each test then runs on a fresh kernel in
// a grading worker under the watchdog Supervisor of src/harness/watchdog (a module call that does
// not return is a soft lockup: that worker is stopped, the next test gets a new one).

import { softLockupReport, describeCall } from "../../src/harness/watchdog/protocol.js";
import { Supervisor, type JobOutcome, type WorkerFactory } from "../../src/harness/watchdog/supervisor.js";
import type { GradeJob, GradeResult } from "../../src/harness/grade/jobs.js";
import { DEFAULT_TIME_MS } from "../../src/harness/grade/suite-defs.js";
import { runnableTests, scoreSubmission, stoppedRun, suiteFor } from "../../src/harness/grade/suite.js";
import { VARIANTS, VARIANT_INFO, type BuildReport, type SubmissionReport, type TestResult, type TestRun, type VariantName } from "../../src/harness/grade/types.js";
import type { Builder } from "./builder.js";
import type { FileName } from "./editor.js";

export interface TestsPanelOptions {
  sources(): Record<FileName, string>;
  builder: Builder;
  /** a call into the module that has not returned after this is a soft lockup */
  lockupMs: number;
  /** the page's cross-origin isolation (isolation.ts): without it the watchdog uses messages */
  isolation: { isolated: boolean; how: string };
}

/** A grading worker as the Supervisor wants it. */
const webWorkers: WorkerFactory<GradeJob, GradeResult> = () => {
  const w = new Worker(new URL("./grade-worker.ts", import.meta.url), { type: "module", name: "grader" });
  const exits: ((why: string) => void)[] = [];
  let stopped = false;
  w.addEventListener("error", (e) => {
    if (stopped) return;
    stopped = true;
    for (const cb of exits) cb(e.message || "the grading worker failed");
  });
  return {
    post: (msg) => w.postMessage(msg),
    onMessage: (cb) => w.addEventListener("message", (e) => cb(e.data)),
    onExit: (cb) => void exits.push(cb),
    terminate: () => {
      stopped = true;
      w.terminate();
    },
  };
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

export class TestsPanel {
  private readonly runBtn: HTMLButtonElement;
  private readonly variantSel: HTMLSelectElement;
  private readonly status: HTMLElement;
  private readonly results: HTMLElement;
  private running = false;
  private supervisor: Supervisor<GradeJob, GradeResult> | undefined;
  /** the last report (for the e2e specs and the curious) */
  report: SubmissionReport | undefined;

  constructor(private readonly root: HTMLElement, private readonly badge: HTMLElement, private readonly opts: TestsPanelOptions) {
    this.runBtn = el("button", { id: "run-tests", title: "Build your sources as the grader does and run every test, each on a fresh kernel" }, "Run tests");
    this.variantSel = el("select", { id: "variant", title: "which year's assignment" },
      ...VARIANTS.map((v) => el("option", { value: v, title: VARIANT_INFO[v].description }, v)));
    this.status = el("span", { class: "tests-status", role: "status" });
    this.results = el("div", { class: "tests-results" });
    this.root.replaceChildren(
      el("div", { class: "controls" }, this.runBtn, el("label", {}, "variant ", this.variantSel), this.status),
      this.results,
    );
    this.results.append(el("p", { class: "empty" },
      "Runs the grading suite of msgslot grade on the sources in the editor: the course's key (100 points) and msgslot's extra checks. Each test gets a fresh kernel."));
    if (!opts.isolation.isolated) this.results.append(this.isolationNote());
    this.runBtn.onclick = () => void this.run();
  }

  async run(): Promise<SubmissionReport | undefined> {
    if (this.running) return undefined;
    this.running = true;
    this.runBtn.disabled = true;
    this.root.dataset.state = "running";
    const variantName = this.variantSel.value as VariantName;
    const variant = VARIANT_INFO[variantName];
    const t0 = performance.now();
    try {
      this.setStatus(this.opts.builder.warm ? "building…" : "loading the compiler and building…");
      this.opts.builder.onProgress = (done, total) =>
        this.setStatus(done >= total ? "starting the compiler and building…" : `downloading the compiler: ${(done / 1e6).toFixed(0)} / ${(total / 1e6).toFixed(0)} MB`);
      const build = await this.opts.builder.gradeBuild(this.opts.sources(), variantName);
      const tests = runnableTests(variantName);
      const runs: TestRun[] = [];
      const rows = this.skeleton(variantName);
      if (!build.artifacts.module) {
        for (const def of tests) runs.push(stoppedRun(def, { message: "the module did not build", ms: 0 }));
      } else {
        this.supervisor ??= new Supervisor(webWorkers, { lockupMs: this.opts.lockupMs });
        let done = 0;
        for (const def of tests) {
          this.setStatus(`running ${++done}/${tests.length}: ${def.name}`);
          rows.get(def.id)?.classList.add("running");
          const job: GradeJob = { type: "test", test: def.id, variant: variantName, artifacts: build.artifacts, channels: 1 << 20 };
          // a test may allow its module calls longer than the default (big heaps)
          const lockupMs = (def as { lockupMs?: number }).lockupMs;
          const outcome = await this.supervisor.run(job, { timeMs: def.timeMs ?? DEFAULT_TIME_MS, ...(lockupMs ? { lockupMs } : {}) });
          const run = this.toRun(outcome, def, build);
          runs.push(run);
          const row = rows.get(def.id);
          if (row) {
            row.classList.remove("running");
            row.querySelector(".verdict")!.textContent = run.passed && !run.lockup && !run.timedOut ? "✓" : "✗";
          }
        }
      }
      const report = scoreSubmission({ submission: "playground", variant, build, runs, seconds: (performance.now() - t0) / 1000 });
      this.report = report;
      this.show(report);
      this.setStatus(`done in ${report.seconds.toFixed(1)} s`);
      return report;
    } catch (e) {
      this.setStatus(`could not run: ${(e as Error).message}`);
      return undefined;
    } finally {
      this.running = false;
      this.runBtn.disabled = false;
      this.root.dataset.state = "done";
    }
  }

  /** A test's outcome under the watchdog as the suite's TestRun (as `msgslot grade` does). */
  private toRun(o: JobOutcome<GradeResult>, def: ReturnType<typeof runnableTests>[number], build: BuildReport): TestRun {
    if (o.kind === "done" && o.value.type === "test") return o.value.run;
    if (o.kind === "lockup") {
      const lines = softLockupReport(o.inflight, o.stuckMs, build.artifacts.moduleName);
      return stoppedRun(def, { lockup: { lines, syscall: describeCall(o.inflight), stuckMs: o.stuckMs }, ms: o.ms });
    }
    if (o.kind === "timeout") return stoppedRun(def, { timedOut: true, message: o.inflight.active ? `in ${describeCall(o.inflight)}` : undefined, ms: o.ms });
    return stoppedRun(def, { message: o.kind === "failed" ? o.message.split("\n")[0] : "unexpected result", ms: o.ms });
  }

  /** Why this page has no SharedArrayBuffer, and what that changes (nothing but time). */
  private isolationNote(): HTMLElement {
    return el("p", { class: "hint", id: "isolation-note" },
      `This page is not cross-origin isolated (${this.opts.isolation.how}), so the browser gives it no SharedArrayBuffer. ` +
      "The watchdog follows the tests by messages instead: every test runs and scores the same, but a test that locks up runs twice (the second time to name the call it is stuck in).");
  }

  /** How the watchdog has been following the tests (for the e2e specs and the curious). */
  watchdog(): { shared: boolean; replays: number; workers: number } | undefined {
    const s = this.supervisor;
    return s && { shared: s.shared, replays: s.replays, workers: s.started };
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
  }

  /** The suite's rows before the results: names, pending. */
  private skeleton(variant: VariantName): Map<string, HTMLElement> {
    const rows = new Map<string, HTMLElement>();
    const table = el("table", { class: "tests" }, el("tr", {}, el("th", {}, ""), el("th", {}, "test"), el("th", {}, "points")));
    for (const item of suiteFor(variant)) {
      const row = el("tr", { "data-test": item.def.id }, el("td", { class: "verdict" }, "·"), el("td", {}, item.def.name), el("td", { class: "num" }, item.def.weight ? String(item.def.weight) : "—"));
      rows.set(item.def.id, row);
      table.append(row);
    }
    this.results.replaceChildren(table);
    return rows;
  }

  private show(r: SubmissionReport): void {
    const course = r.tests.filter((t) => !t.advisory);
    const extra = r.tests.filter((t) => t.advisory);
    const perfect = r.score === r.maxScore;
    const failedExtra = extra.filter((t) => t.status === "failed").length;
    const score = el("div", { class: `score ${perfect ? "perfect" : "partial"}`, "data-score": String(r.score), "data-max": String(r.maxScore) },
      `Score: ${r.score} / ${r.maxScore}`);
    const summary = el("p", { class: "hint" }, `variant ${r.variant}; ${course.filter((t) => t.status === "failed").length} of the course's ${course.length} tests failed; ${failedExtra} of msgslot's ${extra.length} extra checks failed (not scored)`);
    const findings = r.build.findings.length ? el("ul", { class: "findings" }, ...r.build.findings.map((f) => el("li", {}, f))) : "";
    this.results.replaceChildren(score, summary, findings, this.opts.isolation.isolated ? "" : this.isolationNote(),
      el("h3", {}, "The course's key"), this.table(course),
      el("h3", {}, "msgslot's extra checks (advisory, 0 points)"), this.table(extra));
    this.badge.hidden = false;
    this.badge.textContent = `${r.score}`;
    this.badge.className = `badge ${perfect ? "ok" : "error"}`;
  }

  private table(tests: TestResult[]): HTMLElement {
    const table = el("table", { class: "tests" }, el("tr", {}, el("th", {}, ""), el("th", {}, "test"), el("th", {}, "points"), el("th", {}, "time")));
    for (const t of tests) {
      const pass = t.status === "passed";
      const row = el("tr", { class: pass ? "pass" : "fail", "data-test": t.id },
        el("td", { class: pass ? "pass" : "fail" }, pass ? "✓" : "✗"),
        el("td", {}, t.name),
        el("td", { class: "num" }, t.advisory ? "—" : `${t.score}/${t.maxScore}`),
        el("td", { class: "num" }, t.ms ? `${(t.ms / 1000).toFixed(1)} s` : ""));
      table.append(row);
      if (t.output) {
        const detail = el("tr", { class: `detail-row ${pass ? "pass" : "fail"}` }, el("td", {}, ""), el("td", { colspan: "3" }, el("div", { class: "detail" }, t.output)));
        table.append(detail);
      }
    }
    return table;
  }
}
