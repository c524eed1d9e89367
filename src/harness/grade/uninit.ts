// Code whose results depend on uninitialised kmalloc memory. Debian's 6.1 zeroes every new
// object (CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y), and so does msgslot: a module that forgets to
// set a field reads 0 and runs as on the course's VM. Another kernel (init_on_alloc=0, SLUB
// debugging, another distribution) leaves garbage there. The probe: run the test again with
// new objects filled with POISON_INUSE (0x5a) and compare what the test saw; when it differs,
// poison one allocation site at a time to name the sites that matter. Advisory only: the
// graded run is the zeroed one. Browser-safe.

import { describeSite, type AllocSite } from "../../kernel/heap.js";
import { ProcessKilled } from "../../process/process.js";
import { Session, TestAbort, type Loaded } from "./session.js";
import type { SuiteContext, TestDef } from "./suite-defs.js";
import type { HeapRecord, TestRun, Variant } from "./types.js";

/** What a run showed: its calls and results, its failed checks, its oopses. */
interface Outcome {
  text: string;
  heap: HeapRecord[];
  /** allocation sites whose objects were poisoned */
  sites: Set<string>;
}

function runPoisoned(def: TestDef, variant: Variant, loaded: Loaded, ctx: SuiteContext, poison: (site: AllocSite) => boolean): Outcome {
  const sites = new Set<string>();
  const s = new Session({
    variant, loaded, checkEachCall: def.checkEachCall ?? true,
    initPoison: (site) => {
      if (!poison(site)) return false;
      sites.add(describeSite(site));
      return true;
    },
  });
  try {
    def.run!(s, ctx);
  } catch (e) {
    // as runTest() records it
    if (e instanceof TestAbort) s.fail(e.message);
    else if (e instanceof ProcessKilled) {
      const o = s.oopses[s.oopses.length - 1];
      s.fail(`the process was killed: ${o ? s.describeOops(o) : e.message}`);
    } else throw e;
  }
  s.quiet = false;
  try {
    s.finish(def.rmmodLimitMs ?? 0);
  } catch (e) {
    if (!(e instanceof TestAbort || e instanceof ProcessKilled)) throw e;
  }
  return { text: summary(s.transcript, s.failures, s.oopses.map((o) => o.title)), heap: s.heap, sites };
}

function summary(transcript: string[], failures: string[], oopses: string[]): string {
  return [...transcript, "--", ...failures, "--", ...oopses].join("\n");
}

/** The first line where two outcomes differ, as "zeroed: X / poisoned: Y". */
function firstDifference(a: string, b: string): string {
  const x = a.split("\n");
  const y = b.split("\n");
  for (let k = 0; k < Math.max(x.length, y.length); k++) {
    if (x[k] !== y[k]) return `with zeroed kmalloc memory: ${x[k] ?? "(nothing)"}; with poisoned (0x5a): ${y[k] ?? "(nothing)"}`;
  }
  return "";
}

/** Tests worth the second run: the short ones (2^20 channels, the program replay and fault injection take too long). */
export function probeable(def: TestDef): boolean {
  return def.timeMs === undefined && def.crashCounts !== false && def.run !== undefined;
}

/**
 * Rerun a finished test with poisoned allocations. Returns findings ("read of uninitialised
 * kmalloc memory ...") and the heap reports only a poisoned run can make (a NUL written just past
 * an object's end leaves a zeroed object unchanged).
 */
export function probeUninit(def: TestDef, variant: Variant, loaded: Loaded, ctx: SuiteContext, run: TestRun): { findings: string[]; heap: HeapRecord[] } {
  if (!loaded.module || !run.loaded) return { findings: [], heap: [] };
  const zeroed = summary(run.transcript, run.failures, run.oopses.map((o) => o.title));
  const all = runPoisoned(def, variant, loaded, ctx, () => true);
  const heap = all.heap.filter((h) => /inside its size class/.test(h.lines.join("\n")));
  if (all.sites.size === 0 || all.text === zeroed) return { findings: [], heap };
  const guilty: string[] = [];
  if (all.sites.size > 1) {
    for (const site of [...all.sites].slice(0, 8)) {
      const one = runPoisoned(def, variant, loaded, ctx, (s) => describeSite(s) === site);
      if (one.text !== zeroed) guilty.push(site);
    }
  } else guilty.push(...all.sites);
  const where = guilty.length ? `kmalloc in ${guilty.join(", ")}` : `the kmalloc sites together (${[...all.sites].join(", ")})`;
  return {
    findings: [`results depend on uninitialised kmalloc memory from ${where}: ${firstDifference(zeroed, all.text)} (Debian's init_on_alloc zeroes it; set every field, or use kzalloc)`],
    heap,
  };
}
