// The terminal pane: xterm.js with a readline-like line editor in front of the kernel worker's
// shell. Keys typed while a command runs are kept and handled after it.

import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { LineEditor, splitKeys } from "./line-editor.js";

export const PROMPT = "/ # ";
const DIM = "\x1b[2m", RED = "\x1b[31m", BOLD_RED = "\x1b[1;31m", YELLOW = "\x1b[33m", RESET = "\x1b[0m";

export interface ShellTerminalOptions {
  /** run one command line; resolves when it is done */
  run(line: string): Promise<void>;
  /** command names for Tab */
  commands(): string[];
}

export class ShellTerminal {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly editor: LineEditor;
  private busy = false;
  private pendingKeys: string[] = [];
  /** the cursor is at the start of a line (the last output ended with a newline) */
  private atLineStart = true;
  private wroteOutput = false;
  /** command lines run so far (body[data-commands], for tests) */
  private ran = 0;
  private draining = false;
  /** where the cursor is, counted in characters from the prompt's first one */
  private cursorAt = 0;
  /** the edited line's length as last drawn */
  private lastLength = 0;

  constructor(parent: HTMLElement, private readonly opts: ShellTerminalOptions) {
    this.term = new Terminal({
      convertEol: true,
      cursorBlink: true,
      fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: { background: "#101418", foreground: "#d8dee9", cursor: "#d8dee9" },
    });
    this.term.loadAddon(this.fit);
    this.term.open(parent);
    this.fitNow();
    new ResizeObserver(() => this.fitNow()).observe(parent);
    this.editor = new LineEditor((prefix) => this.opts.commands().filter((c) => c.startsWith(prefix)));
    this.term.onData((data) => this.input(data));
  }

  private fitNow(): void {
    try {
      this.fit.fit();
    } catch {
      // not laid out yet
    }
  }

  focus(): void {
    this.term.focus();
  }

  /** Everything in the terminal, scrollback included (for tests: window.msgslot.terminalText()). */
  text(): string {
    const b = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) {
      const line = b.getLine(i);
      if (!line) continue;
      if (line.isWrapped && lines.length) lines[lines.length - 1] += line.translateToString(true);
      else lines.push(line.translateToString(true));
    }
    return lines.join("\n").replace(/\s+$/, "");
  }

  /** Output of a command (fd 2 in red). */
  output(fd: 1 | 2, data: Uint8Array | string): void {
    const text = typeof data === "string" ? data : new TextDecoder().decode(data);
    if (!text) return;
    this.wroteOutput = true;
    this.atLineStart = text.endsWith("\n");
    this.term.write(fd === 2 ? RED + text + RESET : text);
  }

  /** A message from the playground itself (not from a program), on its own lines. */
  notice(text: string, tone: "info" | "error" | "warn" = "info"): void {
    const color = tone === "error" ? BOLD_RED : tone === "warn" ? YELLOW : DIM;
    const lead = this.atLineStart ? "" : "\r\n";
    this.term.write(`${lead}${color}${text.replace(/\n$/, "")}${RESET}\r\n`);
    this.atLineStart = true;
  }

  prompt(): void {
    this.term.write(PROMPT);
    this.cursorAt = PROMPT.length;
    this.atLineStart = false;
  }

  /** Run a line as if typed (the Load button's rmmod/insmod), after whatever runs now. */
  async typeAndRun(line: string): Promise<void> {
    while (this.busy || this.draining) await new Promise((r) => setTimeout(r, 20));
    // replace the line being edited by the command, run it, then give the edited line back
    const saved = { buffer: this.editor.buffer, cursor: this.editor.cursor };
    this.editor.buffer = line;
    this.editor.cursor = line.length;
    this.redraw();
    this.term.write("\r\n");
    await this.execute(line);
    this.editor.buffer = saved.buffer;
    this.editor.cursor = saved.cursor;
    this.redraw();
    await this.settled();
    void this.drain();
  }

  private input(data: string): void {
    this.pendingKeys.push(...splitKeys(data));
    if (!this.busy) void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      await this.drainKeys();
    } finally {
      this.draining = false;
    }
  }

  private async drainKeys(): Promise<void> {
    while (!this.busy && this.pendingKeys.length) {
      const key = this.pendingKeys.shift()!;
      const ev = this.editor.press(key);
      switch (ev.kind) {
        case "redraw":
          this.redraw();
          break;
        case "bell":
        case "none":
          break;
        case "clear":
          this.term.clear();
          this.redraw();
          break;
        case "cancel":
          this.toEnd(this.lastLength);
          this.term.write("^C\r\n");
          this.prompt();
          break;
        case "submit":
          this.toEnd(ev.line.length);
          this.term.write("\r\n");
          await this.execute(ev.line);
          this.redraw();
          await this.settled();
          break;
      }
    }
  }

  private async execute(line: string): Promise<void> {
    this.busy = true;
    document.body.dataset.terminal = "busy";
    this.atLineStart = true;
    this.cursorAt = 0; // the command starts on a new line: the next prompt is drawn there
    this.wroteOutput = false;
    try {
      if (line.trim()) await this.opts.run(line);
    } finally {
      // like zsh: output that did not end with a newline (message_reader's) is marked, not glued to the prompt
      if (this.wroteOutput && !this.atLineStart) this.term.write(`${DIM}\x1b[7m⏎${RESET}\r\n`);
      this.atLineStart = true;
      this.busy = false;
    }
  }

  /** After a command and the prompt are drawn: body[data-commands] counts it (tests wait on it). */
  private async settled(): Promise<void> {
    await new Promise<void>((resolve) => this.term.write("", resolve));
    document.body.dataset.terminal = "idle";
    document.body.dataset.commands = String(++this.ran);
  }

  /** Draw the prompt and the line being edited, the cursor in place. A long line wraps over
   *  several rows: go up to the prompt's row first, clear to the end of the screen, redraw. */
  private redraw(): void {
    const { buffer, cursor } = this.editor;
    const cols = Math.max(1, this.term.cols);
    const up = Math.floor(this.cursorAt / cols);
    let out = (up > 0 ? `\x1b[${up}A` : "") + "\r\x1b[J" + PROMPT + buffer;
    const end = PROMPT.length + buffer.length;
    // at a row's last column the cursor waits to wrap: make it wrap now, so rows add up
    if (end % cols === 0) out += " \r";
    const target = PROMPT.length + cursor;
    const back = Math.floor(end / cols) - Math.floor(target / cols);
    if (back > 0) out += `\x1b[${back}A`;
    out += `\x1b[${(target % cols) + 1}G`;
    this.term.write(out);
    this.cursorAt = target;
    this.lastLength = buffer.length;
    this.atLineStart = false;
  }

  /** Move the cursor to the end of the edited line (of `length` characters) before a newline. */
  private toEnd(length: number): void {
    const cols = Math.max(1, this.term.cols);
    const end = PROMPT.length + length;
    const down = Math.floor(end / cols) - Math.floor(this.cursorAt / cols);
    let out = down > 0 ? `\x1b[${down}B` : "";
    out += `\x1b[${(end % cols) + 1}G`;
    this.term.write(out);
    this.cursorAt = end;
  }
}
