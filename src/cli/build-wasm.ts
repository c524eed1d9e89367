// `npm run build:wasm` (and `npm install` through "prepare"): module-c/*.c → wasm/*.wasm.
import { existsSync, realpathSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { formatDiagnostic, type CompileResult } from "../toolchain/index.js";
import { compileProgram, createDiskCache, defaultCacheDir, findRepoRoot, readTree, selectBackend, systemTree, type DirCompileOptions } from "../toolchain/node.js";
import { buildModule } from "../harness/module-build.js";

export interface BuildOptions {
  /** A cache directory, or false for none; default the disk cache's default. */
  cacheDir?: string | false;
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
}

/** Builds the driver and the two user programs of `root`/module-c into `root`/wasm; a missing
 *  source is skipped. Returns the exit status: 1 if anything failed to compile. */
export async function buildWasm(root: string, opts: BuildOptions = {}): Promise<number> {
  const stdout = opts.stdout ?? ((l: string) => console.log(l));
  const stderr = opts.stderr ?? ((l: string) => console.error(l));
  const moduleC = join(root, "module-c");
  const outDir = join(root, "wasm");
  const common: DirCompileOptions = opts.cacheDir === undefined ? {} : { cacheDir: opts.cacheDir };
  const targets: { source: string; output: string; build: () => Promise<CompileResult> }[] = [
    {
      source: "message_slot.c",
      output: "message_slot.wasm",
      // the same request as `msgslot` commands make, so their first run hits the cache
      build: async () => {
        const sources = await readTree(moduleC, "", { recursive: false });
        const store = opts.cacheDir === false ? {} : { store: createDiskCache(opts.cacheDir ?? defaultCacheDir()) };
        const built = await buildModule(sources, await systemTree("module", moduleC), selectBackend(), store, "message_slot", await systemTree("program", moduleC));
        return built.result;
      },
    },
    ...["message_sender", "message_reader"].map((name) => ({
      source: `${name}.c`,
      output: `${name}.wasm`,
      build: async () => compileProgram(moduleC, name, { ...common, system: await systemTree("program", moduleC) }),
    })),
  ];

  let failed = 0;
  for (const t of targets) {
    const out = relative(root, join(outDir, t.output));
    if (!existsSync(join(moduleC, t.source))) {
      stdout(`${out}: skipped, module-c/${t.source} does not exist`);
      continue;
    }
    const r = await t.build();
    for (const d of r.diagnostics) {
      const tool = d.file === "" || d.file === "clang" || d.file === "wasm-ld";
      stderr(formatDiagnostic(tool ? d : { ...d, file: `module-c/${d.file}` }));
    }
    if (!r.ok || !r.wasm) {
      stderr(`${out}: FAILED (${r.backend})`);
      failed++;
      continue;
    }
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, t.output), r.wasm);
    stdout(`${out}  ${(r.wasm.length / 1024).toFixed(1)} KiB  ${Math.round(r.ms)} ms${r.cached ? " (cached)" : ""}  ${r.backend}`);
  }
  return failed ? 1 : 0;
}

// Run when executed (node dist/cli/build-wasm.js), not when imported by a test.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await buildWasm(findRepoRoot());
}
