// A user's strict TypeScript project (test/consumer: browser lib, no
// @types/node, no lib "ESNext.Disposable", skipLibCheck false) type-checks
// the README's and docs' examples against the built declarations, dist/*.d.ts
// (npm test and npm run test:unit build first).

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const repo = fileURLToPath(new URL("..", import.meta.url));
const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));

test("the README's examples type-check in a strict browser project against dist/*.d.ts", () => {
  expect(existsSync(`${repo}dist/index.d.ts`), "dist/index.d.ts is missing: run npm run build first").toBe(true);
  const r = spawnSync(process.execPath, [tsc, "-p", "test/consumer/tsconfig.json"], {
    cwd: repo,
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(`${r.stdout}${r.stderr}`).toBe("");
  expect(r.status).toBe(0);
}, 120_000);
