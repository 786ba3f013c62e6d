// instance_norm and local_response_norm, composed as PyTorch composes them:
// instance_norm is batch_norm over the input viewed as [1, N * C, ...] (the
// per-channel tensors repeated N times, the running stats averaged back
// over N); local_response_norm divides by a power of the channel window's
// mean of squares.

import { Tensor } from "../../tensor.js";
import { numelOf, showShape } from "../../shape.js";
import { scoped } from "../../memory.js";
import { noGrad } from "../../autograd/gradMode.js";
import { checkTensor } from "../../ops/launch.js";
import { add, div, mul, pow } from "../../ops/binary.js";
import { mean } from "../../ops/reduce.js";
import { reshape, view, expand, narrow } from "../../ops/views.js";
import { cat } from "../../ops/movement.js";
import { zeros } from "../../ops/creation.js";
import { checkNumber, checkOptionKeys, contiguousOf, checkArgs } from "./common.js";
import { batchNormImpl } from "./batchNorm.js";

/** The keyword arguments of F.instance_norm. */
export interface InstanceNormOptions {
  /** Running mean of shape [C], updated in place when useInputStats (default none). */
  runningMean?: Tensor | null;
  /** Running variance of shape [C], updated in place when useInputStats (default none). */
  runningVar?: Tensor | null;
  /** The per-channel scale, of shape [C] (default: none, i.e. 1). */
  weight?: Tensor | null;
  /** The per-channel shift, of shape [C] (default: none, i.e. 0). */
  bias?: Tensor | null;
  /** Normalise with each instance's statistics rather than the running ones (default true). */
  useInputStats?: boolean;
  /** The weight of the batch's statistics in the running stats' update (default 0.1). */
  momentum?: number;
  /** Added to the variance before its square root (default 1e-5). */
  eps?: number;
}

/** Repeats a [C] tensor n times along dim 0 (torch's repeat(n)). */
const repeated = (t: Tensor | null, n: number): Tensor | null =>
  t === null ? null : reshape(expand(reshape(t, [1, -1]), [n, -1]), [-1]);

/**
 * Normalises each channel of each sample over its spatial dims, then
 * applies the per-channel weight and bias (ViewBackward0 over
 * NativeBatchNormBackward0, as PyTorch records it).
 */
export function instanceNorm(input: Tensor, opts: InstanceNormOptions = {}): Tensor {
  checkTensor(input, "instanceNorm", "input");
  checkOptionKeys(opts, "instanceNorm", [
    "runningMean",
    "runningVar",
    "weight",
    "bias",
    "useInputStats",
    "momentum",
    "eps",
  ]);
  const useInputStats = opts.useInputStats ?? true;
  if (typeof useInputStats !== "boolean")
    throw new TypeError(
      `instanceNorm(): argument 'use_input_stats' must be a boolean, but got ${typeof useInputStats}`,
    );
  const momentum = opts.momentum === undefined ? 0.1 : checkNumber(opts.momentum, "instanceNorm", "momentum");
  const eps = opts.eps === undefined ? 1e-5 : checkNumber(opts.eps, "instanceNorm", "eps");
  const runningMean = opts.runningMean ?? null,
    runningVar = opts.runningVar ?? null,
    weight = opts.weight ?? null,
    bias = opts.bias ?? null;
  for (const [t, name] of [
    [runningMean, "running_mean"],
    [runningVar, "running_var"],
    [weight, "weight"],
    [bias, "bias"],
  ] as const)
    if (t !== null) checkTensor(t, "instanceNorm", name);
  const shape = input.shape;
  if (useInputStats && numelOf(shape.slice(2)) === 1)
    throw new RangeError(
      `Expected more than 1 spatial element when training, got input size torch.Size(${showShape(shape)})`,
    );
  if (!useInputStats && (runningMean === null || runningVar === null))
    throw new Error("Expected running_mean and running_var to be defined when use_input_stats is false");
  if (shape.length < 2)
    throw new RangeError(
      `Dimension out of range (expected to be in range of [${-Math.max(shape.length, 1)}, ${Math.max(shape.length, 1) - 1}], but got 1)`,
    );
  const N = shape[0]!,
    C = shape[1]!;
  return scoped(() => {
    const rm = repeated(runningMean, N),
      rv = repeated(runningVar, N);
    const x = view(contiguousOf(input), [1, N * C, ...shape.slice(2)]);
    const out = batchNormImpl(x, rm, rv, repeated(weight, N), repeated(bias, N), useInputStats, momentum, eps);
    noGrad(() => {
      if (runningMean !== null && rm !== null) runningMean.copy_(mean(view(rm, [N, C]), 0));
      if (runningVar !== null && rv !== null) runningVar.copy_(mean(view(rv, [N, C]), 0));
    });
    return view(out, shape);
  });
}

/** The keyword arguments of F.local_response_norm. */
export interface LocalResponseNormOptions {
  /** The multiplicative factor (default 1e-4). */
  alpha?: number;
  /** The exponent (default 0.75). */
  beta?: number;
  /** The additive factor (default 1). */
  k?: number;
}

/**
 * Divides each element by (k + alpha * mean of the squares over `size`
 * neighbouring channels)^beta, the window zero-padded at the edges
 * (DivBackward0, composed of ops as PyTorch composes it).
 */
export function localResponseNorm(input: Tensor, size: number, opts: LocalResponseNormOptions = {}): Tensor {
  checkArgs("localResponseNorm", { input }, opts, ["alpha", "beta", "k"]);
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1)
    throw new TypeError(`localResponseNorm(): argument 'size' must be a positive integer, but got ${String(size)}`);
  const alpha = opts.alpha === undefined ? 1e-4 : checkNumber(opts.alpha, "localResponseNorm", "alpha");
  const beta = opts.beta === undefined ? 0.75 : checkNumber(opts.beta, "localResponseNorm", "beta");
  const k = opts.k === undefined ? 1 : checkNumber(opts.k, "localResponseNorm", "k");
  const nd = input.shape.length;
  if (nd < 3)
    throw new RangeError(`Expected 3D or higher dimensionality                          input (got ${nd} dimensions)`);
  if (input.numel() === 0) return input;
  return scoped(() => {
    const C = input.shape[1]!;
    const sq = mul(input, input);
    // The window over channels, zero-padded by size // 2 before and (size - 1) // 2 after.
    const before = Math.floor(size / 2),
      after = Math.floor((size - 1) / 2);
    const padShape = (n: number): number[] => input.shape.map((d, i) => (i === 1 ? n : d));
    const parts: Tensor[] = [];
    if (before > 0) parts.push(zeros(padShape(before), { dtype: input.dtype }));
    parts.push(sq);
    if (after > 0) parts.push(zeros(padShape(after), { dtype: input.dtype }));
    const padded = parts.length === 1 ? sq : cat(parts, 1);
    let acc = narrow(padded, 1, 0, C);
    for (let i = 1; i < size; i++) acc = add(acc, narrow(padded, 1, i, C));
    const d = pow(add(mul(div(acc, size), alpha), k), beta);
    return div(input, d);
  });
}
