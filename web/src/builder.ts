// The page's side of the compile worker, made on the first Build (the compiler is ~100 MB).

import type { BuildResult, CompileReply, CompileRequest } from "./protocol.js";

export class Builder {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: BuildResult) => void; reject: (e: Error) => void }>();
  /** a build has finished: the compiler is loaded */
  warm = false;
  /** build times, for the page's own metrics (the e2e run reports them) */
  readonly times: { ms: number; cold: boolean }[] = [];

  constructor(private readonly onProgress: (done: number, total: number) => void) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL("./compile-worker.ts", import.meta.url), { type: "module", name: "compiler" });
    w.onmessage = (e: MessageEvent<CompileReply>) => {
      const m = e.data;
      if (m.type === "progress") this.onProgress(m.done, m.total);
      else if (m.type === "built" || m.type === "failed") {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.type === "built") p?.resolve(m.result);
        else p?.reject(new Error(m.message));
      }
    };
    w.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message || "the compiler worker failed"));
      this.pending.clear();
      this.worker = undefined;
    };
    return (this.worker = w);
  }

  async build(sources: Record<string, string>, programs: string[]): Promise<BuildResult> {
    const w = this.ensure();
    const id = this.nextId++;
    const cold = !this.warm;
    const result = await new Promise<BuildResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const req: CompileRequest = { type: "build", id, sources, programs };
      w.postMessage(req);
    });
    this.warm = true;
    this.times.push({ ms: result.ms, cold });
    return result;
  }
}
