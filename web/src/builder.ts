// The page's side of the compile worker, made on the first Build (the compiler is ~100 MB).

import type { BuildReport, VariantName } from "../../src/harness/grade/types.js";
import type { BuildResult, CompileReply, CompileRequest } from "./protocol.js";

export class Builder {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: never) => void; reject: (e: Error) => void }>();
  /** a build has finished: the compiler is loaded */
  warm = false;
  /** build times, for the page's own metrics (the e2e run reports them) */
  readonly times: { ms: number; cold: boolean }[] = [];

  /** who shows the compiler's download progress (the header for Build, the Tests pane for its runs) */
  onProgress: (done: number, total: number) => void = () => {};

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL("./compile-worker.ts", import.meta.url), { type: "module", name: "compiler" });
    w.onmessage = (e: MessageEvent<CompileReply>) => {
      const m = e.data;
      if (m.type === "progress") this.onProgress(m.done, m.total);
      else if (m.type === "built" || m.type === "grade-built" || m.type === "failed") {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.type === "built") p?.resolve(m.result as never);
        else if (m.type === "grade-built") p?.resolve(m.report as never);
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

  private request<T>(make: (id: number) => CompileRequest): Promise<T> {
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: never) => void, reject });
      w.postMessage(make(id));
    });
  }

  /** The editor's build: the module, and every program of the other files (the shell's flags). */
  async build(sources: Record<string, string>): Promise<BuildResult> {
    const cold = !this.warm;
    const result = await this.request<BuildResult>((id) => ({ type: "build", id, sources }));
    this.warm = true;
    this.times.push({ ms: result.ms, cold });
    return result;
  }

  /** The grader's build of the same sources (src/harness/grade/build.ts). */
  async gradeBuild(files: Record<string, string>, variant: VariantName): Promise<BuildReport> {
    const report = await this.request<BuildReport>((id) => ({ type: "grade-build", id, files, variant }));
    this.warm = true;
    return report;
  }
}
