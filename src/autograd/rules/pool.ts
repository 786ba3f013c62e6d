// Gradient rules of the pooling, padding and resampling ops
// (src/nn/functional/pooling.ts and its neighbours). A max pool's grad goes
// to each window's argmax; an average pool's backward is its adjoint, itself
// an op whose grad is the pool again (PyTorch's AvgPool2DBackwardBackward0).

import { register, type PoolOp } from "../registry.js";
import {
  avgPoolBackward,
  avgPoolBackwardKernel,
  avgPoolWith,
  maxPoolGrad,
  maxPoolGradFused,
  type PoolSaved,
} from "../../nn/functional/pooling.js";
import { constantPadNdGrad, indexPadGrad } from "../../nn/functional/pad.js";

export const poolRules = register<PoolOp>({
  maxPool2d: {
    name: "MaxPool2DWithIndicesBackward0",
    grads: [maxPoolGrad],
    fused: [maxPoolGradFused],
    nonDifferentiableOutputs: [1],
  },
  adaptiveMaxPool2d: {
    name: "AdaptiveMaxPool2DBackward0",
    grads: [maxPoolGrad],
    fused: [maxPoolGradFused],
    nonDifferentiableOutputs: [1],
  },
  avgPool2d: {
    name: "AvgPool2DBackward0",
    grads: [(g, s: PoolSaved) => avgPoolBackward("avgPool2dBackward", g, s)],
    fused: [(g, s: PoolSaved) => avgPoolBackwardKernel(g, s.win, s.shape)],
  },
  avgPool2dBackward: {
    name: "AvgPool2DBackwardBackward0",
    grads: [(g, s: PoolSaved) => avgPoolWith("avgPool2d", g, s.win)],
  },
  adaptiveAvgPool2d: {
    name: "AdaptiveAvgPool2DBackward0",
    grads: [(g, s: PoolSaved) => avgPoolBackward("adaptiveAvgPool2dBackward", g, s)],
    fused: [(g, s: PoolSaved) => avgPoolBackwardKernel(g, s.win, s.shape)],
  },
  adaptiveAvgPool2dBackward: {
    name: "AdaptiveAvgPool2DBackwardBackward0",
    grads: [(g, s: PoolSaved) => avgPoolWith("adaptiveAvgPool2d", g, s.win)],
  },
  constantPadNd: { name: "ConstantPadNdBackward0", grads: [constantPadNdGrad] },
  reflectionPad1d: { name: "ReflectionPad1DBackward0", grads: [indexPadGrad] },
  reflectionPad2d: { name: "ReflectionPad2DBackward0", grads: [indexPadGrad] },
  reflectionPad3d: { name: "ReflectionPad3DBackward0", grads: [indexPadGrad] },
  replicationPad1d: { name: "ReplicationPad1DBackward0", grads: [indexPadGrad] },
  replicationPad2d: { name: "ReplicationPad2DBackward0", grads: [indexPadGrad] },
  replicationPad3d: { name: "ReplicationPad3DBackward0", grads: [indexPadGrad] },
});
