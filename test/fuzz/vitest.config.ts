// The long fuzz runs (npm run fuzz), kept out of `npm test`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/fuzz/**/*.fuzz.ts"],
    testTimeout: 24 * 3600_000,
    hookTimeout: 120_000,
  },
});
