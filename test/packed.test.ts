// torch.nn.utils.rnn's packed sequences against PyTorch 1.13 goldens
// (test/golden/gen_packed.py): the packed conformance family, each case
// leaving no tensor behind. Beyond it: float64 gradcheck of the pack and
// of the round trip through pad_packed_sequence.

import { describe } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";
import { f64, gradcheckSuites, type GradCase } from "./helpers/gradcheck.js";

describe("packed sequences (PyTorch goldens)", () => testFamily("packed"));

const { rnn } = torch.nn.utils;
const cases: GradCase[] = [
  ["packPaddedSequence", () => [f64([3, 4, 2], 1)], (x) => rnn.packPaddedSequence(x, [3, 2, 2, 1]).data],
  [
    "packPaddedSequence batchFirst, unsorted",
    () => [f64([3, 4, 2], 2)],
    (x) => rnn.packPaddedSequence(x, [2, 4, 3], { batchFirst: true, enforceSorted: false }).data,
  ],
  [
    "padPackedSequence round trip",
    () => [f64([3, 4], 3)],
    (x) =>
      rnn.padPackedSequence(rnn.packPaddedSequence(x, [1, 3, 2, 2], { enforceSorted: false }), { totalLength: 4 })[0],
  ],
  [
    "packSequence",
    () => [f64([2, 3], 4), f64([3, 3], 5)],
    (a, b) => rnn.packSequence([a, b], { enforceSorted: false }).data,
  ],
];
gradcheckSuites(cases, { first: "packed gradcheck (float64)", second: "packed gradgradcheck (float64)" });
