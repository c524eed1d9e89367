// Scenario files, parsed exactly as ../shared/oracle/runner/scnrun.c does
// (the format is defined in ../shared/oracle/README.md). Lines are handled
// as bytes (latin1 strings), so data and echoes round-trip byte for byte.

export const MAX_PROCS = 64;
export const MAX_NAME = 31;
export const MAX_LEN = 1 << 20;

export type BadPointer = "bad" | "kbad";

interface OpBase {
  line: number;
  /** the trimmed line, echoed in the transcript (latin1) */
  text: string;
}
export interface ProcOpBase extends OpBase {
  proc: number;
}
export type Op =
  | (OpBase & { kind: "shell"; command: string })
  | (ProcOpBase & { kind: "open"; path: string; flags: number })
  | (ProcOpBase & { kind: "close" | "dup"; fd: number })
  | (ProcOpBase & { kind: "ioctl"; fd: number; cmd: bigint | "MSG_SLOT_CHANNEL"; arg: bigint })
  | (ProcOpBase & { kind: "write"; fd: number; data: Uint8Array | null; bad: BadPointer | null; len: number })
  | (ProcOpBase & { kind: "read"; fd: number; bad: BadPointer | null; len: number })
  | (ProcOpBase & { kind: "fork"; newproc: number })
  | (ProcOpBase & { kind: "exit" });

export interface ProcDecl {
  name: string;
  /** the proc that forks it, or -1 for a top-level proc */
  parent: number;
}

export interface Scenario {
  path: string;
  ops: Op[];
  procs: ProcDecl[];
}

export interface ParseError {
  path: string;
  line: number;
  message: string;
}

export class ScenarioSyntaxError extends Error {
  constructor(readonly errors: ParseError[]) {
    super(errors.map((e) => `${e.path}:${e.line}: ${e.message}`).join("\n"));
    this.name = "ScenarioSyntaxError";
  }
}

const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_NONBLOCK = 0o4000;

const isBlank = (c: string) => c === " " || c === "\t";

/** A cursor over one line, splitting tokens at blanks like scnrun's next_tok. */
class Line {
  pos = 0;
  constructor(readonly s: string) {}

  tok(): string | null {
    while (this.pos < this.s.length && isBlank(this.s[this.pos])) this.pos++;
    if (this.pos >= this.s.length) return null;
    const start = this.pos;
    while (this.pos < this.s.length && !isBlank(this.s[this.pos])) this.pos++;
    const t = this.s.slice(start, this.pos);
    if (this.pos < this.s.length) this.pos++; // next_tok consumes one blank after the token
    return t;
  }

  skipBlanks(): void {
    while (this.pos < this.s.length && isBlank(this.s[this.pos])) this.pos++;
  }

  restEmpty(): boolean {
    for (let i = this.pos; i < this.s.length; i++) if (!isBlank(this.s[i])) return false;
    return true;
  }
}

/** strtoul-style: decimal or 0x hex, whole token, no sign, fits in 64 bits. */
export function parseUlong(t: string | null): bigint | null {
  if (!t) return null;
  let digits = t;
  let base = 10;
  if (t[0] === "0" && (t[1] === "x" || t[1] === "X")) {
    digits = t.slice(2);
    base = 16;
    if (!/^[0-9a-fA-F]/.test(digits)) return null;
  } else if (!/^[0-9]/.test(t)) {
    return null;
  }
  if (!(base === 16 ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return null;
  const v = BigInt(base === 16 ? "0x" + digits : digits);
  return v > 0xffff_ffff_ffff_ffffn ? null : v;
}

/** strtol base 10 into an int: optional sign, whole token. */
export function parseFd(t: string | null): number | null {
  if (!t || !/^[+-]?[0-9]+$/.test(t)) return null;
  const v = Number(t);
  return v < -2147483648 || v > 2147483647 ? null : v;
}

function parseQuoted(rest: string, err: (m: string) => void): Uint8Array | null {
  const out: number[] = [];
  let i = 1;
  for (;;) {
    if (i >= rest.length) {
      err("unterminated string");
      return null;
    }
    const c = rest[i++];
    if (c === '"') break;
    if (c !== "\\") {
      out.push(c.charCodeAt(0) & 0xff);
      continue;
    }
    const e = i < rest.length ? rest[i++] : "\0";
    switch (e) {
      case "n": out.push(10); break;
      case "t": out.push(9); break;
      case "r": out.push(13); break;
      case "0": out.push(0); break;
      case "\\": out.push(92); break;
      case '"': out.push(34); break;
      case "x": {
        const h = rest.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) {
          err("\\x needs exactly two hex digits");
          return null;
        }
        out.push(parseInt(h, 16));
        i += 2;
        break;
      }
      default:
        err(`unknown escape \\${e === "\0" ? "0" : e}`);
        return null;
    }
  }
  for (let j = i; j < rest.length; j++) {
    if (!isBlank(rest[j])) {
      err("junk after closing quote");
      return null;
    }
  }
  if (out.length > MAX_LEN) {
    err(`data longer than ${MAX_LEN} bytes`);
    return null;
  }
  return Uint8Array.from(out);
}

function parseFlags(t: string, err: (m: string) => void): number | null {
  let acc = -1;
  let fl = 0;
  for (const f of t.split("|").filter((x) => x !== "")) {
    let a = -1;
    if (f === "O_RDONLY") a = O_RDONLY;
    else if (f === "O_WRONLY") a = O_WRONLY;
    else if (f === "O_RDWR") a = O_RDWR;
    else if (f === "O_NONBLOCK") fl |= O_NONBLOCK;
    else {
      err(`unknown open flag '${f}'`);
      return null;
    }
    if (a >= 0) {
      if (acc >= 0) {
        err("more than one access mode");
        return null;
      }
      acc = a;
    }
  }
  if (acc < 0) {
    err("open flags need O_RDONLY, O_WRONLY or O_RDWR");
    return null;
  }
  return acc | fl;
}

const validName = (t: string | null): t is string => !!t && t.length <= MAX_NAME && /^[A-Za-z0-9_]+$/.test(t);

/** Parse a scenario given as bytes (or a latin1 string). Throws ScenarioSyntaxError. */
export function parseScenario(path: string, source: Uint8Array | string): Scenario {
  const text = typeof source === "string" ? source : latin1(source);
  const ops: Op[] = [];
  const procs: ProcDecl[] = [];
  const dead = new Set<number>();
  const errors: ParseError[] = [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();

  const newProc = (lineNo: number, name: string, parent: number): number => {
    if (procs.length >= MAX_PROCS) {
      errors.push({ path, line: lineNo, message: `more than ${MAX_PROCS} procs` });
      return -1;
    }
    procs.push({ name, parent });
    return procs.length - 1;
  };

  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    const err = (message: string) => errors.push({ path, line: lineNo, message });
    let start = 0;
    while (start < raw.length && isBlank(raw[start])) start++;
    let end = raw.length;
    while (end > start && (isBlank(raw[end - 1]) || raw[end - 1] === "\r" || raw[end - 1] === "\n")) end--;
    const s = raw.slice(start, end);
    if (s === "" || s[0] === "#") return;

    if (s[0] === "!") {
      const command = s.slice(1).replace(/^[ \t]+/, "");
      if (command === "") return err("empty shell command");
      ops.push({ kind: "shell", line: lineNo, text: s, command });
      return;
    }
    const l = new Line(s);
    const name = l.tok();
    if (!validName(name)) return err(`bad proc name '${name}' (want [A-Za-z0-9_]{1,${MAX_NAME}})`);
    let proc = procs.findIndex((p) => p.name === name);
    if (proc < 0) proc = newProc(lineNo, name, -1);
    else if (dead.has(proc)) return err(`proc ${name} used after exit`);
    if (proc < 0) return;
    const opname = l.tok();
    if (!opname) return err("missing op");
    const base = { line: lineNo, text: s, proc };

    switch (opname) {
      case "open": {
        const p = l.tok();
        const fl = l.tok();
        if (!p || !fl || !l.restEmpty()) return err("usage: <proc> open <path> <flags>");
        const flags = parseFlags(fl, err);
        if (flags === null) return;
        ops.push({ ...base, kind: "open", path: p, flags });
        return;
      }
      case "close":
      case "dup": {
        const fd = parseFd(l.tok());
        if (fd === null || !l.restEmpty()) return err(`usage: <proc> ${opname} <fd>`);
        ops.push({ ...base, kind: opname, fd });
        return;
      }
      case "ioctl": {
        const fd = parseFd(l.tok());
        if (fd === null) return err("usage: <proc> ioctl <fd> <cmd> <arg>");
        const c = l.tok();
        let cmd: bigint | "MSG_SLOT_CHANNEL";
        if (c === "MSG_SLOT_CHANNEL") cmd = c;
        else {
          const v = parseUlong(c);
          if (v === null) return err("ioctl cmd must be MSG_SLOT_CHANNEL or a number");
          cmd = v;
        }
        const arg = parseUlong(l.tok());
        if (arg === null || !l.restEmpty()) return err("ioctl arg must be an unsigned number");
        ops.push({ ...base, kind: "ioctl", fd, cmd, arg });
        return;
      }
      case "write":
      case "read": {
        const fd = parseFd(l.tok());
        if (fd === null) return err(`usage: <proc> ${opname} <fd> ...`);
        l.skipBlanks();
        if (opname === "write" && s[l.pos] === '"') {
          const data = parseQuoted(s.slice(l.pos), err);
          if (!data) return;
          ops.push({ ...base, kind: "write", fd, data, bad: null, len: data.length });
          return;
        }
        let t = l.tok();
        let bad: BadPointer | null = null;
        if (t === "bad" || t === "kbad") {
          bad = t;
          t = l.tok();
        }
        if (opname === "write" && !bad) return err('usage: <proc> write <fd> "<data>" | bad|kbad <len>');
        const len = parseUlong(t);
        if (len === null || !l.restEmpty() || len > BigInt(MAX_LEN)) {
          return err(`usage: <proc> ${opname} <fd> [bad|kbad] <len>  (len <= ${MAX_LEN})`);
        }
        if (opname === "write") ops.push({ ...base, kind: "write", fd, data: null, bad, len: Number(len) });
        else ops.push({ ...base, kind: "read", fd, bad, len: Number(len) });
        return;
      }
      case "fork": {
        const t = l.tok();
        if (!t || !l.restEmpty() || !validName(t)) return err("usage: <proc> fork <newproc>");
        if (procs.some((p) => p.name === t)) return err(`fork target ${t} already exists`);
        const child = newProc(lineNo, t, proc);
        if (child < 0) return;
        ops.push({ ...base, kind: "fork", newproc: child });
        return;
      }
      case "exit":
        if (!l.restEmpty()) return err("usage: <proc> exit");
        dead.add(proc);
        ops.push({ ...base, kind: "exit" });
        return;
      default:
        return err(`unknown op '${opname}'`);
    }
  });
  if (errors.length > 0) throw new ScenarioSyntaxError(errors);
  return { path, ops, procs };
}

export function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}
