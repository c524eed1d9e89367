// Building what a command runs: the module and the user programs, from the
// reference sources in module-c/ or a student's directories.

import { access } from "node:fs/promises";
import { join } from "node:path";
import { buildModuleDir, buildProgramsDir } from "../harness/node-build.js";
import { buildProgramsFromDir, builtPrograms, formatProgramsBuild, programsFailures, ProgramsDirError } from "../harness/programs/node.js";
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

/** setup() and, with `extraPrograms`, every program of that directory (--programs DIR) on top of
 *  message_sender and message_reader (a DIR/message_sender.c replaces theirs). */
export async function setup(moduleDir: string = moduleCDir(), programsDir: string = moduleDir, warn: (s: string) => void, extraPrograms?: string): Promise<Setup> {
  const base = await setupBase(moduleDir, programsDir, warn);
  if (extraPrograms === undefined) return base;
  for (const [name, image] of await programsOf(extraPrograms, warn)) base.programs.set(name, image);
  return base;
}

/** The programs of a --programs directory, built; their messages go to `warn`, a failure throws. */
export async function programsOf(dir: string, warn: (s: string) => void): Promise<Map<string, ProgramImage>> {
  let built;
  try {
    built = await buildProgramsFromDir(dir);
  } catch (e) {
    if (e instanceof ProgramsDirError) throw new SetupError(`--programs ${e.message}`);
    throw e;
  }
  const messages = formatProgramsBuild(built, dir);
  const failures = programsFailures(built);
  if (built.problems.length) throw new SetupError(`--programs ${dir}: ${built.problems.join("; ")}`);
  if (failures.length) throw new SetupError(`--programs ${dir}: ${failures.join(", ")}\n${messages.trimEnd()}`);
  if (messages) warn(messages);
  const out = new Map<string, ProgramImage>();
  for (const [name, wasm] of builtPrograms(built)) out.set(name, { name, wasm: await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>) });
  return out;
}

async function setupBase(moduleDir: string, programsDir: string, warn: (s: string) => void): Promise<Setup> {
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
