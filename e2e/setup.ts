// Before the run: this run's screenshots and timings start from nothing.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const results = join(fileURLToPath(new URL(".", import.meta.url)), "..", "test-results");
  rmSync(join(results, "screenshots"), { recursive: true, force: true });
  rmSync(join(results, "playground-metrics.json"), { force: true });
}
