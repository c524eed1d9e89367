// Parsing shell input the way busybox ash does for the subset msgslot's shell
// offers: words with ' " \ quoting, $? and $NAME expansion, `#` comments,
// and lists joined by ; && || and newlines. Pipes and redirections are
// reported as unsupported rather than misread.

export type Connector = ";" | "&&" | "||";

export interface SimpleCommand {
  /** words after quote removal; expansions are applied when the command runs */
  words: Word[];
  /** how this command is joined to the previous one */
  after: Connector;
}

/** A word as parts: literal text, or a parameter to expand ($? or $NAME). */
export type Word = Array<{ text: string } | { param: string }>;

export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShellSyntaxError";
  }
}

export function parseShell(line: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let word: Word | null = null;
  let after: Connector = ";";
  const lit = (s: string) => {
    word ??= [];
    const last = word[word.length - 1];
    if (last && "text" in last) last.text += s;
    else word.push({ text: s });
  };
  const endWord = () => {
    if (word) words.push(word);
    word = null;
  };
  const endCommand = (next: Connector) => {
    endWord();
    if (words.length > 0) commands.push({ words, after });
    else if (next !== ";" || after !== ";") throw new ShellSyntaxError(`syntax error: unexpected "${next === ";" ? after : next}"`);
    words = [];
    after = next;
  };
  const param = (i: number): number => {
    // at line[i] === "$": returns the index of the last character consumed
    const rest = line.slice(i + 1);
    const m = /^(\?|[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_?][A-Za-z0-9_]*\})/.exec(rest);
    if (!m) {
      lit("$");
      return i;
    }
    word ??= [];
    word.push({ param: m[1].replace(/^\{|\}$/g, "") });
    return i + m[1].length;
  };

  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === " " || c === "\t") endWord();
    else if (c === "\n" || c === ";") endCommand(";");
    else if (c === "#" && word === null) {
      const nl = line.indexOf("\n", i);
      if (nl < 0) break;
      i = nl - 1;
    } else if (c === "&" && line[i + 1] === "&") {
      endCommand("&&");
      i++;
    } else if (c === "|" && line[i + 1] === "|") {
      endCommand("||");
      i++;
    } else if (c === "|" || c === "<" || c === ">" || c === "&" || c === "`" || c === "(" || c === ")") {
      throw new ShellSyntaxError(`'${c}' (pipes, redirections, background jobs, subshells) is not supported in this shell`);
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError("unterminated quoted string");
      lit(line.slice(i + 1, end));
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      lit("");
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === "\\" && j + 1 < line.length && '"\\$`\n'.includes(line[j + 1])) lit(line[++j]);
        else if (line[j] === "$") j = param(j);
        else lit(line[j]);
      }
      if (j >= line.length) throw new ShellSyntaxError("unterminated quoted string");
      i = j;
    } else if (c === "\\") {
      if (i + 1 < line.length) {
        if (line[i + 1] !== "\n") lit(line[i + 1]);
        i++;
      }
    } else if (c === "$") i = param(i);
    else lit(c);
  }
  endWord();
  if (words.length > 0) commands.push({ words, after });
  else if (after !== ";") throw new ShellSyntaxError(`syntax error: unexpected end of input after "${after}"`);
  return commands;
}

/** Expand a word's parameters. */
export function expandWord(word: Word, lookup: (name: string) => string): string {
  return word.map((p) => ("text" in p ? p.text : lookup(p.param))).join("");
}
