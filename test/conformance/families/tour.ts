// The autograd tour (npm run demo): the seed notebooks' cells, run in one
// session, each cell's printed output against real PyTorch's (gen_tour.py).

import type { TourCell } from "../goldenCases.js";
import type { Family, Observed } from "../types.js";
// @ts-expect-error: the example is plain JavaScript
import { runCells } from "../../../examples/autograd-tour/cells.mjs";

export const tour: Family = (golden) => {
  const cells = (golden as unknown as { cells: TourCell[] }).cells;
  return [
    {
      family: "tour",
      name: "all_cells",
      expected: Object.fromEntries(cells.map((c) => [c.name, c.output])),
      run(torch): Observed {
        const got = runCells(torch) as TourCell[];
        return Object.fromEntries(got.map((c) => [c.name, c.output]));
      },
    },
  ];
};
