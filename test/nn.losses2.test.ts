// kl_div, poisson_nll_loss, gaussian_nll_loss, the margin losses,
// multilabel_soft_margin_loss, multi_margin_loss, soft_margin_loss and
// cosine_similarity, pairwise_distance, normalize against PyTorch 1.13
// (test/golden/gen_losses2.py, the losses2 conformance family), gradchecks
// in float64, and the loss modules' reprs and options.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { testFamily } from "./helpers/family.js";

describe("losses against PyTorch", () => {
  testFamily("losses2");
});

const F = torch.nn.functional;
const f64 = (data: number[] | number[][], grad = true): Tensor =>
  torch.tensor(data, { dtype: "float64", requiresGrad: grad });

describe("gradcheck in float64", () => {
  const x = () =>
    f64([
      [0.3, -1.2, 0.7, 2.1],
      [-0.4, 0.9, -1.6, 0.25],
    ]);
  const y = () =>
    f64([
      [0.1, 0.5, -0.3, 1.4],
      [1.1, -0.2, 0.6, -0.9],
    ]);
  const pos = () =>
    f64([
      [0.4, 0.2, 1.5, 0.9],
      [0.7, 1.3, 0.35, 2.2],
    ]);
  const sign = () =>
    torch.tensor(
      [
        [1, -1, 1, -1],
        [-1, -1, 1, 1],
      ],
      { dtype: "float64" },
    );
  const cases: [string, () => Tensor[], (...t: Tensor[]) => Tensor][] = [
    ["klDiv", () => [x(), pos()], (a, b) => F.klDiv(a!, b!, { reduction: "batchmean" })],
    ["klDiv logTarget", () => [x(), y()], (a, b) => F.klDiv(a!, b!, { logTarget: true, reduction: "sum" })],
    ["poissonNllLoss", () => [x(), pos()], (a, b) => F.poissonNllLoss(a!, b!, { full: true })],
    ["poissonNllLoss linear", () => [pos(), pos()], (a, b) => F.poissonNllLoss(a!, b!, { logInput: false })],
    ["gaussianNllLoss", () => [x(), y(), pos()], (a, b, v) => F.gaussianNllLoss(a!, b!, v!, { full: true })],
    [
      "cosineEmbeddingLoss",
      () => [x(), y()],
      (a, b) => F.cosineEmbeddingLoss(a!, b!, torch.tensor([1, -1], { dtype: "float64" }), { margin: -0.9 }),
    ],
    ["marginRankingLoss", () => [x(), y()], (a, b) => F.marginRankingLoss(a!, b!, sign(), { margin: 0.05 })],
    ["hingeEmbeddingLoss", () => [x()], (a) => F.hingeEmbeddingLoss(a!, sign(), { margin: 1.5 })],
    [
      "tripletMarginLoss",
      () => [x(), y(), pos()],
      (a, b, c) => F.tripletMarginLoss(a!, b!, c!, { margin: 3, swap: true }),
    ],
    [
      "tripletMarginLoss p1",
      () => [x(), y(), pos()],
      (a, b, c) => F.tripletMarginLoss(a!, b!, c!, { p: 1, margin: 3 }),
    ],
    ["multilabelSoftMarginLoss", () => [x(), pos()], (a, b) => F.multilabelSoftMarginLoss(a!, b!)],
    [
      "multiMarginLoss",
      () => [x()],
      (a) => F.multiMarginLoss(a!, torch.tensor([1, 3]), { p: 2, margin: 2.5, reduction: "sum" }),
    ],
    ["softMarginLoss", () => [x()], (a) => F.softMarginLoss(a!, sign())],
    ["cosineSimilarity", () => [x(), y()], (a, b) => F.cosineSimilarity(a!, b!)],
    ["pairwiseDistance", () => [x(), y()], (a, b) => F.pairwiseDistance(a!, b!, { p: 3 })],
    ["normalize", () => [x()], (a) => F.normalize(a!, { dim: 0 })],
    [
      // Through logSoftmax, as PyTorch's own check: CTC's backward is exact only for normalised log_probs.
      "ctcLoss",
      () => [
        torch.tensor([[[0.1, 0.5, -0.3]], [[0.7, -0.2, 0.4]], [[-0.6, 0.3, 0.9]], [[0.2, 0.2, -0.8]]], {
          dtype: "float64",
          requiresGrad: true,
        }),
      ],
      (a) => F.ctcLoss(torch.logSoftmax(a!, -1), torch.tensor([[1, 2]]), [4], [2], { reduction: "sum" }),
    ],
  ];
  for (const [name, inputs, fn] of cases) {
    test(name, () => {
      const ins = inputs();
      torch.tidy(() => {
        expect(torch.autograd.gradcheck(fn, ins)).toBe(true);
      });
      torch.dispose(ins);
    });
  }
});

describe("loss modules", () => {
  test("print as PyTorch prints them, and call their functional", () => {
    // Each built with its defaults prints as its class name with no arguments.
    const plain = (
      "PoissonNLLLoss GaussianNLLLoss CosineEmbeddingLoss MarginRankingLoss HingeEmbeddingLoss TripletMarginLoss " +
      "MultiLabelSoftMarginLoss MultiMarginLoss SoftMarginLoss CosineSimilarity PairwiseDistance CTCLoss"
    ).split(" ");
    const mods: [torch.nn.Module<Tensor[]>, string][] = [
      [new torch.nn.KLDivLoss({ reduction: "batchmean" }), "KLDivLoss()"],
      ...plain.map((name): [torch.nn.Module<Tensor[]>, string] => {
        const Ctor = torch.nn[name as "CTCLoss"] as unknown as new () => torch.nn.Module<Tensor[]>;
        return [new Ctor(), `${name}()`];
      }),
    ];
    for (const [m, repr] of mods) expect(String(m)).toBe(repr);
  });

  test("a module's options reach the functional", () => {
    torch.tidy(() => {
      const x = torch.tensor([
        [0.5, -1, 2],
        [1, 0.25, -0.5],
      ]);
      const t = torch.tensor([2, 0]);
      const w = torch.tensor([1, 2, 0.5]);
      const m = new torch.nn.MultiMarginLoss({ p: 2, margin: 0.5, weight: w, reduction: "sum" });
      expect(Object.keys(m.stateDict())).toEqual(["weight"]);
      const a = m.call(x, t).item();
      const b = F.multiMarginLoss(x, t, { p: 2, margin: 0.5, weight: w, reduction: "sum" }).item();
      expect(a).toBe(b);
      const k = new torch.nn.KLDivLoss({ reduction: "batchmean", logTarget: true });
      expect(k.call(x, x).item()).toBe(0);
    });
  });
});
