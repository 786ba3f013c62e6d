// Comparisons (bool results) and where(cond, a, b).

import { Tensor, type TensorLike } from "../tensor.js";
import { addMethods } from "../methods.js";
import { broadcastShapes } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { messageTypeName } from "../dtype.js";
import { checkTensor, checkTensorLike, launch, resultTypeOf, toDType } from "./launch.js";
import { isNarrow, widened } from "./wide.js";

type Cmp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

function compare(op: Cmp, input: unknown, other: unknown, ownsInputs = false): Tensor {
  checkTensorLike(input, op, "input");
  checkTensorLike(other, op, "other");
  if (!(input instanceof Tensor) && !(other instanceof Tensor)) {
    throw new TypeError(`${op}(): at least one of 'input' and 'other' must be a Tensor, but got two numbers`);
  }
  const dtype = resultTypeOf([input, other]);
  if (isNarrow(dtype)) {
    // Both in the narrow dtype (a JS number rounds to it), then compared exactly in the wide one.
    const A = toDType(input, dtype);
    const B = toDType(other, dtype);
    try {
      return compare(op, widened(A.t).t, widened(B.t).t, true);
    } finally {
      if (A.owned) A.t.dispose();
      if (B.owned) B.t.dispose();
    }
  }
  const fn = abi.kernel(op, dtype);
  const A = toDType(input, dtype);
  const B = toDType(other, dtype);
  try {
    const out = Tensor._empty(broadcastShapes(A.t.shape, B.t.shape), "bool");
    launch(fn, out, [A.t, B.t], []);
    return out;
  } finally {
    if (A.owned) A.t.dispose();
    if (B.owned) B.t.dispose();
    if (ownsInputs) {
      (input as Tensor).dispose();
      (other as Tensor).dispose();
    }
  }
}

/** The function of comparison `op`: input op other, elementwise and broadcast, as a bool tensor. */
const comparison =
  (op: Cmp) =>
  (input: TensorLike, other: TensorLike): Tensor =>
    compare(op, input, other);

/** torch.eq: input == other, elementwise and broadcast, as a bool tensor (not differentiable). */
export const eq = comparison("eq");
/** torch.ne: input != other, elementwise and broadcast, as a bool tensor. */
export const ne = comparison("ne");
/** torch.lt: input < other, elementwise and broadcast, as a bool tensor. */
export const lt = comparison("lt");
/** torch.le: input <= other, elementwise and broadcast, as a bool tensor. */
export const le = comparison("le");
/** torch.gt: input > other, elementwise and broadcast, as a bool tensor. */
export const gt = comparison("gt");
/** torch.ge: input >= other, elementwise and broadcast, as a bool tensor. */
export const ge = comparison("ge");

/** Elements of `input` where `condition` holds, else of `other`; all three broadcast. */
export function where(condition: Tensor, input: TensorLike, other: TensorLike): Tensor {
  checkTensor(condition, "where", "condition");
  checkTensorLike(input, "where", "input");
  checkTensorLike(other, "where", "other");
  if (condition.dtype !== "bool") {
    throw new TypeError(
      `where expected condition to be a boolean tensor, but got a tensor with dtype ${messageTypeName[condition.dtype]}`,
    );
  }
  const dtype = resultTypeOf([input, other]);
  const fn = abi.kernel("where", dtype);
  const A = toDType(input, dtype);
  const B = toDType(other, dtype);
  try {
    const shape = broadcastShapes(condition.shape, broadcastShapes(A.t.shape, B.t.shape));
    const out = Tensor._empty(shape, dtype);
    launch(fn, out, [condition, A.t, B.t], []);
    const inputs = [input instanceof Tensor ? input : null, other instanceof Tensor ? other : null];
    // The condition is not differentiable and gets no edge, as in PyTorch's WhereBackward0.
    return record("where", out, inputs, { condition });
  } finally {
    if (A.owned) A.t.dispose();
    if (B.owned) B.t.dispose();
  }
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.eq: self == other, elementwise, as a bool tensor (JavaScript's `==` compares handles, not values). */
    eq(other: TensorLike): Tensor;
    /** Tensor.ne: self != other, elementwise, as a bool tensor. */
    ne(other: TensorLike): Tensor;
    /** Tensor.lt: self < other, elementwise, as a bool tensor. */
    lt(other: TensorLike): Tensor;
    /** Tensor.le: self <= other, elementwise, as a bool tensor. */
    le(other: TensorLike): Tensor;
    /** Tensor.gt: self > other, elementwise, as a bool tensor. */
    gt(other: TensorLike): Tensor;
    /** Tensor.ge: self >= other, elementwise, as a bool tensor. */
    ge(other: TensorLike): Tensor;
    /** `cond ? this : other`, like Tensor.where(condition, other). */
    where(condition: Tensor, other: TensorLike): Tensor;
  }
}

const comparisons = { eq, ne, lt, le, gt, ge };
addMethods(
  Object.fromEntries(
    Object.entries(comparisons).map(([name, fn]) => [
      name,
      function (this: Tensor, other: TensorLike) {
        return fn(this, other);
      },
    ]),
  ) as Pick<Tensor, keyof typeof comparisons>,
);
addMethods({
  where(condition: Tensor, other: TensorLike) {
    return where(condition, this, other);
  },
});
