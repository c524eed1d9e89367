// `npm run build:wasm` (and `npm install` through "prepare"): module-c/*.c → wasm/*.wasm.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { formatDiagnostic } from "./diagnostics.js";
import { compileModuleDir, compileProgram, findRepoRoot } from "./node.js";
import type { CompileResult } from "./types.js";

interface Target {
  source: string;
  output: string;
  build: () => Promise<CompileResult>;
}

async function main(): Promise<number> {
  const root = findRepoRoot();
  const moduleC = join(root, "module-c");
  const outDir = join(root, "wasm");
  const targets: Target[] = [
    { source: "message_slot.c", output: "message_slot.wasm", build: () => compileModuleDir(moduleC, { main: ["message_slot.c"] }) },
    ...["message_sender", "message_reader"].map((name) => ({
      source: `${name}.c`,
      output: `${name}.wasm`,
      build: () => compileProgram(moduleC, name),
    })),
  ];

  let failed = 0;
  await mkdir(outDir, { recursive: true });
  for (const t of targets) {
    const out = relative(root, join(outDir, t.output));
    if (!existsSync(join(moduleC, t.source))) {
      console.log(`${out}: skipped, module-c/${t.source} does not exist`);
      continue;
    }
    const r = await t.build();
    const shown = r.diagnostics.filter((d) => d.severity !== "note" || !r.ok);
    for (const d of shown) {
      const tool = d.file === "" || d.file === "clang" || d.file === "wasm-ld";
      console.error(formatDiagnostic(tool ? d : { ...d, file: `module-c/${d.file}` }));
    }
    if (!r.ok || !r.wasm) {
      console.error(`${out}: FAILED (${r.backend})`);
      failed++;
      continue;
    }
    await writeFile(join(outDir, t.output), r.wasm);
    console.log(`${out}  ${(r.wasm.length / 1024).toFixed(1)} KiB  ${Math.round(r.ms)} ms${r.cached ? " (cached)" : ""}  ${r.backend}`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
