// The grader's data: variants, what a submission builds into, what each test
// observed, and the report. Browser-safe (plain data, structured-cloneable:
// these objects travel between the grading worker and the main thread).

import type { Diagnostic } from "../../toolchain/index.js";
import type { Observed, Visibility } from "./instructor.js";

export type VariantName = "2023" | "2021" | "2025-censor";
export const VARIANTS: readonly VariantName[] = ["2023", "2021", "2025-censor"];

export interface Variant {
  name: VariantName;
  /** the hard-coded major of the assignment */
  major: number;
  /** release must free per-file memory (2023 on) */
  releaseRequired: boolean;
  /** MSG_SLOT_SET_CEN; sender takes PATH CHANNEL CENSOR MESSAGE */
  censor: boolean;
  description: string;
}

export const VARIANT_INFO: Record<VariantName, Variant> = {
  "2023": { name: "2023", major: 235, releaseRequired: true, censor: false, description: "the 2023-2024 assignment: major 235, memory O(C*M + F), release frees per-file memory" },
  "2021": { name: "2021", major: 240, releaseRequired: false, censor: false, description: "the 2021 assignment: major 240, no release requirement, memory O(C*M)" },
  "2025-censor": { name: "2025-censor", major: 235, releaseRequired: true, censor: true, description: "2023 plus ioctl MSG_SLOT_SET_CEN (every 3rd character of a message becomes '#'); message_sender PATH CHANNEL CENSOR MESSAGE" },
};

/** The submission's compiled parts, as bytes (they travel to workers). */
export interface Artifacts {
  /** identifies the build (a hash of the wasm), for the worker's module cache */
  key: string;
  moduleName: string;
  module?: Uint8Array;
  /** message_sender, message_reader */
  programs: Record<string, Uint8Array>;
  /** MSG_SLOT_CHANNEL and MSG_SLOT_SET_CEN from the student's header (wasm32 values) */
  channelCmd?: number;
  setCenCmd?: number;
  /** the race explorer's build of the module (src/toolchain/race-build.ts), when the build job made
   *  it (else the test that needs it makes it), or why it failed */
  raceModule?: Uint8Array;
  raceError?: string;
}

export interface BuildUnit {
  /** "module", "message_sender", "message_reader" */
  name: string;
  ok: boolean;
  diagnostics: Diagnostic[];
  /** the compiler's raw messages */
  log: string;
  ms: number;
  cached: boolean;
}

export interface BuildReport {
  /** where the submission's files were found ("" = top level, else a subfolder) */
  root: string;
  files: string[];
  units: BuildUnit[];
  /** problems with the submission as a whole (missing files, header definitions) */
  findings: string[];
  artifacts: Artifacts;
  ms: number;
}

// --- what a test observed ------------------------------------------------------

export interface OopsRecord {
  title: string;
  details: string[];
  /** wasm frames, innermost first (C function names) */
  frames: string[];
  /** the driver's function on the stack (the frame below libkern's kern_fop_*), if any */
  func?: string;
  comm: string;
  pid: number;
  /** the syscall in flight, strace style */
  syscall: string;
  /** user memory accessed without copy_*_user */
  userPointer: boolean;
  /** a heap bug raised as an oops (double free, invalid free) */
  heap: boolean;
}

export interface HeapRecord {
  /** "BUG kmalloc-32: Right Redzone overwritten" */
  title: string;
  lines: string[];
  /** the syscall during which it was found (the writer, when checked after each call) */
  syscall: string;
}

export interface LeakRecord {
  size: number;
  /** "device_write (message_slot.c:147)" */
  site: string;
}

export interface LockupRecord {
  /** the soft-lockup report lines */
  lines: string[];
  syscall: string;
  stuckMs: number;
}

/** One test's run on its own fresh kernel. */
export interface TestRun {
  id: string;
  /** the test's own checks passed (it ran to the end, nothing failed) */
  passed: boolean;
  /** what was expected and what happened */
  failures: string[];
  /** the syscalls it made and their results */
  transcript: string[];
  /** measurements and remarks shown even when it passes */
  notes: string[];
  oopses: OopsRecord[];
  heap: HeapRecord[];
  leaks: LeakRecord[];
  /** kernel warnings (e.g. a chrdev left registered at rmmod) */
  warnings: string[][];
  /** set by the supervisor when module code did not return */
  lockup?: LockupRecord;
  /** set by the supervisor when the test ran past its time limit */
  timedOut?: boolean;
  /** counts this test's oopses and lockups as "kernel crash" (false for fault injection) */
  crashCounts: boolean;
  /** insmod succeeded (the module was exercised) */
  loaded: boolean;
  /** an instructor's test: what it printed (stdout or the transcript) and its exit status */
  observed?: Observed;
  /** the uninit probe's findings: results that change when new kmalloc memory is not zeroed */
  uninit?: string[];
  ms: number;
}

// --- the report ---------------------------------------------------------------

export type TestStatus = "passed" | "failed";

export interface TestResult {
  id: string;
  name: string;
  /** points: weight when passed, 0 when failed; advisory tests are worth 0 */
  score: number;
  maxScore: number;
  status: TestStatus;
  /** what was checked, expected and observed */
  output: string;
  advisory: boolean;
  ms: number;
  /** an instructor's test (--tests DIR): its Gradescope visibility (built-in tests are visible) */
  instructor?: { visibility: Visibility };
}

export interface SubmissionReport {
  /** the submission's name (directory or zip name) */
  submission: string;
  variant: VariantName;
  score: number;
  maxScore: number;
  tests: TestResult[];
  build: Omit<BuildReport, "artifacts">;
  /** seconds, wall clock */
  seconds: number;
  /** a problem that stopped grading early (bad zip, no sources) */
  error?: string;
}
