// The editor pane: CodeMirror 6 with C highlighting, one tab per file (the assignment's four, then
// the user's own: file-names.ts), edits and the user's files kept in localStorage, compiler
// diagnostics shown inline (lint underlines and gutter markers).

import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { EditorState, Prec, type Extension } from "@codemirror/state";
import { cpp } from "@codemirror/lang-cpp";
import { indentUnit } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import type { Diagnostic } from "../../src/toolchain/types.js";
import { FIXED_FILES, isFixed, nameProblem, protectedReason, type FixedFile } from "./file-names.js";

export type FileName = string;

const STORAGE = "msgslot.playground.source.";
/** the names of the user's own files, in tab order (JSON) */
const USER_FILES = "msgslot.playground.files";

export interface SourceEditorOptions {
  reference: Record<FixedFile, string>;
  /** the tabs changed (a file added, renamed, deleted, selected): `current` is the open one */
  onTabs?(current: FileName): void;
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
  /** edits not written to localStorage yet, per file (written 300 ms after the last keystroke) */
  private readonly unsaved = new Map<FileName, ReturnType<typeof setTimeout>>();
  /** edits since the last build */
  dirty = false;

  /** every file, in tab order: the assignment's, then the user's */
  private files: FileName[] = [...FIXED_FILES];

  constructor(parent: HTMLElement, private readonly tabs: HTMLElement, private readonly opts: SourceEditorOptions) {
    for (const f of FIXED_FILES) this.states.set(f, this.makeState(f, load(f) ?? opts.reference[f]));
    for (const f of loadUserFiles()) {
      // a list edited by hand (or by an older page): keep only names the rules allow
      if (nameProblem(f, this.files) !== undefined) continue;
      this.files.push(f);
      this.states.set(f, this.makeState(f, load(f) ?? ""));
    }
    this.view = new EditorView({ state: this.states.get(this.current)!, parent });
    this.renderTabs();
    // a reload or a closed tab within 300 ms of a keystroke keeps it
    addEventListener("pagehide", () => this.flush());
  }

  /** Every file's name, in tab order. */
  names(): FileName[] {
    return [...this.files];
  }

  /** Add a file of one's own and open it. Returns why not, if it cannot be added. */
  addFile(name: FileName, text: string): string | undefined {
    const problem = nameProblem(name, this.files);
    if (problem) return problem;
    this.files.push(name);
    this.states.set(name, this.makeState(name, text));
    save(name, text, undefined);
    this.saveList();
    this.select(name, true);
    return undefined;
  }

  /** Rename a file of one's own. Returns why not, if it cannot be. */
  renameFile(from: FileName, to: FileName): string | undefined {
    const guard = protectedReason(from) ?? (this.files.includes(from) ? undefined : `there is no file ${from}`);
    if (guard) return guard;
    if (to === from) return undefined;
    const problem = nameProblem(to, this.files, from);
    if (problem) return problem;
    this.states.set(this.current, this.view.state);
    const text = this.states.get(from)!.doc.toString();
    this.files[this.files.indexOf(from)] = to;
    clearTimeout(this.unsaved.get(from));
    this.unsaved.delete(from);
    this.states.set(to, this.makeState(to, text));
    this.states.delete(from);
    this.counts.delete(from);
    removeStored(from);
    save(to, text, undefined);
    this.saveList();
    if (this.current === from) {
      this.current = to;
      this.view.setState(this.states.get(to)!);
    }
    this.renderTabs();
    return undefined;
  }

  /** Delete a file of one's own (the tab to its left opens). Returns why not, if it cannot be. */
  deleteFile(name: FileName): string | undefined {
    const guard = protectedReason(name) ?? (this.files.includes(name) ? undefined : `there is no file ${name}`);
    if (guard) return guard;
    clearTimeout(this.unsaved.get(name));
    this.unsaved.delete(name);
    const i = this.files.indexOf(name);
    this.files.splice(i, 1);
    this.states.delete(name);
    this.counts.delete(name);
    removeStored(name);
    this.saveList();
    if (this.current === name) {
      this.current = this.files[Math.max(0, i - 1)]!;
      this.view.setState(this.states.get(this.current)!);
    }
    this.renderTabs();
    return undefined;
  }

  private saveList(): void {
    try {
      localStorage.setItem(USER_FILES, JSON.stringify(this.files.filter((f) => !isFixed(f))));
    } catch {
      // storage full or disabled: the files live as long as the page
    }
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
    const file = this.current;
    // one timer per file: editing another file right after must not drop this one's save
    clearTimeout(this.unsaved.get(file));
    this.unsaved.set(file, setTimeout(() => this.flush(file), 300));
    this.renderTabs();
  }

  /** Write a file's pending edits to localStorage now (every file's when none is named). */
  flush(file?: FileName): void {
    for (const f of file === undefined ? [...this.unsaved.keys()] : [file]) {
      clearTimeout(this.unsaved.get(f));
      this.unsaved.delete(f);
      if (!this.files.includes(f)) continue;
      const state = f === this.current ? this.view.state : this.states.get(f)!;
      save(f, state.doc.toString(), isFixed(f) ? this.opts.reference[f] : undefined);
    }
  }

  /** The text of every file (the open one as edited right now). */
  sources(): Record<FileName, string> {
    this.states.set(this.current, this.view.state);
    const out: Record<FileName, string> = {};
    for (const f of this.files) out[f] = this.states.get(f)!.doc.toString();
    return out;
  }

  /** The assignment's files alone (what the Tests pane grades). */
  assignment(): Record<FixedFile, string> {
    const all = this.sources();
    return Object.fromEntries(FIXED_FILES.map((f) => [f, all[f]!])) as Record<FixedFile, string>;
  }

  select(file: FileName, force = false): void {
    if (file === this.current && !force) return;
    this.states.set(this.current, this.view.state);
    this.current = file;
    this.view.setState(this.states.get(file)!);
    this.renderTabs();
  }

  /** Reset the open file to the reference source (the assignment's files only). */
  reset(file: FileName = this.current): void {
    if (!isFixed(file)) return;
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

  /** An assignment file that differs from the reference (a file of one's own is never "modified"). */
  isModified(file: FileName): boolean {
    if (!isFixed(file)) return false;
    const state = file === this.current ? this.view.state : this.states.get(file)!;
    return state.doc.toString() !== this.opts.reference[file];
  }

  /** Show a build's diagnostics at their lines; returns those that belong to no tab (system headers, the linker). */
  showDiagnostics(diags: Diagnostic[]): Diagnostic[] {
    const rest: Diagnostic[] = [];
    const per = new Map<FileName, LintDiagnostic[]>(this.files.map((f) => [f, []]));
    this.states.set(this.current, this.view.state);
    this.counts.clear();
    for (const d of diags) {
      const file = this.files.find((f) => f === d.file);
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
    for (const f of this.files) {
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
    const file = this.files.find((f) => f === d.file);
    if (!file) return;
    this.select(file);
    const doc = this.view.state.doc;
    const line = doc.line(Math.max(1, Math.min(d.line, doc.lines)));
    const pos = Math.min(line.from + Math.max(0, d.col - 1), line.to);
    this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
    if (focus) this.view.focus();
  }

  private renderTabs(): void {
    this.tabs.replaceChildren(...this.files.map((f) => {
      const b = document.createElement("button");
      b.className = "tab" + (f === this.current ? " active" : "") + (isFixed(f) ? "" : " own");
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
    this.opts.onTabs?.(this.current);
  }
}

function load(file: FileName): string | undefined {
  try {
    return localStorage.getItem(STORAGE + file) ?? undefined;
  } catch {
    return undefined;
  }
}

function loadUserFiles(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(USER_FILES) ?? "[]") as unknown;
    return Array.isArray(list) ? list.filter((f): f is string => typeof f === "string") : [];
  } catch {
    return [];
  }
}

function removeStored(file: FileName): void {
  try {
    localStorage.removeItem(STORAGE + file);
  } catch {
    // storage disabled
  }
}

/** Keep a file's text; an assignment file equal to its reference is not kept (reference: undefined for one's own). */
function save(file: FileName, text: string, reference: string | undefined): void {
  try {
    if (text === reference) localStorage.removeItem(STORAGE + file);
    else localStorage.setItem(STORAGE + file, text);
  } catch {
    // storage full or disabled: edits live as long as the page
  }
}
