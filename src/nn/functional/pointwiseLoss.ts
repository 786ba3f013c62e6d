// Losses that are elementwise before their reduction: mseLoss, l1Loss,
// smoothL1Loss, huberLoss and binaryCrossEntropy.
//
// mse, smooth_l1, huber and bce each run one fused kernel forward (reduction
// included) and one fused kernel backward (assembly/kernels/loss.ts), and
// record PyTorch's node (MseLossBackward0, ...). Under createGraph their
// backward is composed of ops instead, so it can be differentiated again.
// l1Loss is a composition, as in PyTorch 1.13 (MeanBackward0 over
// AbsBackward0 over SubBackward0).

import { Tensor } from "../../tensor.js";
import { isFloating, promoteTypes, scalarTypeName } from "../../dtype.js";
import { broadcastShapes, sameShape, showShape } from "../../shape.js";
import { scoped } from "../../memory.js";
import * as abi from "../../wasm/abi.js";
import { record } from "../../autograd/function.js";
import { isGradEnabled } from "../../autograd/gradMode.js";
import { checkTensor, toDType } from "../../ops/launch.js";
import { sub, mul, div } from "../../ops/binary.js";
import { abs, log, sign } from "../../ops/unary.js";
import { clamp } from "../../ops/clamp.js";
import { ge, where } from "../../ops/compare.js";
import { mean, sum } from "../../ops/reduce.js";
import { expand } from "../../ops/views.js";
import { checkNumber, checkReduction, launchShaped, one, type Operand, type Reduction, checkArgs } from "./common.js";

/** The kernels' op codes (assembly/kernels/loss.ts). */
const MSE = 0,
  SMOOTH_L1 = 1,
  HUBER = 2,
  BCE = 3;
type Kind = typeof MSE | typeof SMOOTH_L1 | typeof HUBER | typeof BCE;

/**
 * The keyword argument of the losses: `{ reduction: "mean" | "sum" | "none" }`
 * (default "mean"; the deprecated size_average and reduce are not taken).
 */
export interface LossOptions {
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
}

/** The keyword arguments of F.smooth_l1_loss: `{ reduction, beta }`. */
export interface SmoothL1Options extends LossOptions {
  /** Where the loss turns from quadratic to linear (default 1). */
  beta?: number;
}

/** The keyword arguments of F.huber_loss: `{ reduction, delta }`. */
export interface HuberOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear (default 1). */
  delta?: number;
}

/** The keyword arguments of F.binary_cross_entropy: `{ weight, reduction }`. */
export interface BceOptions extends LossOptions {
  /** Rescales each element's loss; broadcast to the input's shape. */
  weight?: Tensor | null;
}

/** What the rules of these losses keep for backward. */
export interface PointwiseSaved {
  kind: Kind;
  input: Tensor;
  target: Tensor;
  weight: Tensor | null;
  reduction: Reduction;
  /** beta (smooth_l1) or delta (huber) */
  p: number;
  n: number;
}

const warned = new Set<string>();

/** PyTorch broadcasts a differently shaped target with a warning (torch.broadcast_tensors: ExpandBackward0). */
function broadcastPair(input: Tensor, target: Tensor, fn: string): [Tensor, Tensor] {
  if (sameShape(input.shape, target.shape)) return [input, target];
  if (!warned.has(fn)) {
    warned.add(fn);
    console.warn(
      `UserWarning: Using a target size (torch.Size(${showShape(target.shape)})) that is different to the input size ` +
        `(torch.Size(${showShape(input.shape)})). This will likely lead to incorrect results due to broadcasting. ` +
        "Please ensure they have the same size.",
    );
  }
  const shape = broadcastShapes(input.shape, target.shape);
  const x = sameShape(input.shape, shape) ? input : expand(input, shape);
  const t = sameShape(target.shape, shape) ? target : expand(target, shape);
  return [x, t];
}

/** Runs the fused forward of `kind` and records `op`. */
function pointwise(
  kind: Kind,
  op: "mseLoss" | "smoothL1Loss" | "huberLoss" | "binaryCrossEntropy",
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  p: number,
): Tensor {
  const dtype = promoteTypes(input.dtype, target.dtype);
  if (!isFloating(dtype)) throw new TypeError(`"${op}" not implemented for '${scalarTypeName[dtype]}'`);
  return scoped(() => {
    const cast = (t: Tensor | null): Operand =>
      t === null ? one(dtype as "float32" | "float64") : toDType(t, dtype).t;
    const shape = input.shape;
    const n = input.numel();
    const fn = abi.kernel("pointwise_loss", dtype, op);
    const ops = [cast(input), cast(target), cast(weight)];
    let out: Tensor;
    let bad: unknown;
    if (reduction === "none") {
      out = Tensor._empty(shape, dtype);
      bad = launchShaped(fn, out, out._strides, ops, shape, [kind, p, 0]);
    } else {
      out = Tensor._empty([], dtype);
      bad = launchShaped(
        fn,
        out,
        shape.map(() => 0),
        ops,
        shape,
        [kind, p, 1],
      );
      if (reduction === "mean") {
        const v = abi.view(dtype as "float32" | "float64", out._addr(), 1);
        v[0] = v[0]! / n; // an empty input gives nan, as PyTorch
      }
    }
    if (bad === 1) throw new RangeError("all elements of input should be between 0 and 1");
    return record(op, out, [input, target], { kind, weight, reduction, p, n } satisfies Omit<
      PointwiseSaved,
      "input" | "target"
    >);
  });
}

/** The elementwise grad factor of mse/smooth_l1/huber: 2 or 1, over numel for "mean". */
function normOf(s: PointwiseSaved): number {
  const base = s.kind === MSE ? 2 : 1;
  return s.reduction === "mean" ? base / s.n : base;
}

/**
 * The gradient w.r.t. the input (`wrt` 0) or the target (1). mse, smooth_l1
 * and huber are symmetric: the target's is the input's formula with the two
 * swapped (PyTorch's derivatives.yaml does the same).
 */
export function pointwiseLossGradFused(g: Tensor, s: PointwiseSaved, wrt: 0 | 1): Tensor {
  const [x, t] = wrt === 0 || s.kind === BCE ? [s.input, s.target] : [s.target, s.input];
  if (s.kind === BCE && wrt === 1) return bceTargetGrad(g, s);
  const dtype = x.dtype;
  const cast = (v: Tensor): Tensor => toDType(v, dtype).t;
  const w = s.weight === null ? one(dtype as "float32" | "float64") : cast(s.weight);
  const out = Tensor._empty(x.shape, dtype);
  const div = s.kind === BCE && s.reduction === "mean" ? s.n : 1;
  launchShaped(abi.kernel("pointwise_loss_backward", dtype), out, out._strides, [cast(g), x, cast(t), w], x.shape, [
    s.kind,
    s.p,
    normOf(s),
    div,
  ]);
  return out;
}

/** The same gradients written with ops, for double backward. */
export function pointwiseLossGrad(g: Tensor, s: PointwiseSaved, wrt: 0 | 1): Tensor {
  const [x, t] = wrt === 0 || s.kind === BCE ? [s.input, s.target] : [s.target, s.input];
  if (s.kind === BCE && wrt === 1) return bceTargetGrad(g, s);
  const d = sub(x, t);
  if (s.kind === BCE) {
    // g * (x - t) / max((1 - x) * x, 1e-12) * w [/ n]
    const den = clamp(mul(sub(1, x), x), 1e-12);
    let r = div(mul(g, d), den);
    if (s.weight !== null) r = mul(r, s.weight);
    return s.reduction === "mean" ? div(r, s.n) : r;
  }
  let core: Tensor;
  if (s.kind === MSE) core = d;
  else if (s.kind === HUBER) core = clamp(d, -s.p, s.p);
  else core = where(ge(abs(d), s.p), sign(d), div(d, s.p));
  return mul(mul(core, normOf(s)), g);
}

/** binary_cross_entropy_target_backward: -logit(x) * g * w [/ n], written with ops. */
function bceTargetGrad(g: Tensor, s: PointwiseSaved): Tensor {
  const logit = log(div(s.input, sub(1, s.input)));
  let r = mul(mul(logit, -1), g);
  if (s.weight !== null) r = mul(r, s.weight);
  return s.reduction === "mean" ? div(r, s.n) : r;
}

function lossArgs(fn: string, input: unknown, target: unknown, opts: unknown, keys: readonly string[]): void {
  checkArgs(fn, { input, target }, opts, keys);
}

/** Mean squared error: mean((input - target)^2) (MseLossBackward0). */
export function mseLoss(input: Tensor, target: Tensor, opts: LossOptions = {}): Tensor {
  lossArgs("mseLoss", input, target, opts, ["reduction"]);
  const reduction = checkReduction(opts.reduction);
  return scoped(() => {
    const [x, t] = broadcastPair(input, target, "mseLoss");
    return pointwise(MSE, "mseLoss", x, t, null, reduction, 0);
  });
}

/** Mean absolute error, composed as PyTorch 1.13 does: mean(abs(input - target)) (MeanBackward0). */
export function l1Loss(input: Tensor, target: Tensor, opts: LossOptions = {}): Tensor {
  lossArgs("l1Loss", input, target, opts, ["reduction"]);
  const reduction = checkReduction(opts.reduction);
  return scoped(() => {
    const [x, t] = broadcastPair(input, target, "l1Loss");
    const a = abs(sub(x, t));
    if (reduction === "none") return a;
    a;
    return reduction === "mean" ? mean(a) : sum(a);
  });
}

/**
 * A pointwise-kernel loss with one parameter `key` (default 1), refused with
 * PyTorch's message `bad` where `ok` says no.
 */
function paramLoss(
  fn: "smoothL1Loss" | "huberLoss",
  op: Kind,
  key: "beta" | "delta",
  ok: (v: number) => boolean,
  bad: string,
  input: Tensor,
  target: Tensor,
  opts: LossOptions & { beta?: number; delta?: number },
): Tensor {
  lossArgs(fn, input, target, opts, ["reduction", key]);
  const reduction = checkReduction(opts.reduction);
  const v = opts[key] === undefined ? 1 : checkNumber(opts[key], fn, key);
  if (!ok(v)) throw new RangeError(bad);
  return scoped(() => {
    const [x, t] = broadcastPair(input, target, fn);
    return pointwise(op, fn, x, t, null, reduction, v);
  });
}

/** Smooth L1: 0.5 z^2 / beta where z = |input - target| < beta, else z - 0.5 beta (SmoothL1LossBackward0). */
export function smoothL1Loss(input: Tensor, target: Tensor, opts: SmoothL1Options = {}): Tensor {
  return paramLoss(
    "smoothL1Loss",
    SMOOTH_L1,
    "beta",
    (beta) => !(beta < 0),
    "smooth_l1_loss does not support negative values for beta.",
    input,
    target,
    opts,
  );
}

/** Huber: 0.5 z^2 where z = |input - target| < delta, else delta (z - 0.5 delta) (HuberLossBackward0). */
export function huberLoss(input: Tensor, target: Tensor, opts: HuberOptions = {}): Tensor {
  return paramLoss(
    "huberLoss",
    HUBER,
    "delta",
    (delta) => delta > 0,
    "huber_loss does not support non-positive values for delta.",
    input,
    target,
    opts,
  );
}

/**
 * Binary cross entropy of probabilities: -w (t log(x) + (1 - t) log(1 - x)),
 * each log clamped at -100 as PyTorch does (BinaryCrossEntropyBackward0).
 * Inputs must lie in [0, 1].
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, opts: BceOptions = {}): Tensor {
  lossArgs("binaryCrossEntropy", input, target, opts, ["weight", "reduction"]);
  const reduction = checkReduction(opts.reduction);
  if (!sameShape(input.shape, target.shape)) {
    throw new RangeError(
      `Using a target size (torch.Size(${showShape(target.shape)})) that is different to the input size ` +
        `(torch.Size(${showShape(input.shape)})) is deprecated. Please ensure they have the same size.`,
    );
  }
  const weight = opts.weight ?? null;
  if (weight !== null) {
    checkTensor(weight, "binaryCrossEntropy", "weight");
    if (weight.requiresGrad && isGradEnabled()) {
      throw new Error(
        "The function 'binary_cross_entropy' is not differentiable with respect to argument 'weight'. This input cannot have requires_grad True.",
      );
    }
    broadcastShapes(target.shape, weight.shape);
  }
  return pointwise(BCE, "binaryCrossEntropy", input, target, weight, reduction, 0);
}
