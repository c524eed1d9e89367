import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the first compile with @yowasp/clang loads ~100 MB of toolchain
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
