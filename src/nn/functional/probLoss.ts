// The probabilistic losses of nn.functional, composed as PyTorch 1.13
// composes them (so the grad_fn names match): kl_div, poisson_nll_loss,
// gaussian_nll_loss and multilabel_soft_margin_loss; with xlogy
// (XlogyBackward0) and log_sigmoid (LogSigmoidBackward0) as the ops they
// are built of.

import { Tensor } from "../../tensor.js";
import { sameShape } from "../../shape.js";
import { scoped } from "../../memory.js";
import { record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { checkTensor } from "../../ops/launch.js";
import { add, sub, mul, div, minimum } from "../../ops/binary.js";
import { neg, exp, log, log1p, abs, clone } from "../../ops/unary.js";
import { clamp_ } from "../../ops/inplace.js";
import { eq, le, ne, where } from "../../ops/compare.js";
import { sum, mean } from "../../ops/reduce.js";
import { unsqueeze } from "../../ops/views.js";
import { zerosLike } from "../../ops/creation.js";
import { checkArgs, checkNumber, checkReduction, type Reduction } from "./common.js";
import { applyReduction } from "./lossOps.js";

/** torch.xlogy(x, y) (XlogyBackward0): x * log(y), 0 where x is 0 (unless y is NaN). */
export function xlogy(x: Tensor, y: Tensor): Tensor {
  const out = noGrad(() => scoped(() => where(eq(x, 0), where(ne(y, y), y, 0), mul(x, log(y)))));
  return record("xlogy", out, [x, y]);
}

/** F.logsigmoid (LogSigmoidBackward0): min(x, 0) - log1p(exp(-|x|)), which never overflows. */
export function logSigmoid(x: Tensor): Tensor {
  const out = noGrad(() => scoped(() => sub(minimum(x, zerosLike(x)), log1p(exp(neg(abs(x)))))));
  return record("logSigmoid", out, [x]);
}

/** "X is not valid", the message of the losses PyTorch writes in Python. */
function checkReductionPy(r: unknown): Reduction {
  if (r === undefined || r === "mean" || r === "sum" || r === "none") return r ?? "mean";
  throw new RangeError(`${String(r)} is not valid`);
}

/** The keyword arguments of F.kl_div: `{ reduction, logTarget }`. */
export interface KlDivOptions {
  /** "mean" (default; the mean over all elements), "batchmean" (the sum over the batch size), "sum" or "none". */
  reduction?: Reduction | "batchmean";
  /** The target is given as log-probabilities (default false). */
  logTarget?: boolean;
}

/**
 * The Kullback-Leibler divergence of input (log-probabilities) from target:
 * target * (log(target) - input) elementwise, or exp(target) * (target -
 * input) with logTarget.
 */
export function klDiv(input: Tensor, target: Tensor, opts: KlDivOptions = {}): Tensor {
  checkArgs("klDiv", { input, target }, opts, ["reduction", "logTarget"]);
  const batchmean = opts.reduction === "batchmean";
  const reduction = batchmean ? "sum" : checkReduction(opts.reduction);
  const logTarget = opts.logTarget ?? false;
  return scoped(() => {
    const out = logTarget ? mul(exp(target), sub(target, input)) : sub(xlogy(target, target), mul(target, input));
    const reduced = applyReduction(out, reduction);
    return batchmean && input.ndim !== 0 ? div(reduced, input.shape[0]!) : reduced;
  });
}

/** The keyword arguments of F.poisson_nll_loss. */
export interface PoissonNllOptions {
  /** The input is the log of the rate (default true). */
  logInput?: boolean;
  /** Add Stirling's approximation of log(target!) (default false). */
  full?: boolean;
  /** Added to the rate before its log when logInput is false (default 1e-8). */
  eps?: number;
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
}

/** The negative log likelihood of target under a Poisson distribution of rate input (or exp(input)). */
export function poissonNllLoss(input: Tensor, target: Tensor, opts: PoissonNllOptions = {}): Tensor {
  checkArgs("poissonNllLoss", { input, target }, opts, ["logInput", "full", "eps", "reduction"]);
  const reduction = checkReductionPy(opts.reduction);
  const eps = opts.eps === undefined ? 1e-8 : checkNumber(opts.eps, "poissonNllLoss", "eps");
  return scoped(() => {
    let loss =
      opts.logInput === false ? sub(input, mul(target, log(add(input, eps)))) : sub(exp(input), mul(target, input));
    if (opts.full === true) {
      const stirling = add(sub(mul(target, log(target)), target), mul(log(mul(target, 2 * Math.PI)), 0.5));
      loss = add(loss, where(le(target, 1), 0, stirling));
    }
    return applyReduction(loss, reduction);
  });
}

/** The keyword arguments of F.gaussian_nll_loss. */
export interface GaussianNllOptions {
  /** Add the constant 0.5 log(2 pi) (default false). */
  full?: boolean;
  /** The smallest variance used (default 1e-6; the clamp is not differentiated). */
  eps?: number;
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
}

/**
 * The negative log likelihood of target under a Gaussian of mean input and
 * variance var: 0.5 (log(var) + (input - target)^2 / var). var may have
 * input's shape, or lack (or have size 1 in) its last dim.
 */
export function gaussianNllLoss(
  input: Tensor,
  target: Tensor,
  variance: Tensor,
  opts: GaussianNllOptions = {},
): Tensor {
  checkArgs("gaussianNllLoss", { input, target, var: variance }, opts, ["full", "eps", "reduction"]);
  const eps = opts.eps === undefined ? 1e-6 : checkNumber(opts.eps, "gaussianNllLoss", "eps");
  let unsqueezeVar = false;
  if (!sameShape(variance.shape, input.shape)) {
    const head = input.shape.slice(0, -1);
    if (sameShape(head, variance.shape)) unsqueezeVar = true;
    else if (!(sameShape(head, variance.shape.slice(0, -1)) && variance.shape[variance.ndim - 1] === 1))
      throw new RangeError("var is of incorrect size");
  }
  const reduction = checkReductionPy(opts.reduction);
  if (Array.from(variance.toArray() as ArrayLike<number>).some((v) => v < 0))
    throw new RangeError("var has negative entry/entries");
  return scoped(() => {
    const v = clone(unsqueezeVar ? unsqueeze(variance, -1) : variance);
    noGrad(() => clamp_(v, eps));
    let loss = mul(add(log(v), div(sub(input, target).pow(2), v)), 0.5);
    if (opts.full === true) loss = add(loss, 0.5 * Math.log(2 * Math.PI));
    return applyReduction(loss, reduction);
  });
}

/** The keyword arguments of F.multilabel_soft_margin_loss: `{ weight, reduction }`. */
export interface MultilabelSoftMarginOptions {
  /** A weight per class, or null. */
  weight?: Tensor | null;
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
}

/** The mean over classes of the binary logistic losses of each label (0 or 1) given its logit. */
export function multilabelSoftMarginLoss(
  input: Tensor,
  target: Tensor,
  opts: MultilabelSoftMarginOptions = {},
): Tensor {
  checkArgs("multilabelSoftMarginLoss", { input, target }, opts, ["weight", "reduction"]);
  const weight = opts.weight ?? null;
  if (weight !== null) checkTensor(weight, "multilabelSoftMarginLoss", "weight");
  const reduction = checkReductionPy(opts.reduction);
  return scoped(() => {
    let loss = neg(add(mul(target, logSigmoid(input)), mul(sub(1, target), logSigmoid(neg(input)))));
    if (weight !== null) loss = mul(loss, weight);
    const classDim = input.ndim - 1;
    const c = input.shape[classDim]!;
    loss = div(sum(loss, classDim), c);
    return reduction === "none" ? loss : reduction === "mean" ? mean(loss) : sum(loss);
  });
}
