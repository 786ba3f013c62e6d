// The pointwise activations of nn.functional that run one kernel each way
// (assembly/kernels/activation2.ts): leaky_relu, elu, selu, celu, softplus,
// hardtanh, relu6, hardsigmoid, hardswish, mish, logsigmoid, threshold,
// softshrink, hardshrink and rrelu, with their in-place forms. Under
// createGraph the backward is composed of ops (activation2Grad), so it can
// be differentiated again. bfloat16 computes in float32 and rounds once;
// float16 and integers get PyTorch's "not implemented" messages (except
// hardtanh and threshold, which PyTorch also runs on integers).

import { Tensor } from "../../tensor.js";
import { isFloating, scalarTypeName, type DType } from "../../dtype.js";
import * as abi from "../../wasm/abi.js";
import { record } from "../../autograd/function.js";
import type { OpName } from "../../autograd/registry.js";
import { noGrad } from "../../autograd/gradMode.js";
import { scoped } from "../../memory.js";
import { castTo, checkTensor, copyInto, filledBy, launch } from "../../ops/launch.js";
import { add, div, mul, sub } from "../../ops/binary.js";
import { abs, clone, exp, log1p, neg, sigmoid, tanh } from "../../ops/unary.js";
import { gt, le, lt, ge, where } from "../../ops/compare.js";
import { clamp } from "../../ops/clamp.js";
import { fullLike } from "../../ops/creation.js";
import { inPlaceOp } from "../../ops/inplace.js";
import { uniform_ } from "../../ops/random.js";
import { checkOptionKeys, checkNumber } from "./common.js";
import { checkBooleanOption, checkNumberOption } from "../../args.js";

/** The kernels' op codes (assembly/kernels/activation2.ts). */
export const Act = {
  leakyRelu: 0,
  elu: 1,
  softplus: 2,
  hardsigmoid: 3,
  hardswish: 4,
  mish: 5,
  logSigmoid: 6,
  hardtanh: 7,
  threshold: 8,
  softshrink: 9,
  hardshrink: 10,
  eluResult: 11,
} as const;

/** What the activation rules keep: the op, its parameters and its input (or its result for eluResult). */
export interface Act2Saved {
  op: number;
  p: number;
  q: number;
  r: number;
  self: Tensor;
}

/** selu's constants (torch.nn.functional.selu). */
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** PyTorch's CPU kernel names, used by its "not implemented for" messages. */
const CPU_NAME: Record<number, string> = {
  [Act.leakyRelu]: "leaky_relu_cpu",
  [Act.elu]: "elu_cpu",
  [Act.softplus]: "softplus_cpu",
  [Act.hardsigmoid]: "hardsigmoid_cpu",
  [Act.hardswish]: "hardswish_cpu",
  [Act.mish]: "mish_cpu",
  [Act.logSigmoid]: "log_sigmoid_cpu",
  [Act.hardtanh]: "clamp_scalar_cpu",
  [Act.threshold]: "threshold_cpu",
  [Act.softshrink]: "softshrink_cpu",
  [Act.hardshrink]: "hardshrink_cpu",
};

/** Refuses the dtypes PyTorch 1.13's CPU kernel of `op` has no case for, in its words. */
function checkDType(op: number, dtype: DType): void {
  const ok = isFloating(dtype) && dtype !== "float16" && !(dtype === "bfloat16" && op === Act.mish);
  if (!ok) throw new TypeError(`"${CPU_NAME[op]}" not implemented for '${scalarTypeName[dtype]}'`);
}

/** Runs `kernel` (activation2 or activation2_backward) into `out`, in float32 for bfloat16 operands. */
function run(kernel: string, out: Tensor, inputs: readonly Tensor[], extra: readonly number[]): void {
  if (out.dtype !== "bfloat16") {
    launch(abi.kernel(kernel, out.dtype), out, inputs, extra);
    return;
  }
  const wide = inputs.map((t) => castTo(t, "float32"));
  try {
    const o = filledBy(Tensor._empty(out.shape, "float32"), (o) =>
      launch(abi.kernel(kernel, "float32"), o, wide, extra),
    );
    try {
      copyInto(out, o);
    } finally {
      o.dispose();
    }
  } finally {
    for (const t of wide) t.dispose();
  }
}

const extraOf = (s: { op: number; p: number; q: number; r: number }): number[] => [s.op, s.p, s.q, s.r];

/** A new tensor with op(input) elementwise. */
function forward(op: number, input: Tensor, p = 0, q = 0, r = 0): Tensor {
  checkDType(op, input.dtype);
  return filledBy(Tensor._empty(input.shape, input.dtype), (out) => run("activation2", out, [input], [op, p, q, r]));
}

/** The gradient of an activation w.r.t. its input in one kernel (the rules' fused backward). */
export function activation2GradFused(g: Tensor, s: Act2Saved): Tensor {
  const x = s.self;
  return filledBy(Tensor._empty(x.shape, x.dtype), (out) => run("activation2_backward", out, [g, x], extraOf(s)));
}

/** The gradient of an activation w.r.t. its input, written with ops (differentiable again). */
export function activation2Grad(g: Tensor, s: Act2Saved): Tensor {
  const { op, p, q, r } = s;
  const x = s.self;
  switch (op) {
    case Act.leakyRelu:
      return where(gt(x, 0), g, mul(g, p));
    case Act.elu:
      return where(le(x, 0), mul(mul(mul(g, r), p), exp(mul(x, r))), mul(g, q));
    case Act.eluResult:
      return where(le(x, 0), mul(mul(g, r), add(x, p)), mul(g, q));
    case Act.softplus: {
      const z = exp(mul(x, p));
      return where(gt(mul(x, p), q), g, div(mul(g, z), add(z, 1)));
    }
    case Act.hardsigmoid:
      return where(gt(x, -3), where(lt(x, 3), div(g, 6), 0), 0);
    case Act.hardswish:
      return where(lt(x, -3), 0, where(le(x, 3), mul(g, add(div(x, 3), 0.5)), g));
    case Act.mish: {
      const sg = sigmoid(x);
      const t = tanh(log1p(exp(x)));
      return mul(g, add(t, mul(mul(x, sg), sub(1, mul(t, t)))));
    }
    case Act.logSigmoid: {
      const b = exp(neg(abs(x)));
      const f = div(b, add(b, 1));
      return mul(g, where(lt(x, 0), sub(1, f), f));
    }
    case Act.hardtanh:
      return where(le(x, p), 0, where(ge(x, q), 0, g));
    case Act.threshold:
      return where(le(x, p), 0, g);
    default: // softshrink, hardshrink
      return where(ge(x, -p), where(le(x, p), 0, g), g);
  }
}

/** The options of an in-place form (`elu_(x, { alpha })`), checked, with inplace set. */
function inPlaceOptions<T extends object>(o: T | undefined, fn: string, keys: readonly string[]): T & InplaceOption {
  checkOptionKeys(o, fn, keys);
  return { ...o, inplace: true } as T & InplaceOption;
}

/** Options of the ops that can work in place. */
export interface InplaceOption {
  /** Overwrite the input with the result (default false). */
  inplace?: boolean;
}

/** An activation out of place (`op` recorded with the input saved) or in place (`inplaceOp`). */
function apply(
  input: Tensor,
  inplace: boolean | undefined,
  code: number,
  params: [number, number, number],
  op: OpName,
  inplaceOp: OpName | "cloneSelf",
): Tensor {
  const [p, q, r] = params;
  const saved = { op: code, p, q, r };
  if (!inplace) return record(op, forward(code, input, p, q, r), [input], saved);
  checkDType(code, input.dtype);
  const write = (): void => run("activation2", input, [input], [code, p, q, r]);
  // Rules that read the result save it after the write; the others a copy of the old input.
  if (inplaceOp === "cloneSelf")
    return inPlaceOp(input, [], write, op, [input], () => ({ ...saved, self: clone(input) }));
  // elu's backward from the result has its own formula; the others read the result as they read the input.
  const fromResult = { ...saved, op: code === Act.elu ? Act.eluResult : code };
  return inPlaceOp(input, [], write, inplaceOp, [input], () => fromResult, true);
}

/** The options object checked: known keys, booleans for inplace and training, numbers for the rest. */
function opts<T extends object>(o: T | undefined, fn: string, keys: readonly string[]): Partial<T> {
  checkOptionKeys(o, fn, keys);
  const r = (o ?? {}) as Record<string, unknown>;
  for (const k of keys) {
    if (k === "inplace" || k === "training") checkBooleanOption(r[k], fn, k);
    else checkNumberOption(r[k], fn, k);
  }
  return r as Partial<T>;
}

/** Keyword arguments of F.leaky_relu. */
export interface LeakyReluOptions extends InplaceOption {
  /** The slope for negative inputs (default 0.01). */
  negativeSlope?: number;
}

/** x for x > 0, negativeSlope * x otherwise (LeakyReluBackward0; in place LeakyReluBackward1). */
export function leakyRelu(input: Tensor, options?: LeakyReluOptions): Tensor {
  checkTensor(input, "leakyRelu", "input");
  const o = opts(options, "leakyRelu", ["negativeSlope", "inplace"]);
  const slope = o.negativeSlope === undefined ? 0.01 : checkNumber(o.negativeSlope, "leakyRelu", "negative_slope");
  return apply(input, o.inplace, Act.leakyRelu, [slope, 0, 0], "leakyRelu", "leakyReluResult");
}

/** F.leaky_relu_: leakyRelu in place. */
export const leakyRelu_ = (input: Tensor, options?: Omit<LeakyReluOptions, "inplace">): Tensor =>
  leakyRelu(input, inPlaceOptions(options, "leakyRelu_", ["negativeSlope"]));

/** Keyword arguments of F.elu and F.celu. */
export interface EluOptions extends InplaceOption {
  /** The scale of the negative part (default 1). */
  alpha?: number;
}

function eluLike(fn: string, input: Tensor, options: EluOptions | undefined, kind: "elu" | "celu" | "selu"): Tensor {
  checkTensor(input, fn, "input");
  const o = opts(options, fn, kind === "selu" ? ["inplace"] : ["alpha", "inplace"]);
  const alpha = o.alpha === undefined ? 1 : checkNumber(o.alpha, fn, "alpha");
  const params: [number, number, number] =
    kind === "selu"
      ? [SELU_ALPHA * SELU_SCALE, SELU_SCALE, 1]
      : kind === "celu"
        ? [alpha, 1, 1 / alpha]
        : [alpha, 1, 1];
  if (kind === "celu") return apply(input, o.inplace, Act.elu, params, "celu", "celuResult");
  return apply(input, o.inplace, Act.elu, params, "elu", "eluResult");
}

/** x for x > 0, alpha * (exp(x) - 1) otherwise (EluBackward0; in place EluBackward1). */
export const elu = (input: Tensor, options?: EluOptions): Tensor => eluLike("elu", input, options, "elu");
/** F.elu_: elu in place. */
export const elu_ = (input: Tensor, options?: Omit<EluOptions, "inplace">): Tensor =>
  eluLike("elu_", input, inPlaceOptions(options, "elu_", ["alpha"]), "elu");
/** scale * elu(x, alpha) with PyTorch's fixed alpha and scale (EluBackward0). */
export const selu = (input: Tensor, options?: InplaceOption): Tensor => eluLike("selu", input, options, "selu");
/** torch.selu_: selu in place. */
export const selu_ = (input: Tensor): Tensor => eluLike("selu_", input, { inplace: true }, "selu");
/** max(0, x) + min(0, alpha * (exp(x / alpha) - 1)) (CeluBackward0). */
export const celu = (input: Tensor, options?: EluOptions): Tensor => eluLike("celu", input, options, "celu");
/** F.celu_: celu in place. */
export const celu_ = (input: Tensor, options?: Omit<EluOptions, "inplace">): Tensor =>
  eluLike("celu_", input, inPlaceOptions(options, "celu_", ["alpha"]), "celu");

/** Keyword arguments of F.softplus. */
export interface SoftplusOptions {
  /** Default 1. */
  beta?: number;
  /** Above beta * x > threshold the result is x (default 20). */
  threshold?: number;
}

/** log(1 + exp(beta * x)) / beta, x itself where beta * x > threshold (SoftplusBackward0). */
export function softplus(input: Tensor, options?: SoftplusOptions): Tensor {
  checkTensor(input, "softplus", "input");
  const o = opts(options, "softplus", ["beta", "threshold"]);
  const beta = o.beta === undefined ? 1 : checkNumber(o.beta, "softplus", "beta");
  const th = o.threshold === undefined ? 20 : checkNumber(o.threshold, "softplus", "threshold");
  return record("softplus", forward(Act.softplus, input, beta, th), [input], {
    op: Act.softplus,
    p: beta,
    q: th,
    r: 0,
  });
}

/** Keyword arguments of F.hardtanh. */
export interface HardtanhOptions extends InplaceOption {
  /** Default -1. */
  minVal?: number;
  /** Default 1. */
  maxVal?: number;
}

/**
 * The result `r` of an op on an integer input (computed as PyTorch does,
 * with nothing requiring grad), or, in place, `r` copied into input as the
 * in-place op `op`.
 */
function integerResult(
  input: Tensor,
  r: Tensor,
  inplace: boolean | undefined,
  op: "hardtanhResult" | "thresholdResult",
): Tensor {
  if (!inplace) return r;
  try {
    return inPlaceOp(
      input,
      [],
      () => copyInto(input, r),
      op,
      [input],
      () => ({}),
      true,
    );
  } finally {
    r.dispose();
  }
}

function hardtanhOf(input: Tensor, lo: number, hi: number, inplace: boolean | undefined): Tensor {
  if (!isFloating(input.dtype) && input.dtype !== "bool") {
    // PyTorch runs clamp on integers; nothing there requires grad.
    // The bounds become integers first, as PyTorch's Scalar does.
    const [ilo, ihi] = [Math.trunc(lo), Math.trunc(hi)];
    return integerResult(
      input,
      noGrad(() => clamp(input, ilo, ihi)),
      inplace,
      "hardtanhResult",
    );
  }
  return apply(input, inplace, Act.hardtanh, [lo, hi, 0], "hardtanh", "hardtanhResult");
}

/** x clamped to [minVal, maxVal] (HardtanhBackward0). */
export function hardtanh(input: Tensor, options?: HardtanhOptions): Tensor {
  checkTensor(input, "hardtanh", "input");
  const o = opts(options, "hardtanh", ["minVal", "maxVal", "inplace"]);
  const lo = o.minVal === undefined ? -1 : checkNumber(o.minVal, "hardtanh", "min_val");
  const hi = o.maxVal === undefined ? 1 : checkNumber(o.maxVal, "hardtanh", "max_val");
  if (lo > hi) throw new RangeError("min_val cannot be greater than max_val");
  return hardtanhOf(input, lo, hi, o.inplace);
}

/** F.hardtanh_: hardtanh in place. */
export const hardtanh_ = (input: Tensor, options?: Omit<HardtanhOptions, "inplace">): Tensor =>
  hardtanh(input, inPlaceOptions(options, "hardtanh_", ["minVal", "maxVal"]));

/** min(max(0, x), 6): hardtanh on [0, 6] (HardtanhBackward0). */
export function relu6(input: Tensor, options?: InplaceOption): Tensor {
  checkTensor(input, "relu6", "input");
  return hardtanhOf(input, 0, 6, opts(options, "relu6", ["inplace"]).inplace);
}

/** relu6(x + 3) / 6 (HardsigmoidBackward0). */
export function hardsigmoid(input: Tensor, options?: InplaceOption): Tensor {
  checkTensor(input, "hardsigmoid", "input");
  const o = opts(options, "hardsigmoid", ["inplace"]);
  return apply(input, o.inplace, Act.hardsigmoid, [0, 0, 0], "hardsigmoid", "cloneSelf");
}

/** x * relu6(x + 3) / 6 (HardswishBackward0). */
export function hardswish(input: Tensor, options?: InplaceOption): Tensor {
  checkTensor(input, "hardswish", "input");
  const o = opts(options, "hardswish", ["inplace"]);
  return apply(input, o.inplace, Act.hardswish, [0, 0, 0], "hardswish", "cloneSelf");
}

/** x * tanh(softplus(x)) (MishBackward0). */
export function mish(input: Tensor, options?: InplaceOption): Tensor {
  checkTensor(input, "mish", "input");
  const o = opts(options, "mish", ["inplace"]);
  return apply(input, o.inplace, Act.mish, [0, 0, 0], "mish", "cloneSelf");
}

/** log(sigmoid(x)), computed as min(x, 0) - log1p(exp(-|x|)) (LogSigmoidBackward0). */
export function logsigmoid(input: Tensor): Tensor {
  checkTensor(input, "logsigmoid", "input");
  return record("logSigmoidKernel", forward(Act.logSigmoid, input), [input], { op: Act.logSigmoid, p: 0, q: 0, r: 0 });
}

/** Keyword argument of F.softshrink and F.hardshrink. */
export interface ShrinkOptions {
  /** The half-width of the band mapped to 0 (default 0.5). */
  lambd?: number;
}

function shrink(fn: "softshrink" | "hardshrink", input: Tensor, lambd: number | ShrinkOptions | undefined): Tensor {
  checkTensor(input, fn, "input");
  const given = typeof lambd === "object" && lambd !== null ? opts(lambd, fn, ["lambd"]).lambd : lambd;
  const l = given === undefined ? 0.5 : checkNumber(given, fn, "lambd");
  if (fn === "softshrink" && !(l >= 0))
    throw new RangeError(`lambda must be greater or equal to 0, but found to be ${l}.`);
  const code = fn === "softshrink" ? Act.softshrink : Act.hardshrink;
  return record(fn, forward(code, input, l), [input], { op: code, p: l, q: 0, r: 0 });
}

/** x - lambd for x > lambd, x + lambd for x < -lambd, 0 between (SoftshrinkBackward0); `lambd` or `{ lambd }`, default 0.5. */
export const softshrink = (input: Tensor, lambd?: number | ShrinkOptions): Tensor => shrink("softshrink", input, lambd);
/** x where |x| > lambd, 0 elsewhere (HardshrinkBackward0); `lambd` or `{ lambd }`, default 0.5. */
export const hardshrink = (input: Tensor, lambd?: number | ShrinkOptions): Tensor => shrink("hardshrink", input, lambd);

/** `value` where x <= threshold, x elsewhere (ThresholdBackward0; in place ThresholdBackward1). */
export function threshold(input: Tensor, threshold: number, value: number, options?: InplaceOption): Tensor {
  checkTensor(input, "threshold", "input");
  checkNumber(threshold, "threshold", "threshold");
  checkNumber(value, "threshold", "value");
  const o = opts(options, "threshold", ["inplace"]);
  if (!isFloating(input.dtype) && input.dtype !== "bool") {
    const r = noGrad(() => scoped(() => where(le(input, threshold), fullLike(input, value), input)));
    return integerResult(input, r, o.inplace, "thresholdResult");
  }
  return apply(input, o.inplace, Act.threshold, [threshold, value, 0], "threshold", "thresholdResult");
}

/** F.threshold_: threshold in place. */
export const threshold_ = (input: Tensor, th: number, value: number): Tensor =>
  threshold(input, th, value, { inplace: true });

/** Keyword arguments of F.rrelu. */
export interface RreluOptions extends InplaceOption {
  /** The lower bound of the random slope (default 1/8). */
  lower?: number;
  /** The upper bound of the random slope (default 1/3). */
  upper?: number;
  /** Random slopes (true) or their mean (false, the default). */
  training?: boolean;
}

/**
 * Leaky relu with slope (lower + upper) / 2, or with training a slope drawn
 * uniformly from [lower, upper] for each negative element (from torchlet's
 * generator, so not PyTorch's numbers for the same seed)
 * (RreluWithNoiseBackward0; in place RreluWithNoiseBackward1).
 */
export function rrelu(input: Tensor, options?: RreluOptions): Tensor {
  checkTensor(input, "rrelu", "input");
  const o = opts(options, "rrelu", ["lower", "upper", "training", "inplace"]);
  const lower = o.lower === undefined ? 1 / 8 : checkNumber(o.lower, "rrelu", "lower");
  const upper = o.upper === undefined ? 1 / 3 : checkNumber(o.upper, "rrelu", "upper");
  if (!o.training) {
    checkDType(Act.leakyRelu, input.dtype);
    const slope = (lower + upper) / 2;
    return apply(input, o.inplace, Act.leakyRelu, [slope, 0, 0], "rreluWithNoise", "rreluWithNoiseResult");
  }
  checkDType(Act.leakyRelu, input.dtype);
  const noise = noGrad(() =>
    scoped(() => where(le(input, 0), uniform_(Tensor._empty(input.shape, input.dtype), lower, upper), 1)),
  );
  if (!o.inplace) {
    try {
      const out = noGrad(() => mul(input, noise));
      return record("rreluNoise", out, [input], { noise });
    } finally {
      noise.dispose();
    }
  }
  const write = (): void => {
    const r = noGrad(() => mul(input, noise));
    try {
      copyInto(input, r);
    } finally {
      r.dispose();
    }
  };
  try {
    return inPlaceOp(input, [], write, "rreluNoiseInplace", [input], () => ({ noise: clone(noise) }));
  } finally {
    noise.dispose();
  }
}

/** F.rrelu_: rrelu in place. */
export const rrelu_ = (input: Tensor, options?: Omit<RreluOptions, "inplace">): Tensor =>
  rrelu(input, inPlaceOptions(options, "rrelu_", ["lower", "upper", "training"]));

export { SELU_ALPHA, SELU_SCALE };
