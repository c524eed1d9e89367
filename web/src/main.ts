// The playground page: editor, terminal, kernel view, tests. The kernel runs in a worker
// (kernel-client.ts), the compiler in another (compile-worker.ts), started on the first Build.

import type { Lockup } from "./kernel-client.js";
import { early, hooks, isolation, kernel, watchdogSecs } from "./boot.js";
import { ShellTerminal } from "./terminal.js";
import { SourceEditor } from "./editor.js";
import { isFixed, nameProblem, protectedReason, suggestName, template } from "./file-names.js";
import { KernelView, DmesgView } from "./kernel-view.js";
import { PREBUILT, PROGRAMS, REFERENCE } from "./sources.js";
import { Builder } from "./builder.js";
import { TestsPanel } from "./tests-panel.js";
import { wireRaces } from "./races.js";
import { APPLETS } from "../../src/harness/busybox.js";
import { formatDiagnostic } from "../../src/toolchain/diagnostics.js";
import type { BuildResult, Snapshot } from "./protocol.js";
import type { Diagnostic } from "../../src/toolchain/types.js";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
// --- the kernel (started by boot.ts) and its views -------------------------------------------

const kernelView = new KernelView($("kernel-view"));
const dmesgBadge = $("dmesg-badge");
const dmesgView = new DmesgView($("dmesg-view"), (n) => {
  dmesgBadge.hidden = n === 0;
  dmesgBadge.textContent = String(n);
});
function showSnapshot(s: Snapshot): void {
  kernelView.render(s);
  dmesgView.update(s.dmesg, s.dmesgReset);
}

// --- terminal -----------------------------------------------------------------------------

const terminal = new ShellTerminal($("terminal"), {
  run: runLine,
  commands: () => [...Object.keys(APPLETS), "help", "exit", ...(kernel.lastSnapshot?.programs ?? PROGRAMS).map((p) => `./${p}`)],
});

terminal.notice(
  "msgslot playground: an emulated Linux 6.1 kernel with the message_slot module, in your browser.\n" +
    "Try:\n" +
    "  insmod message_slot.ko\n" +
    "  mknod /dev/slot0 c 235 0\n" +
    "  ./message_sender /dev/slot0 1 Hello\n" +
    "  ./message_reader /dev/slot0 1\n" +
    "help lists the commands; Up/Down: history, Tab: complete, Ctrl-C: cancel the line.",
  "info",
);

for (const [fd, data] of early.output) terminal.output(fd, data);
if (early.snapshot) showSnapshot(early.snapshot);
hooks.output = (fd, data) => terminal.output(fd, data);
hooks.snapshot = (s) => showSnapshot(s);

async function runLine(line: string): Promise<void> {
  const r = await kernel.exec(line);
  if (r.error) terminal.notice(r.error, r.error.startsWith("exit:") ? "warn" : "error");
  if (r.lockup) await recover(r.lockup);
}

/** After the watchdog: show the report, then bring the fresh kernel to where the old one was. */
async function recover(lockup: Lockup): Promise<void> {
  const before = lockup.before;
  terminal.notice(lockup.report.join("\n"), "error");
  try {
    await kernel.ready();
  } catch (e) {
    terminal.notice(`the new kernel did not boot: ${(e as Error).message}`, "error");
    return;
  }
  const steps: string[] = [];
  const hadModule = before?.modules.some((m) => m.name === "message_slot") ?? false;
  // a module whose init loops would lock up again: then it is left for the user to insmod
  if (hadModule && lockup.syscall !== "init_module") steps.push("insmod message_slot.ko");
  for (const n of before?.nodes ?? []) steps.push(`mknod ${n.path} c ${n.major} ${n.minor}`);
  if (steps.length) {
    terminal.notice(`fresh kernel booted; restoring: ${steps.join("; ")}`, "warn");
    const r = await kernel.exec(steps.join("; "));
    if (r.lockup) terminal.notice(r.lockup.report.join("\n"), "error");
  } else {
    terminal.notice("fresh kernel booted", "warn");
  }
  dmesgView.seen();
}

// --- editor and builds ----------------------------------------------------------------------

const status = $("status");
const progress = $<HTMLProgressElement>("progress");
const buildLog = $("build-log");
const loadBtn = $<HTMLButtonElement>("load");
const buildBtn = $<HTMLButtonElement>("build");
const buildLoadBtn = $<HTMLButtonElement>("build-load");

function setStatus(text: string, tone: "" | "ok" | "error" = ""): void {
  status.textContent = text;
  status.className = tone;
}

const resetBtn = $<HTMLButtonElement>("reset");
const renameBtn = $<HTMLButtonElement>("rename-file");
const deleteBtn = $<HTMLButtonElement>("delete-file");

const editor = new SourceEditor($("editor"), $("file-tabs"), {
  reference: REFERENCE,
  onBuild: () => void build(),
  onBuildAndLoad: () => void buildAndLoad(),
  onTabs: (file) => fileTools(file),
});
resetBtn.onclick = () => {
  if (!editor.isModified(editor.current) || confirm(`Throw away your edits of ${editor.current}?`)) editor.reset();
};

/** The file buttons as the open file allows: the assignment's files are reset, not renamed or deleted. */
function fileTools(file: string): void {
  const guard = protectedReason(file);
  resetBtn.hidden = !isFixed(file);
  renameBtn.disabled = deleteBtn.disabled = guard !== undefined;
  renameBtn.title = guard ?? `Rename ${file}`;
  deleteBtn.title = guard ?? `Delete ${file}`;
}

/** Ask for a file name until the rules accept it (or the user cancels). */
function askName(question: string, suggestion: string, check: (name: string) => string | undefined): string | undefined {
  let problem: string | undefined;
  for (;;) {
    const answer = prompt(problem ? `${problem}\n\n${question}` : question, suggestion);
    if (answer === null) return undefined;
    const name = answer.trim();
    problem = check(name);
    if (!problem) return name;
    suggestion = name;
  }
}

$("new-file").onclick = () => {
  const names = editor.names();
  const name = askName("New file (a .c with main() is a program ./NAME; without main it is linked into every program; or a .h):", suggestName(names), (n) => nameProblem(n, names));
  if (name) editor.addFile(name, template(name));
  setStatus(name ? `${name} added: Build makes ${name.endsWith(".c") ? `./${name.slice(0, -2)} of it (if it has main)` : "it available to #include"}` : "");
};
renameBtn.onclick = () => {
  const from = editor.current;
  const names = editor.names();
  const to = askName(`Rename ${from} to:`, from, (n) => (n === from ? undefined : nameProblem(n, names, from)));
  if (!to || to === from) return;
  const problem = editor.renameFile(from, to);
  setStatus(problem ?? `${from} renamed to ${to}`, problem ? "error" : "");
};
deleteBtn.onclick = () => {
  const file = editor.current;
  if (!confirm(`Delete ${file}? Its text is not kept anywhere else.`)) return;
  const problem = editor.deleteFile(file);
  setStatus(problem ?? `${file} deleted; the next Load removes ./${file.replace(/\.[ch]$/, "")} from the shell`, problem ? "error" : "");
};

const builder = new Builder();
const headerProgress = (done: number, total: number) => {
  progress.hidden = done >= total;
  progress.max = total || 1;
  progress.value = done;
  setStatus(done >= total ? "Starting the compiler and building…" : `Downloading the compiler: ${(done / 1e6).toFixed(0)} / ${(total / 1e6).toFixed(0)} MB`);
};

/** the last build that produced a module, not loaded yet */
let built: BuildResult | undefined;
let building: Promise<BuildResult | undefined> | undefined;

async function build(): Promise<BuildResult | undefined> {
  if (building) return building;
  building = (async () => {
    buildBtn.disabled = buildLoadBtn.disabled = true;
    setStatus(builder.warm ? "Building…" : "Loading the compiler (first build)…");
    progress.hidden = builder.warm;
    progress.removeAttribute("value");
    try {
      builder.onProgress = headerProgress;
      const r = await builder.build(editor.sources());
      showBuild(r);
      const failed = [r.module.ok ? "" : "message_slot.c", ...Object.keys(r.programs).filter((p) => !r.programs[p]!.ok).map((p) => r.mains[p]!), ...(r.problems.length ? ["the programs"] : [])].filter(Boolean);
      if (failed.length) {
        setStatus(`Build failed: ${failed.join(", ")}`, "error");
        return undefined;
      }
      built = r;
      loadBtn.disabled = false;
      loadBtn.classList.add("ready");
      setStatus(`Built in ${(r.ms / 1000).toFixed(1)} s — Load to insmod it`, "ok");
      return r;
    } catch (e) {
      setStatus(`Build failed: ${(e as Error).message}`, "error");
      return undefined;
    } finally {
      progress.hidden = true;
      buildBtn.disabled = buildLoadBtn.disabled = false;
      building = undefined;
    }
  })();
  return building;
}

let lastBuild: BuildResult | undefined;

function showBuild(r: BuildResult): void {
  lastBuild = r;
  // a header's (or a helper's) message comes once from every build that compiles it: shown once
  const seen = new Set<string>();
  const all: Diagnostic[] = [r.module, ...Object.values(r.programs)].flatMap((o) => o.diagnostics).filter((d) => {
    const key = `${d.file}:${d.line}:${d.col}:${d.severity}:${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  editor.showDiagnostics(all);
  const names = Object.keys(r.programs);
  const parts = [["message_slot.ko", r.module] as const, ...names.map((p) => [`./${p}`, r.programs[p]!] as const)];
  const summary = document.createElement("p");
  const ok = parts.every(([, o]) => o.ok) && r.problems.length === 0;
  summary.className = "summary " + (ok ? "ok" : "error");
  summary.textContent = parts.map(([name, o]) => `${name} ${o.ok ? "✓" : "✗"}`).join("   ") +
    `   (${(r.ms / 1000).toFixed(1)} s${parts.every(([, o]) => o.cached) ? ", cached" : ""}, ${r.backend})`;
  const notes = [
    ...r.problems.map((p) => ({ cls: "diag error", text: `programs: ${p}` })),
    ...(r.helpers.length ? [{ cls: "diag note", text: `linked into every program (no main): ${r.helpers.join(", ")}` }] : []),
    ...r.skipped.map((f) => ({ cls: "diag warning", text: `${f}: kernel code (includes <linux/module.h>): not built; only message_slot.c is the module` })),
  ].map(({ cls, text }) => {
    const div = document.createElement("div");
    div.className = cls;
    div.textContent = text;
    return div;
  });
  const rows = all.map((d) => {
    const div = document.createElement("div");
    div.className = `diag ${d.severity === "fatal error" ? "error" : d.severity}`;
    div.textContent = formatDiagnostic(d);
    div.onclick = () => editor.reveal(d);
    return div;
  });
  buildLog.replaceChildren(summary, ...notes, ...rows);
  if (!ok && rows.length === 0 && notes.length === 0) {
    const pre = document.createElement("pre");
    pre.textContent = [r.module.log, ...names.map((p) => r.programs[p]!.log)].join("\n").trim();
    buildLog.append(pre);
  }
  const firstError = all.find((d) => (d.severity === "error" || d.severity === "fatal error") && d.line > 0 && editor.names().includes(d.file));
  if (firstError) editor.reveal(firstError, false);
  document.body.dataset.build = ok ? "ok" : "failed";
}

async function load(): Promise<void> {
  const r = built;
  if (!r?.module.wasm) return;
  loadBtn.disabled = true;
  loadBtn.classList.remove("ready");
  const programs: Record<string, Uint8Array> = {};
  for (const [name, o] of Object.entries(r.programs)) if (o.wasm) programs[name] = o.wasm;
  await kernel.setImages(r.module.wasm, programs);
  built = undefined;
  const loaded = kernel.lastSnapshot?.modules.some((m) => m.name === "message_slot");
  if (loaded) await terminal.typeAndRun("rmmod message_slot");
  await terminal.typeAndRun("insmod message_slot.ko");
  setStatus("Loaded the new module and programs", "ok");
  document.body.dataset.loaded = String(Number(document.body.dataset.loaded ?? 0) + 1);
}

async function buildAndLoad(): Promise<void> {
  if (await build()) await load();
}

wireRaces({
  button: $<HTMLButtonElement>("races"),
  dialog: $<HTMLDialogElement>("races-dialog"),
  report: $("races-report"),
  status: setStatus,
  // the module of the last build that made one, else the prebuilt reference the kernel started with
  module: () => (lastBuild?.module.ok && lastBuild.module.wasm ? { bytes: lastBuild.module.wasm } : { url: PREBUILT.module.url }),
});

buildBtn.onclick = () => void build();
loadBtn.onclick = () => void load();
buildLoadBtn.onclick = () => void buildAndLoad();

// --- side panes -------------------------------------------------------------------------------

const tests = new TestsPanel($("tests-view"), $("tests-badge"), {
  // the assignment's files: the grader builds those (a tester of one's own is not part of it)
  sources: () => editor.assignment(),
  builder,
  // msgslot grade's default (--lockup 2)
  lockupMs: 2000,
  isolation,
});

for (const tab of document.querySelectorAll<HTMLButtonElement>("#side-tabs .tab")) {
  tab.onclick = () => {
    for (const t of document.querySelectorAll<HTMLButtonElement>("#side-tabs .tab")) {
      t.classList.toggle("active", t === tab);
      $(t.dataset.pane!).hidden = t !== tab;
    }
    if (tab.dataset.pane === "dmesg-view") dmesgView.seen();
  };
}

$("watchdog-secs").textContent = String(watchdogSecs);
$("help-link").onclick = (e) => {
  e.preventDefault();
  $<HTMLDialogElement>("help").showModal();
};

// for the e2e specs and the curious: window.msgslot
Object.assign(window, {
  msgslot: {
    terminalText: () => terminal.text(),
    editorText: () => editor.view.state.doc.toString(),
    buildTimes: () => builder.times,
    lastBuild: () => lastBuild,
    kernelBootMs: () => kernel.bootMs,
    testReport: () => tests.report,
    watchdog: () => tests.watchdog(),
    isolation,
  },
});

// --- boot -------------------------------------------------------------------------------------

kernel.ready().then(
  () => {
    terminal.prompt();
    terminal.focus();
    document.body.dataset.shell = "ready";
    document.body.dataset.shellReadyMs = performance.now().toFixed(0);
  },
  (e: Error) => {
    terminal.notice(`the kernel did not boot: ${e.message}\n(were wasm/*.wasm built? npm run build)`, "error");
    document.body.dataset.shell = "failed";
  },
);
