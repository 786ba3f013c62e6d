// masked_fill and the triangles tril / triu, with their in-place forms: each
// is a where (assembly where_<dtype>) over a bool mask that broadcasts: the
// user's mask, or a [rows, cols] triangle built once per call.

import { Tensor, type TensorLike } from "../tensor.js";
import { addMethods } from "../methods.js";
import { messageTypeName } from "../dtype.js";
import { writeNumbers } from "../half.js";
import { broadcastShapes, normDim } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { checkTensor, checkTensorLike, filledBy, launch } from "./launch.js";
import { fillValue } from "./creation.js";
import { inPlaceFrom } from "./inplace.js";

/**
 * A 0-d tensor of `dtype` holding `v` (the caller disposes it). An int64
 * value read from an int64 tensor stays a bigint, exact past 2^53; a number
 * is checked for overflow first and truncated as PyTorch converts it;
 * float16 and bfloat16 take their bits.
 */
function scalarOf(v: number | bigint, dtype: Tensor["dtype"]): Tensor {
  if (dtype === "int64") {
    const x = typeof v === "bigint" ? v : BigInt(Math.trunc(fillValue(v, dtype)));
    const t = Tensor._empty([], dtype);
    abi.view("int64", t._addr(), 1)[0] = x;
    return t;
  }
  const x = fillValue(Number(v), dtype);
  const t = Tensor._empty([], dtype);
  try {
    writeNumbers(dtype, abi.view(dtype, t._addr(), 1), [x]);
  } catch (e) {
    t.dispose();
    throw e;
  }
  return t;
}

/** where(mask, value, input) into a new tensor of `shape` in input's dtype. */
function fillWhere(
  input: Tensor,
  mask: Tensor,
  value: number | bigint,
  shape: readonly number[],
  keep: boolean,
): Tensor {
  const v = scalarOf(value, input.dtype);
  try {
    return filledBy(Tensor._empty(shape, input.dtype), (out) =>
      launch(abi.kernel("where", input.dtype), out, keep ? [mask, input, v] : [mask, v, input], []),
    );
  } finally {
    v.dispose();
  }
}

function checkMask(fn: string, mask: Tensor): void {
  if (mask.dtype !== "bool")
    throw new TypeError(
      `${fn} only supports boolean masks, but got mask with dtype ${messageTypeName[mask.dtype].toLowerCase()}`,
    );
}

/** The fill value as a number, and the 0-d tensor it came from (or null for a number). */
function fillArg(fn: string, value: unknown): { v: number | bigint; t: Tensor | null } {
  checkTensorLike(value, fn, "value");
  if (!(value instanceof Tensor)) return { v: Number(value), t: null };
  if (value.shape.length !== 0)
    throw new RangeError(
      `masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.shape.length} dimension(s).`,
    );
  // An int64 value is read as a bigint: item() refuses values past 2^53.
  const v = value.dtype === "int64" ? (value.toArray() as BigInt64Array)[0]! : Number(value.item());
  return { v, t: value };
}

/**
 * torch.masked_fill: `input` with `value` (a number or a 0-d tensor) where
 * the bool `mask` is true; input and mask broadcast together
 * (MaskedFillBackward0; MaskedFillBackward1 for a tensor value, which gets
 * the sum of the grad where the mask is true).
 */
export function maskedFill(input: Tensor, mask: Tensor, value: TensorLike): Tensor {
  checkTensor(input, "masked_fill", "input");
  checkTensor(mask, "masked_fill", "mask");
  const f = fillArg("masked_fill", value);
  checkMask("masked_fill_", mask);
  const out = fillWhere(input, mask, f.v, broadcastShapes(mask.shape, input.shape), false);
  if (f.t === null) return record("maskedFill", out, [input], { mask });
  return record("maskedFillTensor", out, [input, f.t], { mask });
}

/** Tensor.masked_fill_: maskedFill into self; the mask broadcasts to self's shape. */
export function maskedFill_(self: Tensor, mask: Tensor, value: TensorLike): Tensor {
  checkTensor(self, "masked_fill_", "self");
  checkTensor(mask, "masked_fill_", "mask");
  const f = fillArg("masked_fill_", value);
  checkMask("masked_fill_", mask);
  return inPlaceFrom(
    self,
    mask.shape,
    [f.t],
    () => fillWhere(self, mask, f.v, self.shape, false),
    f.t === null ? "maskedFill" : "maskedFillTensor",
    f.t === null ? [self] : [self, f.t],
    { mask },
  );
}

/** The [rows, cols] bool mask of the kept triangle: col - row <= k (lower) or >= k (upper). */
function triangle(rows: number, cols: number, k: number, lower: boolean): Tensor {
  const mask = Tensor._empty([rows, cols], "bool");
  const m = abi.view("bool", mask._addr(), rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) m[i * cols + j] = (lower ? j - i <= k : j - i >= k) ? 1 : 0;
  return mask;
}

function checkDiagonal(fn: string, diagonal: unknown): number {
  if (typeof diagonal !== "number" || !Number.isInteger(diagonal))
    throw new TypeError(`${fn}(): argument 'diagonal' (position 2) must be int, not ${typeof diagonal}`);
  return diagonal;
}

/** The kept triangle of the last two dims of `input` (zeros elsewhere), as a new tensor of its shape. */
function triangleOf(fn: string, input: Tensor, diagonal: number): Tensor {
  const nd = input.shape.length;
  // PyTorch checks the matrix dims with maybe_wrap_dim(-2), hence its message for fewer than 2 dims.
  if (nd < 2) normDim(-2, nd);
  const mask = triangle(input.shape[nd - 2]!, input.shape[nd - 1]!, diagonal, fn.startsWith("tril"));
  try {
    return fillWhere(input, mask, 0, input.shape, true);
  } finally {
    mask.dispose();
  }
}

function triOp(fn: "tril" | "triu", input: Tensor, diagonal: unknown): Tensor {
  checkTensor(input, fn, "input");
  const k = checkDiagonal(fn, diagonal);
  return record(fn, triangleOf(fn, input, k), [input], { diagonal: k });
}

function triOp_(fn: "tril" | "triu", self: Tensor, diagonal: unknown): Tensor {
  checkTensor(self, `${fn}_`, "self");
  const k = checkDiagonal(`${fn}_`, diagonal);
  return inPlaceFrom(self, self.shape, [], () => triangleOf(fn, self, k), fn, [self], { diagonal: k });
}

/**
 * torch.tril: the lower triangle of the last two dims (elements with
 * col - row <= diagonal), zeros above; batched over leading dims (TrilBackward0).
 */
export const tril = (input: Tensor, diagonal = 0): Tensor => triOp("tril", input, diagonal);
/** torch.triu: the upper triangle (col - row >= diagonal), zeros below (TriuBackward0). */
export const triu = (input: Tensor, diagonal = 0): Tensor => triOp("triu", input, diagonal);

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.maskedFill: see torch.masked_fill. */
    maskedFill(mask: Tensor, value: TensorLike): Tensor;
    /** Tensor.masked_fill_: `value` written where the bool `mask` (broadcast to self's shape) is true. */
    maskedFill_(mask: Tensor, value: TensorLike): Tensor;
    /** Tensor.tril: see torch.tril. */
    tril(diagonal?: number): Tensor;
    /** Tensor.tril_: zeros written above the `diagonal`-th diagonal of the last two dims. */
    tril_(diagonal?: number): Tensor;
    /** Tensor.triu: see torch.triu. */
    triu(diagonal?: number): Tensor;
    /** Tensor.triu_: zeros written below the `diagonal`-th diagonal of the last two dims. */
    triu_(diagonal?: number): Tensor;
  }
}

addMethods({
  maskedFill(this: Tensor, mask: Tensor, value: TensorLike) {
    return maskedFill(this, mask, value);
  },
  maskedFill_(this: Tensor, mask: Tensor, value: TensorLike) {
    return maskedFill_(this, mask, value);
  },
  tril(this: Tensor, diagonal = 0) {
    return triOp("tril", this, diagonal);
  },
  tril_(this: Tensor, diagonal = 0) {
    return triOp_("tril", this, diagonal);
  },
  triu(this: Tensor, diagonal = 0) {
    return triOp("triu", this, diagonal);
  },
  triu_(this: Tensor, diagonal = 0) {
    return triOp_("triu", this, diagonal);
  },
});
