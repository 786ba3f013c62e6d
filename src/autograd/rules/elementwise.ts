// Gradient rules of the elementwise ops (src/ops/binary.ts, unary.ts, compare.ts).
// Formulas follow PyTorch's derivatives.yaml / FunctionsManual.cpp, in the
// same order of operations, so float32 results round the same way.

import type { Tensor, TensorLike } from "../../tensor.js";
import type { RuleTable } from "../derivatives.js";
import { add, sub, mul, div, pow } from "../../ops/binary.js";
import { neg, sign, cos, sin } from "../../ops/unary.js";
import { eq, lt, gt, ge, le, where } from "../../ops/compare.js";
import { zerosLike } from "../../ops/creation.js";

export type ElementwiseOp =
  | "add" | "sub" | "rsub" | "mul" | "div" | "divRounded" | "pow" | "powTensor" | "remainder" | "remainderScalar"
  | "maximum" | "minimum" | "neg" | "abs" | "sign" | "sqrt" | "rsqrt" | "exp" | "log" | "log1p" | "expm1"
  | "sin" | "cos" | "tanh" | "sigmoid" | "relu" | "reciprocal" | "floor" | "ceil" | "trunc" | "round"
  | "clamp" | "clone" | "where";

interface Alpha { alpha: number }
interface SelfOther { self: TensorLike; other: TensorLike }
interface Self { self: Tensor }
interface Result { result: Tensor }

const scaled = (g: Tensor, alpha: number): Tensor => (alpha === 1 ? g : mul(g, alpha));
const zeros = (g: Tensor): Tensor => zerosLike(g);

/** where(self == other, grad / 2, grad), zeroed where `loses` holds: max/min split ties evenly. */
function tieSplit(g: Tensor, self: Tensor, other: Tensor, loses: (a: Tensor, b: Tensor) => Tensor): Tensor {
  const tie = eq(self, other);
  const half = div(g, 2);
  const shared = where(tie, half, g);
  const lost = loses(self, other);
  const out = where(lost, 0, shared);
  for (const t of [tie, half, shared, lost]) t.dispose();
  return out;
}

/** grad * (exponent * self^(exponent - 1)), zero where exponent == 0 (pow_backward). */
function powSelf(g: Tensor, self: Tensor, exponent: TensorLike): Tensor {
  if (typeof exponent === "number" || typeof exponent === "boolean") {
    const e = Number(exponent);
    if (e === 0) return zerosLike(self);
    const p = pow(self, e - 1);
    const d = mul(p, e);
    const out = mul(g, d);
    p.dispose();
    d.dispose();
    return out;
  }
  const em1 = sub(exponent, 1);
  const p = pow(self, em1);
  const d = mul(exponent, p);
  const gd = mul(g, d);
  const isZero = eq(exponent, 0);
  const out = where(isZero, 0, gd);
  for (const t of [em1, p, d, gd, isZero]) t.dispose();
  return out;
}

export const elementwiseRules: RuleTable<ElementwiseOp> = {
  add: { name: "AddBackward0", grads: [(g) => g, (g, s: Alpha) => scaled(g, s.alpha)] },
  sub: { name: "SubBackward0", grads: [(g) => g, (g, s: Alpha) => scaled(neg(g), s.alpha)] },
  rsub: { name: "RsubBackward1", grads: [(g, s: Alpha) => (s.alpha === 1 ? neg(g) : mul(g, -s.alpha))] },
  mul: {
    name: "MulBackward0",
    grads: [(g, s: SelfOther) => mul(g, s.other), (g, s: SelfOther) => mul(g, s.self)],
  },
  div: {
    name: "DivBackward0",
    grads: [
      (g, s: SelfOther) => div(g, s.other),
      // -grad * ((self / other) / other)
      (g, s: SelfOther) => {
        const q = div(s.self, s.other);
        const q2 = div(q, s.other);
        const ng = neg(g);
        const out = mul(ng, q2);
        for (const t of [q, q2, ng]) t.dispose();
        return out;
      },
    ],
  },
  divRounded: { name: "DivBackward2", grads: [zeros, zeros] },
  pow: { name: "PowBackward0", grads: [(g, s: { self: Tensor; exponent: number }) => powSelf(g, s.self, s.exponent)] },
  powTensor: {
    name: "PowBackward1",
    grads: [
      (g, s: { self: Tensor; exponent: Tensor }) => powSelf(g, s.self, s.exponent),
      // grad * where(self == 0 & exponent >= 0, 0, result * log(self))
      (g, s: { self: TensorLike; exponent: Tensor; result: Tensor }) => {
        const logSelf = typeof s.self === "number" ? Math.log(s.self) : (s.self as Tensor).log();
        const rl = mul(s.result, logSelf);
        const zeroBase = typeof s.self === "number" ? null : eq(s.self as Tensor, 0);
        const nonNeg = ge(s.exponent, 0);
        let masked = rl;
        if (zeroBase !== null) {
          const both = where(zeroBase, nonNeg, false);
          masked = where(both, 0, rl);
          both.dispose();
          zeroBase.dispose();
          rl.dispose();
        } else if (s.self === 0) {
          masked = where(nonNeg, 0, rl);
          rl.dispose();
        }
        nonNeg.dispose();
        if (typeof logSelf !== "number") logSelf.dispose();
        const out = mul(g, masked);
        masked.dispose();
        return out;
      },
    ],
  },
  remainder: {
    name: "RemainderBackward0",
    grads: [
      (g) => g,
      (g, s: SelfOther) => {
        const q = div(s.self, s.other, { roundingMode: "floor" });
        const ng = neg(g);
        const out = mul(ng, q);
        q.dispose();
        ng.dispose();
        return out;
      },
    ],
  },
  remainderScalar: { name: "RemainderBackward0", grads: [(g) => g] },
  maximum: {
    name: "MaximumBackward0",
    grads: [
      (g, s: { self: Tensor; other: Tensor }) => tieSplit(g, s.self, s.other, lt),
      (g, s: { self: Tensor; other: Tensor }) => tieSplit(g, s.self, s.other, gt),
    ],
  },
  minimum: {
    name: "MinimumBackward0",
    grads: [
      (g, s: { self: Tensor; other: Tensor }) => tieSplit(g, s.self, s.other, gt),
      (g, s: { self: Tensor; other: Tensor }) => tieSplit(g, s.self, s.other, lt),
    ],
  },
  neg: { name: "NegBackward0", grads: [(g) => neg(g)] },
  // sgn(0) == 0, so abs has gradient 0 at 0, as in PyTorch.
  abs: { name: "AbsBackward0", grads: [(g, s: Self) => withTemp(sign(s.self), (sg) => mul(g, sg))] },
  sign: { name: "SignBackward0", grads: [zeros] },
  sqrt: { name: "SqrtBackward0", grads: [(g, s: Result) => withTemp(mul(s.result, 2), (d) => div(g, d))] },
  rsqrt: {
    name: "RsqrtBackward0",
    grads: [(g, s: Result) => withTemp(mul(g, -0.5), (h) => withTemp(pow(s.result, 3), (r3) => mul(h, r3)))],
  },
  exp: { name: "ExpBackward0", grads: [(g, s: Result) => mul(g, s.result)] },
  log: { name: "LogBackward0", grads: [(g, s: Self) => div(g, s.self)] },
  log1p: { name: "Log1PBackward0", grads: [(g, s: Self) => withTemp(add(s.self, 1), (d) => div(g, d))] },
  expm1: { name: "Expm1Backward0", grads: [(g, s: Result) => withTemp(add(s.result, 1), (d) => mul(g, d))] },
  sin: { name: "SinBackward0", grads: [(g, s: Self) => withTemp(cos(s.self), (c) => mul(g, c))] },
  cos: { name: "CosBackward0", grads: [(g, s: Self) => withTemp(sin(s.self), (c) => withTemp(neg(c), (n) => mul(g, n)))] },
  // grad * (1 - y * y)
  tanh: {
    name: "TanhBackward0",
    grads: [(g, s: Result) => withTemp(mul(s.result, s.result), (y2) => withTemp(sub(1, y2), (d) => mul(g, d)))],
  },
  // grad * (1 - y) * y
  sigmoid: {
    name: "SigmoidBackward0",
    grads: [(g, s: Result) => withTemp(sub(1, s.result), (d) => withTemp(mul(g, d), (gd) => mul(gd, s.result)))],
  },
  // threshold_backward(grad, result, 0): the gradient at 0 is 0.
  relu: { name: "ReluBackward0", grads: [(g, s: Result) => withTemp(le(s.result, 0), (m) => where(m, 0, g))] },
  reciprocal: {
    name: "ReciprocalBackward0",
    grads: [(g, s: Result) => withTemp(neg(g), (ng) => withTemp(mul(s.result, s.result), (r2) => mul(ng, r2)))],
  },
  floor: { name: "FloorBackward0", grads: [zeros] },
  ceil: { name: "CeilBackward0", grads: [zeros] },
  trunc: { name: "TruncBackward0", grads: [zeros] },
  round: { name: "RoundBackward0", grads: [zeros] },
  // The gradient flows where min <= self <= max, bounds included.
  clamp: {
    name: "ClampBackward1",
    grads: [
      (g, s: { self: Tensor; min: number | null; max: number | null }) => {
        let out = g;
        const masks: Tensor[] = [];
        if (s.min !== null) masks.push(lt(s.self, s.min));
        if (s.max !== null) masks.push(gt(s.self, s.max));
        for (const m of masks) {
          const next = where(m, 0, out);
          if (out !== g) out.dispose();
          m.dispose();
          out = next;
        }
        return out;
      },
    ],
  },
  clone: { name: "CloneBackward0", grads: [(g) => g] },
  where: {
    name: "WhereBackward0",
    grads: [
      (g, s: { condition: Tensor }) => where(s.condition, g, 0),
      (g, s: { condition: Tensor }) => where(s.condition, 0, g),
    ],
  },
};

/** Runs `fn` on a temporary and disposes it afterwards. */
export function withTemp<R>(t: Tensor, fn: (t: Tensor) => R): R {
  try {
    return fn(t);
  } finally {
    t.dispose();
  }
}
