// Gradient rules of the binary math ops (src/ops/binaryMath.ts): PyTorch
// 1.13's derivatives.yaml formulas in their order of operations. A number
// operand is saved as a number and gets no edge. floor_divide and heaviside
// have no formula in PyTorch: their node is NotImplemented and refuses
// backward.

import type { Tensor } from "../../tensor.js";
import { register, selfOtherRule, type BmathOp, type Rule, type SelfOther } from "../registry.js";
import { add, sub, mul, div, pow } from "../../ops/binary.js";
import { neg, exp, abs, reciprocal } from "../../ops/unary.js";
import { eq, ne, ge, le, lt, where } from "../../ops/compare.js";
import { zerosLike } from "../../ops/creation.js";

interface Hypot extends SelfOther {
  result: Tensor;
}
interface Copysign {
  self: Tensor;
  result: Tensor;
}
interface Lerp {
  self: Tensor;
  end: Tensor;
  weight: Tensor;
}

/** atan2_backward: recip = 1 / (self^2 + other^2); grad * other * recip and grad * -self * recip. */
const atan2Recip = (s: SelfOther): Tensor => reciprocal(add(mul(s.self, s.self), mul(s.other, s.other)));

/** copysign_tensor_self_backward: grad * (result / self), 0 where self == 0. */
function copysignSelf(g: Tensor, s: Copysign): Tensor {
  const ratio = where(eq(s.self, 0), 0, div(s.result, s.self));
  return mul(g, ratio);
}

/** grad.masked_fill(mask, 0) */
const maskedZero = (g: Tensor, mask: Tensor): Tensor => where(mask, 0, g);
/** (self >= other) | isnan(other) for fmax, with <= for fmin. */
function fmaxKeeps(s: SelfOther, cmp: typeof ge): Tensor {
  return where(cmp(s.self, s.other), true, ne(s.other, s.other));
}

/** fmax (cmp >=) / fmin (<=): the grad goes to self where it is kept, to other elsewhere. */
const fmaxRule = (name: string, cmp: typeof ge): Rule =>
  selfOtherRule(name, [
    (g, self, other) => maskedZero(g, eq(fmaxKeeps({ self, other }, cmp), false)),
    (g, self, other) => maskedZero(g, fmaxKeeps({ self, other }, cmp)),
  ]);

/** PyTorch names a node without a formula NotImplemented; its backward throws. */
const notImplemented = {
  name: "NotImplemented",
  grads: (_g: Tensor, s: { fn: string }): Tensor => {
    throw new Error(`derivative for aten::${s.fn} is not implemented`);
  },
};

export const bmathRules = register<BmathOp>({
  atan2: {
    name: "Atan2Backward0",
    save: { self: 0, other: 1 },
    grads: [
      (g, s: SelfOther) => mul(mul(g, s.other), atan2Recip(s)),
      (g, s: SelfOther) => mul(mul(g, neg(s.self)), atan2Recip(s)),
    ],
  },
  fmod: {
    name: "FmodBackward1",
    save: { self: { input: 0, neededBy: 1 }, other: { input: 1, neededBy: 1 } },
    // other: -grad * self.div(other, rounding_mode="trunc")
    grads: [(g) => g, (g, s: SelfOther) => mul(neg(g), div(s.self, s.other, { roundingMode: "trunc" }))],
  },
  fmodScalar: { name: "FmodBackward0", grads: [(g) => g] },
  hypot: {
    name: "HypotBackward0",
    save: { self: 0, other: 1, result: "result" },
    grads: [(g, s: Hypot) => div(mul(g, s.self), s.result), (g, s: Hypot) => div(mul(g, s.other), s.result)],
  },
  logaddexp: {
    name: "LogaddexpBackward0",
    save: { self: 0, other: 1 },
    grads: [
      (g, s: SelfOther) => div(g, add(exp(sub(s.other, s.self)), 1)),
      (g, s: SelfOther) => div(g, add(exp(sub(s.self, s.other)), 1)),
    ],
  },
  logaddexp2: {
    name: "Logaddexp2Backward0",
    save: { self: 0, other: 1 },
    grads: [
      (g, s: SelfOther) => div(g, add(pow(2, sub(s.other, s.self)), 1)),
      (g, s: SelfOther) => div(g, add(pow(2, sub(s.self, s.other)), 1)),
    ],
  },
  // xlogy(Scalar self, Tensor other): grad * self / other
  xlogyScalarSelf: {
    name: "XlogyBackward1",
    save: { other: 0 },
    grads: [(g, s: { self: number; other: Tensor }) => div(mul(g, s.self), s.other)],
  },
  // xlogy(Tensor self, Scalar other): grad * at::xlogy(self != 0, other)
  xlogyScalarOther: {
    name: "XlogyBackward2",
    save: { self: 0, other: 1 },
    grads: [
      (g, s: { self: Tensor; other: number }) => {
        const o = s.other;
        const lg = Number.isNaN(o) ? NaN : Math.log(o);
        return mul(g, where(ne(s.self, 0), lg, 0));
      },
    ],
  },
  copysign: {
    name: "CopysignBackward0",
    save: { self: 0, result: "result" },
    grads: [copysignSelf, (g) => zerosLike(g)],
  },
  copysignScalar: { name: "CopysignBackward1", save: { self: 0, result: "result" }, grads: [copysignSelf] },
  fmax: fmaxRule("FmaxBackward0", ge),
  fmin: fmaxRule("FminBackward0", le),
  lerpScalar: {
    name: "LerpBackward0",
    grads: [(g, s: { weight: number }) => mul(g, 1 - s.weight), (g, s: { weight: number }) => mul(g, s.weight)],
  },
  lerpTensor: {
    name: "LerpBackward1",
    save: { self: 0, end: 1, weight: 2 },
    grads: [
      (g, s: Lerp) => mul(g, sub(1, s.weight)),
      (g, s: Lerp) => mul(g, s.weight),
      (g, s: Lerp) => mul(g, sub(s.end, s.self)),
    ],
  },
  // grad * at::isfinite(self)
  nanToNum: {
    name: "NanToNumBackward0",
    save: { self: 0 },
    grads: [(g, s: { self: Tensor }) => mul(g, lt(abs(s.self), Infinity))],
  },
  floorDivide: notImplemented,
  heaviside: notImplemented,
});
