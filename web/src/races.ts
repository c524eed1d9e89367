// The "Explore races" action: the built-in concurrent scenarios on the module (the last build that
// made one, else the prebuilt reference), in races-worker.ts; the first report and its trace in
// a dialog.

import type { RacesReply, RacesRequest } from "./races-worker.js";

export interface RacesUi {
  button: HTMLButtonElement;
  dialog: HTMLDialogElement;
  report: HTMLElement;
  status(text: string, tone?: "" | "ok" | "error"): void;
  /** the module to explore */
  module(): RacesRequest["source"];
}

export function wireRaces(ui: RacesUi): void {
  ui.button.onclick = () => {
    ui.button.disabled = true;
    document.body.dataset.races = "running";
    const worker = new Worker(new URL("./races-worker.ts", import.meta.url), { type: "module", name: "races" });
    const done = () => {
      worker.terminate();
      ui.button.disabled = false;
    };
    worker.onmessage = (e: MessageEvent<RacesReply>) => {
      const m = e.data;
      if (m.type === "progress") return ui.status(m.text);
      done();
      if (m.type === "failed") {
        ui.status(`Explore races failed: ${m.message}`, "error");
        document.body.dataset.races = "failed";
        return;
      }
      const head = m.first
        ? `${m.findings} finding${m.findings === 1 ? "" : "s"}. The first, in ${m.first.scenario} (${m.first.about}):\n\n${m.first.report}`
        : "No finding: every schedule explored ran clean.";
      ui.report.textContent = `${m.summary.join("\n")}\n\n${head}\n\n(msgslot races --builtin --module DIR shows every report and writes replay files)`;
      ui.status(m.first ? `Races: ${m.findings} finding${m.findings === 1 ? "" : "s"}` : "Races: no finding", m.first ? "error" : "ok");
      document.body.dataset.races = m.first ? "found" : "clean";
      ui.dialog.showModal();
    };
    worker.onerror = (e) => {
      done();
      ui.status(`Explore races failed: ${e.message}`, "error");
      document.body.dataset.races = "failed";
    };
    const req: RacesRequest = { source: ui.module() };
    worker.postMessage(req);
  };
}
