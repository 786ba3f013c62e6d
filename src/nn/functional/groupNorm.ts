// group_norm: one fused kernel each way (assembly/kernels/batchnorm.ts),
// recorded as NativeGroupNormBackward0; under createGraph the backward is
// composed of ops, as layer_norm's.

import { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName } from "../../dtype.js";
import { numelOf, showShape } from "../../shape.js";
import { scoped } from "../../memory.js";
import { record } from "../../autograd/function.js";
import { checkTensor } from "../../ops/launch.js";
import { add, sub, mul } from "../../ops/binary.js";
import { rsqrt, square } from "../../ops/unary.js";
import { mean, sum } from "../../ops/reduce.js";
import { reshape } from "../../ops/views.js";
import { checkNumber, checkArgs } from "./common.js";
import { verifyBatchSize } from "./batchNorm.js";
import { inFloat32 } from "./bfloat16.js";
import { normBackwardInto, normForward } from "./layerNorm.js";

/** The keyword arguments of F.group_norm: `{ weight, bias, eps }`. */
export interface GroupNormOptions {
  /** The per-channel scale, of shape [C] (default: none, i.e. 1). */
  weight?: Tensor | null;
  /** The per-channel shift, of shape [C] (default: none, i.e. 0). */
  bias?: Tensor | null;
  /** Added to the variance before its square root (default 1e-5). */
  eps?: number;
}

/** What NativeGroupNormBackward0 keeps. */
export interface GroupNormSaved {
  input: Tensor;
  weight: Tensor | null;
  mean: Tensor;
  rstd: Tensor;
  N: number;
  C: number;
  S: number;
  G: number;
  eps: number;
}

/**
 * Normalises each sample's channels in `numGroups` groups (each group over
 * its channels and the spatial dims), then applies the per-channel weight
 * and bias (NativeGroupNormBackward0).
 */
export function groupNorm(input: Tensor, numGroups: number, opts: GroupNormOptions = {}): Tensor {
  checkArgs("groupNorm", { input }, opts, ["weight", "bias", "eps"]);
  if (typeof numGroups !== "number" || !Number.isInteger(numGroups))
    throw new TypeError(`groupNorm(): argument 'num_groups' must be an integer, but got ${String(numGroups)}`);
  const eps = opts.eps === undefined ? 1e-5 : checkNumber(opts.eps, "groupNorm", "eps");
  const weight = opts.weight ?? null,
    bias = opts.bias ?? null;
  if (weight !== null) checkTensor(weight, "groupNorm", "weight");
  if (bias !== null) checkTensor(bias, "groupNorm", "bias");
  const nd = input.shape.length;
  if (nd < 2)
    throw new RangeError(
      `Dimension out of range (expected to be in range of [${-Math.max(nd, 1)}, ${Math.max(nd, 1) - 1}], but got 1)`,
    );
  const N = input.shape[0]!,
    C = input.shape[1]!,
    S = numelOf(input.shape.slice(2));
  verifyBatchSize([Math.floor((N * C) / numGroups), numGroups, ...input.shape.slice(2)]);
  if (numGroups <= 0 || C % numGroups !== 0)
    throw new RangeError(
      `Expected number of channels in input to be divisible by num_groups, but got input of shape ${showShape(input.shape)} and num_groups=${numGroups}`,
    );
  if (weight !== null && (weight.shape.length !== 1 || weight.numel() !== C))
    throw new RangeError(
      `Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape ${showShape(weight.shape)} and input of shape ${showShape(input.shape)}`,
    );
  // PyTorch 1.13 prints the weight's shape ([0] without one) in the bias's message.
  if (bias !== null && (bias.shape.length !== 1 || bias.numel() !== C))
    throw new RangeError(
      `Expected bias to be a vector of size equal to the number of channels in input, but got bias of shape ${showShape(weight?.shape ?? [0])} and input of shape ${showShape(input.shape)}`,
    );
  if (!isFloating(input.dtype))
    throw new TypeError(`"GroupNormKernelImpl" not implemented for '${scalarTypeName[input.dtype]}'`);
  const wide = inFloat32("GroupNormKernelImpl", [input, numGroups, opts], (x, n, o) =>
    groupNorm(x as Tensor, n as number, o as GroupNormOptions),
  );
  if (wide !== undefined) return wide;
  return scoped(() => {
    const sizes = [N, C, S, numGroups, eps];
    const { out, w, mu, rstd } = normForward("group_norm", input, weight, bias, [N, numGroups], sizes);
    return record("groupNorm", out, [input, weight, bias], {
      weight: w,
      mean: mu,
      rstd,
      N,
      C,
      S,
      G: numGroups,
      eps,
    } satisfies Omit<GroupNormSaved, "input">);
  });
}

/** The gradient w.r.t. input (0), weight (1) or bias (2) in one kernel (the rule's fused backward). */
export function groupNormGradFused(g: Tensor, s: GroupNormSaved, which: 0 | 1 | 2): Tensor {
  const out = Tensor._empty(which === 0 ? s.input.shape : [s.C], s.input.dtype);
  const work = Tensor._empty([4 * s.C], "float64");
  try {
    normBackwardInto("group_norm_backward", g, s, out, which, [work._addr(), s.N, s.C, s.S, s.G]);
  } finally {
    work.dispose();
  }
  return out;
}

/** The same gradients written with ops (differentiable again). */
export function groupNormGrad(g: Tensor, s: GroupNormSaved, which: 0 | 1 | 2): Tensor {
  const shape = s.input.shape;
  const nd = shape.length;
  const dims = [0, ...Array.from({ length: nd - 2 }, (_, i) => i + 2)];
  if (which === 2) return sum(g, { dim: dims });
  const grouped = [s.N, s.G, -1];
  const x = reshape(s.input, grouped);
  const mu = mean(x, { dim: 2, keepdim: true });
  const xc = sub(x, mu);
  const r = rsqrt(add(mean(square(xc), { dim: 2, keepdim: true }), s.eps));
  const xhat = mul(xc, r);
  if (which === 1) return sum(mul(g, reshape(xhat, shape)), { dim: dims });
  const wb = s.weight === null ? null : reshape(s.weight, [1, -1, ...Array<number>(nd - 2).fill(1)]);
  const dxhat = reshape(wb === null ? g : mul(g, wb), grouped);
  const m1 = mean(dxhat, { dim: 2, keepdim: true });
  const m2 = mean(mul(dxhat, xhat), { dim: 2, keepdim: true });
  return reshape(mul(r, sub(sub(dxhat, m1), mul(xhat, m2))), shape);
}
