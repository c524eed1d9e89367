// Parsing clang and wasm-ld stderr into Diagnostics, and printing them GCC style.
import type { Diagnostic, Severity } from "./types.js";

export interface ParseOptions {
  /** Removed from the front of file names: the directory user sources were placed in. */
  stripPrefix?: string;
  /** The compiled .c files as the compiler saw them: maps wasm-ld's temporary object names
   *  ("/tmp/message_slot-4c1a2b.o") back to their source. */
  compiled?: string[];
}

const CLANG_DIAG = /^(.*?):(\d+)(?::(\d+))?: (fatal error|error|warning|note|remark): (.*)$/;
const TOOL_DIAG = /^(?:\S*[/\\])?(clang(?:-\d+)?|wasm-ld|lld|ld)(?:\.exe)?: (fatal error|error|warning|note): (.*)$/;
const BARE_DIAG = /^(fatal error|error|warning): (.*)$/;
const INCLUDED_FROM = /^In file included from (.*?):(\d+):$/; // clang: one line per level, outermost first
const LINKER_OBJECT = /^(\S+?\.(?:o|obj|a|wasm)(?:\([^)]*\))?): (.*)$/;
const LINKER_LOCATION = /^>>> (defined|referenced) (?:in|by) (.*)$/;
const FLAG = /\s\[(-[WR][^\]\s]*)\]$/;

function severityOf(s: string): Severity {
  return s === "remark" ? "note" : (s as Severity);
}

/** "[-Werror,-Wunused-variable]" → "-Wunused-variable". */
function splitFlag(message: string): { message: string; flag?: string } {
  const m = FLAG.exec(message);
  if (!m) return { message };
  const flags = m[1]!.split(",").filter((f) => f !== "-Werror" && !f.startsWith("-Werror="));
  const flag = flags[flags.length - 1] ?? m[1]!.split(",").pop()!;
  return { message: message.slice(0, m.index), flag };
}

export function parseDiagnostics(log: string, opts: ParseOptions = {}): Diagnostic[] {
  const prefix = opts.stripPrefix ?? "";
  const fileName = (f: string): string => {
    let name = f.replace(/^(\.\/)+/, "");
    if (prefix && name.startsWith(prefix)) name = name.slice(prefix.length);
    return name;
  };
  // wasm-ld names the temporary object "<stem>-<random>.o"; the stem is the source's base name.
  const objects = new Map<string, string>();
  for (const c of opts.compiled ?? []) {
    const stem = c.split("/").pop()!.replace(/\.c$/, "");
    if (!objects.has(stem)) objects.set(stem, fileName(c));
  }
  const objectName = (o: string): string => {
    const base = o.split(/[/\\]/).pop()!;
    const stem = base.replace(/(-[A-Za-z0-9]+)?\.o$/, "");
    const absolute = /^[/\\]|^[A-Za-z]:/.test(o);
    return objects.get(stem) ?? (absolute ? base : fileName(o));
  };

  const out: Diagnostic[] = [];
  let includes: { file: string; line: number }[] = [];
  const emit = (d: Diagnostic) => {
    out.push(d);
    // The include stack printed before a diagnostic: innermost first, as notes after it.
    for (const inc of includes.reverse()) {
      out.push({ file: inc.file, line: inc.line, col: 0, severity: "note", message: "in file included from here" });
    }
    includes = [];
  };

  for (const raw of log.split(/\r?\n/)) {
    const line = raw.trimEnd();
    let m: RegExpExecArray | null;
    if ((m = INCLUDED_FROM.exec(line))) {
      includes.push({ file: fileName(m[1]!), line: Number(m[2]) });
    } else if ((m = TOOL_DIAG.exec(line))) {
      const tool = m[1]!.startsWith("clang") ? "clang" : "wasm-ld";
      let message = m[3]!;
      // clang's summary of a linker failure repeats what wasm-ld already said.
      if (tool === "clang" && /^linker command failed/.test(message)) continue;
      let file = tool;
      const obj = LINKER_OBJECT.exec(message);
      if (tool === "wasm-ld" && obj) {
        file = objectName(obj[1]!);
        message = obj[2]!;
      }
      emit({ file, line: 0, col: 0, severity: severityOf(m[2]!), message });
    } else if ((m = LINKER_LOCATION.exec(line))) {
      emit({ file: objectName(m[2]!), line: 0, col: 0, severity: "note", message: `${m[1]} here` });
    } else if ((m = CLANG_DIAG.exec(line)) && !/\s/.test(m[1]!.slice(0, 1))) {
      const { message, flag } = splitFlag(m[5]!);
      const d: Diagnostic = {
        file: fileName(m[1]!), line: Number(m[2]), col: m[3] ? Number(m[3]) : 0,
        severity: severityOf(m[4]!), message,
      };
      if (flag) d.flag = flag;
      emit(d);
    } else if ((m = BARE_DIAG.exec(line))) {
      const { message, flag } = splitFlag(m[2]!);
      const d: Diagnostic = { file: "clang", line: 0, col: 0, severity: severityOf(m[1]!), message };
      if (flag) d.flag = flag;
      emit(d);
    }
    // Everything else (source excerpts, carets, "N errors generated.") stays only in the log.
  }
  return out;
}

/** GCC style: "file:line:col: severity: message [-Wflag]"; an unknown line or column is left out
 *  ("wasm-ld: error: …"), as GCC and ld do; modpost's messages as modpost prints them. */
export function formatDiagnostic(d: Diagnostic): string {
  // modpost's own form (scripts/mod/modpost.c, error()/warn()): "ERROR: modpost: message"
  if (d.file === "modpost") return `${d.severity === "warning" ? "WARNING" : "ERROR"}: modpost: ${d.message}`;
  let where = d.file;
  if (d.line > 0) where += `:${d.line}`;
  if (d.line > 0 && d.col > 0) where += `:${d.col}`;
  const flag = d.flag ? ` [${d.flag}]` : "";
  return `${where ? where + ": " : ""}${d.severity}: ${d.message}${flag}`;
}
