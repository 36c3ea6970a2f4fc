import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Build tests start Eleventy in child processes; two cores, so keep it modest.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Browser tests poll for what a reader would see. A first search loads Pagefind's
    // WebAssembly, which under a full parallel run took over the default second.
    expect: { poll: { timeout: 10_000 } },
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
