// clang's driver plan for @yowasp/clang: `clang ARGS` there is two steps, `clang -### ARGS` (the
// driver prints the jobs it would run: `clang -cc1 ...`, then `wasm-ld ...`) and then each job
// in a fresh instance of the compiler. The plan depends on the arguments and on which input
// files exist, not on what they hold, and every submission of a course is compiled with the same
// arguments and file names: so the plan is kept, and a compile after the first runs only its
// jobs. Each compiler instance costs ~30 ms of CPU before it does any work, a third of a small
// compile (issue 14). Browser-safe.

/** Arguments for which yowasp runs the driver alone (its own special cases, and -v which prints the plan). */
const DRIVER_ONLY = ["-###", "--version", "-help", "--help", "--help-hidden", "-v"];

/** Plans kept (a course needs a handful: the module, two programs, the header probe). */
const MAX_PLANS = 32;

export function cacheablePlan(args: readonly string[]): boolean {
  return !args.some((a) => DRIVER_ONLY.includes(a));
}

/** The key of a plan: the arguments and the input file names. */
export function planKey(args: readonly string[], paths: readonly string[]): string {
  return JSON.stringify([args, [...paths].sort()]);
}

/**
 * The jobs in `clang -###` output, or null when it is not a plan (an error, or a format this
 * parser does not know): the caller then runs clang as yowasp would. The output is the header
 * ("clang version", "Target:", ... lines, and any "clang: warning:" from the driver, which yowasp
 * also drops), then " (in-process)" and one quoted command line per job, then an empty line.
 */
export function parseDriverPlan(output: string): string[][] | null {
  const lines = output.split("\n");
  let i = 0;
  const header = /^(clang|Target:|Thread model:|InstalledDir:|Build config:)/;
  while (i < lines.length && header.test(lines[i]!)) i++;
  const jobs: string[][] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === " (in-process)") continue;
    if (line === "") break;
    if (!line.startsWith(' "')) return null;
    const job = unquote(line);
    if (!job) return null;
    if (job[0] === "") job.shift(); // the program name is "" for an in-process job
    jobs.push(job);
  }
  if (i >= lines.length || jobs.length === 0) return null;
  return jobs;
}

/** ` "a" "b c" "d\"e"` → ["a", "b c", "d\"e"]: the driver quotes every word and escapes " \ $. */
function unquote(line: string): string[] | null {
  const out: string[] = [];
  const word = / (?:"((?:[^"\\$]|\\["\\$])*)"|([^ "]+))/y;
  let m: RegExpExecArray | null;
  while (word.lastIndex < line.length && (m = word.exec(line))) {
    out.push(m[1] !== undefined ? m[1].replace(/\\(["\\$])/g, "$1") : m[2]!);
  }
  return word.lastIndex === line.length ? out : null;
}

/** Plans by key, the oldest dropped first. */
export class DriverPlans {
  private readonly plans = new Map<string, string[][]>();
  /** how many times the driver ran (tests read this) */
  driverRuns = 0;

  get(key: string): string[][] | undefined {
    return this.plans.get(key);
  }

  set(key: string, jobs: string[][]): void {
    if (this.plans.size >= MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(key, jobs);
  }
}
