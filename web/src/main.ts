// The playground page: editor, terminal, kernel view, tests. The kernel runs in a worker
// (kernel-client.ts), the compiler in another (compile-worker.ts), started on the first Build.

import type { Lockup } from "./kernel-client.js";
import { early, hooks, isolation, kernel, watchdogSecs } from "./boot.js";
import { ShellTerminal } from "./terminal.js";
import { SourceEditor, FILES, type FileName } from "./editor.js";
import { KernelView, DmesgView } from "./kernel-view.js";
import { PROGRAMS, REFERENCE } from "./sources.js";
import { Builder } from "./builder.js";
import { TestsPanel } from "./tests-panel.js";
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
  commands: () => [...Object.keys(APPLETS), "help", "exit", ...PROGRAMS.map((p) => `./${p}`)],
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

const editor = new SourceEditor($("editor"), $("file-tabs"), {
  reference: REFERENCE,
  onBuild: () => void build(),
  onBuildAndLoad: () => void buildAndLoad(),
});
$("reset").onclick = () => {
  if (!editor.isModified(editor.current) || confirm(`Throw away your edits of ${editor.current}?`)) editor.reset();
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
      const r = await builder.build(editor.sources(), PROGRAMS);
      showBuild(r);
      const failed = [r.module.ok ? "" : "message_slot.c", ...PROGRAMS.filter((p) => !r.programs[p]!.ok).map((p) => `${p}.c`)].filter(Boolean);
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
  const all: Diagnostic[] = [
    ...r.module.diagnostics,
    ...PROGRAMS.flatMap((p) => r.programs[p]!.diagnostics.filter((d) => !(d.file.endsWith(".h") && r.module.diagnostics.some((m) => m.file === d.file && m.line === d.line && m.message === d.message)))),
  ];
  editor.showDiagnostics(all);
  const parts = [["message_slot.ko", r.module] as const, ...PROGRAMS.map((p) => [p, r.programs[p]!] as const)];
  const summary = document.createElement("p");
  const ok = parts.every(([, o]) => o.ok);
  summary.className = "summary " + (ok ? "ok" : "error");
  summary.textContent = parts.map(([name, o]) => `${name} ${o.ok ? "✓" : "✗"}`).join("   ") +
    `   (${(r.ms / 1000).toFixed(1)} s${parts.every(([, o]) => o.cached) ? ", cached" : ""}, ${r.backend})`;
  const rows = all.map((d) => {
    const div = document.createElement("div");
    div.className = `diag ${d.severity === "fatal error" ? "error" : d.severity}`;
    div.textContent = formatDiagnostic(d);
    div.onclick = () => editor.reveal(d);
    return div;
  });
  buildLog.replaceChildren(summary, ...rows);
  if (!ok && rows.length === 0) {
    const pre = document.createElement("pre");
    pre.textContent = [r.module.log, ...PROGRAMS.map((p) => r.programs[p]!.log)].join("\n").trim();
    buildLog.append(pre);
  }
  const firstError = all.find((d) => (d.severity === "error" || d.severity === "fatal error") && d.line > 0 && (FILES as readonly string[]).includes(d.file));
  if (firstError) editor.reveal(firstError, false);
  document.body.dataset.build = ok ? "ok" : "failed";
}

async function load(): Promise<void> {
  const r = built;
  if (!r?.module.wasm) return;
  loadBtn.disabled = true;
  loadBtn.classList.remove("ready");
  const programs: Record<string, Uint8Array> = {};
  for (const p of PROGRAMS) if (r.programs[p]?.wasm) programs[p] = r.programs[p]!.wasm!;
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

buildBtn.onclick = () => void build();
loadBtn.onclick = () => void load();
buildLoadBtn.onclick = () => void buildAndLoad();

// --- side panes -------------------------------------------------------------------------------

const tests = new TestsPanel($("tests-view"), $("tests-badge"), {
  sources: () => editor.sources() as Record<FileName, string>,
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
