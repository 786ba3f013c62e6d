// The autograd tour (npm run demo) prints, cell by cell, what the same cells
// print in real PyTorch (test/golden/gen_tour.py -> tour.json; random tensors
// come from torch.manualSeed(0), at bit parity with PyTorch's generator): the
// tour conformance family, here also in PyTorch's order of cells and with no
// memory left behind.

import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";
import type { TourCell } from "./conformance/goldenCases.js";

testFamily("tour", (c, observed) => expect(Object.keys(observed)).toEqual(Object.keys(c.expected)));

const golden = JSON.parse(readFileSync(new URL("./golden/tour.json", import.meta.url), "utf8")) as {
  cells: TourCell[];
};

// The same cells as the web page runs them (examples/autograd-tour/notebook.mjs):
// from their source text, sharing variables the way Python globals are shared.
test("the notebook runs the cells from their text and prints what PyTorch prints", async () => {
  // @ts-expect-error: plain JS example module
  const { createNotebook } = await import("../examples/autograd-tour/notebook.mjs");
  const book = createNotebook(torch);
  const full = golden as unknown as { cells: TourCell[]; edits: TourCell[] };
  const graphs: Record<string, string | null> = {};
  for (const [i, c] of (book.cells as { name: string; source: string }[]).entries()) {
    const { output, error, dot } = book.run(c.source);
    expect(error).toBeNull();
    expect(`${c.name}:\n${output}`).toBe(`${c.name}:\n${full.cells[i]!.output}`);
    graphs[c.name] = dot;
    if (c.name === "mul_mean") {
      // A reader's edit (gen_tour.py's edits: the same cell with 4 for 3, run in PyTorch).
      const edited = book.run(c.source.replace("mul(3)", "mul(4)"));
      expect(edited.output).toBe(full.edits.find((e) => e.name === "mul_mean")!.output);
      expect(book.run(c.source).output).toBe(full.cells[i]!.output);
    }
  }
  // Each cell that made a graph gets its picture, with the notebook's names on leaves and outputs.
  expect(graphs.bce).toContain('[label="loss\\n()" fillcolor=darkolivegreen1]');
  expect(graphs.bce).toContain('[label="w\\n(5, 3)" fillcolor=lightblue]');
  expect(graphs.bce).toContain('[label="BinaryCrossEntropyWithLogitsBackward0"]');
  expect(graphs.mul_mean).toContain('[label="out\\n()" fillcolor=darkolivegreen1]');
  expect(graphs.grad_fns).toBeNull();
  expect(book.run("undefinedName.foo()").error).toMatch(/^ReferenceError: undefinedName is not defined/);
});
