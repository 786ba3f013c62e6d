// batch_norm: one fused kernel forward (per-channel moments over N and the
// spatial dims, the running stats' update, the affine map) and one backward
// (assembly/kernels/batchnorm.ts), split over the thread pool by channels,
// recorded as NativeBatchNormBackward0. Under createGraph the backward is
// composed of ops (recomputing the moments from the input in training, so
// they are differentiated too).

import { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName } from "../../dtype.js";
import { numelOf, showShape } from "../../shape.js";
import { scoped } from "../../memory.js";
import * as abi from "../../wasm/abi.js";
import { record } from "../../autograd/function.js";
import { checkTensor, toDType } from "../../ops/launch.js";
import { add, sub, mul } from "../../ops/binary.js";
import { rsqrt, square } from "../../ops/unary.js";
import { mean, sum } from "../../ops/reduce.js";
import { reshape, select } from "../../ops/views.js";
import { activePool, THRESHOLDS } from "../../threads/parallel.js";
import { CTL } from "../../threads/control.js";
import { checkNumber, contiguousOf, checkArgs } from "./common.js";
import { inFloat32 } from "./bfloat16.js";

/** The keyword arguments of F.batch_norm: `{ weight, bias, training, momentum, eps }`. */
export interface BatchNormOptions {
  /** The per-channel scale, of shape [C] (default: none, i.e. 1). */
  weight?: Tensor | null;
  /** The per-channel shift, of shape [C] (default: none, i.e. 0). */
  bias?: Tensor | null;
  /** Normalise with the batch's statistics (and update the running ones) rather than the running ones (default false). */
  training?: boolean;
  /** The weight of the batch's statistics in the running stats' update (default 0.1). */
  momentum?: number;
  /** Added to the variance before its square root (default 1e-5). */
  eps?: number;
}

/** What NativeBatchNormBackward0 keeps. */
export interface BatchNormSaved {
  input: Tensor;
  weight: Tensor | null;
  /** The statistics the forward normalised with: the batch's in training, the running ones in eval. */
  mean: Tensor;
  invstd: Tensor;
  training: boolean;
  /** Whether the op had a bias (its grad is computed with the others). */
  hasBias: boolean;
  N: number;
  C: number;
  S: number;
  eps: number;
}

type Kernel = (...args: number[]) => unknown;

/** Calls a per-channel kernel over channels [0, C), cut into channel ranges over the pool for large inputs. */
export function runChannels(
  fn: Kernel,
  C: number,
  elements: number,
  argsOf: (c0: number, c1: number) => number[],
): void {
  const p = activePool();
  if (p !== null && C >= 2 && elements >= THRESHOLDS.elementwise && p.has(fn)) {
    const count = Math.min(4 * p.threads, CTL.MAX_CHUNKS, C, Math.max(2, Math.floor(elements / 16384)));
    const step = Math.ceil(C / count);
    const parts: number[][] = [];
    for (let c = 0; c < C; c += step) parts.push(argsOf(c, Math.min(C, c + step)));
    if (parts.length >= 2) {
      p.run(fn, parts, elements >= THRESHOLDS.wakeElementwise);
      return;
    }
  }
  fn(...argsOf(0, C));
}

/** PyTorch's check of a per-channel tensor's element count. */
function checkFeatures(t: Tensor | null, name: string, C: number): void {
  if (t !== null && t.numel() !== C) throw new RangeError(`${name} should contain ${C} elements not ${t.numel()}`);
}

/** PyTorch's mixed-dtype check: parameters and running stats share the input's dtype. */
function checkParamDtype(input: Tensor, ts: readonly (Tensor | null)[]): void {
  for (const t of ts) {
    if (t === null || t.dtype === input.dtype) continue;
    if (input.dtype === "float32")
      throw new TypeError("mixed dtype (CPU): expect parameter to have scalar type of Float");
    throw new TypeError("mixed dtype (CPU): expect input to have scalar type of BFloat16");
  }
}

/** Python's ValueError of _verify_batch_size. */
export function verifyBatchSize(shape: readonly number[]): void {
  const n = (shape[0] ?? 1) * numelOf(shape.slice(2));
  if (n === 1)
    throw new RangeError(
      `Expected more than 1 value per channel when training, got input size torch.Size(${showShape(shape)})`,
    );
}

/**
 * Normalises each channel (dim 1) over the batch and spatial dims, then
 * applies weight and bias (NativeBatchNormBackward0). In training the
 * batch's statistics are used and, when given, `runningMean` and
 * `runningVar` are updated in place (`momentum`; the unbiased variance);
 * otherwise the running stats are used.
 */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  opts: BatchNormOptions = {},
): Tensor {
  checkArgs("batchNorm", { input }, opts, ["weight", "bias", "training", "momentum", "eps"]);
  const training = opts.training ?? false;
  if (typeof training !== "boolean")
    throw new TypeError(`batchNorm(): argument 'training' must be a boolean, but got ${typeof training}`);
  const momentum = opts.momentum === undefined ? 0.1 : checkNumber(opts.momentum, "batchNorm", "momentum");
  const eps = opts.eps === undefined ? 1e-5 : checkNumber(opts.eps, "batchNorm", "eps");
  const weight = opts.weight ?? null,
    bias = opts.bias ?? null;
  if (runningMean !== null) checkTensor(runningMean, "batchNorm", "running_mean");
  if (runningVar !== null) checkTensor(runningVar, "batchNorm", "running_var");
  if (weight !== null) checkTensor(weight, "batchNorm", "weight");
  if (bias !== null) checkTensor(bias, "batchNorm", "bias");
  if (training) verifyBatchSize(input.shape);
  return batchNormImpl(input, runningMean, runningVar, weight, bias, training, momentum, eps);
}

/** torch.batch_norm after the Python-level checks (instance_norm calls it too). */
export function batchNormImpl(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight: Tensor | null,
  bias: Tensor | null,
  training: boolean,
  momentum: number,
  eps: number,
): Tensor {
  const nd = input.shape.length;
  const C = nd >= 2 ? input.shape[1]! : 0;
  if (!isFloating(input.dtype))
    throw new TypeError(`"batch_norm" not implemented for '${scalarTypeName[input.dtype]}'`);
  const wide = inFloat32("batch_norm", [input, runningMean, runningVar, weight, bias], (x, rm, rv, w, b) =>
    batchNormImpl(
      x as Tensor,
      rm as Tensor | null,
      rv as Tensor | null,
      w as Tensor | null,
      b as Tensor | null,
      training,
      momentum,
      eps,
    ),
  );
  if (wide !== undefined) return wide;
  if (input.numel() === 0) return emptyBatch(input, weight, bias);
  if (runningMean !== null) checkFeatures(runningMean, "running_mean", C);
  else if (!training) throw new Error("running_mean must be defined in evaluation mode");
  if (runningVar !== null) checkFeatures(runningVar, "running_var", C);
  else if (!training) throw new Error("running_var must be defined in evaluation mode");
  checkFeatures(weight, "weight", C);
  checkFeatures(bias, "bias", C);
  if (nd < 2)
    throw new RangeError(
      `Dimension out of range (expected to be in range of [${-Math.max(nd, 1)}, ${Math.max(nd, 1) - 1}], but got 1)`,
    );
  checkParamDtype(input, [weight, bias, runningMean, runningVar]);
  if ((runningMean !== null) !== (runningVar !== null) && training)
    throw new Error("batchNorm(): running_mean and running_var must both be given or both be null");
  for (const t of [runningMean, runningVar]) {
    if (t !== null && !t.isContiguous())
      throw new Error("batchNorm(): running_mean and running_var must be contiguous (they are updated in place)");
  }
  const dtype = input.dtype;
  const N = input.shape[0]!,
    S = numelOf(input.shape.slice(2));
  return scoped(() => {
    const x = contiguousOf(input);
    const param = (p: Tensor | null): Tensor | null => (p === null ? null : contiguousOf(p));
    const w = param(weight),
      b = param(bias);
    const out = Tensor._empty(input.shape, dtype);
    const mu = Tensor._empty([C], dtype);
    const invstd = Tensor._empty([C], dtype);
    const update = training && runningMean !== null;
    const fn = abi.kernel("batch_norm", dtype) as Kernel;
    const xa = x._addr(),
      wa = w?._addr() ?? 0,
      ba = b?._addr() ?? 0,
      oa = out._addr(),
      ma = mu._addr(),
      ia = invstd._addr();
    const rm = update || !training ? runningMean!._addr() : 0,
      rv = update || !training ? runningVar!._addr() : 0;
    runChannels(fn, C, input.numel(), (c0, c1) => [
      xa,
      wa,
      ba,
      oa,
      ma,
      ia,
      rm,
      rv,
      N,
      C,
      S,
      c0,
      c1,
      eps,
      momentum,
      training ? 1 : 0,
    ]);
    if (update) {
      runningMean!._vc.value++;
      runningVar!._vc.value++;
    }
    return record("batchNorm", out, [input, weight, bias], {
      weight: w,
      mean: mu,
      invstd,
      training,
      hasBias: bias !== null,
      N,
      C,
      S,
      eps,
    } satisfies Omit<BatchNormSaved, "input">);
  });
}

/** PyTorch's empty-input path: a clone, times weight[0], plus bias[0] (running stats untouched). */
function emptyBatch(input: Tensor, weight: Tensor | null, bias: Tensor | null): Tensor {
  return scoped(() => {
    let out = input.clone();
    if (weight !== null) out = mul(out, select(weight, 0, 0));
    if (bias !== null) out = add(out, select(bias, 0, 0));
    return out;
  });
}

/** What one backward kernel run produced, kept on the node's unpacked saved values for the other inputs' formulas. */
const FUSED = Symbol("batch_norm grads");

/**
 * The gradient w.r.t. input (0), weight (1) or bias (2) (the rule's fused
 * backward). One kernel run computes all three in one pass over the data;
 * the first formula called runs it (without the input's grad when that one
 * is not wanted, i.e. the first call is not for it), the others take their
 * part from the saved values, which the engine unpacks afresh for each node run.
 */
export function batchNormGradFused(g: Tensor, s: BatchNormSaved, which: 0 | 1 | 2): Tensor {
  const memo = s as BatchNormSaved & { [FUSED]?: (Tensor | null)[] };
  let grads = memo[FUSED];
  if (grads === undefined) {
    const dtype = s.input.dtype;
    const gc = contiguousOf(toDType(g, dtype).t);
    const x = contiguousOf(s.input);
    grads = [
      which === 0 ? Tensor._empty(s.input.shape, dtype) : null,
      s.weight !== null ? Tensor._empty([s.C], dtype) : null,
      s.hasBias ? Tensor._empty([s.C], dtype) : null,
    ];
    const fn = abi.kernel("batch_norm_backward", dtype) as Kernel;
    const ga = gc._addr(),
      xa = x._addr(),
      ma = s.mean._addr(),
      ia = s.invstd._addr(),
      wa = s.weight?._addr() ?? 0;
    const [dx, dw, db] = grads.map((t) => t?._addr() ?? 0) as [number, number, number];
    runChannels(fn, s.C, s.N * s.C * s.S, (c0, c1) => [
      ga,
      xa,
      ma,
      ia,
      wa,
      dx,
      dw,
      db,
      s.N,
      s.C,
      s.S,
      c0,
      c1,
      s.training ? 1 : 0,
    ]);
    memo[FUSED] = grads;
  }
  return grads[which]!;
}

/** Per-channel [C] values as [1, C, 1, ...] to broadcast over an input of `nd` dims. */
const perChannel = (t: Tensor, nd: number): Tensor =>
  reshape(t, [1, -1, ...Array<number>(Math.max(0, nd - 2)).fill(1)]);

/** The same gradients written with ops (differentiable again). */
export function batchNormGrad(g: Tensor, s: BatchNormSaved, which: 0 | 1 | 2): Tensor {
  const nd = s.input.shape.length;
  const dims = [0, ...Array.from({ length: nd - 2 }, (_, i) => i + 2)];
  if (which === 2) return sum(g, { dim: dims });
  const x = s.input;
  let r: Tensor, xhat: Tensor;
  if (s.training) {
    const mu = mean(x, { dim: dims, keepdim: true });
    const xc = sub(x, mu);
    r = rsqrt(add(mean(square(xc), { dim: dims, keepdim: true }), s.eps));
    xhat = mul(xc, r);
  } else {
    r = perChannel(s.invstd, nd);
    xhat = mul(sub(x, perChannel(s.mean, nd)), r);
  }
  if (which === 1) return sum(mul(g, xhat), { dim: dims });
  const scale = s.weight === null ? r : mul(r, perChannel(s.weight, nd));
  if (!s.training) return mul(g, scale);
  const m1 = mean(g, { dim: dims, keepdim: true });
  const m2 = mean(mul(g, xhat), { dim: dims, keepdim: true });
  return mul(scale, sub(sub(g, m1), mul(xhat, m2)));
}
