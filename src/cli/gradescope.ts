// `msgslot gradescope`: write the autograder zip Gradescope takes; with --run, grade inside
// Gradescope's container (what the zip's run_autograder calls).

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { findRepoRoot } from "../toolchain/repo-root.js";
import { buildAutograder, TestsDirError } from "../harness/gradescope/build.js";
import { autograderRoot, deadlineSeconds, DEFAULTS, lockupFor, NODE_MAJOR } from "../harness/gradescope/config.js";
import { runAutograder } from "../harness/gradescope/run.js";
import { DEFAULT_TIME_MS } from "../harness/grade/suite-defs.js";
import { runnableTests } from "../harness/grade/suite.js";
import { VARIANTS, type VariantName } from "../harness/grade/types.js";
import { parseArgs, UsageError } from "./args.js";

export const GRADESCOPE_HELP = `Usage: msgslot gradescope [--out autograder.zip] [--variant V] [--tests DIR] [options]

Writes an autograder for Gradescope ("Autograder configuration: zip file
upload"): the zip holds
  setup.sh        run once when Gradescope builds the image: installs Node.js
                  ${NODE_MAJOR} when the image has no Node >= 20, then msgslot from the
                  tarball inside (this version, its dependencies pinned), and
                  grades msgslot's reference as a check
  run_autograder  run for each submission: grades /autograder/submission
                  (the files, a subfolder or a .zip) into
                  /autograder/results/results.json: the score, a test per
                  check with what was expected and what happened; always
                  written, also when grading fails (score 0 and why)
  msgslot-VERSION.tgz, msgslot-install.json, autograder.json (the settings),
  tests/ (the instructor's tests, with --tests)

Options:
  --out FILE        the zip to write (default autograder.zip)
  --variant V       the assignment: 2023 (default), 2021 or 2025-censor
                    (see msgslot grade --help)
  --tests DIR       the instructor's tests, copied into the zip and given to
                    msgslot grade --tests; each test's visibility (visible,
                    hidden, after_due_date, after_published) goes to Gradescope
  --time-scale F    multiply every test's time limit (default ${DEFAULTS.timeScale}: Gradescope
                    gives half a vCPU by default; 1 for a full one)
  --jobs N          grading threads (default ${DEFAULTS.jobs}; more only with more CPUs and
                    memory in the assignment's Autograder Settings)
  --timeout SECONDS the assignment's autograder timeout on Gradescope (default
                    ${DEFAULTS.timeoutSeconds}); grading stops a little before it and still writes
                    results.json
  -h, --help        show this help

In the container (run_autograder calls it):
  msgslot gradescope --run [--root DIR]
        grade DIR/submission into DIR/results/results.json with the settings
        of DIR/source/autograder.json; DIR defaults to $MSGSLOT_AUTOGRADER_ROOT,
        else /autograder

Gradescope's settings: Ubuntu base image; at least 1 GB of memory (clang,
compiled to WebAssembly, needs about 800 MB on a cold compile: the default
768 MB is too little).

Exit status: 0 written, 1 the zip could not be built, 2 usage. With --run:
0 graded, 1 no grade could be given (results.json says why, score 0).
`;

export async function gradescopeCommand(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { values: ["--out", "--variant", "--tests", "--time-scale", "--jobs", "--timeout", "--root"], switches: ["--run"] });
    if (args.positional.length) throw new UsageError(`unexpected argument '${args.positional[0]}'`);
    if (args.switches.has("--run")) {
      const buildOnly = ["--out", "--variant", "--tests", "--time-scale", "--jobs", "--timeout"].filter((o) => args!.values[o] !== undefined);
      if (buildOnly.length) throw new UsageError(`${buildOnly.join(", ")} belong${buildOnly.length === 1 ? "s" : ""} to building the zip, not to --run`);
    } else if (args.values["--root"] !== undefined) throw new UsageError("--root goes with --run");
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usage(e.message);
  }

  if (args.switches.has("--run")) {
    const root = args.values["--root"] ?? autograderRoot();
    const results = await runAutograder({ root, msgslotBin: join(findRepoRoot(), "bin/msgslot.js"), log: (l) => process.stdout.write(l + "\n") });
    return results.extra_data.error && results.tests.length === 0 ? 1 : 0;
  }

  let variant: VariantName;
  let timeScale: number;
  let jobs: number;
  let timeoutSeconds: number;
  try {
    const v = args.values["--variant"] ?? "2023";
    if (!(VARIANTS as readonly string[]).includes(v)) throw new UsageError(`unknown variant '${v}' (2023, 2021 or 2025-censor)`);
    variant = v as VariantName;
    const num = (name: string, fallback: number, min: number, int: boolean): number => {
      const raw = args!.values[name];
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n) || n < min || (int && !Number.isInteger(n))) throw new UsageError(`${name} needs ${int ? "an integer" : "a number"} >= ${min}, not '${raw}'`);
      return n;
    };
    timeScale = num("--time-scale", DEFAULTS.timeScale, 0.1, false);
    jobs = num("--jobs", DEFAULTS.jobs, 1, true);
    timeoutSeconds = num("--timeout", DEFAULTS.timeoutSeconds, 60, true);
    if (timeoutSeconds > 2400) throw new UsageError(`--timeout ${timeoutSeconds}: Gradescope allows at most 2400 s (40 minutes)`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usage(e.message);
  }

  const out = args.values["--out"] ?? "autograder.zip";
  try {
    const built = await buildAutograder({
      pkgDir: findRepoRoot(),
      settings: { variant, timeScale, lockupSeconds: lockupFor(timeScale), jobs, timeoutSeconds },
      ...(args.values["--tests"] !== undefined ? { testsDir: args.values["--tests"] } : {}),
    });
    await writeFile(out, built.zip);
    const c = built.config;
    process.stdout.write(
      `wrote ${out} (${built.zip.length} bytes): msgslot ${c.msgslot} (${built.tarballBytes}-byte tarball), variant ${c.variant}` +
      `${built.testFiles ? `, ${built.testFiles} instructor test file${built.testFiles === 1 ? "" : "s"}` : ""}\n` +
      `time limits x${c.timeScale}, lockup ${c.lockupSeconds} s, ${c.jobs} job${c.jobs === 1 ? "" : "s"}, grading stops after ${deadlineSeconds(c.timeoutSeconds)} s of the ${c.timeoutSeconds}-s timeout\n` +
      `On Gradescope: Autograder configuration -> Zip file upload -> ${out}; Base image: Ubuntu; memory 1 GB or more.\n`,
    );
    const worst = worstCaseSeconds(c.variant, c.timeScale, c.jobs);
    if (worst > deadlineSeconds(c.timeoutSeconds))
      process.stdout.write(`note: a submission that runs every test to its time limit needs about ${worst} s (a typical one, well under a minute); grading stops at ${deadlineSeconds(c.timeoutSeconds)} s and then gives no score. Raise the assignment's timeout on Gradescope (at most 2400 s) and pass the same --timeout.\n`);
    return 0;
  } catch (e) {
    const msg = e instanceof TestsDirError ? `--tests ${e.message}` : (e as Error).message;
    process.stderr.write(`msgslot gradescope: ${msg}\n`);
    return 1;
  }
}

/** Every test of the variant run to its (scaled) time limit, shared among the jobs. */
function worstCaseSeconds(variant: VariantName, timeScale: number, jobs: number): number {
  return Math.round(runnableTests(variant).reduce((n, d) => n + (d.timeMs ?? DEFAULT_TIME_MS), 0) * timeScale / 1000 / jobs);
}

function usage(message: string): number {
  process.stderr.write(`msgslot gradescope: ${message}\n\nUsage: msgslot gradescope [--out autograder.zip] [--variant V] [--tests DIR]   (msgslot gradescope --help)\n`);
  return 2;
}
