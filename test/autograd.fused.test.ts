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

/** A scalar from `out`: weighted by standard-normal float64 values of `shape` (drawn after the forward), summed. */
const weighted = (out: Tensor, shape: number[]): Tensor => out.mul(torch.randn(shape, { dtype: "float64" })).sum();

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

/** One case: `f` of a standard-normal float64 input of `shape`, squared and summed. */
const squared = (f: (x: Tensor) => Tensor, shape = [3, 4]): Case[] => [
  { inputs: () => [torch.randn(shape, f64)], loss: ([x]) => f(x!).square().sum(), node: "SumBackward0" },
];

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
      loss: ([x]) => weighted(F.gelu(x!), [2, 5]),
      node: "SumBackward0",
    },
    {
      inputs: () => [torch.randn([2, 5], f64)],
      loss: ([x]) => weighted(F.gelu(x!, { approximate: "tanh" }), [2, 5]),
      node: "SumBackward0",
    },
  ],
  silu: [
    {
      inputs: () => [torch.randn([7], f64)],
      loss: ([x]) => weighted(F.silu(x!), [7]),
      node: "SumBackward0",
    },
  ],
  layerNorm: [
    {
      inputs: () => [torch.randn([2, 3, 4], f64), torch.randn([4], f64), torch.randn([4], f64)],
      loss: ([x, w, b]) => weighted(F.layerNorm(x!, [4], { weight: w!, bias: b! }), [2, 3, 4]),
      node: "SumBackward0",
      graph: [true, true, false],
    },
  ],
  convolution: [
    {
      inputs: () => [torch.randn([2, 4, 7, 6], f64), torch.randn([6, 2, 3, 2], f64), torch.randn([6], f64)],
      loss: ([x, w, b]) =>
        weighted(F.conv2d(x!, w!, b!, { stride: [2, 1], padding: 1, dilation: [1, 2], groups: 2 }), [2, 6, 4, 6]),
      node: "SumBackward0",
      // all three are outputs of ConvolutionBackwardBackward0, as in PyTorch (the bias grad too)
      graph: [true, true, true],
    },
    {
      inputs: () => [torch.randn([2, 3, 5], f64), torch.randn([3, 2, 3], f64), torch.randn([2], f64)],
      loss: ([x, w, b]) =>
        weighted(F.convTranspose1d(x!, w!, b!, { stride: 2, padding: 1, outputPadding: 1 }), [2, 2, 10]),
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
        weighted(F.batchNorm(x!, null, null, { weight: w!, bias: b!, training: true }), [3, 2, 2, 3]),
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
      loss: ([x, w, b]) => weighted(F.groupNorm(x!, 2, { weight: w!, bias: b! }), [2, 4, 3]),
      node: "SumBackward0",
      graph: [true, true, false],
    },
  ],
  maxPool2d: squared((x) => F.maxPool2d(x, 3, { stride: 2, padding: 1 }), [2, 3, 7, 6]),
  adaptiveMaxPool2d: squared((x) => F.adaptiveMaxPool2d(x, [3, 4]), [2, 3, 7, 6]),
  avgPool2d: squared((x) => F.avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false }), [2, 3, 7, 6]),
  adaptiveAvgPool2d: squared((x) => F.adaptiveAvgPool2d(x, [3, 4]), [2, 3, 7, 6]),

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
      loss: ([g, c]) => weighted(lstmCellFused(g!, c!)[0], [2, 3]),
      node: "SumBackward0",
    },
  ],
  gruCell: [
    {
      inputs: () => [torch.randn([3, 6], f64), torch.randn([3, 6], f64), torch.randn([3, 2], f64)],
      loss: ([gi, gh, h]) => weighted(gruCellFused(gi!, gh!, h!), [3, 2]),
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
  leakyRelu: squared((x) => F.leakyRelu(x, { negativeSlope: 0.2 })),
  leakyReluResult: squared((x) => F.leakyRelu_(x.mul(2), { negativeSlope: 0.2 })),
  elu: squared((x) => F.elu(x, { alpha: 0.5 })),
  eluResult: squared((x) => F.elu_(x.mul(2), { alpha: 0.5 })),
  celu: squared((x) => F.celu(x, { alpha: 2 })),
  celuResult: squared((x) => F.celu_(x.mul(2), { alpha: 2 })),
  softplus: squared((x) => F.softplus(x.mul(3), { beta: 2, threshold: 3 })),
  hardtanh: squared((x) => F.hardtanh(x)),
  hardtanhResult: squared((x) => F.hardtanh_(x.mul(2))),
  hardsigmoid: squared((x) => F.hardsigmoid(x.mul(3))),
  hardswish: squared((x) => F.hardswish(x.mul(3))),
  mish: squared((x) => F.mish(x)),
  logSigmoidKernel: squared((x) => F.logsigmoid(x)),
  softshrink: squared((x) => F.softshrink(x)),
  hardshrink: squared((x) => F.hardshrink(x)),
  threshold: squared((x) => F.threshold(x, 0.5, -2)),
  thresholdResult: squared((x) => F.threshold_(x.mul(2), 0.5, -2)),
  rreluWithNoise: squared((x) => F.rrelu(x)),
  rreluWithNoiseResult: squared((x) => F.rrelu_(x.mul(2))),
  // F.scaledDotProductAttention without a mask: causal over two key blocks, and non-contiguous q, k, v
  scaledDotProductFlashAttention: [
    {
      inputs: () => [torch.randn([2, 2, 37, 5], f64), torch.randn([2, 2, 37, 5], f64), torch.randn([2, 2, 37, 3], f64)],
      loss: ([q, k, v]) => weighted(F.scaledDotProductAttention(q!, k!, v!, { isCausal: true }), [2, 2, 37, 3]),
      node: "SumBackward0",
    },
    {
      inputs: () => [torch.randn([2, 40, 3, 4], f64), torch.randn([2, 33, 3, 4], f64), torch.randn([2, 33, 3, 6], f64)],
      loss: ([q, k, v]) =>
        weighted(
          F.scaledDotProductAttention(q!.transpose(1, 2), k!.transpose(1, 2), v!.transpose(1, 2), { scale: 0.3 }),
          [2, 3, 40, 6],
        ),
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
