// Rules with a fused backward (one kernel, used when createGraph is off)
// against their composed formula (ops, used under createGraph): the same
// grads, in float64 to within rounding, and only the composed ones have a
// graph. Every rule that declares `fused` must have a case here.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { derivatives } from "../src/autograd/derivatives.js";
import type { OpName } from "../src/autograd/registry.js";
import { gruCellFused, lstmCellFused } from "../src/nn/functional/rnnCell.js";
import { gruLayer, lstmLayer } from "../src/nn/functional/rnnLayer.js";

const F = torch.nn.functional;
const f64 = { dtype: "float64" as const, requiresGrad: true };
const leaf = (values: number[], shape: number[]): Tensor =>
  torch.tensor(values, { dtype: "float64" }).reshape(shape).requiresGrad_();
const idx = (values: number[], shape: number[]): Tensor => torch.tensor(values, { dtype: "int32" }).reshape(shape);
const probs = (shape: number[]): Tensor => torch.rand(shape, { dtype: "float64" }).mul(0.8).add(0.1).requiresGrad_();

interface Case {
  /** The tensors the grads are taken with respect to. */
  inputs: () => Tensor[];
  /** A scalar whose graph holds the rule's node. */
  loss: (xs: Tensor[]) => Tensor;
  /** The grad_fn name the rule records. */
  node: string;
  /** Which grads have a graph under createGraph (default all: those not linear in the loss). */
  graph?: boolean[];
}

const cases: Record<string, Case[]> = {
  binaryCrossEntropyWithLogits: [
    {
      inputs: () => [torch.randn([3, 4], f64), probs([3, 4])],
      loss: ([x, t]) => F.binaryCrossEntropyWithLogits(x!, t!),
      node: "BinaryCrossEntropyWithLogitsBackward0",
    },
    {
      inputs: () => [torch.randn([3, 4], f64), probs([3, 4])],
      loss: ([x, t]) =>
        F.binaryCrossEntropyWithLogits(x!, t!, {
          weight: torch.rand([4], { dtype: "float64" }),
          posWeight: torch.rand([4], { dtype: "float64" }).add(0.5),
          reduction: "sum",
        }),
      node: "BinaryCrossEntropyWithLogitsBackward0",
    },
  ],
  binaryCrossEntropy: [
    {
      inputs: () => [probs([2, 3]), probs([2, 3])],
      loss: ([x, t]) => F.binaryCrossEntropy(x!, t!),
      node: "BinaryCrossEntropyBackward0",
    },
  ],
  mseLoss: [
    {
      inputs: () => [torch.randn([2, 3], f64), torch.randn([2, 3], f64)],
      loss: ([x, t]) => F.mseLoss(x!, t!),
      node: "MseLossBackward0",
    },
  ],
  smoothL1Loss: [
    {
      inputs: () => [leaf([0.1, -2, 3, 0.5, 1.5, -0.2], [2, 3]), leaf([0, 0, 0, 1, 0, 0.3], [2, 3])],
      loss: ([x, t]) => F.smoothL1Loss(x!, t!, { beta: 0.7 }),
      node: "SmoothL1LossBackward0",
    },
  ],
  huberLoss: [
    {
      inputs: () => [leaf([0.1, -2, 3, 0.5, 1.5, -0.2], [2, 3]), leaf([0, 0, 0, 1, 0, 0.3], [2, 3])],
      loss: ([x, t]) => F.huberLoss(x!, t!, { delta: 0.8, reduction: "sum" }),
      node: "HuberLossBackward0",
    },
  ],
  nllLoss: [
    {
      inputs: () => [torch.randn([3, 5], f64)],
      loss: ([x]) => F.nllLoss(x!, idx([0, 4, 2], [3]), { weight: torch.rand([5], { dtype: "float64" }) }),
      node: "NllLossBackward0",
      graph: [false],
    },
  ],
  nllLoss2d: [
    {
      inputs: () => [torch.randn([2, 3, 2, 2], f64)],
      loss: ([x]) => F.nllLoss(x!, idx([0, 1, 2, 0, 1, 1, 2, 0], [2, 2, 2])),
      node: "NllLoss2DBackward0",
      graph: [false],
    },
  ],
  crossEntropyLogSoftmax: [
    // The loss's graph: NllLossBackward0 over this rule's LogSoftmaxBackward0.
    {
      inputs: () => [torch.randn([4, 3], f64)],
      loss: ([x]) => F.crossEntropy(x!, idx([2, 0, 1, 1], [4])),
      node: "NllLossBackward0",
    },
  ],
  gelu: [
    {
      inputs: () => [torch.randn([2, 5], f64)],
      loss: ([x]) =>
        F.gelu(x!)
          .mul(torch.randn([2, 5], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
    },
    {
      inputs: () => [torch.randn([2, 5], f64)],
      loss: ([x]) =>
        F.gelu(x!, { approximate: "tanh" })
          .mul(torch.randn([2, 5], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
    },
  ],
  silu: [
    {
      inputs: () => [torch.randn([7], f64)],
      loss: ([x]) =>
        F.silu(x!)
          .mul(torch.randn([7], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
    },
  ],
  layerNorm: [
    {
      inputs: () => [torch.randn([2, 3, 4], f64), torch.randn([4], f64), torch.randn([4], f64)],
      loss: ([x, w, b]) =>
        F.layerNorm(x!, [4], { weight: w!, bias: b! })
          .mul(torch.randn([2, 3, 4], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
      graph: [true, true, false],
    },
  ],
  convolution: [
    {
      inputs: () => [torch.randn([2, 4, 7, 6], f64), torch.randn([6, 2, 3, 2], f64), torch.randn([6], f64)],
      loss: ([x, w, b]) =>
        F.conv2d(x!, w!, b!, { stride: [2, 1], padding: 1, dilation: [1, 2], groups: 2 })
          .mul(torch.randn([2, 6, 4, 6], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
      // all three are outputs of ConvolutionBackwardBackward0, as in PyTorch (the bias grad too)
      graph: [true, true, true],
    },
    {
      inputs: () => [torch.randn([2, 3, 5], f64), torch.randn([3, 2, 3], f64), torch.randn([2], f64)],
      loss: ([x, w, b]) =>
        F.convTranspose1d(x!, w!, b!, { stride: 2, padding: 1, outputPadding: 1 })
          .mul(torch.randn([2, 2, 10], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
      graph: [true, true, true],
    },
  ],
  prod: [
    { inputs: () => [leaf([1.5, 0, 2, -3, 0.5, 4], [2, 3])], loss: ([x]) => torch.prod(x!), node: "ProdBackward0" },
  ],
  batchNorm: [
    {
      inputs: () => [torch.randn([3, 2, 2, 3], f64), torch.randn([2], f64), torch.randn([2], f64)],
      loss: ([x, w, b]) =>
        F.batchNorm(x!, null, null, { weight: w!, bias: b!, training: true })
          .mul(torch.randn([3, 2, 2, 3], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
      graph: [true, true, false],
    },
    {
      inputs: () => [torch.randn([4, 3], f64), torch.randn([3], f64), torch.randn([3], f64)],
      loss: ([x, w, b]) =>
        F.batchNorm(x!, torch.randn([3], { dtype: "float64" }), torch.rand([3], { dtype: "float64" }).add(0.5), {
          weight: w!,
          bias: b!,
        })
          .mul(torch.randn([4, 3], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
      graph: [true, true, false],
    },
  ],
  groupNorm: [
    {
      inputs: () => [torch.randn([2, 4, 3], f64), torch.randn([4], f64), torch.randn([4], f64)],
      loss: ([x, w, b]) =>
        F.groupNorm(x!, 2, { weight: w!, bias: b! })
          .mul(torch.randn([2, 4, 3], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
      graph: [true, true, false],
    },
  ],
  maxPool2d: [
    {
      inputs: () => [torch.randn([2, 3, 7, 6], f64)],
      loss: ([x]) => F.maxPool2d(x!, 3, { stride: 2, padding: 1 }).square().sum(),
      node: "SumBackward0",
    },
  ],
  adaptiveMaxPool2d: [
    {
      inputs: () => [torch.randn([2, 3, 7, 6], f64)],
      loss: ([x]) => F.adaptiveMaxPool2d(x!, [3, 4]).square().sum(),
      node: "SumBackward0",
    },
  ],
  avgPool2d: [
    {
      inputs: () => [torch.randn([2, 3, 7, 6], f64)],
      loss: ([x]) => F.avgPool2d(x!, 3, { stride: 2, padding: 1, countIncludePad: false }).square().sum(),
      node: "SumBackward0",
    },
  ],
  adaptiveAvgPool2d: [
    {
      inputs: () => [torch.randn([2, 3, 7, 6], f64)],
      loss: ([x]) => F.adaptiveAvgPool2d(x!, [3, 4]).square().sum(),
      node: "SumBackward0",
    },
  ],

  prodDim: [
    {
      inputs: () => [leaf([1.5, 0, 2, -3, 0.5, 4, 0, 2, 0], [3, 3])],
      loss: ([x]) =>
        torch
          .prod(x!, 1)
          .mul(torch.tensor([1, -2, 3], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
    },
  ],
  lstmCell: [
    {
      inputs: () => [torch.randn([3, 8], f64), torch.randn([3, 2], f64)],
      loss: ([g, c]) => {
        const [h, cy] = lstmCellFused(g!, c!);
        return h
          .mul(torch.randn([3, 2], { dtype: "float64" }))
          .sum()
          .add(cy.mul(cy).sum());
      },
      node: "AddBackward0",
    },
    {
      // only h' reaches the loss: c' gets no grad
      inputs: () => [torch.randn([2, 12], f64), torch.randn([2, 3], f64)],
      loss: ([g, c]) =>
        lstmCellFused(g!, c!)[0]
          .mul(torch.randn([2, 3], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
    },
  ],
  gruCell: [
    {
      inputs: () => [torch.randn([3, 6], f64), torch.randn([3, 6], f64), torch.randn([3, 2], f64)],
      loss: ([gi, gh, h]) =>
        gruCellFused(gi!, gh!, h!)
          .mul(torch.randn([3, 2], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
    },
  ],
  lstmLayer: [
    {
      inputs: () => [torch.randn([3, 2, 8], f64), ...[[2, 2], [2, 2], [8, 2], [8]].map((s) => torch.randn(s, f64))],
      loss: ([gi, h, c, w, b]) => {
        const outs = lstmLayer(gi!, h!, c!, w!, b!, false);
        const cy = outs.pop()!;
        const y = torch.stack(outs).mul(torch.randn([3, 2, 2], { dtype: "float64" }));
        return y.sum().add(cy.mul(cy).sum());
      },
      node: "AddBackward0",
    },
    {
      inputs: () => [
        torch.randn([3, 2, 8], f64),
        ...[
          [2, 2],
          [2, 2],
          [8, 2],
        ].map((s) => torch.randn(s, f64)),
      ],
      loss: ([gi, h, c, w]) => lstmLayer(gi!, h!, c!, w!, null, true)[0]!.square().sum(),
      node: "SumBackward0",
    },
  ],
  gruLayer: [
    {
      inputs: () => [torch.randn([3, 2, 6], f64), ...[[2, 2], [6, 2], [6]].map((s) => torch.randn(s, f64))],
      loss: ([gi, h, w, b]) =>
        torch
          .stack(gruLayer(gi!, h!, w!, b!, true))
          .mul(torch.randn([3, 2, 2], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
    },
  ],
  // the activations of nn/functional/activation2.ts
  leakyRelu: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.leakyRelu(x!, { negativeSlope: 0.2 }).square().sum(),
      node: "SumBackward0",
    },
  ],
  leakyReluResult: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.leakyRelu_(x!.mul(2), { negativeSlope: 0.2 }).square().sum(),
      node: "SumBackward0",
    },
  ],
  elu: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.elu(x!, { alpha: 0.5 }).square().sum(),
      node: "SumBackward0",
    },
  ],
  eluResult: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.elu_(x!.mul(2), { alpha: 0.5 }).square().sum(),
      node: "SumBackward0",
    },
  ],
  celu: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.celu(x!, { alpha: 2 }).square().sum(),
      node: "SumBackward0",
    },
  ],
  celuResult: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.celu_(x!.mul(2), { alpha: 2 }).square().sum(),
      node: "SumBackward0",
    },
  ],
  softplus: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.softplus(x!.mul(3), { beta: 2, threshold: 3 }).square().sum(),
      node: "SumBackward0",
    },
  ],
  hardtanh: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.hardtanh(x!).square().sum(),
      node: "SumBackward0",
    },
  ],
  hardtanhResult: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.hardtanh_(x!.mul(2)).square().sum(),
      node: "SumBackward0",
    },
  ],
  hardsigmoid: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.hardsigmoid(x!.mul(3)).square().sum(),
      node: "SumBackward0",
    },
  ],
  hardswish: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.hardswish(x!.mul(3)).square().sum(),
      node: "SumBackward0",
    },
  ],
  mish: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.mish(x!).square().sum(),
      node: "SumBackward0",
    },
  ],
  logSigmoidKernel: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.logsigmoid(x!).square().sum(),
      node: "SumBackward0",
    },
  ],
  softshrink: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.softshrink(x!).square().sum(),
      node: "SumBackward0",
    },
  ],
  hardshrink: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.hardshrink(x!).square().sum(),
      node: "SumBackward0",
    },
  ],
  threshold: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.threshold(x!, 0.5, -2).square().sum(),
      node: "SumBackward0",
    },
  ],
  thresholdResult: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.threshold_(x!.mul(2), 0.5, -2).square().sum(),
      node: "SumBackward0",
    },
  ],
  rreluWithNoise: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.rrelu(x!).square().sum(),
      node: "SumBackward0",
    },
  ],
  rreluWithNoiseResult: [
    {
      inputs: () => [torch.randn([3, 4], f64)],
      loss: ([x]) => F.rrelu_(x!.mul(2)).square().sum(),
      node: "SumBackward0",
    },
  ],
  // F.scaledDotProductAttention without a mask: causal over two key blocks, and non-contiguous q, k, v
  scaledDotProductFlashAttention: [
    {
      inputs: () => [torch.randn([2, 2, 37, 5], f64), torch.randn([2, 2, 37, 5], f64), torch.randn([2, 2, 37, 3], f64)],
      loss: ([q, k, v]) =>
        F.scaledDotProductAttention(q!, k!, v!, { isCausal: true })
          .mul(torch.randn([2, 2, 37, 3], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
    },
    {
      inputs: () => [torch.randn([2, 40, 3, 4], f64), torch.randn([2, 33, 3, 4], f64), torch.randn([2, 33, 3, 6], f64)],
      loss: ([q, k, v]) =>
        F.scaledDotProductAttention(q!.transpose(1, 2), k!.transpose(1, 2), v!.transpose(1, 2), { scale: 0.3 })
          .mul(torch.randn([2, 3, 40, 6], { dtype: "float64" }))
          .sum(),
      node: "SumBackward0",
    },
  ],
};

/** The grads of the case's loss w.r.t. its inputs, with or without a graph of the backward. */
function grads(
  c: Case,
  seed: number,
  createGraph: boolean,
): { values: number[][]; withGraph: boolean[]; node: string } {
  return torch.tidy(() => {
    torch.manualSeed(seed);
    const xs = c.inputs();
    const loss = c.loss(xs);
    const gs = torch.autograd.grad(loss, xs, null, { createGraph });
    return {
      values: gs.map((g) => Array.from(g!.toArray() as Float64Array)),
      withGraph: gs.map((g) => g!.gradFn !== null),
      node: loss.gradFn!.name(),
    };
  });
}

describe("fused backwards equal their composed formulas", () => {
  const fusedRules = (Object.keys(derivatives) as OpName[]).filter((op) => derivatives[op].fused !== undefined);

  test("every rule with a fused backward has a case", () => {
    expect(fusedRules.filter((op) => cases[op] === undefined)).toEqual([]);
  });

  for (const op of fusedRules) {
    (cases[op] ?? []).forEach((c, k) => {
      test(`${op} #${k}`, () => {
        const before = torch.memory().tensors;
        const fused = grads(c, 7 + k, false);
        const composed = grads(c, 7 + k, true);
        expect(fused.node).toBe(c.node);
        expect(composed.node).toBe(c.node);
        expect(fused.withGraph.every((w) => !w)).toBe(true);
        expect(composed.withGraph).toEqual(c.graph ?? composed.withGraph.map(() => true));
        composed.values.forEach((want, i) => {
          const got = fused.values[i]!;
          expect(got.length).toBe(want.length);
          got.forEach((v, j) =>
            expect(Math.abs(v - want[j]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[j]!))),
          );
        });
        expect(torch.memory().tensors).toBe(before);
      });
    });
  }
});
