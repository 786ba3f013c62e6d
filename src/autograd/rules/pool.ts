// Gradient rules of the pooling, padding and resampling ops
// (src/nn/functional/pooling.ts and its neighbours). A max pool's grad goes
// to each window's argmax; an average pool's backward is its adjoint, itself
// an op whose grad is the pool again (PyTorch's AvgPool2DBackwardBackward0).

import { register, type PoolOp, type Rule } from "../registry.js";
import {
  avgPoolBackward,
  avgPoolBackwardKernel,
  avgPoolWith,
  maxPoolGrad,
  maxPoolGradFused,
  type PoolSaved,
} from "../../nn/functional/pooling.js";
import { constantPadNdGrad, indexPadGrad } from "../../nn/functional/pad.js";
import {
  col2im,
  gatherStepsGrad,
  im2col,
  pixelShuffle,
  pixelUnshuffle,
  type BlocksSaved,
} from "../../nn/functional/resample.js";
import { maxUnpoolGrad } from "../../nn/functional/unpool.js";

/** A max pool's rule: the grad goes to each window's argmax; the indices get none. */
const maxPoolRule = (name: string): Rule => ({
  name,
  grads: [maxPoolGrad],
  fused: [maxPoolGradFused],
  nonDifferentiableOutputs: [1],
});

/** An average pool's rule: its backward, an op of its own (`backward`). */
const avgPoolRule = (name: string, backward: "avgPool2dBackward" | "adaptiveAvgPool2dBackward"): Rule => ({
  name,
  grads: [(g, s: PoolSaved) => avgPoolBackward(backward, g, s)],
  fused: [(g, s: PoolSaved) => avgPoolBackwardKernel(g, s.win, s.shape)],
});

/** The rule of an average pool's backward: the grad pooled again by `pool`. */
const avgPoolBackwardRule = (name: string, pool: "avgPool2d" | "adaptiveAvgPool2d"): Rule => ({
  name,
  grads: [(g, s: PoolSaved) => avgPoolWith(pool, g, s.win)],
});

export const poolRules = register<PoolOp>({
  maxPool2d: maxPoolRule("MaxPool2DWithIndicesBackward0"),
  adaptiveMaxPool2d: maxPoolRule("AdaptiveMaxPool2DBackward0"),
  avgPool2d: avgPoolRule("AvgPool2DBackward0", "avgPool2dBackward"),
  avgPool2dBackward: avgPoolBackwardRule("AvgPool2DBackwardBackward0", "avgPool2d"),
  adaptiveAvgPool2d: avgPoolRule("AdaptiveAvgPool2DBackward0", "adaptiveAvgPool2dBackward"),
  adaptiveAvgPool2dBackward: avgPoolBackwardRule("AdaptiveAvgPool2DBackwardBackward0", "adaptiveAvgPool2d"),
  constantPadNd: { name: "ConstantPadNdBackward0", grads: [constantPadNdGrad] },
  reflectionPad1d: { name: "ReflectionPad1DBackward0", grads: [indexPadGrad] },
  reflectionPad2d: { name: "ReflectionPad2DBackward0", grads: [indexPadGrad] },
  reflectionPad3d: { name: "ReflectionPad3DBackward0", grads: [indexPadGrad] },
  replicationPad1d: { name: "ReplicationPad1DBackward0", grads: [indexPadGrad] },
  replicationPad2d: { name: "ReplicationPad2DBackward0", grads: [indexPadGrad] },
  replicationPad3d: { name: "ReplicationPad3DBackward0", grads: [indexPadGrad] },
  upsampleNearest1d: { name: "UpsampleNearest1DBackward1", grads: [gatherStepsGrad] },
  upsampleNearest2d: { name: "UpsampleNearest2DBackward1", grads: [gatherStepsGrad] },
  upsampleLinear1d: { name: "UpsampleLinear1DBackward1", grads: [gatherStepsGrad] },
  upsampleBilinear2d: { name: "UpsampleBilinear2DBackward1", grads: [gatherStepsGrad] },
  pixelShuffle: { name: "PixelShuffleBackward0", grads: [(g, s: { r: number }) => pixelUnshuffle(g, s.r)] },
  pixelUnshuffle: { name: "PixelUnshuffleBackward0", grads: [(g, s: { r: number }) => pixelShuffle(g, s.r)] },
  im2col: { name: "Im2ColBackward0", grads: [(g, s: BlocksSaved) => col2im(g, s.geo)] },
  col2im: { name: "Col2ImBackward0", grads: [(g, s: BlocksSaved) => im2col(g, s.geo)] },
  maxUnpool2d: { name: "MaxUnpool2DBackward0", grads: [maxUnpoolGrad] },
});
