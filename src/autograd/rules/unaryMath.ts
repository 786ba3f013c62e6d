// Gradient rules of the unary math ops of issue 17 (src/ops/unaryMath.ts),
// PyTorch 1.13's derivatives.yaml formulas in their order of operations,
// written with ops so createGraph differentiates them again.

import type { Tensor } from "../../tensor.js";
import { register } from "../registry.js";
import { add, sub, mul, div, pow } from "../../ops/binary.js";
import { neg, exp, rsqrt, sin, cos } from "../../ops/unary.js";
import { eq, ge, le, where } from "../../ops/compare.js";
import { erfinv, sinh, cosh, digamma, polygamma } from "../../ops/unaryMath.js";

interface Self {
  self: Tensor;
}
interface Result {
  result: Tensor;
}

const SQRT_PI = Math.sqrt(Math.PI);

/** sqrt(1 - self^2)^-1 as PyTorch writes it: (-self * self + 1).rsqrt(). */
const rsqrtOneMinusSquare = (self: Tensor): Tensor => rsqrt(add(mul(neg(self), self), 1));

/** infinitely_differentiable_logit_backward: grad / (self (1 - self)) inside [lo, hi], else 0 (eps) or NaN (no eps). */
function logitGrad(g: Tensor, self: Tensor, eps: number | null): Tensor {
  const lo = eps ?? 0;
  const hi = 1 - lo;
  const inside = where(ge(self, lo), le(self, hi), false);
  const d = div(g, mul(self, sub(1, self)));
  return where(inside, d, eps === null ? NaN : 0);
}

/** sinc_backward: grad * (pi x cos(pi x) - sin(pi x)) / (pi x^2), 0 where x == 0. */
function sincGrad(g: Tensor, self: Tensor): Tensor {
  const selfPi = mul(self, Math.PI);
  const selfSquaredPi = mul(mul(self, self), Math.PI);
  const num = sub(mul(selfPi, cos(selfPi)), sin(selfPi));
  const out = div(mul(g, num), selfSquaredPi);
  return where(eq(selfSquaredPi, 0), 0, out);
}

/** PyTorch 1.13 has no formula for these in-place forms (derivatives.yaml's not_implemented). */
const notImplemented = (name: string, what: string) => ({
  name,
  grads: [
    (): Tensor => {
      throw new Error(`the derivative for '${what}' is not implemented.`);
    },
  ],
});

export const umathRules = register({
  // -2 / sqrt(pi) * exp(-(self^2)) * grad
  erfc: {
    name: "ErfcBackward0",
    save: { self: 0 },
    grads: [(g, s: Self) => mul(mul(exp(neg(pow(s.self, 2))), -2 / SQRT_PI), g)],
  },
  // 0.5 * sqrt(pi) * exp(self.erfinv()^2) * grad
  erfinv: {
    name: "ErfinvBackward0",
    save: { self: 0 },
    grads: [(g, s: Self) => mul(mul(exp(pow(erfinv(s.self), 2)), 0.5 * SQRT_PI), g)],
  },
  tan: {
    name: "TanBackward0",
    save: { result: "result" },
    grads: [(g, s: Result) => mul(g, add(pow(s.result, 2), 1))],
  },
  asin: { name: "AsinBackward0", save: { self: 0 }, grads: [(g, s: Self) => mul(g, rsqrtOneMinusSquare(s.self))] },
  acos: {
    name: "AcosBackward0",
    save: { self: 0 },
    grads: [(g, s: Self) => mul(g, neg(rsqrtOneMinusSquare(s.self)))],
  },
  atan: { name: "AtanBackward0", save: { self: 0 }, grads: [(g, s: Self) => div(g, add(mul(s.self, s.self), 1))] },
  sinh: { name: "SinhBackward0", save: { self: 0 }, grads: [(g, s: Self) => mul(g, cosh(s.self))] },
  cosh: { name: "CoshBackward0", save: { self: 0 }, grads: [(g, s: Self) => mul(g, sinh(s.self))] },
  asinh: {
    name: "AsinhBackward0",
    save: { self: 0 },
    grads: [(g, s: Self) => mul(g, rsqrt(add(pow(s.self, 2), 1)))],
  },
  acosh: {
    name: "AcoshBackward0",
    save: { self: 0 },
    grads: [(g, s: Self) => mul(g, rsqrt(sub(pow(s.self, 2), 1)))],
  },
  // grad * 1 / (1 - self^2)
  atanh: {
    name: "AtanhBackward0",
    save: { self: 0 },
    grads: [(g, s: Self) => div(g, sub(1, pow(s.self, 2)))],
  },
  log2: { name: "Log2Backward0", save: { self: 0 }, grads: [(g, s: Self) => div(g, mul(s.self, Math.LN2))] },
  log10: { name: "Log10Backward0", save: { self: 0 }, grads: [(g, s: Self) => div(g, mul(s.self, Math.LN10))] },
  exp2: {
    name: "Exp2Backward0",
    save: { result: "result" },
    grads: [(g, s: Result) => mul(mul(g, s.result), Math.LN2)],
  },
  lgamma: { name: "LgammaBackward0", save: { self: 0 }, grads: [(g, s: Self) => mul(g, digamma(s.self))] },
  digamma: { name: "DigammaBackward0", save: { self: 0 }, grads: [(g, s: Self) => mul(g, polygamma(1, s.self))] },
  polygamma: {
    name: "PolygammaBackward0",
    save: { self: 0 },
    grads: [(g, s: { self: Tensor; n: number }) => mul(g, polygamma(s.n + 1, s.self))],
  },
  sinc: { name: "SincBackward0", save: { self: 0 }, grads: [(g, s: Self) => sincGrad(g, s.self)] },
  deg2rad: { name: "Deg2RadBackward0", grads: [(g) => mul(g, Math.PI / 180)] },
  rad2deg: { name: "Rad2DegBackward0", grads: [(g) => mul(g, 180 / Math.PI)] },
  logit: {
    name: "LogitBackward0",
    save: { self: 0 },
    grads: [(g, s: { self: Tensor; eps: number | null }) => logitGrad(g, s.self, s.eps)],
  },
  frac: { name: "FracBackward0", grads: [(g) => g] },
  // The in-place forms PyTorch names apart.
  asinhInplace: notImplemented("AsinhBackward1", "inplace version of asinh"),
  acoshInplace: notImplemented("AcoshBackward1", "inplace version of acosh"),
  atanhInplace: notImplemented("AtanhBackward1", "inplace version of atanh"),
  polygammaInplace: {
    name: "PolygammaBackward1",
    save: { self: 0 },
    grads: [(g, s: { self: Tensor; n: number }) => mul(g, polygamma(s.n + 1, s.self))],
  },
});
