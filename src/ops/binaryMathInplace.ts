// The in-place forms of the binary math ops (atan2_, fmod_, hypot_, ...) and
// the Tensor methods of binaryMath.ts. PyTorch has no logaddexp_,
// logaddexp2_, fmax_ or fmin_, so neither does torchlet. An in-place op
// computes its values out of place, then writes them into self: the
// operands may overlap self in any way. Rules that read self get a copy of
// its old value (PyTorch's original_self).

import { Tensor, type TensorLike } from "../tensor.js";
import { addMethods, addMethodsOf } from "../methods.js";
import { broadcastShapes, sameShape, showShape } from "../shape.js";
import { isFloating } from "../dtype.js";
import type { OpName } from "../autograd/registry.js";
import { checkCast, copyInto, filledBy, resultTypeOf } from "./launch.js";
import { clone } from "./unary.js";
import { inPlaceOp } from "./inplace.js";
import {
  arctan2,
  atan2,
  checkLerp,
  copysign,
  floorDivide,
  fmax,
  fmin,
  fmod,
  heaviside,
  hypot,
  lerp,
  lerpForward,
  logaddexp,
  logaddexp2,
  mathDType,
  mathForward,
  mathOperands,
  mathSpecs,
  nanToNum,
  nanToNumArgs,
  nanToNumInto,
  xlogy,
  type MathName,
  type NanToNumOptions,
} from "./binaryMath.js";

/** PyTorch's "output with shape ... doesn't match the broadcast shape ..." check. */
function checkFits(self: Tensor, shapes: readonly (readonly number[])[]): void {
  let b = self.shape as readonly number[];
  for (const s of shapes) b = broadcastShapes(b, s);
  if (!sameShape(b, self.shape))
    throw new RangeError(
      `output with shape ${showShape(self.shape)} doesn't match the broadcast shape ${showShape(b)}`,
    );
}

const tensorOf = (v: TensorLike): Tensor | null => (v instanceof Tensor ? v : null);
const shapeOf = (v: TensorLike): readonly number[] => (v instanceof Tensor ? v.shape : []);

/** The node an in-place op records, its inputs, and whether its rule saves the result. */
function nodeOf(name: MathName, self: Tensor, other: TensorLike): [OpName, (TensorLike | null)[], boolean] {
  const scalar = !(other instanceof Tensor);
  switch (name) {
    case "fmod":
      return [scalar ? "fmodScalar" : "fmod", [self, other], false];
    case "copysign":
      return [scalar ? "copysignScalar" : "copysign", [self, other], true];
    case "xlogy":
      return [scalar ? "xlogyScalarOther" : "xlogy", [self, other], false];
    case "hypot":
      return ["hypot", [self, other], true];
    default:
      return [name as OpName, [self, other], false];
  }
}

/** self = name(self, other), in place. */
function mathInplace(name: MathName, self: unknown, other: unknown): Tensor {
  const s = mathSpecs[name];
  const op = `${s.name}_`;
  const [a, b] = mathOperands({ ...s, name: op }, self, other);
  checkFits(a, [shapeOf(b)]);
  const dtype = mathDType(s, resultTypeOf([a, b]));
  checkCast(dtype, a.dtype);
  const [node, inputs, savesResult] = nodeOf(name, a, b);
  const extra: Record<string, unknown> = name === "floorDivide" || name === "heaviside" ? { fn: op } : {};
  return inPlaceOp(
    a,
    [tensorOf(b)],
    () => {
      const values = mathForward(s, a, b, dtype);
      try {
        copyInto(a, values);
      } finally {
        values.dispose();
      }
    },
    node,
    inputs,
    () => (isFloating(a.dtype) ? { ...extra, self: clone(a) } : extra),
    savesResult,
  );
}

/** The ops whose in-place methods (`atan2_`, ...) run mathInplace; arctan2_ is atan2_. */
const inPlaceMath = ["atan2", "fmod", "hypot", "xlogy", "copysign", "heaviside", "floorDivide"] as const;

/** Tensor.lerp_: self = lerp(self, end, weight), in place. */
export function lerp_(self: Tensor, end: Tensor, weight: TensorLike): Tensor {
  checkLerp("lerp_", self, end, weight);
  const w = tensorOf(weight);
  checkFits(self, [end.shape, shapeOf(weight)]);
  const tensorWeight = w !== null;
  return inPlaceOp(
    self,
    [end, w],
    () => {
      const values = lerpForward(self, end, weight);
      try {
        copyInto(self, values);
      } finally {
        values.dispose();
      }
    },
    tensorWeight ? "lerpTensor" : "lerpScalar",
    tensorWeight ? [self, end, w] : [self, end],
    () => (tensorWeight ? { self: clone(self) } : { weight: Number(weight) }),
  );
}

/** Tensor.nan_to_num_: nan_to_num in place (integer and bool tensors are left as they are). */
export function nanToNum_(self: Tensor, opts?: NanToNumOptions): Tensor {
  if (!(self instanceof Tensor)) throw new TypeError("nan_to_num_(): self must be a Tensor");
  self._check();
  const args = nanToNumArgs("nan_to_num_", opts, self.dtype);
  const float = isFloating(self.dtype);
  return inPlaceOp(
    self,
    [],
    () => {
      if (!float) return;
      const values = filledBy(Tensor._empty(self.shape, self.dtype), (o) => nanToNumInto(o, self, args));
      try {
        copyInto(self, values);
      } finally {
        values.dispose();
      }
    },
    "nanToNum",
    [self],
    () => ({ self: clone(self) }),
  );
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.atan2: the angle of (other, self), elementwise (see `torch.atan2`). */
    atan2(other: Tensor): Tensor;
    /** Tensor.arctan2: an alias of atan2. */
    arctan2(other: Tensor): Tensor;
    /** Tensor.fmod: C's remainder, with the sign of self (see `torch.fmod`). */
    fmod(other: TensorLike): Tensor;
    /** Tensor.floor_divide: self / other rounded toward minus infinity. */
    floorDivide(other: TensorLike): Tensor;
    /** Tensor.hypot: sqrt(self^2 + other^2), elementwise. */
    hypot(other: Tensor): Tensor;
    /** Tensor.logaddexp: log(exp(self) + exp(other)), elementwise. */
    logaddexp(other: Tensor): Tensor;
    /** Tensor.logaddexp2: log2(2^self + 2^other), elementwise. */
    logaddexp2(other: Tensor): Tensor;
    /** Tensor.xlogy: self * log(other), 0 where self is 0 (unless other is NaN). */
    xlogy(other: TensorLike): Tensor;
    /** Tensor.copysign: the magnitude of self with the sign of other. */
    copysign(other: TensorLike): Tensor;
    /** Tensor.fmax: elementwise maximum where NaN loses to a number. */
    fmax(other: Tensor): Tensor;
    /** Tensor.fmin: elementwise minimum where NaN loses to a number. */
    fmin(other: Tensor): Tensor;
    /** Tensor.heaviside: the step function of self, `values` where self is 0. */
    heaviside(values: Tensor): Tensor;
    /** Tensor.lerp: self + weight * (end - self), weight a number or a tensor. */
    lerp(end: Tensor, weight: TensorLike): Tensor;
    /** Tensor.nan_to_num: NaN and infinities replaced (see `torch.nanToNum`). */
    nanToNum(opts?: NanToNumOptions): Tensor;
    /** Tensor.atan2_: atan2 in place. Returns self. */
    atan2_(other: Tensor): Tensor;
    /** Tensor.arctan2_: atan2 in place. Returns self. */
    arctan2_(other: Tensor): Tensor;
    /** Tensor.fmod_: fmod in place. Returns self. */
    fmod_(other: TensorLike): Tensor;
    /** Tensor.floor_divide_: floor division in place. Returns self. */
    floorDivide_(other: TensorLike): Tensor;
    /** Tensor.hypot_: hypot in place. Returns self. */
    hypot_(other: Tensor): Tensor;
    /** Tensor.xlogy_: xlogy in place. Returns self. */
    xlogy_(other: TensorLike): Tensor;
    /** Tensor.copysign_: copysign in place. Returns self. */
    copysign_(other: TensorLike): Tensor;
    /** Tensor.heaviside_: heaviside in place. Returns self. */
    heaviside_(values: Tensor): Tensor;
    /** Tensor.lerp_: lerp in place. Returns self. */
    lerp_(end: Tensor, weight: TensorLike): Tensor;
    /** Tensor.nan_to_num_: nan_to_num in place. Returns self. */
    nanToNum_(opts?: NanToNumOptions): Tensor;
  }
}

addMethodsOf({ atan2, arctan2, hypot, logaddexp, logaddexp2, xlogy, copysign, heaviside, lerp });
addMethodsOf({ fmod, floorDivide, fmax, fmin, nanToNum });
addMethodsOf({ lerp_, nanToNum_ });
addMethods(
  Object.fromEntries(
    [...inPlaceMath, "arctan2"].map((name) => [
      `${name}_`,
      function (this: Tensor, other: TensorLike) {
        return mathInplace(name === "arctan2" ? "atan2" : (name as MathName), this, other);
      },
    ]),
  ) as Pick<Tensor, `${(typeof inPlaceMath)[number] | "arctan2"}_`>,
);
