// The module as the race explorer runs it: the race build (src/toolchain/race-build.ts) of a
// built module's wasm, compiled, kept per wasm for the life of the process (a build takes a few
// seconds of binaryen; the explorer then runs thousands of schedules on it).

import { buildForRaces } from "../../toolchain/race-build.js";
import type { BuiltModule } from "../module-build.js";
import type { RaceTarget } from "./schedule.js";

const cache = new Map<string, Promise<WebAssembly.Module>>();

async function key(wasm: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", wasm as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The race target of a module that built (built.image and built.result.wasm are set). */
export async function raceTarget(built: BuiltModule): Promise<RaceTarget> {
  const wasm = built.result.wasm;
  if (!built.image || !wasm) throw new Error("race explorer: the module did not build");
  return raceTargetOf(wasm, built.image.name, built.msgSlotChannel);
}

/** The race target of a module's wasm (lowerLp64's output, as a build or the grader has it). */
export async function raceTargetOf(wasm: Uint8Array, name: string, msgSlotChannel: number | undefined): Promise<RaceTarget> {
  const k = await key(wasm);
  let compiled = cache.get(k);
  if (!compiled) {
    compiled = buildForRaces(wasm).then((bytes) => WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>));
    cache.set(k, compiled);
    compiled.catch(() => cache.delete(k));
  }
  return { image: { name, wasm: await compiled, size: wasm.length }, msgSlotChannel };
}
