import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/runtimes/**", "node_modules/**"],
    setupFiles: ["test/helpers/setup.ts"],
    testTimeout: 60_000,
    pool: "threads",
  },
});
