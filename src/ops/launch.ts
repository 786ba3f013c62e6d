// Shared plumbing of elementwise ops: wrapping JS numbers as 0-d tensors,
// dtype casts, launching a strided kernel over broadcast operands, and
// PyTorch's memory-overlap checks for ops that write into an existing tensor.

import { Tensor, type TensorLike } from "../tensor.js";
import {
  resultType,
  type DType,
  type Operand,
  torchName,
  isFloating,
  kernelSuffix,
  messageTypeName,
  isHalf,
  isSmallInt,
} from "../dtype.js";
import { broadcastStrides, coalesce, sameShape } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { writeNumbers } from "../half.js";
import { SERIAL, parallelLaunch } from "../threads/parallel.js";

/** A tensor argument, with whether it was a wrapped JS number (which the caller must dispose). */
export interface Arg {
  t: Tensor;
  wrapped: boolean;
}

const isNumberLike = (v: unknown): v is number | boolean => typeof v === "number" || typeof v === "boolean";

/** The dtype a wrapped JS value counts as: bool, int64 for integers (Python's int), float32 otherwise. */
function scalarDType(v: number | boolean): DType {
  if (typeof v === "boolean") return "bool";
  return Number.isSafeInteger(v) ? "int64" : "float32"; // past 2^53 a number was not meant exactly
}

/** A 0-d tensor holding `v` in `dtype` (not tracked by tidy: the caller disposes it). */
function scalarTensor(v: number | boolean, dtype: DType): Tensor {
  const t = Tensor._empty([], dtype);
  const x = typeof v === "boolean" ? Number(v) : v;
  if (dtype === "int64") {
    if (!Number.isSafeInteger(Math.trunc(x))) {
      t.dispose();
      throw new RangeError(`the number ${x} has no exact int64 value here (JavaScript numbers are exact to 2^53)`);
    }
    abi.view("int64", t._addr(), 1)[0] = BigInt(Math.trunc(x));
  } else writeNumbers(dtype, abi.view(dtype, t._addr(), 1), [x]);
  return t;
}

/** Checks that `v` is a tensor or a number, naming the op and argument in the error. */
export function checkTensorLike(v: unknown, op: string, arg: string): asserts v is TensorLike {
  if (v instanceof Tensor) {
    v._check();
    return;
  }
  if (isNumberLike(v)) return;
  const what = v === null ? "null" : Array.isArray(v) ? "Array" : typeof v;
  throw new TypeError(`${op}(): argument '${arg}' must be a Tensor or a number, but got ${what}`);
}

export function checkTensor(v: unknown, op: string, arg: string): asserts v is Tensor {
  if (v instanceof Tensor) {
    v._check();
    return;
  }
  const what = v === null ? "null" : Array.isArray(v) ? "Array" : typeof v;
  throw new TypeError(`${op}(): argument '${arg}' must be a Tensor, but got ${what}`);
}

/** torch.result_type over tensors and JS numbers. */
export function resultTypeOf(values: readonly TensorLike[]): DType {
  const ops: Operand[] = values.map((v) =>
    v instanceof Tensor
      ? { dtype: v.dtype, zeroDim: v.shape.length === 0, wrapped: false }
      : { dtype: scalarDType(v), zeroDim: true, wrapped: true },
  );
  return resultType(ops);
}

/**
 * Brings an argument to `dtype`: numbers become 0-d tensors, tensors of
 * another dtype are cast. `owned` says whether the caller must dispose it.
 */
export function toDType(v: TensorLike, dtype: DType): { t: Tensor; owned: boolean } {
  if (!(v instanceof Tensor)) return { t: scalarTensor(v, dtype), owned: true };
  if (v.dtype === dtype) return { t: v, owned: false };
  return { t: castTo(v, dtype), owned: true };
}

/** `out` once `fill` has written it; `out` is disposed if `fill` throws. */
export function filledBy(out: Tensor, fill: (out: Tensor) => void): Tensor {
  try {
    fill(out);
  } catch (e) {
    out.dispose();
    throw e;
  }
  return out;
}

/** A new contiguous tensor with the values of `t` converted to `dtype`. */
export function castTo(t: Tensor, dtype: DType): Tensor {
  return filledBy(Tensor._empty(t.shape, dtype), (out) => copyInto(out, t));
}

/** Whether a cast between `a` and `b` goes through a middle dtype: int64 to or from uint8, int8, int16, float16, bfloat16. */
const viaMiddle = (a: DType, b: DType): boolean =>
  (a === "int64" && (isHalf(b) || isSmallInt(b))) || (b === "int64" && (isHalf(a) || isSmallInt(a)));

/** Writes `src` (broadcast to dst's shape, converted to dst's dtype) into `dst`, whatever its strides. */
export function copyInto(dst: Tensor, src: Tensor): void {
  if (src.dtype === dst.dtype) launch(abi.kernel("copy", dst.dtype), dst, [src], [0, 0]);
  else if (viaMiddle(src.dtype, dst.dtype)) {
    // No kernel converts between int64 and the small dtypes. Through int32 the
    // integer casts wrap the same (the low bits survive both steps); through
    // float32 the float16/bfloat16 ones match PyTorch's, whose Half and
    // BFloat16 are made from a float.
    const mid = castTo(src, isHalf(src.dtype) || isHalf(dst.dtype) ? "float32" : "int32");
    try {
      copyInto(dst, mid);
    } finally {
      mid.dispose();
    }
  } else launch(abi.kernel(`cast_${kernelSuffix[src.dtype]}`, dst.dtype, "copy_"), dst, [src], []);
}

/**
 * Calls an elementwise kernel: out (any strides) and inputs broadcast to
 * out.shape. Arguments passed to the kernel: input addresses, out address,
 * meta address, then `extra`. Returns what the kernel returns.
 */
export function launch(
  kernel: (...a: number[]) => unknown,
  out: Tensor,
  inputs: readonly Tensor[],
  extra: readonly number[],
): unknown {
  const n = out.numel();
  if (n === 0) return undefined;
  let c: { shape: readonly number[]; strides: readonly (readonly number[])[] };
  if (denseAlike(out, inputs)) c = flat(n, inputs.length + 1);
  else {
    const strides: (readonly number[])[] = [out._strides];
    for (const t of inputs) {
      strides.push(sameShape(t.shape, out.shape) ? t._strides : broadcastStrides(t.shape, t._strides, out.shape));
    }
    c = coalesce(out.shape, strides);
  }
  const threaded = parallelLaunch(kernel, out, inputs, c, extra);
  if (threaded !== SERIAL) return threaded;
  const addrs = inputs.map((t) => t._addr());
  const o = out._addr();
  const meta = abi.writeMeta(c.shape, c.strides);
  return kernel(...addrs, o, meta, ...extra);
}

/**
 * Whether out is contiguous and every input has its shape and strides: the
 * common case, where the whole launch is one row of numel elements (what
 * coalesce would find, without building its arrays).
 */
function denseAlike(out: Tensor, inputs: readonly Tensor[]): boolean {
  const shape = out.shape,
    strides = out._strides,
    nd = shape.length;
  let expected = 1;
  for (let d = nd - 1; d >= 0; d--) {
    if (strides[d] !== expected && shape[d] !== 1) return false;
    expected *= shape[d]!;
  }
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i]!;
    if (t.shape.length !== nd) return false;
    for (let d = 0; d < nd; d++)
      if (t.shape[d] !== shape[d] || (t._strides[d] !== strides[d] && shape[d] !== 1)) return false;
  }
  return true;
}

const unitStrides = [[1], [1, 1], [1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1, 1]].map((row) => row.map(() => [1] as const));

/** The coalesced form of a dense launch over `operands` operands: one dim of n elements, unit strides. */
function flat(n: number, operands: number): { shape: readonly number[]; strides: readonly (readonly number[])[] } {
  return { shape: [n], strides: unitStrides[operands - 1] ?? Array.from({ length: operands }, () => [1]) };
}

/**
 * The error PyTorch gives when an in-place result cannot be stored in the
 * destination's dtype, naming both by PyTorch's scalar-type names.
 */
export function castError(from: DType, to: DType): TypeError {
  return new TypeError(
    `result type ${messageTypeName[from]} can't be cast to the desired output type ${messageTypeName[to]}`,
  );
}

/** Whether values of dtype `from` may be written into `to` (PyTorch's can_cast). */
export function canCast(from: DType, to: DType): boolean {
  if (isFloating(from) && !isFloating(to)) return false;
  if (from !== "bool" && to === "bool") return false;
  return true;
}

/** Throws PyTorch's error unless values of dtype `from` may be written into `to` (an in-place result). */
export function checkCast(from: DType, to: DType): void {
  if (!canCast(from, to)) throw castError(from, to);
}

// ---- memory overlap (PyTorch's MemoryOverlap.cpp) ------------------------------

const INTERNAL_OVERLAP =
  "unsupported operation: more than one element of the written-to tensor refers to a single memory location. " +
  "Please clone() the tensor before performing the operation.";
const PARTIAL_OVERLAP =
  "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory " +
  "location. Please clone() the tensor before performing the operation.";

/** Whether the strides are a permutation of a contiguous layout (no gaps, no element seen twice). */
function isNonOverlappingAndDense(shape: readonly number[], strides: readonly number[]): boolean {
  const dims = shape.map((_, d) => d).filter((d) => shape[d] !== 1);
  dims.sort((a, b) => strides[a]! - strides[b]!);
  let expected = 1;
  for (const d of dims) {
    if (shape[d] === 0) return true;
    if (strides[d] !== expected) return false;
    expected *= shape[d]!;
  }
  return true;
}

/** Throws PyTorch's error when several elements of `t` share one memory location (an expanded tensor). */
export function assertNoInternalOverlap(t: Tensor): void {
  if (isNonOverlappingAndDense(t.shape, t._strides)) return;
  t.shape.forEach((size, d) => {
    if (size > 1 && t._strides[d] === 0) throw new Error(INTERNAL_OVERLAP);
  });
}

/** How the memory of `a` and `b` relates: "no", "full" (same elements), "partial", or "unknown" (not dense). */
function overlapOf(a: Tensor, b: Tensor): "no" | "full" | "partial" | "unknown" {
  if (a._st !== b._st || a.numel() === 0 || b.numel() === 0) return "no";
  const sameGeometry =
    a._offset === b._offset && sameShape(a.shape, b.shape) && a._strides.every((s, i) => s === b._strides[i]);
  if (sameGeometry) return "full";
  const [a0, a1] = extent(a),
    [b0, b1] = extent(b);
  if (a1 < b0 || b1 < a0) return "no";
  if (!isNonOverlappingAndDense(a.shape, a._strides) || !isNonOverlappingAndDense(b.shape, b._strides))
    return "unknown";
  const aEnd = a._offset + a.numel(),
    bEnd = b._offset + b.numel();
  if (a._offset === b._offset && aEnd === bEnd) return "partial"; // same block, different order (a transpose)
  return a._offset < bEnd && b._offset < aEnd ? "partial" : "no";
}

/** The first and last storage element a tensor touches. */
function extent(t: Tensor): [number, number] {
  let lo = t._offset,
    hi = t._offset;
  t.shape.forEach((n, d) => {
    const span = t._strides[d]! * (n - 1);
    if (span < 0) lo += span;
    else hi += span;
  });
  return [lo, hi];
}

/** Throws PyTorch's error when `input` partly overlaps `out`; reading exactly the written elements is fine. */
export function assertNoPartialOverlap(out: Tensor, input: Tensor): void {
  if (overlapOf(out, input) === "partial") throw new Error(PARTIAL_OVERLAP);
}

/**
 * Whether `input` shares memory with `out` in a way PyTorch cannot analyse
 * (neither is dense). Such an input is copied before `out` is written, so
 * the result never depends on the order elements are visited in.
 */
export function mayAlias(out: Tensor, input: Tensor): boolean {
  return overlapOf(out, input) === "unknown";
}

export { torchName };
