// A program's stdout or stderr: every chunk kept (for the result) and handed on as it arrives
// (the playground's terminal). Shared by all the processes of one run, like an inherited fd.

export class Collector {
  private chunks: Uint8Array[] = [];
  constructor(private readonly live?: (b: Uint8Array) => void) {}

  push(b: Uint8Array): void {
    const copy = b.slice();
    this.chunks.push(copy);
    this.live?.(copy);
  }

  bytes(): Uint8Array {
    const n = this.chunks.reduce((s, c) => s + c.length, 0);
    const all = new Uint8Array(n);
    let o = 0;
    for (const c of this.chunks) {
      all.set(c, o);
      o += c.length;
    }
    return all;
  }
}
