// The autograd tour (npm run demo) prints, cell by cell, what the same cells
// print in real PyTorch (test/golden/gen_tour.py -> tour.json; random tensors
// come from torch.manualSeed(0), at bit parity with PyTorch's generator).

import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import * as torch from "../src/index.js";
// @ts-expect-error: plain JS example module
import { runCells } from "../examples/autograd-tour/cells.mjs";
import type { TourCell } from "./conformance/goldenCases.js";

const golden = JSON.parse(readFileSync(new URL("./golden/tour.json", import.meta.url), "utf8")) as { cells: TourCell[] };

test("every cell prints what PyTorch prints", () => {
  const got = runCells(torch) as (TourCell & { source: string })[];
  expect(got.map((c) => c.name)).toEqual(golden.cells.map((c) => c.name));
  got.forEach((c, i) => expect(`${c.name}:\n${c.output}`).toBe(`${c.name}:\n${golden.cells[i]!.output}`));
});
