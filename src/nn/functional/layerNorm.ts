// layer_norm: one fused kernel forward (row moments, normalisation and the
// affine map) and one backward (assembly/kernels/layernorm.ts), recorded as
// NativeLayerNormBackward0. Under createGraph the backward is composed of
// ops (recomputing the moments from the input, so they are differentiated too).

import { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName } from "../../dtype.js";
import { numelOf, showShape } from "../../shape.js";
import { scoped } from "../../memory.js";
import * as abi from "../../wasm/abi.js";
import { record } from "../../autograd/function.js";
import { checkTensor, toDType } from "../../ops/launch.js";
import { add, sub, mul } from "../../ops/binary.js";
import { rsqrt, square } from "../../ops/unary.js";
import { mean } from "../../ops/reduce.js";
import { checkNumber, contiguousOf, checkArgs } from "./common.js";
import { inFloat32 } from "./bfloat16.js";

/** The keyword arguments of F.layer_norm: `{ weight, bias, eps }`. */
export interface LayerNormOptions {
  /** The elementwise scale, of shape normalizedShape (default: none, i.e. 1). */
  weight?: Tensor | null;
  /** The elementwise shift, of shape normalizedShape (default: none, i.e. 0). */
  bias?: Tensor | null;
  /** Added to the variance before its square root (default 1e-5). */
  eps?: number;
}

/** What NativeLayerNormBackward0 keeps. */
export interface LayerNormSaved {
  input: Tensor;
  weight: Tensor | null;
  mean: Tensor;
  rstd: Tensor;
  M: number;
  N: number;
  k: number;
  eps: number;
  /** Whether the call had a bias (its grad is then made with the others). */
  hasBias: boolean;
  /** The grads of input, weight and bias, once one formula has run (one kernel makes them together). */
  done?: (Tensor | null)[];
}

const sameDims = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Normalises over the last `normalizedShape.length` dims to zero mean and
 * unit (biased) variance, then applies weight and bias (NativeLayerNormBackward0).
 */
export function layerNorm(
  input: Tensor,
  normalizedShape: number | readonly number[],
  opts: LayerNormOptions = {},
): Tensor {
  checkArgs("layerNorm", { input }, opts, ["weight", "bias", "eps"]);
  const list: unknown[] =
    typeof normalizedShape === "number"
      ? [normalizedShape]
      : Array.isArray(normalizedShape)
        ? Array.from(normalizedShape)
        : [normalizedShape];
  if (list.some((d) => typeof d !== "number" || !Number.isInteger(d))) {
    throw new TypeError(
      `layerNorm(): argument 'normalized_shape' must be an integer or an array of integers, but got ${showShape(list.map((d) => String(d)) as unknown as number[])}`,
    );
  }
  const shape = list as number[];
  const eps = opts.eps === undefined ? 1e-5 : checkNumber(opts.eps, "layerNorm", "eps");
  const weight = opts.weight ?? null,
    bias = opts.bias ?? null;
  if (weight !== null) checkTensor(weight, "layerNorm", "weight");
  if (bias !== null) checkTensor(bias, "layerNorm", "bias");
  if (shape.length < 1)
    throw new RangeError(
      `Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = ${showShape(shape)}`,
    );
  if (weight !== null && !sameDims(weight.shape, shape)) {
    throw new RangeError(
      `Expected weight to be of same shape as normalized_shape, but got weight of shape ${showShape(weight.shape)} and normalized_shape = ${showShape(shape)}`,
    );
  }
  if (bias !== null && !sameDims(bias.shape, shape)) {
    throw new RangeError(
      `Expected bias to be of same shape as normalized_shape, but got bias of shape ${showShape(bias.shape)} and normalized_shape = ${showShape(shape)}`,
    );
  }
  const nd = input.shape.length,
    k = shape.length;
  if (nd < k || !sameDims(input.shape.slice(nd - k), shape)) {
    throw new RangeError(
      `Given normalized_shape=${showShape(shape)}, expected input with shape [*, ${shape.join(", ")}], but got input of size${showShape(input.shape)}`,
    );
  }
  if (!isFloating(input.dtype))
    throw new TypeError(`"LayerNormKernelImpl" not implemented for '${scalarTypeName[input.dtype]}'`);
  const wide = inFloat32("LayerNormKernelImpl", [input, normalizedShape, opts], (x, s, o) =>
    layerNorm(x as Tensor, s as number[], o as LayerNormOptions),
  );
  if (wide !== undefined) return wide;
  const N = numelOf(shape),
    M = numelOf(input.shape.slice(0, nd - k));
  return scoped(() => {
    const { out, w, mu, rstd } = normForward("layer_norm", input, weight, bias, [M], [M, N, eps]);
    const saved = { weight: w, mean: mu, rstd, M, N, k, eps, hasBias: bias !== null };
    return record("layerNorm", out, [input, weight, bias], saved satisfies Omit<LayerNormSaved, "input">);
  });
}

/**
 * Runs a normalization kernel (layer_norm, group_norm) over the input and the
 * affine parameters in its dtype, all contiguous: the output of the input's
 * shape, and mean and rstd of `statsShape`; `sizes` are the kernel's last
 * arguments. Call it inside `scoped`.
 */
export function normForward(
  kernel: string,
  input: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  statsShape: number[],
  sizes: number[],
): { out: Tensor; w: Tensor | null; mu: Tensor; rstd: Tensor } {
  const dtype = input.dtype;
  const x = contiguousOf(input);
  const param = (p: Tensor | null): Tensor | null => (p === null ? null : contiguousOf(toDType(p, dtype).t));
  const w = param(weight),
    b = param(bias);
  const out = Tensor._empty(input.shape, dtype);
  const mu = Tensor._empty(statsShape, dtype);
  const rstd = Tensor._empty(statsShape, dtype);
  abi.kernel(kernel, dtype)(
    x._addr(),
    w?._addr() ?? 0,
    b?._addr() ?? 0,
    out._addr(),
    mu._addr(),
    rstd._addr(),
    ...sizes,
  );
  return { out, w, mu, rstd };
}

/**
 * Runs a normalization backward kernel: the gradient w.r.t. input (0),
 * weight (1) or bias (2) into `out`; `sizes` are the kernel's last arguments.
 */
export function normBackwardInto(
  kernel: string,
  g: Tensor,
  s: { input: Tensor; mean: Tensor; rstd: Tensor; weight: Tensor | null },
  out: Tensor,
  which: 0 | 1 | 2,
  sizes: number[],
): void {
  normBackwardAll(
    kernel,
    g,
    s,
    [0, 1, 2].map((i) => (i === which ? out : null)),
    sizes,
  );
}

/** A normalization backward kernel writing each gradient of `outs` (input, weight, bias) that is not null. */
function normBackwardAll(
  kernel: string,
  g: Tensor,
  s: { input: Tensor; mean: Tensor; rstd: Tensor; weight: Tensor | null },
  outs: (Tensor | null)[],
  sizes: number[],
): void {
  const dtype = s.input.dtype;
  const gc = contiguousOf(toDType(g, dtype).t);
  const x = contiguousOf(s.input);
  abi.kernel(kernel, dtype)(
    gc._addr(),
    x._addr(),
    s.mean._addr(),
    s.rstd._addr(),
    s.weight?._addr() ?? 0,
    ...outs.map((t) => t?._addr() ?? 0),
    ...sizes,
  );
}

/**
 * The gradient w.r.t. input (0), weight (1) or bias (2) (the rule's fused
 * backward): the first call makes it and those of the later inputs in one
 * kernel pass (the engine asks in input order, and frees what it does not take).
 */
export function layerNormGradFused(g: Tensor, s: LayerNormSaved, which: 0 | 1 | 2): Tensor {
  if (s.done === undefined) {
    const shape = s.input.shape,
      params = shape.slice(shape.length - s.k);
    const wanted = [true, s.weight !== null, s.hasBias];
    s.done = [shape, params, params].map((sh, i) =>
      i >= which && wanted[i] ? Tensor._empty(sh, s.input.dtype) : null,
    );
    normBackwardAll("layer_norm_backward", g, s, s.done, [s.M, s.N]);
  }
  return s.done[which]!;
}

/** The same gradients written with ops; the engine sums weight and bias grads over the leading dims. */
export function layerNormGrad(g: Tensor, s: LayerNormSaved, which: 0 | 1 | 2): Tensor {
  if (which === 2) return g.clone();
  const nd = s.input.shape.length;
  const dims = Array.from({ length: s.k }, (_, i) => nd - s.k + i);
  const x = s.input;
  const mu = mean(x, { dim: dims, keepdim: true });
  const xc = sub(x, mu);
  const r = rsqrt(add(mean(square(xc), { dim: dims, keepdim: true }), s.eps));
  const xhat = mul(xc, r);
  if (which === 1) return mul(g, xhat);
  const dxhat = s.weight === null ? g : mul(g, s.weight);
  const m1 = mean(dxhat, { dim: dims, keepdim: true });
  const m2 = mean(mul(dxhat, xhat), { dim: dims, keepdim: true });
  return mul(r, sub(sub(dxhat, m1), mul(xhat, m2)));
}
