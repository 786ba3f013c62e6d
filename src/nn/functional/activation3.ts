// The activations of nn.functional that are not one pointwise kernel: glu
// (GluBackward0) and prelu (PreluBackward0) with their own rules, and the
// compositions PyTorch 1.13 writes in Python, which record the ops they are
// made of: softsign, tanhshrink, softmin and gumbel_softmax.

import { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName, type DType } from "../../dtype.js";
import { normDim } from "../../shape.js";
import { record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { scoped } from "../../memory.js";
import { checkTensor } from "../../ops/launch.js";
import { add, div, mul, sub } from "../../ops/binary.js";
import { abs, log, log1p, neg, sigmoid, tanh } from "../../ops/unary.js";
import { gt, where } from "../../ops/compare.js";
import { softmax } from "../../ops/softmax.js";
import { narrow, reshape } from "../../ops/views.js";
import { cat } from "../../ops/movement.js";
import { sum } from "../../ops/reduce.js";
import { argmax } from "../../ops/extrema.js";
import { scatter } from "../../ops/scatter.js";
import { randLike } from "../../ops/random.js";
import { zerosLike } from "../../ops/creation.js";
import { checkOptionKeys, checkNumber } from "./common.js";
import { checkBooleanOption } from "../../args.js";

/** PyTorch's CPU kernels have no float16 or integer case for these ops. */
function checkFloat(cpuName: string, dtype: DType): void {
  if (!isFloating(dtype) || dtype === "float16")
    throw new TypeError(`"${cpuName}" not implemented for '${scalarTypeName[dtype]}'`);
}

/** What glu's rule keeps. */
export interface GluSaved {
  self: Tensor;
  dim: number;
}

/** Keyword argument of F.glu. */
export interface GluOptions {
  /** The dim split in halves (default -1). */
  dim?: number;
}

/** a * sigmoid(b), a and b the halves of the input along `dim` (GluBackward0). */
export function glu(input: Tensor, options?: GluOptions): Tensor {
  checkTensor(input, "glu", "input");
  checkOptionKeys(options, "glu", ["dim"]);
  if (input.shape.length === 0) throw new RangeError("glu does not support scalars because halving size must be even");
  const dim = normDim(options?.dim ?? -1, input.shape.length);
  const n = input.shape[dim]!;
  if (n % 2 !== 0) throw new RangeError(`Halving dimension must be even, but dimension ${dim} is size ${n}`);
  checkFloat("glu_cpu", input.dtype);
  const h = n / 2;
  const out = noGrad(() => scoped(() => mul(narrow(input, dim, 0, h), sigmoid(narrow(input, dim, h, h)))));
  return record("glu", out, [input], { dim });
}

/** glu_backward: the grads of both halves, joined along dim. */
export function gluGrad(g: Tensor, s: GluSaved): Tensor {
  const h = s.self.shape[s.dim]! / 2;
  const a = narrow(s.self, s.dim, 0, h);
  const sb = sigmoid(narrow(s.self, s.dim, h, h));
  const ga = mul(g, sb);
  const gb = mul(mul(mul(g, a), sb), sub(1, sb));
  return cat([ga, gb], s.dim);
}

/** What prelu's rule keeps. */
export interface PreluSaved {
  self: Tensor;
  weight: Tensor;
}

/** The weight shaped to broadcast along the input's channel dim (dim 1). */
function channelWeight(x: Tensor, w: Tensor): Tensor {
  if (w.numel() === 1 || x.shape.length < 2) return reshape(w, []);
  return reshape(w, [1, w.numel(), ...x.shape.slice(2).map(() => 1)]);
}

/** x for x > 0, weight * x otherwise; weight has one value or one per channel (dim 1) (PreluBackward0). */
export function prelu(input: Tensor, weight: Tensor): Tensor {
  checkTensor(input, "prelu", "input");
  checkTensor(weight, "prelu", "weight");
  if (weight.shape.length > 1)
    throw new RangeError(
      `prelu: Expected \`weight\` to be a scalar or 1D tensor, but got ndim = ${weight.shape.length}`,
    );
  const channels = input.shape.length >= 2 ? input.shape[1]! : 1;
  if (weight.numel() !== 1 && weight.numel() !== channels) {
    throw new RangeError(
      "Mismatch of parameter numbers and input channel size. " +
        `Found parameter numbers = ${weight.numel()} and channel size = ${channels}.`,
    );
  }
  checkFloat("prelu_cpu", input.dtype);
  const out = noGrad(() => scoped(() => where(gt(input, 0), input, mul(channelWeight(input, weight), input))));
  return record("prelu", out, [input, weight], {});
}

/** prelu's grad w.r.t. the input. */
export function preluInputGrad(g: Tensor, s: PreluSaved): Tensor {
  return where(gt(s.self, 0), g, mul(channelWeight(s.self, s.weight), g));
}

/** prelu's grad w.r.t. the weight: x * g where x <= 0, summed over all but the channel dim. */
export function preluWeightGrad(g: Tensor, s: PreluSaved): Tensor {
  const x = s.self;
  const per = where(gt(x, 0), 0, mul(x, g));
  const perChannel = s.weight.numel() !== 1 && x.shape.length >= 2;
  const dims = x.shape.map((_, d) => d).filter((d) => !perChannel || d !== 1);
  const total = dims.length === 0 ? per : sum(per, dims);
  return reshape(total, s.weight.shape);
}

/** x / (1 + |x|), composed as PyTorch composes it (DivBackward0). */
export function softsign(input: Tensor): Tensor {
  checkTensor(input, "softsign", "input");
  return scoped(() => div(input, add(abs(input), 1)));
}

/** x - tanh(x), composed as PyTorch composes it (SubBackward0). */
export function tanhshrink(input: Tensor): Tensor {
  checkTensor(input, "tanhshrink", "input");
  return scoped(() => sub(input, tanh(input)));
}

/** PyTorch's implicit softmax dim (deprecated there): 0 for 0-, 1- and 3-d inputs, else 1. */
export const implicitSoftmaxDim = (ndim: number): number => (ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1);

/** Keyword arguments of F.softmin. */
export interface SoftminOptions {
  /** The dim the result sums to 1 along (PyTorch's implicit choice when absent). */
  dim?: number;
  /** Cast the input to this dtype first. */
  dtype?: DType;
}

/** softmax(-x) along `dim` (SoftmaxBackward0 after NegBackward0). */
export function softmin(input: Tensor, dim?: number | SoftminOptions, options?: SoftminOptions): Tensor {
  checkTensor(input, "softmin", "input");
  const o: SoftminOptions = typeof dim === "object" && dim !== null ? dim : { ...options, dim };
  checkOptionKeys(o, "softmin", ["dim", "dtype"]);
  const d = o.dim ?? implicitSoftmaxDim(input.shape.length);
  return scoped(() => softmax(neg(input), d, o.dtype === undefined ? {} : { dtype: o.dtype }));
}

/** Keyword arguments of F.gumbel_softmax. */
export interface GumbelSoftmaxOptions {
  /** The temperature (default 1). */
  tau?: number;
  /** Return one-hot vectors whose gradient is the soft sample's (straight-through; default false). */
  hard?: boolean;
  /** Default -1. */
  dim?: number;
}

/**
 * A sample from the Gumbel-softmax distribution over `dim`: softmax((logits
 * + g) / tau) with g = -log(E), E ~ Exp(1) from torchlet's generator (so
 * not PyTorch's numbers for the same seed); with `hard`, the one-hot of its
 * argmax plus (soft - soft.detach()).
 */
export function gumbelSoftmax(logits: Tensor, options?: GumbelSoftmaxOptions): Tensor {
  checkTensor(logits, "gumbelSoftmax", "logits");
  checkOptionKeys(options, "gumbelSoftmax", ["tau", "hard", "dim"]);
  const tau = options?.tau === undefined ? 1 : checkNumber(options.tau, "gumbelSoftmax", "tau");
  checkBooleanOption(options?.hard, "gumbelSoftmax", "hard");
  const dim = options?.dim ?? -1;
  return scoped(() => {
    // E = -log(1 - U), U uniform in [0, 1)
    const gumbels = noGrad(() => neg(log(neg(log1p(neg(randLike(logits)))))));
    const y = softmax(div(add(logits, gumbels), tau), dim);
    if (!options?.hard) return y;
    const index = argmax(y, { dim, keepdim: true });
    const yHard = scatter(zerosLike(logits), dim, index, 1.0);
    return add(sub(yHard, y.detach()), y);
  });
}
