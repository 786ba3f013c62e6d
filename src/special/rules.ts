// Gradient rules of torch.special's own functions (./ops.ts), PyTorch
// 1.13's formulas from derivatives.yaml and FunctionsManual.cpp, in their
// order of operations.

import type { Tensor } from "../tensor.js";
import { register, selfOtherRule, type SpecialOp } from "../autograd/registry.js";
import { add, sub, mul, div } from "../ops/binary.js";
import { abs, neg, exp, log, sign, square } from "../ops/unary.js";
import { digamma } from "../ops/unaryMath.js";
import { zerosLike } from "../ops/creation.js";
import { gt, eq, le, where } from "../ops/compare.js";
import { logicalAnd } from "../ops/logic.js";
import { arange } from "../ops/ranges.js";
import { unsqueeze } from "../ops/views.js";
import { sum } from "../ops/reduce.js";
import { i0, i0e, i1e as i1eOp, i1 as i1Op, xlog1py, zeta } from "./ops.js";

interface SelfResult {
  self: Tensor;
  result: Tensor;
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** PyTorch's i1_backward / i1e_backward: 0.5 where |x| <= eps (the limit at 0), `gradx` of a safe x elsewhere. */
function besselGrad(g: Tensor, s: SelfResult, gradx: (x: Tensor) => Tensor): Tensor {
  const eps = s.self.dtype === "float64" ? 2 ** -52 : 2 ** -23;
  const notTiny = gt(abs(s.self), eps);
  const safe = where(notTiny, s.self, eps);
  return mul(g, where(notTiny, gradx(safe), 0.5));
}

/** xlog1py's grad w.r.t. self: xlog1py(grad, other), 0 where self is 0 and other <= -1. */
function xlog1pySelfGrad(g: Tensor, self: Tensor, other: Tensor | number): Tensor {
  const grad = xlog1py(g, other);
  if (typeof other === "number") return other <= -1 ? where(eq(self, 0), 0, grad) : grad;
  return where(logicalAnd(eq(self, 0), le(other, -1)), 0, grad);
}

const zetaSelf = (): Tensor => {
  throw new Error("the derivative for 'zeta' is not implemented.");
};

export const specialRules = register<SpecialOp>({
  // (2 * self * result - 2 / sqrt(pi)) * grad
  specialErfcx: {
    name: "SpecialErfcxBackward0",
    save: { self: 0, result: "result" },
    grads: [(g, s: SelfResult) => mul(sub(mul(mul(s.self, 2), s.result), 2 / Math.sqrt(Math.PI)), g)],
  },
  // grad * sqrt(2 pi) * exp(result^2 / 2)
  specialNdtri: {
    name: "SpecialNdtriBackward0",
    save: { result: "result" },
    grads: [(g, s: { result: Tensor }) => mul(mul(g, SQRT_2PI), exp(div(square(s.result), 2)))],
  },
  // grad / sqrt(2 pi) * exp(-(result + self^2 / 2))
  specialLogNdtr: {
    name: "SpecialLogNdtrBackward0",
    save: { self: 0, result: "result" },
    grads: [(g, s: SelfResult) => mul(div(g, SQRT_2PI), exp(neg(add(s.result, div(square(s.self), 2)))))],
  },
  // ndtr's node: d/dx (1 + erf(x / sqrt 2)) / 2 = exp(-x^2 / 2) / sqrt(2 pi)
  specialNdtr: {
    name: "MulBackward1",
    save: { self: 0 },
    grads: [(g, s: { self: Tensor }) => mul(g, div(exp(neg(div(square(s.self), 2))), SQRT_2PI))],
  },
  // grad * i1(self)
  i0: {
    name: "I0Backward0",
    save: { self: 0 },
    grads: [(g, s: { self: Tensor }) => mul(g, i1Op(s.self))],
  },
  // grad * (i1e(self) - sgn(self) * result)
  specialI0e: {
    name: "SpecialI0EBackward0",
    save: { self: 0, result: "result" },
    grads: [(g, s: SelfResult) => mul(g, sub(i1eOp(s.self), mul(sign(s.self), s.result)))],
  },
  // grad * (i0(x) - result / x), 0.5 at 0
  specialI1: {
    name: "SpecialI1Backward0",
    save: { self: 0, result: "result" },
    grads: [(g, s: SelfResult) => besselGrad(g, s, (x) => sub(i0(x), div(s.result, x)))],
  },
  // grad * (i0e(x) - result * (sgn(x) + 1 / x)), 0.5 at 0
  specialI1e: {
    name: "SpecialI1EBackward0",
    save: { self: 0, result: "result" },
    grads: [(g, s: SelfResult) => besselGrad(g, s, (x) => sub(i0e(x), mul(s.result, add(sign(x), div(1, x)))))],
  },
  // grad * -(1 + log(self))
  specialEntr: {
    name: "SpecialEntrBackward0",
    save: { self: 0 },
    grads: [(g, s: { self: Tensor }) => mul(g, neg(add(log(s.self), 1)))],
  },
  specialXlog1py: selfOtherRule("SpecialXlog1PyBackward0", [
    xlog1pySelfGrad,
    // grad * self / (other + 1)
    (g, self, other) => div(mul(g, self), add(other, 1)),
  ]),
  specialXlog1pyScalarSelf: {
    name: "SpecialXlog1PyBackward1",
    save: { other: 0 },
    grads: [(g, s: { self: number; other: Tensor }) => div(mul(g, s.self), add(s.other, 1))],
  },
  specialXlog1pyScalarOther: {
    name: "SpecialXlog1PyBackward2",
    save: { self: 0 },
    grads: [(g, s: { self: Tensor; other: number }) => xlog1pySelfGrad(g, s.self, s.other)],
  },
  // self: not implemented; other: grad * -self * zeta(self + 1, other)
  specialZeta: selfOtherRule("SpecialZetaBackward0", [
    zetaSelf,
    (g, self, other) => mul(mul(g, neg(self)), zeta(add(self, 1), other)),
  ]),
  specialZetaScalarSelf: {
    name: "SpecialZetaBackward1",
    save: { other: 0 },
    grads: [(g, s: { self: number; other: Tensor }) => mul(mul(g, -s.self), zeta(s.self + 1, s.other))],
  },
  specialZetaScalarOther: {
    name: "SpecialZetaBackward2",
    grads: [zetaSelf],
  },
  // grad * sum_i digamma(self - i / 2), i = 0 .. p - 1
  mvlgamma: {
    name: "MvlgammaBackward0",
    save: { self: 0 },
    grads: [
      (g, s: { self: Tensor; p: number }) => {
        const args = arange(-s.p / 2 + 0.5, 0.5, 0.5, { dtype: s.self.dtype });
        return mul(g, sum(digamma(add(args, unsqueeze(s.self, -1))), -1));
      },
    ],
  },
  roundDecimals: { name: "RoundBackward1", grads: [(g) => zerosLike(g)] },
});
