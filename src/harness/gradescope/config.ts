// What `msgslot gradescope` bakes into the autograder (source/autograder.json) and what
// run_autograder reads back: the variant, the limits scaled to Gradescope's machines, the
// instructor's tests.

import type { VariantName } from "../grade/types.js";

export interface AutograderConfig {
  /** the msgslot version inside (the tarball's) */
  msgslot: string;
  /** the npm tarball's file name, in source/ */
  tarball: string;
  variant: VariantName;
  /** multiplies every test's time limit: Gradescope gives half a vCPU by default */
  timeScale: number;
  /** the soft-lockup threshold, seconds (scaled like the time limits) */
  lockupSeconds: number;
  /** grading worker threads: Gradescope's containers have 0.5 to a few vCPUs and 768 MB by default */
  jobs: number;
  /** the assignment's timeout on Gradescope, seconds: grading stops before it and still reports */
  timeoutSeconds: number;
  /** the instructor's tests, a folder in source/ (absent: none) */
  tests?: string;
}

export const DEFAULTS = {
  /** half a vCPU: twice the time a core needs */
  timeScale: 2,
  jobs: 1,
  /** Gradescope's default assignment timeout, 10 minutes */
  timeoutSeconds: 600,
} as const;

/** The grader's default lockup threshold (2 s), scaled like the time limits. */
export const lockupFor = (timeScale: number) => Math.max(2, 2 * timeScale);

/** The Node.js major setup.sh installs where the image has no Node >= 20 (an LTS line). */
export const NODE_MAJOR = 22;

export const CONFIG_FILE = "autograder.json";
/** the package.json of the project setup.sh installs msgslot into */
export const INSTALL_MANIFEST = "msgslot-install.json";
export const TESTS_DIR = "tests";

/** The root of Gradescope's layout: /autograder, or $MSGSLOT_AUTOGRADER_ROOT (tests move it). */
export function autograderRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.MSGSLOT_AUTOGRADER_ROOT || "/autograder";
}

/** When grading must stop to leave time for writing results.json: 10% of the timeout, 10 to 60 s. */
export function deadlineSeconds(timeoutSeconds: number): number {
  return Math.max(5, timeoutSeconds - Math.min(60, Math.max(10, timeoutSeconds * 0.1)));
}
