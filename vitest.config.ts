import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // test/runtimes/node.test.ts runs here; the other runtimes are driven by
    // test/runtimes/run.mjs (npm run test:runtimes), not by vitest.
    exclude: ["node_modules/**"],
    setupFiles: ["test/helpers/setup.ts"],
    testTimeout: 60_000,
    pool: "threads",
  },
});
