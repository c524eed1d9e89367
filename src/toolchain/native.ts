// The native backend (Node only): wasi-sdk's clang, used when WASI_SDK_PATH is set. Each run
// gets a fresh temporary directory holding the tree; clang runs there with relative paths, so
// its diagnostics name files exactly as the yowasp backend's do.
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { checkRelPath } from "./tree.js";
import type { Backend, BackendRun, SourceTree } from "./types.js";

export function createNativeBackend(sdkPath: string): Backend {
  const clang = join(sdkPath, "bin", "clang");
  const sysroot = `--sysroot=${join(sdkPath, "share", "wasi-sysroot")}`;
  let version: Promise<string> | undefined;
  return {
    name: "wasi-sdk",
    version() {
      version ??= new Promise((resolve, reject) =>
        execFile(clang, ["--version"], (err, stdout) =>
          err ? reject(new Error(`${clang} --version: ${err.message}`)) : resolve(stdout.split("\n")[0]!.trim()),
        ),
      );
      return version;
    },
    async run(args, files): Promise<BackendRun> {
      const dir = await mkdtemp(join(tmpdir(), "msgslot-cc-"));
      try {
        await writeTree(dir, files);
        const { code, stderr } = await runIn(dir, clang, [sysroot, ...args]);
        return { code, files: await readNewFiles(dir, new Set(Object.keys(files))), stderr };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

async function writeTree(dir: string, files: SourceTree): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, ...checkRelPath(path));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

function runIn(cwd: string, cmd: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stderr: Buffer.concat(chunks).toString("utf8") }),
    );
  });
}

/** The files the compiler wrote (anything not in the input). */
async function readNewFiles(dir: string, inputs: Set<string>, prefix = "", out: SourceTree = {}): Promise<SourceTree> {
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) await readNewFiles(dir, inputs, rel + "/", out);
    else if (entry.isFile() && !inputs.has(rel)) out[rel] = new Uint8Array(await readFile(join(dir, rel)));
  }
  return out;
}
