// A plain static server for the specs: Python's http.server on the playground's build, as a course
// web server or `python3 -m http.server` would serve it — no COOP/COEP headers, no compression.
import { spawn, type ChildProcess } from "node:child_process";

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serve `dir` on a free port of 127.0.0.1; resolves when it listens. */
export function serveStatic(dir: string): Promise<StaticServer> {
  return new Promise((resolve, reject) => {
    // port 0: the kernel picks a free one, and the server prints it
    const child: ChildProcess = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", dir], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`python3 -m http.server did not start: ${out}`));
    }, 15_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /port (\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        origin: `http://127.0.0.1:${m[1]}/`,
        close: () => new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once("exit", () => done());
          child.kill();
        }),
      });
    });
    child.stderr!.on("data", () => {}); // one access-log line per request
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
