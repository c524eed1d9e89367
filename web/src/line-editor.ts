// Line editing for the terminal, like a readline: a buffer and a cursor, history on up/down,
// left/right/home/end, backspace/delete, Ctrl-C (cancel the line), Ctrl-U/Ctrl-K/Ctrl-W (kill),
// Ctrl-L (clear), Ctrl-A/Ctrl-E, Tab (complete a command). Pure: it returns what to draw.

export type EditorEvent =
  | { kind: "redraw" }
  | { kind: "submit"; line: string }
  | { kind: "cancel" }
  | { kind: "clear" }
  | { kind: "bell" }
  | { kind: "none" };

const HISTORY_LIMIT = 500;

export class LineEditor {
  buffer = "";
  cursor = 0;
  readonly history: string[] = [];
  /** history.length while editing a new line; an index while browsing */
  private browse = 0;
  /** the new line being typed, kept while browsing history */
  private draft = "";

  constructor(private readonly complete: (prefix: string) => string[] = () => []) {}

  /** Feed what xterm's onData gives (a paste may carry several keys and lines). */
  feed(data: string): EditorEvent[] {
    return splitKeys(data).map((k) => this.press(k));
  }

  /** One key (see splitKeys). */
  press(seq: string): EditorEvent {
    switch (seq) {
      case "\r":
      case "\n":
      case "\r\n": {
        const line = this.buffer;
        if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
        if (this.history.length > HISTORY_LIMIT) this.history.shift();
        this.reset();
        return { kind: "submit", line };
      }
      case "\x03": // Ctrl-C
        this.reset();
        return { kind: "cancel" };
      case "\x0c": // Ctrl-L
        return { kind: "clear" };
      case "\x7f":
      case "\b":
        if (this.cursor === 0) return { kind: "bell" };
        this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
        this.cursor--;
        return { kind: "redraw" };
      case "\x1b[3~": // Delete
      case "\x04": // Ctrl-D on a non-empty line
        if (this.cursor >= this.buffer.length) return { kind: "bell" };
        this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
        return { kind: "redraw" };
      case "\x1b[D":
      case "\x1bOD":
      case "\x02": // Ctrl-B
        if (this.cursor === 0) return { kind: "bell" };
        this.cursor--;
        return { kind: "redraw" };
      case "\x1b[C":
      case "\x1bOC":
      case "\x06": // Ctrl-F
        if (this.cursor >= this.buffer.length) return { kind: "bell" };
        this.cursor++;
        return { kind: "redraw" };
      case "\x1b[H":
      case "\x1bOH":
      case "\x1b[1~":
      case "\x01": // Ctrl-A
        this.cursor = 0;
        return { kind: "redraw" };
      case "\x1b[F":
      case "\x1bOF":
      case "\x1b[4~":
      case "\x05": // Ctrl-E
        this.cursor = this.buffer.length;
        return { kind: "redraw" };
      case "\x1b[1;5D": // Ctrl-Left: a word back
      case "\x1bb":
        this.cursor = wordStart(this.buffer, this.cursor);
        return { kind: "redraw" };
      case "\x1b[1;5C": // Ctrl-Right: a word on
      case "\x1bf":
        this.cursor = wordEnd(this.buffer, this.cursor);
        return { kind: "redraw" };
      case "\x15": // Ctrl-U
        this.buffer = this.buffer.slice(this.cursor);
        this.cursor = 0;
        return { kind: "redraw" };
      case "\x0b": // Ctrl-K
        this.buffer = this.buffer.slice(0, this.cursor);
        return { kind: "redraw" };
      case "\x17": { // Ctrl-W
        const from = wordStart(this.buffer, this.cursor);
        this.buffer = this.buffer.slice(0, from) + this.buffer.slice(this.cursor);
        this.cursor = from;
        return { kind: "redraw" };
      }
      case "\x1b[A":
      case "\x1bOA":
      case "\x10": // Ctrl-P
        return this.historyStep(-1);
      case "\x1b[B":
      case "\x1bOB":
      case "\x0e": // Ctrl-N
        return this.historyStep(1);
      case "\t":
        return this.tab();
    }
    if (seq.startsWith("\x1b") || seq < " ") return { kind: "none" }; // other keys: ignored
    this.insert(seq);
    return { kind: "redraw" };
  }

  insert(text: string): void {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
  }

  private reset(): void {
    this.buffer = "";
    this.cursor = 0;
    this.browse = this.history.length;
    this.draft = "";
  }

  private historyStep(dir: -1 | 1): EditorEvent {
    if (this.browse > this.history.length) this.browse = this.history.length;
    const next = this.browse + dir;
    if (next < 0 || next > this.history.length) return { kind: "bell" };
    if (this.browse === this.history.length) this.draft = this.buffer;
    this.browse = next;
    this.buffer = next === this.history.length ? this.draft : this.history[next]!;
    this.cursor = this.buffer.length;
    return { kind: "redraw" };
  }

  private tab(): EditorEvent {
    const before = this.buffer.slice(0, this.cursor);
    if (/\s/.test(before.trimStart()) || before.trim() === "") return { kind: "bell" }; // only the command word
    const word = before.trimStart();
    const matches = this.complete(word).filter((c) => c.startsWith(word));
    if (matches.length === 0) return { kind: "bell" };
    let common = matches[0]!;
    for (const m of matches) while (!m.startsWith(common)) common = common.slice(0, -1);
    const add = common.slice(word.length) + (matches.length === 1 ? " " : "");
    if (!add) return { kind: "bell" };
    this.insert(add);
    return { kind: "redraw" };
  }
}

/** Split terminal input into keys. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < data.length; ) {
    const k = nextSequence(data, i);
    keys.push(k);
    i += k.length;
  }
  return keys;
}

/** One key: an escape sequence (CSI or SS3), CR LF, or one character (a surrogate pair whole). */
function nextSequence(data: string, i: number): string {
  if (data[i] === "\r" && data[i + 1] === "\n") return "\r\n";
  if (data[i] === "\x1b") {
    if (data[i + 1] === "[") {
      let j = i + 2;
      while (j < data.length && !/[A-Za-z~]/.test(data[j]!)) j++;
      return data.slice(i, j + 1);
    }
    if (data[i + 1] === "O" && i + 2 < data.length) return data.slice(i, i + 3);
    if (i + 1 < data.length) return data.slice(i, i + 2);
    return "\x1b";
  }
  const cp = data.codePointAt(i)!;
  return String.fromCodePoint(cp);
}

function wordStart(s: string, at: number): number {
  let i = at;
  while (i > 0 && s[i - 1] === " ") i--;
  while (i > 0 && s[i - 1] !== " ") i--;
  return i;
}

function wordEnd(s: string, at: number): number {
  let i = at;
  while (i < s.length && s[i] === " ") i++;
  while (i < s.length && s[i] !== " ") i++;
  return i;
}
