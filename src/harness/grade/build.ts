// Building a submission: find its files (maybe in a subfolder), compile the
// module with the header probe (MSG_SLOT_CHANNEL, MSG_SLOT_SET_CEN) and both
// programs with the course's flags (-O3 -Wall -std=c11). Every problem is a
// finding in the report, never an exception. Browser-safe: the backend, the
// cache and the system trees come from the caller.

import { compile, type Backend, type CompileResult, type CompileStore, type SourceTree } from "../../toolchain/index.js";
import { buildModule } from "../module-build.js";
import type { Artifacts, BuildReport, BuildUnit, Variant } from "./types.js";

export interface BuildDeps {
  backend?: Backend;
  store?: CompileStore;
  /** module-c/include + module-c/kernel */
  moduleSystem: SourceTree;
  /** module-c/user */
  programSystem: SourceTree;
}

export const PROGRAMS = ["message_sender", "message_reader"];
/** What the course requires of the user programs (gcc -O3 -Wall -std=c11). */
export const PROGRAM_FLAGS = ["-O3", "-Wall", "-std=c11"];

const KEEP = /(^|\/)(Makefile|makefile|GNUmakefile|Kbuild)$|\.[ch]$/;
const JUNK = /(^|\/)(__MACOSX|\.[^/]*)(\/|$)/;

/** Where the submission's sources are: the shallowest folder holding message_slot.c (else any .c). */
export function locateRoot(files: string[]): string {
  const usable = files.filter((f) => !JUNK.test(f));
  const depth = (p: string) => p.split("/").length;
  const dirOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/") + 1) : "");
  for (const want of [/(^|\/)message_slot\.c$/, /(^|\/)message_slot\.h$/, /\.c$/]) {
    const hits = usable.filter((f) => want.test(f)).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
    if (hits.length) return dirOf(hits[0]);
  }
  return "";
}

/** The source files of the root folder itself (Kbuild builds a flat directory). */
export function rootTree(files: SourceTree, root: string): SourceTree {
  const out: SourceTree = {};
  for (const [path, content] of Object.entries(files)) {
    if (!path.startsWith(root)) continue;
    const rel = path.slice(root.length);
    if (rel.includes("/") || !KEEP.test(rel) || JUNK.test(rel)) continue;
    out[rel] = content;
  }
  return out;
}

let builds = 0;

export async function buildSubmission(files: SourceTree, variant: Variant, deps: BuildDeps): Promise<BuildReport> {
  const t0 = performance.now();
  const root = locateRoot(Object.keys(files));
  const tree = rootTree(files, root);
  const findings: string[] = [];
  const units: BuildUnit[] = [];
  const artifacts: Artifacts = { key: `build-${++builds}-${Math.random().toString(36).slice(2)}`, moduleName: "message_slot", programs: {} };
  const names = Object.keys(tree).sort();

  if (!("message_slot.c" in tree)) findings.push(`no message_slot.c in the submission${root ? ` (looked in ${root})` : ""}`);
  // run-oracle.sh refuses a module without the header its message_sender.c would include
  // ("FAIL: header: …"): MSG_SLOT_CHANNEL is unknown, so nothing can be graded
  const noHeader = "message_slot.c" in tree && !("message_slot.h" in tree);

  // the programs compile while the module and its header probe do (overlapped: a native backend
  // runs them as processes of their own); their results are taken in the usual order below
  const programBuilds = new Map<string, Promise<{ r?: CompileResult; error?: unknown }>>();
  for (const name of PROGRAMS) {
    if (!(`${name}.c` in tree)) continue;
    const sources = Object.fromEntries(Object.entries(tree).filter(([f]) => f === `${name}.c` || f.endsWith(".h")));
    programBuilds.set(name, compile({
      kind: "program", sources, main: [`${name}.c`], system: deps.programSystem, output: `${name}.wasm`, extraFlags: PROGRAM_FLAGS,
    }, deps.backend, deps.store ? { store: deps.store } : {}).then((r) => ({ r }), (error: unknown) => ({ error })));
  }

  if (noHeader) {
    const message = "no message_slot.h in the submission: MSG_SLOT_CHANNEL is unknown (Linux's harness refuses it too)";
    units.push({ name: "module", ok: false, diagnostics: [{ file: "message_slot.h", line: 0, col: 0, severity: "error", message }], log: `message_slot.h: error: ${message}\n`, ms: 0, cached: false });
    findings.push(`refused: ${message}`);
  } else if (names.some((n) => n.endsWith(".c"))) {
    // the programs are not part of the module (nor the module of the programs): a change to one
    // does not miss the other's cache
    const moduleTree = Object.fromEntries(Object.entries(tree).filter(([f]) => !PROGRAMS.some((p) => f === `${p}.c`)));
    const built = await buildModule(moduleTree, deps.moduleSystem, deps.backend, deps.store ? { store: deps.store } : {}, "message_slot", deps.programSystem);
    const r = built.result;
    units.push({ name: "module", ok: r.ok && !!built.image, diagnostics: r.diagnostics, log: r.log, ms: r.ms, cached: r.cached });
    if (r.ok && r.wasm && built.image) {
      artifacts.module = r.wasm;
      // a message_slot.h without MSG_SLOT_CHANNEL fails the build (buildModule), as on Linux
      if (built.msgSlotChannel !== undefined) artifacts.channelCmd = built.msgSlotChannel;
      if (built.msgSlotSetCen !== undefined) artifacts.setCenCmd = built.msgSlotSetCen;
      else if (variant.censor) findings.push("message_slot.h does not define MSG_SLOT_SET_CEN (the censorship ioctl of this variant)");
    } else {
      // the header probe's verdict (run-oracle.sh's "FAIL: header: …"), else the compiler's or modpost's
      const header = r.diagnostics.find((d) => d.file === "message_slot.h" && d.line === 0 && d.severity === "error");
      findings.push(header ? `refused: ${header.message}` : "the module does not compile");
    }
  } else {
    findings.push("no C source files found");
  }

  for (const name of PROGRAMS) {
    const build = programBuilds.get(name);
    if (!build) {
      findings.push(`no ${name}.c in the submission`);
      continue;
    }
    const { r, error } = await build;
    if (!r) throw error;
    units.push({ name, ok: r.ok, diagnostics: r.diagnostics, log: r.log, ms: r.ms, cached: r.cached });
    if (r.ok && r.wasm) artifacts.programs[name] = r.wasm;
    else findings.push(`${name}.c does not compile`);
  }
  return { root, files: names, units, findings, artifacts, ms: performance.now() - t0 };
}
