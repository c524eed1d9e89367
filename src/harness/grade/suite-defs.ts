// What a test of the suite is, and the checks tests share. Browser-safe.

import { errnoName } from "../../kernel/errno.js";
import type { Session } from "./session.js";
import { quote, rc } from "./session.js";
import type { TestRun, VariantName } from "./types.js";
import type { RaceTarget } from "../races/schedule.js";

export interface SuiteContext {
  /** program cases recorded on Linux (conformance/programs); the replay test needs them */
  programCases?: ProgramCase[];
  /** channels the big test uses (default 2^20) */
  channels: number;
  /** the time limit of the job running the test, ms (a test that cannot make it stops early) */
  timeMs?: number;
  /** rerun short tests with poisoned kmalloc memory (uninit.ts); default on */
  uninitProbe?: boolean;
  /** the module's race build, for the concurrency test (jobs.ts makes it for that test only) */
  races?: RaceTarget;
}

/** One case of conformance/programs/expected.json. */
export interface ProgramCase {
  id: string;
  line: string;
  /** `setup:` lines run before it */
  setup: string[];
  /** argv bytes as hex, argv[0] included */
  argv_hex: string[];
  status: number;
  stdout_hex: string;
  stderr: string;
}

export interface TestDef {
  /** stable key (JSON reports, --only) */
  id: string;
  /** the name reports show */
  name: string;
  /** points when passed; 0 = advisory (reported, not scored) */
  weight: number;
  /** a test of the course's key, or one msgslot adds */
  kind: "course" | "extra";
  /** what it checks, for --help and the README */
  description: string;
  /** the variants it belongs to (default: all) */
  variants?: VariantName[];
  /** the job's time limit, ms (default DEFAULT_TIME_MS) */
  timeMs?: number;
  /** heap.check() after every syscall (default true; off for big loops) */
  checkEachCall?: boolean;
  /** its oopses count as "kernel crash" (default true; false for fault injection) */
  crashCounts?: boolean;
  /** the lockup limit of its final rmmod, ms (big heaps take a while to free) */
  rmmodLimitMs?: number;
  /** needs SuiteContext.races (the module's race build, made before the test runs) */
  raceBuild?: boolean;
  /** run on a fresh kernel (absent for tests computed from the others' runs or from the build) */
  run?: (s: Session, ctx: SuiteContext) => void;
}

export const DEFAULT_TIME_MS = 20_000;

/** A check of a syscall result: "what: expected X, got Y". */
export function expectRc(s: Session, what: string, got: number, want: number): boolean {
  if (got === want) return true;
  s.fail(`${what}: expected ${rc(want)}, got ${rc(got)}`);
  return false;
}

/** A check that a call failed with one of the accepted errnos. */
export function expectErr(s: Session, what: string, got: number, accepted: number[]): boolean {
  if (accepted.includes(-got)) return true;
  s.fail(`${what}: expected -1 ${accepted.map(errnoName).join(" or ")}, got ${rc(got)}`);
  return false;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const bytes = (s: string) => new TextEncoder().encode(s);

/** A read that must return exactly `want`. */
export function expectRead(s: Session, what: string, r: { rc: number; data: Uint8Array }, want: Uint8Array | string): boolean {
  const w = typeof want === "string" ? bytes(want) : want;
  if (r.rc === w.length && sameBytes(r.data, w)) return true;
  const got = r.rc < 0 ? rc(r.rc) : `${r.rc} ${quote(r.data)}`;
  s.fail(`${what}: expected ${w.length} ${quote(w)}, got ${got}`);
  return false;
}

/** The parts of a TestRun the parent fills in for a test that never returned. */
export function emptyRun(id: string, crashCounts: boolean): TestRun {
  return { id, passed: false, failures: [], transcript: [], notes: [], oopses: [], heap: [], leaks: [], warnings: [], crashCounts, loaded: false, ms: 0 };
}
