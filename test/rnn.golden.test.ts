// The recurrent layers against PyTorch (test/golden/gen_rnn.py, the
// conformance family every runtime runs); plus gradchecks and API checks.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import { testFamily } from "./helpers/family.js";
import { f64, gradcheckSuites } from "./helpers/gradcheck.js";

testFamily("rnn");

const { nn } = torch;

describe("recurrent layers API", () => {
  test("PyTorch's parameter names, with camelCase getters beside them", () => {
    const lstm = new nn.LSTM(3, 5, { projSize: 2, bidirectional: true });
    expect(lstm.namedParameters().map(([n]) => n)).toEqual([
      "weight_ih_l0",
      "weight_hh_l0",
      "bias_ih_l0",
      "bias_hh_l0",
      "weight_hr_l0",
      "weight_ih_l0_reverse",
      "weight_hh_l0_reverse",
      "bias_ih_l0_reverse",
      "bias_hh_l0_reverse",
      "weight_hr_l0_reverse",
    ]);
    const l = lstm as unknown as Record<string, torch.Tensor>;
    expect(l.weightIhL0).toBe(l.weight_ih_l0);
    expect(l.weightHrL0Reverse!.shape).toEqual([2, 5]);
    lstm.dispose();
  });

  test("an LSTM returns [output, [h_n, c_n]]", () => {
    const lstm = new nn.LSTM(3, 4, { numLayers: 2 });
    torch.tidy(() => {
      const [out, [h, c]] = lstm.call(torch.randn(5, 2, 3));
      expect([out.shape, h.shape, c.shape]).toEqual([
        [5, 2, 4],
        [2, 2, 4],
        [2, 2, 4],
      ]);
    });
    lstm.dispose();
  });

  test("an empty sequence gives an empty output and the initial states", () => {
    const gru = new nn.GRU(3, 4);
    torch.tidy(() => {
      const [out, h] = gru.call(torch.zeros(0, 2, 3));
      expect(out.shape).toEqual([0, 2, 4]);
      expect(h.toArray()).toEqual(new Float32Array(8));
    });
    gru.dispose();
  });
});

const p64 = (shape: number[], seed: number) => f64(shape, seed, -0.5, 0.5);
/** Puts gradcheck's inputs in place of a cell's weights (freeing the drawn ones). */
function useWeights(cell: object, wi: torch.Tensor, wh: torch.Tensor): void {
  const slots = cell as unknown as Record<string, torch.Tensor>;
  slots.weight_ih!.dispose();
  slots.weight_hh!.dispose();
  slots.weight_ih = wi;
  slots.weight_hh = wh;
}
gradcheckSuites(
  [
    [
      "LSTMCell step",
      () => [p64([2, 3], 1), p64([2, 4], 2), p64([2, 4], 3), p64([16, 3], 4), p64([16, 4], 5)],
      (x, h, c, wi, wh) => {
        const cell = new nn.LSTMCell(3, 4, { dtype: "float64", bias: false });
        try {
          useWeights(cell, wi!, wh!);
          const [h1, c1] = cell.forward(x!, [h!, c!]);
          return h1.add(c1);
        } finally {
          cell.dispose();
        }
      },
    ],
    [
      "GRUCell step",
      () => [p64([2, 3], 6), p64([2, 4], 7), p64([12, 3], 8), p64([12, 4], 9)],
      (x, h, wi, wh) => {
        const cell = new nn.GRUCell(3, 4, { dtype: "float64", bias: false });
        try {
          useWeights(cell, wi!, wh!);
          return cell.forward(x!, h!);
        } finally {
          cell.dispose();
        }
      },
    ],
  ],
  { first: "recurrent gradcheck (float64)", second: "recurrent gradgradcheck (float64)" },
);
