// The editor pane: CodeMirror 6 with C highlighting, one tab per file of the assignment, edits
// kept in localStorage, compiler diagnostics shown inline (lint underlines and gutter markers).

import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { EditorState, Prec, type Extension } from "@codemirror/state";
import { cpp } from "@codemirror/lang-cpp";
import { indentUnit } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import type { Diagnostic } from "../../src/toolchain/types.js";

export const FILES = ["message_slot.c", "message_slot.h", "message_sender.c", "message_reader.c"] as const;
export type FileName = (typeof FILES)[number];

const STORAGE = "msgslot.playground.source.";

export interface SourceEditorOptions {
  reference: Record<FileName, string>;
  /** Ctrl-S / Cmd-S */
  onBuild(): void;
  /** Ctrl-Enter / Cmd-Enter */
  onBuildAndLoad(): void;
}

export class SourceEditor {
  readonly view: EditorView;
  private readonly states = new Map<FileName, EditorState>();
  private readonly counts = new Map<FileName, { errors: number; warnings: number }>();
  current: FileName = "message_slot.c";
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** edits since the last build */
  dirty = false;

  constructor(parent: HTMLElement, private readonly tabs: HTMLElement, private readonly opts: SourceEditorOptions) {
    for (const f of FILES) this.states.set(f, this.makeState(f, load(f) ?? opts.reference[f]));
    this.view = new EditorView({ state: this.states.get(this.current)!, parent });
    this.renderTabs();
  }

  private extensions(): Extension[] {
    return [
      basicSetup,
      cpp(),
      indentUnit.of("\t"),
      EditorState.tabSize.of(8),
      lintGutter(),
      Prec.highest(keymap.of([
        { key: "Mod-s", preventDefault: true, run: () => (this.opts.onBuild(), true) },
        { key: "Mod-Enter", preventDefault: true, run: () => (this.opts.onBuildAndLoad(), true) },
      ])),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) this.changed();
      }),
    ];
  }

  private makeState(file: FileName, text: string): EditorState {
    void file;
    return EditorState.create({ doc: text, extensions: this.extensions() });
  }

  private changed(): void {
    this.dirty = true;
    clearTimeout(this.saveTimer);
    const file = this.current;
    const text = this.view.state.doc.toString();
    this.saveTimer = setTimeout(() => save(file, text, this.opts.reference[file]), 300);
    this.renderTabs();
  }

  /** The text of every file (the open one as edited right now). */
  sources(): Record<FileName, string> {
    this.states.set(this.current, this.view.state);
    const out = {} as Record<FileName, string>;
    for (const f of FILES) out[f] = this.states.get(f)!.doc.toString();
    return out;
  }

  select(file: FileName): void {
    if (file === this.current) return;
    this.states.set(this.current, this.view.state);
    this.current = file;
    this.view.setState(this.states.get(file)!);
    this.renderTabs();
  }

  /** Reset the open file to the reference source. */
  reset(file: FileName = this.current): void {
    const text = this.opts.reference[file];
    localStorage.removeItem(STORAGE + file);
    if (file === this.current) {
      this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
      localStorage.removeItem(STORAGE + file);
    } else {
      this.states.set(file, this.makeState(file, text));
    }
    this.renderTabs();
  }

  isModified(file: FileName): boolean {
    const state = file === this.current ? this.view.state : this.states.get(file)!;
    return state.doc.toString() !== this.opts.reference[file];
  }

  /** Show a build's diagnostics at their lines; returns those that belong to no tab (system headers, the linker). */
  showDiagnostics(diags: Diagnostic[]): Diagnostic[] {
    const rest: Diagnostic[] = [];
    const per = new Map<FileName, LintDiagnostic[]>(FILES.map((f) => [f, []]));
    this.states.set(this.current, this.view.state);
    this.counts.clear();
    for (const d of diags) {
      const file = FILES.find((f) => f === d.file);
      if (!file || d.line <= 0) {
        rest.push(d);
        continue;
      }
      const doc = this.states.get(file)!.doc;
      const line = doc.line(Math.min(d.line, doc.lines));
      // clang points after the last token for a missing ';': underline that token's last character
      let from = Math.min(line.from + Math.max(0, d.col - 1), line.to);
      if (from === line.to && line.length > 0) from = line.to - 1;
      const word = /^[A-Za-z0-9_]+/.exec(line.text.slice(from - line.from));
      const to = Math.min(line.to, from + Math.max(1, word ? word[0].length : 1));
      const severity = d.severity === "warning" ? "warning" : d.severity === "note" ? "info" : "error";
      per.get(file)!.push({ from, to: Math.max(to, from), severity, message: d.message + (d.flag ? ` [${d.flag}]` : ""), source: "clang" });
      const c = this.counts.get(file) ?? { errors: 0, warnings: 0 };
      if (severity === "error") c.errors++;
      else if (severity === "warning") c.warnings++;
      this.counts.set(file, c);
    }
    for (const f of FILES) {
      const list = per.get(f)!;
      if (f === this.current) this.view.dispatch(setDiagnostics(this.view.state, list));
      else {
        const s = this.states.get(f)!;
        this.states.set(f, s.update(setDiagnostics(s, list)).state);
      }
    }
    this.renderTabs();
    return rest;
  }

  /** Put the cursor on a diagnostic's place (clicking it in the build log; a failed build's first error). */
  reveal(d: Diagnostic, focus = true): void {
    const file = FILES.find((f) => f === d.file);
    if (!file) return;
    this.select(file);
    const doc = this.view.state.doc;
    const line = doc.line(Math.max(1, Math.min(d.line, doc.lines)));
    const pos = Math.min(line.from + Math.max(0, d.col - 1), line.to);
    this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
    if (focus) this.view.focus();
  }

  private renderTabs(): void {
    this.tabs.replaceChildren(...FILES.map((f) => {
      const b = document.createElement("button");
      b.className = "tab" + (f === this.current ? " active" : "");
      b.dataset.file = f;
      b.setAttribute("role", "tab");
      b.setAttribute("aria-selected", String(f === this.current));
      b.textContent = f;
      if (this.isModified(f)) {
        const dot = document.createElement("span");
        dot.className = "modified";
        dot.title = "edited (kept in this browser)";
        dot.textContent = "●";
        b.append(dot);
      }
      const c = this.counts.get(f);
      if (c && (c.errors || c.warnings)) {
        const badge = document.createElement("span");
        badge.className = c.errors ? "badge error" : "badge warning";
        badge.textContent = String(c.errors || c.warnings);
        badge.title = `${c.errors} error(s), ${c.warnings} warning(s)`;
        b.append(badge);
      }
      b.onclick = () => this.select(f);
      return b;
    }));
  }
}

function load(file: FileName): string | undefined {
  try {
    return localStorage.getItem(STORAGE + file) ?? undefined;
  } catch {
    return undefined;
  }
}

function save(file: FileName, text: string, reference: string): void {
  try {
    if (text === reference) localStorage.removeItem(STORAGE + file);
    else localStorage.setItem(STORAGE + file, text);
  } catch {
    // storage full or disabled: edits live as long as the page
  }
}
