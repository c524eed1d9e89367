// Building what a command runs: the module and the user programs, from the
// reference sources in module-c/ or a student's directories.

import { access } from "node:fs/promises";
import { join } from "node:path";
import { buildModuleDir, buildProgramsDir } from "../harness/node-build.js";
import type { ModuleImage } from "../harness/busybox.js";
import type { ProgramImage } from "../wasi/run.js";
import { formatDiagnostic, type Diagnostic } from "../toolchain/index.js";
import { moduleCDir } from "../toolchain/node.js";

export const PROGRAM_NAMES = ["message_sender", "message_reader"];

export class SetupError extends Error {}

export interface Setup {
  modules: Map<string, ModuleImage>;
  programs: Map<string, ProgramImage>;
  msgSlotChannel?: number;
}

function report(diags: Diagnostic[]): string {
  return diags.map((d) => formatDiagnostic(d) + "\n").join("");
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(() => true, () => false);
}

export async function setup(moduleDir: string = moduleCDir(), programsDir: string = moduleDir, warn: (s: string) => void): Promise<Setup> {
  if (!(await exists(moduleDir))) throw new SetupError(`${moduleDir}: No such directory`);
  const built = await buildModuleDir(moduleDir);
  if (!built.image) throw new SetupError(`${report(built.result.diagnostics)}the module in ${moduleDir} does not build`);
  const warnings = built.result.diagnostics.filter((d) => d.severity === "warning");
  if (warnings.length) warn(report(warnings));
  const names: string[] = [];
  for (const n of PROGRAM_NAMES) if (await exists(join(programsDir, `${n}.c`))) names.push(n);
  const programs = new Map<string, ProgramImage>();
  for (const [name, p] of await buildProgramsDir(programsDir, names)) {
    if (!p.image) throw new SetupError(`${report(p.result.diagnostics)}${name}.c in ${programsDir} does not build`);
    programs.set(name, p.image);
  }
  return { modules: new Map([[built.image.name, built.image]]), programs, msgSlotChannel: built.msgSlotChannel };
}
