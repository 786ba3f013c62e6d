// Gradient rules of the index-writing and index-reading ops (src/ops/scatter.ts,
// src/ops/take.ts, src/ops/advancedIndex.ts) and the samplers (sampling.ts): PyTorch's formulas from
// derivatives.yaml and FunctionsManual.cpp, written with recorded ops so
// double backward works.

import type { Tensor } from "../../tensor.js";
import { register, type IndexingOp } from "../registry.js";
import { gather, indexAddToZeros, indexSelect, scatterAddToZeros } from "../../ops/indexing.js";
import { indexFill, scatter, scatterAdd, scatterReduce, type ScatterReduction } from "../../ops/scatter.js";
import { take } from "../../ops/take.js";
import { indexWithOffsets, indexPutWithOffsets } from "../../ops/advancedIndex.js";
import { filled } from "../../ops/creation.js";
import { div, mul } from "../../ops/binary.js";
import { eq, where } from "../../ops/compare.js";
import { sum } from "../../ops/reduce.js";
import { reshape, view } from "../../ops/views.js";
import { cat } from "../../ops/movement.js";

interface Along {
  dim: number;
  index: Tensor;
}
interface Reduced extends Along {
  reduce: ScatterReduction;
  includeSelf: boolean;
  self: Tensor | null;
  result: Tensor;
}
interface Positions {
  positions: Tensor;
  shape: readonly number[];
}

/** zeros at the positions `index` names along `dim`: how self's grad loses what was overwritten. */
const cleared = (g: Tensor, s: Along): Tensor => scatter(g, s.dim, s.index, 0);

/** The grads of scatter_reduce w.r.t. self and src (PyTorch's scatter_reduce_backward). */
function scatterReduceGrads(g: Tensor, s: Reduced, src: Tensor | null, input: number): Tensor {
  const { dim, index, reduce, includeSelf } = s;
  let gSelf: Tensor;
  let gSrc: Tensor;
  if (reduce === "sum") {
    gSelf = g;
    gSrc = gather(g, dim, index);
  } else if (reduce === "mean") {
    let n = filled(g.shape, includeSelf ? 1 : 0, g.dtype);
    n = scatterAdd(n, dim, index, filled(src!.shape, 1, g.dtype));
    n = where(eq(n, 0), 1, n);
    gSelf = div(g, n);
    gSrc = div(gather(g, dim, index), gather(n, dim, index));
  } else if (reduce === "prod") {
    const self = s.self!;
    const maskedSelf = where(eq(self, 0), 1, self);
    const maskedSelfResult = scatterReduce(maskedSelf, dim, index, src!, reduce, { includeSelf });
    gSelf = div(mul(g, maskedSelfResult), maskedSelf);
    const srcZero = eq(src!, 0);
    const numZeros = gather(
      scatterAdd(filled(self.shape, 0, self.dtype), dim, index, where(srcZero, 1, filled([], 0, self.dtype))),
      dim,
      index,
    );
    const singleZero = where(srcZero, eq(numZeros, 1), srcZero);
    const maskedSrcResult = scatterReduce(self, dim, index, where(singleZero, 1, src!), reduce, { includeSelf });
    gSrc = where(
      singleZero,
      gather(mul(g, maskedSrcResult), dim, index),
      div(gather(mul(g, s.result), dim, index), where(srcZero, 1, src!)),
    );
  } else {
    const self = s.self!;
    const value = gather(s.result, dim, index);
    const selfIsResult = eq(self, s.result);
    const srcIsResult = eq(src!, value);
    const n = scatterAdd(
      where(selfIsResult, 1, filled([], 0, g.dtype)),
      dim,
      index,
      where(srcIsResult, 1, filled([], 0, g.dtype)),
    );
    const distributed = div(g, n);
    gSelf = mul(selfIsResult, distributed);
    gSrc = mul(srcIsResult, gather(distributed, dim, index));
  }
  if (input === 1) return gSrc;
  return includeSelf ? gSelf : cleared(gSelf, s);
}

export const indexingRules = register<IndexingOp>({
  scatter: {
    name: "ScatterBackward0",
    grads: [(g, s: Along) => cleared(g, s), (g, s: Along) => gather(g, s.dim, s.index)],
  },
  scatterValue: { name: "ScatterBackward1", grads: [(g, s: Along) => cleared(g, s)] },
  scatterLegacyReduce: {
    name: "NotImplemented",
    grads: () => {
      throw new Error("derivative for aten::scatter is not implemented");
    },
  },
  scatterAddTo: {
    name: "ScatterAddBackward0",
    grads: [(g) => g, (g, s: Along) => gather(g, s.dim, s.index)],
  },
  scatterReduce: {
    name: "ScatterReduceBackward0",
    save: { src: { input: 1, neededBy: 0 }, result: "result" },
    grads: (g, s: Reduced & { src: Tensor | null }, _grads, input) => scatterReduceGrads(g, s, s.src, input),
  },
  indexAddTo: {
    name: "IndexAddBackward0",
    grads: [
      (g) => g,
      (g, s: Along & { alpha: number }) => {
        const picked = indexSelect(g, s.dim, s.index);
        return s.alpha === 1 ? picked : mul(picked, s.alpha);
      },
    ],
  },
  indexCopy: {
    name: "IndexCopyBackward0",
    grads: [(g, s: Along) => indexFill(g, s.dim, s.index, 0), (g, s: Along) => indexSelect(g, s.dim, s.index)],
  },
  indexFill: { name: "IndexFillBackward0", grads: [(g, s: Along) => indexFill(g, s.dim, s.index, 0)] },
  indexFillTensor: {
    name: "IndexFillBackward1",
    grads: [(g, s: Along) => indexFill(g, s.dim, s.index, 0), (g, s: Along) => sum(indexSelect(g, s.dim, s.index))],
  },
  take: {
    name: "TakeBackward0",
    grads: [
      (g, s: Positions) =>
        view(scatterAddToZeros([s.shape.reduce((a, b) => a * b, 1)], 0, view(s.positions, -1), view(g, -1)), [
          ...s.shape,
        ]),
    ],
  },
  maskedSelect: {
    name: "MaskedSelectBackward0",
    grads: [
      (g, s: Positions) =>
        view(scatterAddToZeros([s.shape.reduce((a, b) => a * b, 1)], 0, s.positions, g), [...s.shape]),
    ],
  },
  maskedScatter: {
    name: "MaskedScatterBackward0",
    grads: [
      (g, s: Positions & { mask: Tensor }) => where(s.mask, filled([], 0, g.dtype), g),
      (g, s: Positions & { sourceShape: readonly number[] }) => {
        const picked = take(g, s.positions);
        const n = s.sourceShape.reduce((a, b) => a * b, 1);
        const padded = picked.numel() < n ? cat([picked, filled([n - picked.numel()], 0, g.dtype)], 0) : picked;
        return view(padded, [...s.sourceShape]);
      },
    ],
  },
  index: {
    name: "IndexBackward0",
    grads: [(g, s: Positions) => indexPutWithOffsets(filled(s.shape, 0, g.dtype), s.positions, g, true)],
  },
  indexDim: {
    name: "IndexBackward0",
    grads: [
      (g, s: Along & { shape: readonly number[]; walked: readonly number[] }) =>
        indexAddToZeros(s.shape, s.dim, s.index, reshape(g, [...s.walked])),
    ],
  },
  indexPut: {
    name: "IndexPutBackward0",
    grads: [
      (g, s: Positions & { accumulate: boolean }) =>
        s.accumulate ? g : indexPutWithOffsets(g, s.positions, filled([], 0, g.dtype), false),
      (g, s: Positions) => indexWithOffsets(g, s.positions),
    ],
  },
  // Sampling: PyTorch's gradients are zeros (the draws are not reparameterised).
  poisson: { name: "PoissonBackward0", grads: [(g) => filled(g.shape, 0, g.dtype)] },
  normalTensorFloat: { name: "NormalBackward1", grads: [(g) => filled(g.shape, 0, g.dtype)] },
  normalFloatTensor: { name: "NormalBackward2", grads: [(g) => filled(g.shape, 0, g.dtype)] },
  normalTensorTensor: { name: "NormalBackward3", grads: (g) => filled(g.shape, 0, g.dtype) },
});
