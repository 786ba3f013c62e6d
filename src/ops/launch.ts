// Shared plumbing of elementwise ops: wrapping JS numbers as 0-d tensors,
// dtype casts, and launching a strided kernel over broadcast operands.

import { Tensor, type TensorLike } from "../tensor.js";
import { resultType, type DType, type Operand, torchName, isFloating } from "../dtype.js";
import { broadcastStrides, coalesce, sameShape, showShape } from "../shape.js";
import * as abi from "../wasm/abi.js";

/** A tensor argument, with whether it was a wrapped JS number (which the caller must dispose). */
export interface Arg {
  t: Tensor;
  wrapped: boolean;
}

const isNumberLike = (v: unknown): v is number | boolean => typeof v === "number" || typeof v === "boolean";

/** The dtype a wrapped JS value counts as: bool, int32 for integers, float32 otherwise. */
export function scalarDType(v: number | boolean): DType {
  if (typeof v === "boolean") return "bool";
  return Number.isInteger(v) ? "int32" : "float32";
}

/** A 0-d tensor holding `v` in `dtype` (not tracked by tidy: the caller disposes it). */
export function scalarTensor(v: number | boolean, dtype: DType): Tensor {
  const t = Tensor._empty([], dtype);
  abi.view(dtype, t._addr(), 1)[0] = typeof v === "boolean" ? Number(v) : v;
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

/** A new contiguous tensor with the values of `t` converted to `dtype`. */
export function castTo(t: Tensor, dtype: DType): Tensor {
  const out = Tensor._empty(t.shape, dtype);
  try {
    if (t.dtype === dtype) launch(abi.kernel("copy", dtype), out, [t], [0, 0]);
    else launch(abi.kernel(`cast_${suffix(t.dtype)}`, dtype, "to"), out, [t], []);
  } catch (e) {
    out.dispose();
    throw e;
  }
  return out;
}

const suffix = (d: DType): string => ({ float32: "f32", float64: "f64", int32: "i32", bool: "u8" })[d];

/**
 * Calls an elementwise kernel: out (any strides) and inputs broadcast to
 * out.shape. Arguments passed to the kernel: input addresses, out address,
 * meta address, then `extra`.
 */
export function launch(kernel: (...a: number[]) => unknown, out: Tensor, inputs: readonly Tensor[], extra: readonly number[]): void {
  if (out.numel() === 0) return;
  const strides: (readonly number[])[] = [out._strides];
  for (const t of inputs) {
    strides.push(sameShape(t.shape, out.shape) ? t._strides : broadcastStrides(t.shape, t._strides, out.shape));
  }
  const c = coalesce(out.shape, strides);
  const addrs = inputs.map((t) => t._addr());
  const o = out._addr();
  const meta = abi.writeMeta(c.shape, c.strides);
  kernel(...addrs, o, meta, ...extra);
}

/** The error PyTorch gives when an in-place result cannot be stored in the destination's dtype. */
export function castError(from: DType, to: DType): TypeError {
  const n = (d: DType) => ({ float32: "Float", float64: "Double", int32: "Int", bool: "Bool" })[d];
  return new TypeError(`result type ${n(from)} can't be cast to the desired output type ${n(to)}`);
}

/** Whether values of dtype `from` may be written into `to` (PyTorch's can_cast). */
export function canCast(from: DType, to: DType): boolean {
  if (isFloating(from) && !isFloating(to)) return false;
  if (from !== "bool" && to === "bool") return false;
  return true;
}

export function checkSameShape(a: Tensor, b: Tensor, op: string): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new RangeError(`${op}: expected tensors of the same shape, but got ${showShape(a.shape)} and ${showShape(b.shape)}`);
  }
}

export { torchName };
