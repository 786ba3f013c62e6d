// Gradient rules of the elementwise ops (src/ops/binary.ts, unary.ts,
// clamp.ts, compare.ts, inplace.ts). Formulas follow PyTorch 1.13's
// derivatives.yaml / FunctionsManual.cpp in the same order of operations, so
// float32 results round the same way. Every formula is written with
// torchlet ops (createGraph records it for double backward); the engine
// frees its temporaries.

import type { Tensor, TensorLike } from "../../tensor.js";
import { register, selfOtherRule, type ElementwiseOp, type Rule } from "../registry.js";
import { add, sub, mul, div, pow } from "../../ops/binary.js";
import { neg, sign, cos, sin, log, exp, square } from "../../ops/unary.js";
import { eq, lt, gt, ge, le, where } from "../../ops/compare.js";
import { zerosLike } from "../../ops/creation.js";
import { sum } from "../../ops/reduce.js";

interface Alpha {
  alpha: number;
  reflected?: boolean;
}
interface SelfOther {
  self: TensorLike;
  other: TensorLike;
}
interface Self {
  self: Tensor;
}
interface Result {
  result: Tensor;
}
interface ClampScalar {
  self: Tensor;
  min: number | null;
  max: number | null;
}
interface ClampTensor {
  self: Tensor;
  min: TensorLike | null;
  max: TensorLike | null;
}

const scaled = (g: Tensor, alpha: number): Tensor => (alpha === 1 ? g : mul(g, alpha));
const zeros = (g: Tensor): Tensor => zerosLike(g);
/** maybe_multiply(-grad, alpha) */
const negScaled = (g: Tensor, alpha: number): Tensor => (alpha === 1 ? neg(g) : mul(neg(g), alpha));

/** a AND b for bool tensors. */
const and = (a: Tensor, b: Tensor): Tensor => where(a, b, false);
/** a OR b for bool tensors. */
const or = (a: Tensor, b: Tensor): Tensor => where(a, true, b);

/** at::where(self == other, grad / 2, grad).masked_fill_(loses(self, other), 0): max/min split ties evenly. */
function tieSplit(g: Tensor, self: Tensor, other: Tensor, loses: (a: Tensor, b: Tensor) => Tensor): Tensor {
  const shared = where(eq(self, other), div(g, 2), g);
  return where(loses(self, other), 0, shared);
}

type Compare = (a: Tensor, b: Tensor) => Tensor;
/** maximum / minimum: self's grad is zero where `selfLoses`, other's where `otherLoses`, ties split. */
const tieSplitRule = (name: string, selfLoses: Compare, otherLoses: Compare): Rule =>
  selfOtherRule(name, [(g, a, b) => tieSplit(g, a, b, selfLoses), (g, a, b) => tieSplit(g, a, b, otherLoses)]);

/** pow_backward / pow_backward_self: grad * (exponent * self^(exponent - 1)), zero where exponent == 0. */
function powSelf(g: Tensor, self: Tensor, exponent: TensorLike): Tensor {
  if (typeof exponent !== "object") {
    const e = Number(exponent);
    if (e === 0) return zerosLike(self);
    return mul(g, mul(pow(self, e - 1), e));
  }
  const gd = mul(g, mul(exponent, pow(self, sub(exponent, 1))));
  return where(eq(exponent, 0), 0, gd);
}

/** pow_backward_exponent: grad * where(self == 0 & exponent >= 0, 0, result * log(self)). */
function powExponent(g: Tensor, self: TensorLike, exponent: Tensor, result: Tensor): Tensor {
  if (typeof self !== "object") {
    const base = Number(self);
    const rl = mul(result, Math.log(base));
    if (base !== 0) return mul(g, rl);
    return mul(g, where(ge(exponent, 0), 0, rl));
  }
  const rl = mul(result, log(self));
  const cond = and(eq(self, 0), ge(exponent, 0));
  return mul(g, where(cond, 0, rl));
}

/** clamp_backward: the gradient flows where min <= self <= max (bounds included, NaN excluded). */
function clampSelf(g: Tensor, self: Tensor, min: TensorLike | null, max: TensorLike | null): Tensor {
  if (min !== null && max !== null) return where(and(ge(self, min), le(self, max)), g, 0);
  if (min !== null) return where(ge(self, min), g, 0);
  if (max !== null) return where(le(self, max), g, 0);
  return g;
}

export const elementwiseRules = register<ElementwiseOp>({
  // `2 + x` keeps x as the first edge (reflected), so alpha then applies to it.
  add: {
    name: "AddBackward0",
    grads: [(g, s: Alpha) => (s.reflected ? scaled(g, s.alpha) : g), (g, s: Alpha) => scaled(g, s.alpha)],
  },
  sub: { name: "SubBackward0", grads: [(g) => g, (g, s: Alpha) => negScaled(g, s.alpha)] },
  rsub: { name: "RsubBackward1", grads: [(g, s: Alpha) => negScaled(g, s.alpha)] },
  // As PyTorch, each side is saved only when the other side's grad needs it.
  mul: {
    name: "MulBackward0",
    save: { self: { input: 0, neededBy: 1 }, other: { input: 1, neededBy: 0 } },
    grads: [(g, s: SelfOther) => mul(g, s.other), (g, s: SelfOther) => mul(g, s.self)],
  },
  div: {
    name: "DivBackward0",
    save: { self: { input: 0, neededBy: 1 }, other: 1 },
    grads: [
      (g, s: SelfOther) => div(g, s.other),
      // -grad * ((self / other) / other)
      (g, s: SelfOther) => {
        const q2 = div(div(s.self, s.other), s.other);
        return mul(neg(g), q2);
      },
    ],
  },
  divRounded: { name: "DivBackward2", grads: [zeros, zeros] },
  pow: {
    name: "PowBackward0",
    save: { self: 0 },
    grads: [(g, s: { self: Tensor; exponent: number }) => powSelf(g, s.self, s.exponent)],
  },
  powTensor: {
    name: "PowBackward1",
    save: { self: 0, exponent: 1, result: "result" },
    grads: [
      (g, s: { self: Tensor; exponent: Tensor }) => powSelf(g, s.self, s.exponent),
      (g, s: { self: Tensor; exponent: Tensor; result: Tensor }) => powExponent(g, s.self, s.exponent, s.result),
    ],
  },
  powScalarBase: {
    name: "PowBackward2",
    save: { exponent: 0, result: "result" },
    grads: [(g, s: { base: number; exponent: Tensor; result: Tensor }) => powExponent(g, s.base, s.exponent, s.result)],
  },
  remainder: {
    name: "RemainderBackward1",
    save: { self: 0, other: 1 },
    grads: [
      (g) => g,
      // -grad * self.div(other, rounding_mode="floor")
      (g, s: SelfOther) => {
        const q = div(s.self, s.other, { roundingMode: "floor" });
        return mul(neg(g), q);
      },
    ],
  },
  remainderScalar: { name: "RemainderBackward0", grads: [(g) => g] },
  // PyTorch 1.13 has no formula for remainder(Scalar, Tensor); its node is named NotImplemented.
  remainderScalarSelf: {
    name: "NotImplemented",
    grads: [
      () => {
        throw new Error("derivative for aten::remainder is not implemented");
      },
    ],
  },
  maximum: tieSplitRule("MaximumBackward0", lt, gt),
  minimum: tieSplitRule("MinimumBackward0", gt, lt),
  neg: { name: "NegBackward0", grads: [(g) => neg(g)] },
  // sgn(0) == 0, so abs has gradient 0 at 0, as in PyTorch.
  abs: { name: "AbsBackward0", save: { self: 0 }, grads: [(g, s: Self) => mul(g, sign(s.self))] },
  sign: { name: "SignBackward0", grads: [zeros] },
  // grad / (2 * result): infinite at 0, as in PyTorch.
  sqrt: { name: "SqrtBackward0", save: { result: "result" }, grads: [(g, s: Result) => div(g, mul(s.result, 2))] },
  // -0.5 * grad * result^3
  rsqrt: {
    name: "RsqrtBackward0",
    save: { result: "result" },
    grads: [
      (g, s: Result) => {
        const h = mul(g, -0.5);
        return mul(h, pow(s.result, 3));
      },
    ],
  },
  exp: { name: "ExpBackward0", save: { result: "result" }, grads: [(g, s: Result) => mul(g, s.result)] },
  log: { name: "LogBackward0", save: { self: 0 }, grads: [(g, s: Self) => div(g, s.self)] },
  log1p: { name: "Log1PBackward0", save: { self: 0 }, grads: [(g, s: Self) => div(g, add(s.self, 1))] },
  expm1: { name: "Expm1Backward0", save: { result: "result" }, grads: [(g, s: Result) => mul(g, add(s.result, 1))] },
  // 2 / sqrt(pi) * exp(-(self^2)) * grad
  erf: {
    name: "ErfBackward0",
    save: { self: 0 },
    grads: [(g, s: Self) => mul(mul(exp(neg(square(s.self))), 2 / Math.sqrt(Math.PI)), g)],
  },
  sin: { name: "SinBackward0", save: { self: 0 }, grads: [(g, s: Self) => mul(g, cos(s.self))] },
  cos: { name: "CosBackward0", save: { self: 0 }, grads: [(g, s: Self) => mul(g, neg(sin(s.self)))] },
  // tanh_backward: grad * (1 - y * y)
  tanh: {
    name: "TanhBackward0",
    save: { result: "result" },
    grads: [(g, s: Result) => mul(g, sub(1, mul(s.result, s.result)))],
  },
  // sigmoid_backward: grad * (1 - y) * y
  sigmoid: {
    name: "SigmoidBackward0",
    save: { result: "result" },
    grads: [(g, s: Result) => mul(mul(g, sub(1, s.result)), s.result)],
  },
  // threshold_backward(grad, result, 0): the gradient at 0 is 0.
  relu: { name: "ReluBackward0", save: { result: "result" }, grads: [(g, s: Result) => where(le(s.result, 0), 0, g)] },
  // -grad * (result * result)
  reciprocal: {
    name: "ReciprocalBackward0",
    save: { result: "result" },
    grads: [
      (g, s: Result) => {
        const ng = neg(g);
        return mul(ng, mul(s.result, s.result));
      },
    ],
  },
  floor: { name: "FloorBackward0", grads: [zeros] },
  ceil: { name: "CeilBackward0", grads: [zeros] },
  trunc: { name: "TruncBackward0", grads: [zeros] },
  round: { name: "RoundBackward0", grads: [zeros] },
  clamp: {
    name: "ClampBackward1",
    save: { self: 0 },
    grads: [(g, s: ClampScalar) => clampSelf(g, s.self, s.min, s.max)],
  },
  // clamp_backward_min_max: a bound gets the gradient where it is the one that binds.
  clampTensor: {
    name: "ClampBackward0",
    save: { self: 0, min: 1, max: 2 },
    grads: [
      (g, s: ClampTensor) => clampSelf(g, s.self, s.min, s.max),
      (g, s: ClampTensor) => {
        const below = lt(s.self, s.min!);
        if (s.max === null) return where(below, g, 0);
        return where(and(below, lt(s.min!, s.max)), g, 0);
      },
      (g, s: ClampTensor) => {
        const above = gt(s.self, s.max!);
        if (s.min === null) return where(above, g, 0);
        return where(or(above, lt(s.max!, s.min)), g, 0);
      },
    ],
  },
  clone: { name: "CloneBackward0", grads: [(g) => g] },
  // The engine's copy of a first gradient into .grad under createGraph (PyTorch's AccumulateGrad does the same).
  gradCopy: { name: "CopyBackwards", grads: [(g) => g] },
  // The engine casts the grad back to the input's dtype.
  toCopy: { name: "ToCopyBackward0", grads: [(g) => g] },
  where: {
    name: "WhereBackward0",
    grads: [
      (g, s: { condition: Tensor }) => where(s.condition, g, 0),
      (g, s: { condition: Tensor }) => where(s.condition, 0, g),
    ],
  },
  // In-place writes: the old value of self gets no gradient.
  zero: { name: "ZeroBackward0", grads: [zeros] },
  fill: { name: "FillBackward2", grads: [zeros] },
  fillTensor: { name: "FillBackward3", grads: [zeros, (g) => sum(g)] },
  copy: { name: "CopyBackwards", grads: [zeros, (g) => g] },
  // Random in-place fills: the values no longer depend on the old ones.
  uniform: { name: "UniformBackward0", grads: [zeros] },
  normal: { name: "NormalBackward0", grads: [zeros] },
  bernoulli: { name: "BernoulliBackward2", grads: [zeros] },
});
