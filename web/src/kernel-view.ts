// The kernel view, redrawn after every command: modules, device nodes, the processes of the last
// command with their open files' private_data (the channel), the kmalloc heap with a hex/ASCII
// view of every object, and the dmesg log with oops, lockup and leak reports highlighted.

import type { HeapBlockView, LogLine, ProcessView, Snapshot } from "./protocol.js";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

export function hex32(n: number): string {
  return "0x" + (n >>> 0).toString(16).padStart(8, "0");
}

function printable(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
}

/** hexdump -C style rows: offset, 16 bytes in hex, ASCII. */
export function hexRows(bytes: Uint8Array, base: number): string[] {
  const rows: string[] = [];
  for (let o = 0; o < bytes.length; o += 16) {
    const chunk = bytes.subarray(o, o + 16);
    const hx = Array.from(chunk, (b) => b.toString(16).padStart(2, "0"));
    const left = hx.slice(0, 8).join(" "), right = hx.slice(8).join(" ");
    rows.push(`${hex32(base + o)}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${Array.from(chunk, printable).join("")}|`);
  }
  return rows;
}

function preview(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, 24);
  const text = Array.from(bytes.subarray(0, n), printable).join("");
  return `"${text}${bytes.length > n ? "…" : ""}"`;
}

export class KernelView {
  constructor(private readonly root: HTMLElement) {}

  render(s: Snapshot): void {
    const blocks = new Map<number, HeapBlockView>();
    for (const h of s.heaps) for (const b of h.blocks) blocks.set(b.ptr, b);
    this.root.replaceChildren(
      this.modules(s),
      this.nodes(s),
      this.processes(s.processes, blocks),
      ...s.heaps.map((h) => this.heap(h)),
      ...(s.heaps.length === 0 ? [el("section", { class: "kv-heap" }, el("h3", {}, "kmalloc heap"), el("p", { class: "empty" }, "no module loaded"))] : []),
    );
  }

  private modules(s: Snapshot): HTMLElement {
    const rows = s.modules.map((m) => el("tr", {}, el("td", {}, m.name), el("td", { class: "num" }, String(m.size)), el("td", { class: "num" }, String(m.refs)), el("td", {}, m.state)));
    return el("section", { class: "kv-modules" },
      el("h3", {}, "Modules ", el("span", { class: "taint", title: "the kernel's taint flags" }, s.taint)),
      rows.length
        ? el("table", {}, el("tr", {}, el("th", {}, "module"), el("th", {}, "size"), el("th", {}, "used by"), el("th", {}, "state")), ...rows)
        : el("p", { class: "empty" }, "none loaded — insmod message_slot.ko"));
  }

  private nodes(s: Snapshot): HTMLElement {
    const rows = s.nodes.map((n) => el("tr", {},
      el("td", {}, n.path),
      el("td", { class: "num" }, `c ${n.major}, ${n.minor}`),
      el("td", { class: n.driver ? "" : "warn" }, n.driver || "no driver (open → ENXIO)")));
    return el("section", { class: "kv-nodes" },
      el("h3", {}, "Device nodes"),
      rows.length
        ? el("table", {}, el("tr", {}, el("th", {}, "node"), el("th", {}, "major, minor"), el("th", {}, "driver")), ...rows)
        : el("p", { class: "empty" }, "/dev is empty — mknod /dev/slot0 c 235 0"));
  }

  private processes(list: ProcessView[], blocks: Map<number, HeapBlockView>): HTMLElement {
    const section = el("section", { class: "kv-procs" }, el("h3", {}, "Processes of the last command that ran any"));
    if (list.length === 0) {
      section.append(el("p", { class: "empty" }, "none — run ./message_sender or ./message_reader"));
      return section;
    }
    const table = el("table", {}, el("tr", {}, el("th", {}, "pid"), el("th", {}, "command"), el("th", {}, "fd"), el("th", {}, "file"), el("th", {}, "channel (file->private_data)"), el("th", {}, "status")));
    for (const p of list) {
      const status = p.state === "running" ? "running" : p.state === "killed" ? `killed (${p.status})` : `exit ${p.status}`;
      const fds = p.fds.length ? p.fds : [undefined];
      fds.forEach((f, i) => {
        const block = f ? blocks.get(f.privateData) : undefined;
        const channel = !f ? "" : f.privateData === 0 ? "0 (none set)" : block ? `→ heap ${hex32(f.privateData)} (${block.size} bytes)` : `${f.privateData >>> 0} (${hex32(f.privateData)})`;
        table.append(el("tr", { class: i === 0 ? "first" : "" },
          el("td", { class: "num" }, i === 0 ? String(p.pid) : ""),
          el("td", {}, i === 0 ? p.comm : ""),
          el("td", { class: "num" }, f ? String(f.fd) : ""),
          el("td", {}, f ? `${f.path} (${f.mode})` : i === 0 ? "no device open" : ""),
          el("td", { class: "channel" }, channel),
          el("td", { class: p.state === "killed" ? "bad" : "" }, i === 0 ? status : "")));
      });
    }
    section.append(table, el("p", { class: "hint" }, "open files as they were at each process's last system call (programs close them on exit)"));
    return section;
  }

  private heap(h: Snapshot["heaps"][number]): HTMLElement {
    const section = el("section", { class: "kv-heap" },
      el("h3", {}, `kmalloc heap of ${h.module}`),
      el("p", { class: "stats" }, `${h.liveBlocks} live object${h.liveBlocks === 1 ? "" : "s"}, ${h.liveBytes} bytes (peak ${h.peakBytes}); ${h.allocs} kmalloc, ${h.frees} kfree${h.failures ? `, ${h.failures} failed` : ""}`));
    if (h.blocks.length === 0) {
      section.append(el("p", { class: "empty" }, "no live objects"));
      return section;
    }
    if (h.omitted) section.append(el("p", { class: "hint" }, `${h.omitted} older objects not shown`));
    for (const b of h.blocks) {
      const dump = el("pre", { class: "hexdump" }, hexRows(b.bytes, b.ptr).join("\n") + (b.bytes.length < b.size ? `\n… ${b.size - b.bytes.length} more bytes` : ""));
      const summary = el("summary", {},
        el("span", { class: "addr" }, hex32(b.ptr)),
        el("span", { class: "size" }, `${b.size} B`),
        el("span", { class: "site" }, b.site),
        el("span", { class: "ascii" }, preview(b.bytes)));
      const details = el("details", { class: "block" }, summary, dump);
      if (h.blocks.length <= 8) details.open = true;
      section.append(details);
    }
    return section;
  }
}

/** The dmesg pane: records appended as they come, reports highlighted. */
export class DmesgView {
  private lines: LogLine[] = [];
  private kind = "";
  private ending = false;
  /** error-level lines not yet seen (a badge on the tab) */
  unseen = 0;

  constructor(private readonly root: HTMLElement, private readonly onUnseen: (n: number) => void) {}

  update(records: LogLine[], reset: boolean): void {
    if (reset) {
      this.lines = [];
      this.root.replaceChildren();
      this.kind = "";
    }
    const frag = document.createDocumentFragment();
    for (const r of records) {
      this.lines.push(r);
      const cls = this.classify(r);
      if (r.level <= 3 && !this.visible()) this.unseen++;
      frag.append(el("div", { class: `log ${cls}`, "data-level": String(r.level) }, el("span", { class: "ts" }, stamp(r.time)), " ", r.text));
    }
    const stick = this.root.scrollTop + this.root.clientHeight >= this.root.scrollHeight - 4;
    this.root.append(frag);
    if (stick || reset) this.root.scrollTop = this.root.scrollHeight;
    this.onUnseen(this.unseen);
  }

  /** The pane became visible. */
  seen(): void {
    this.unseen = 0;
    this.onUnseen(0);
    this.root.scrollTop = this.root.scrollHeight;
  }

  private visible(): boolean {
    return this.root.offsetParent !== null;
  }

  /** Reports span several lines: the first line decides what the block is, its end line or a
   *  line of another kind ends it. */
  private classify(r: LogLine): string {
    const t = r.text;
    const start = /soft lockup/.test(t) ? "lockup"
      : /^kmemleak:/.test(t) ? "leak"
      : /^(BUG:|kernel BUG|Oops|general protection fault|UBSAN:|BUG |=+$)/.test(t) ? "oops"
      : /^(WARNING:|------------\[ cut here)/.test(t) ? "warn"
      : "";
    if (start) this.kind = start;
    else if (this.ending || r.level > 4) this.kind = "";
    else if (this.kind === "leak" && !/^(\s|unreferenced object)/.test(t)) this.kind = "";
    this.ending = /^(---\[ end trace|msgslot: the page stopped)/.test(t);
    if (this.kind) return `hl-${this.kind}`;
    return r.level <= 3 ? "lvl-err" : r.level === 4 ? "lvl-warn" : "";
  }
}

function stamp(time: number): string {
  const secs = Math.floor(time);
  const micros = Math.floor((time - secs) * 1e6);
  return `[${String(secs).padStart(5, " ")}.${String(micros).padStart(6, "0")}]`;
}
