// The printk ring: what `dmesg` shows, with Linux's "[    0.123456] " timestamps.

export interface LogRecord {
  /** seconds since boot */
  time: number;
  /** 0 (KERN_EMERG) .. 7 (KERN_DEBUG) */
  level: number;
  text: string;
}

/** Levels as <linux/kern_levels.h>. */
export const KERN_EMERG = 0, KERN_ALERT = 1, KERN_CRIT = 2, KERN_ERR = 3, KERN_WARNING = 4,
  KERN_NOTICE = 5, KERN_INFO = 6, KERN_DEBUG = 7;
/** printk's default level for a message without a KERN_ prefix. */
export const DEFAULT_LEVEL = KERN_WARNING;

const MAX_RECORDS = 8192;
/** the ring is trimmed in batches of this many records (a printk per syscall stays O(1)) */
const TRIM_SLACK = 1024;

export class Dmesg {
  private records: LogRecord[] = [];
  /** a line still open for KERN_CONT continuations */
  private open: LogRecord | null = null;
  private listeners = new Set<(r: LogRecord) => void>();

  constructor(private readonly clock: () => number) {}

  /** printk: level -1 continues the previous line (KERN_CONT). */
  log(level: number, message: string): void {
    let text = message;
    if (level < 0 && this.open) {
      const nl = text.indexOf("\n");
      this.open.text += nl < 0 ? text : text.slice(0, nl);
      if (nl < 0) return;
      this.open = null;
      text = text.slice(nl + 1);
      if (text === "") return;
    }
    const lvl = level < 0 ? DEFAULT_LEVEL : level;
    const lines = text.split("\n");
    const closed = lines[lines.length - 1] === "";
    if (closed) lines.pop();
    lines.forEach((line, i) => {
      const record = { time: this.clock(), level: lvl, text: line };
      this.push(record);
      this.open = !closed && i === lines.length - 1 ? record : null;
    });
  }

  /** Several lines at one level (oops and leak reports). */
  report(level: number, lines: string[]): void {
    this.open = null;
    for (const line of lines) this.push({ time: this.clock(), level, text: line });
  }

  all(): readonly LogRecord[] {
    this.trim();
    return this.records;
  }

  /** dmesg's output: one "[    s.uuuuuu] text" line per record. */
  format(from = 0): string {
    this.trim();
    return this.records.slice(from).map((r) => formatRecord(r) + "\n").join("");
  }

  clear(): void {
    this.records = [];
    this.open = null;
  }

  onRecord(listener: (r: LogRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keep the newest MAX_RECORDS (readers never see more). */
  private trim(): void {
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
  }

  private push(record: LogRecord): void {
    this.records.push(record);
    if (this.records.length > MAX_RECORDS + TRIM_SLACK) this.trim();
    for (const l of this.listeners) l(record);
  }
}

export function formatRecord(r: LogRecord): string {
  const secs = Math.floor(r.time);
  const micros = Math.floor((r.time - secs) * 1e6);
  return `[${String(secs).padStart(5, " ")}.${String(micros).padStart(6, "0")}] ${r.text}`;
}
