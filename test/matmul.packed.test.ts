// gemm with B packed once (src/ops/linalgKernels.ts packedGemm, the RNN
// layers' recurrent weights) must give plain gemm's bits: the packed panels are the
// ones gemm packs itself, in the same blocking, so every output sums the
// same products in the same order. Shapes cross the KC (256) slab and NC
// (1024) panel edges, the MC (128) block and the tile edges; B row-major and
// transposed; C overwritten and accumulated into. Then nn.LSTM with a hidden
// size past KC and NC (packed steps) against its cell run step by step.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { gemmInto, packedGemm } from "../src/ops/linalgKernels.js";

type Dtype = "float32" | "float64";
const bits = (t: Tensor) => Array.from(t.toArray() as Float32Array | Float64Array);

describe("gemm with a prepacked B", () => {
  // m x k x n
  const shapes = ["16x128x512", "16x512x128", "130x300x1030", "5x7x9", "3x257x13", "1x1x1"].map(
    (s) => s.split("x").map(Number) as [number, number, number],
  );
  for (const dtype of ["float32", "float64"] as const) {
    for (const [m, k, n] of shapes) {
      for (const transposed of [false, true]) {
        test(`${dtype} ${m}x${k} @ ${k}x${n}${transposed ? ", B transposed" : ""}`, () => {
          torch.tidy(() => {
            torch.manualSeed(m * 7 + k + n);
            const a = torch.randn([m, k], { dtype: dtype as Dtype });
            const b = transposed ? torch.randn([n, k], { dtype }).t() : torch.randn([k, n], { dtype });
            const start = torch.randn([m, n], { dtype });
            const gemm = packedGemm(b, m);
            try {
              for (const accumulate of [false, true]) {
                const want = start.clone(),
                  got = start.clone();
                gemmInto(a, b, want, "mm", accumulate);
                gemm.run(a._addr(), got._addr(), accumulate);
                expect(bits(got)).toEqual(bits(want));
              }
            } finally {
              gemm.dispose();
            }
          });
        });
      }
    }
  }
});

// In float64, where the fused gates are the composed cell's ops (float32's
// run in float32 arithmetic, within a few ulp: assembly/kernels/rnnCell.ts).
test("nn.LSTM past one gemm slab and panel equals its cell, bit for bit", () => {
  torch.tidy(() => {
    torch.manualSeed(5);
    const hidden = 300;
    const dtype = "float64";
    const layer = new torch.nn.LSTM(7, hidden, { dtype });
    const cell = new torch.nn.LSTMCell(7, hidden, { dtype });
    try {
      torch.noGrad(() => {
        const l = layer as unknown as Record<string, Tensor>,
          c = cell as unknown as Record<string, Tensor>;
        for (const w of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]) c[w]!.copy_(l[`${w}_l0`]!);
      });
      const x = torch.randn([3, 2, 7], { dtype });
      const h0 = torch.randn([1, 2, hidden], { dtype }),
        c0 = torch.randn([1, 2, hidden], { dtype });
      const [out] = layer.call(x, [h0, c0]);
      let h = h0.select(0, 0),
        c = c0.select(0, 0);
      const steps: Tensor[] = [];
      for (let s = 0; s < 3; s++) {
        [h, c] = cell.call(x.select(0, s), [h, c]);
        steps.push(h);
      }
      expect(bits(out)).toEqual(bits(torch.stack(steps)));
    } finally {
      layer.dispose();
      cell.dispose();
    }
  });
});
