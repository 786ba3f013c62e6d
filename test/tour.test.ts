// The autograd tour (npm run demo) prints, cell by cell, what the same cells
// print in real PyTorch (test/golden/gen_tour.py -> tour.json; random tensors
// come from torch.manualSeed(0), at bit parity with PyTorch's generator): the
// tour conformance family, here also in PyTorch's order of cells and with no
// memory left behind.

import { expect } from "vitest";
import { testFamily } from "./helpers/family.js";

testFamily("tour", (c, observed) => expect(Object.keys(observed)).toEqual(Object.keys(c.expected)));
