// After the run: remove this run's build of the playground (see playwright.config.ts).
import { rmSync } from "node:fs";
import { OUT_DIR } from "../playwright.config.js";

export default function teardown(): void {
  rmSync(OUT_DIR, { recursive: true, force: true });
}
