// The module as the race explorer runs it: the race build (src/toolchain/race-build.ts) of a
// built module's wasm, compiled, kept per wasm for the last few modules (a build takes a second
// or more of binaryen; the explorer then runs thousands of schedules on it). The grader
// makes the race build in its build process (raceBuildOf) and hands the bytes to the test
// (raceTargetFromBuild); `msgslot races` and the playground make it where they run it
// (raceTargetOf).

import { buildForRaces } from "../../toolchain/race-build.js";
import type { BuiltModule } from "../module-build.js";
import type { RaceTarget } from "./schedule.js";

const built = new Map<string, Promise<Uint8Array>>();
const compiled = new Map<string, Promise<WebAssembly.Module>>();

async function key(wasm: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", wasm as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** the last modules kept (a grader's process sees hundreds, each once; `msgslot races`, one) */
const KEEP = 8;

/** `make()` once per key while the key is among the last KEEP (a failure is not kept). */
function once<T>(cache: Map<string, Promise<T>>, k: string, make: () => Promise<T>): Promise<T> {
  let p = cache.get(k);
  if (!p) {
    p = make();
    cache.set(k, p);
    p.catch(() => cache.delete(k));
    if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  }
  return p;
}

/** The race build of a module's wasm (lowerLp64's output), as bytes. */
export async function raceBuildOf(wasm: Uint8Array): Promise<Uint8Array> {
  return once(built, await key(wasm), () => buildForRaces(wasm));
}

/** The race target of a module that built (built.image and built.result.wasm are set). */
export async function raceTarget(b: BuiltModule): Promise<RaceTarget> {
  const wasm = b.result.wasm;
  if (!b.image || !wasm) throw new Error("race explorer: the module did not build");
  return raceTargetOf(wasm, b.image.name, b.msgSlotChannel);
}

/** The race target of a module's wasm (lowerLp64's output, as a build or the grader has it). */
export async function raceTargetOf(wasm: Uint8Array, name: string, msgSlotChannel: number | undefined): Promise<RaceTarget> {
  const module = await once(compiled, await key(wasm), async () => WebAssembly.compile((await raceBuildOf(wasm)) as Uint8Array<ArrayBuffer>));
  return { image: { name, wasm: module, size: wasm.length }, msgSlotChannel };
}

/** The race target from a race build made elsewhere (raceBuildOf's bytes for `wasm`). */
export async function raceTargetFromBuild(race: Uint8Array, wasm: Uint8Array, name: string, msgSlotChannel: number | undefined): Promise<RaceTarget> {
  const module = await once(compiled, await key(wasm), () => WebAssembly.compile(race as Uint8Array<ArrayBuffer>));
  return { image: { name, wasm: module, size: wasm.length }, msgSlotChannel };
}
