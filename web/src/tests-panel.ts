// The Tests pane: the grading suite of `msgslot grade` on the editor's sources (placeholder until
// src/harness/grade exists).

import type { Builder } from "./builder.js";
import type { FileName } from "./editor.js";

export interface TestsPanelOptions {
  sources(): Record<FileName, string>;
  builder: Builder;
  watchdogMs: number;
}

export class TestsPanel {
  constructor(private readonly root: HTMLElement, private readonly badge: HTMLElement, private readonly opts: TestsPanelOptions) {
    void this.opts;
    void this.badge;
    this.root.textContent = "The grading suite is not available yet.";
  }
}
