// torch.tensor (nested arrays, numbers, booleans, typed arrays, tensors) and
// fromArray (a flat array and a shape).

import { Tensor } from "../tensor.js";
import type { DType } from "../dtype.js";
import { showShape } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { castTo } from "./launch.js";
import { kindOf } from "../args.js";
import { checkCreationOptions, finish, parseCreationSize, type CreationOptions } from "./creation.js";

type Sequence = readonly unknown[] | ArrayLike<number | bigint>;

/** Arrays and typed arrays (not DataView) count as sequences, like Python lists and NumPy arrays. */
function isSequence(v: unknown): v is Sequence {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** What the leaves of the data were, for inferring the dtype. */
interface Seen {
  integer: boolean;
  fraction: boolean;
  bool: boolean;
  float32Array: boolean;
  float64Array: boolean;
}

/** The dtype a typed array's elements stand for. */
function typedKind(a: ArrayBufferView): keyof Seen {
  if (a instanceof Float32Array) return "float32Array";
  if (a instanceof Float64Array) return "float64Array";
  return "integer";
}

/** Walks nested sequences: the shape (from the first element at each depth), the flat values, what they were. */
function flatten(data: unknown): { shape: number[]; flat: number[]; seen: Seen } {
  const shape: number[] = [];
  for (let cur: unknown = data; isSequence(cur); cur = cur[0]) {
    shape.push(cur.length);
    if (cur.length === 0) break;
  }
  const flat: number[] = [];
  const seen: Seen = { integer: false, fraction: false, bool: false, float32Array: false, float64Array: false };
  const walk = (v: unknown, d: number): void => {
    if (d < shape.length) {
      if (!isSequence(v)) {
        throw new TypeError(`not a sequence: expected a sequence of length ${shape[d]} at dim ${d}, but got ${kindOf(v)}`);
      }
      if (v.length !== shape[d]) throw new RangeError(`expected sequence of length ${shape[d]} at dim ${d} (got ${v.length})`);
      if (ArrayBuffer.isView(v) && d === shape.length - 1) {
        seen[typedKind(v)] = true;
        for (let i = 0; i < v.length; i++) flat.push(Number((v as ArrayLike<number | bigint>)[i]));
        return;
      }
      for (let i = 0; i < v.length; i++) walk((v as ArrayLike<unknown>)[i], d + 1);
      return;
    }
    if (typeof v === "number") {
      // Past 2^53 a JS number cannot have been meant as an exact integer: it counts as a float.
      if (Number.isSafeInteger(v)) seen.integer = true;
      else seen.fraction = true;
      flat.push(v);
    } else if (typeof v === "boolean") {
      seen.bool = true;
      flat.push(v ? 1 : 0);
    } else if (typeof v === "bigint") {
      seen.integer = true;
      flat.push(Number(v));
    } else if (isSequence(v)) {
      throw new RangeError(`expected a number at dim ${d}, but got a sequence of length ${v.length} (nested arrays must not be ragged)`);
    } else {
      throw new TypeError(`Could not infer dtype of ${kindOf(v)}`);
    }
  };
  walk(data, 0);
  return { shape, flat, seen };
}

/** PyTorch's inference, with JS numbers: an integer value counts as an int unless requiresGrad asks for floats. */
function inferDType(seen: Seen, requiresGrad: boolean | undefined): DType {
  if (seen.float64Array) return "float64";
  if (seen.fraction || seen.float32Array) return "float32";
  if (seen.integer) return requiresGrad ? "float32" : "int32";
  if (seen.bool) return "bool";
  return "float32";
}

/** The typed arrays tensor() and fromArray() read, as PyTorch reads NumPy arrays. */
export type TypedArray =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | BigInt64Array | BigUint64Array;

/** What torch.tensor takes: a number, a boolean, a bigint, a typed array, or arrays of these nested to any depth. */
export type TensorData = number | boolean | bigint | TypedArray | readonly TensorData[];

/**
 * torch.tensor: a new leaf holding a copy of `data` (a number, a boolean,
 * nested arrays of them, a typed array, nested typed arrays, or a tensor).
 *
 * Inferred dtype: float64 from a Float64Array; float32 from a Float32Array
 * or when any value has a fraction (NaN, Infinity and integers past 2^53
 * count); int32 (standing for PyTorch's int64) when all values are
 * integers; bool when all are booleans; float32 for no values. A JS number cannot say whether it was
 * written `1` or `1.0`, so `[1, 2]` is int32; `requiresGrad: true` makes
 * integer data float32 instead (PyTorch would refuse an integer tensor),
 * and `{ dtype: "float32" }` asks for floats explicitly.
 */
export function tensor(data: TensorData | Tensor, opts?: CreationOptions): Tensor {
  const o = checkCreationOptions(opts, "tensor");
  if (data instanceof Tensor) {
    data._check();
    return finish(castTo(data, o.dtype ?? data.dtype), o);
  }
  const { shape, flat, seen } = flatten(data);
  const dtype = o.dtype ?? inferDType(seen, o.requiresGrad);
  if (dtype === "int32" && o.dtype === undefined) {
    for (const v of flat) {
      if (v > 2147483647 || v < -2147483648) {
        throw new RangeError(`value ${v} does not fit in int32 (torchlet's integer dtype); pass { dtype: "float64" } to keep it`);
      }
    }
  }
  return fromValues(flat, shape, dtype, o);
}

/** A new tensor of `shape` from row-major values, converted as PyTorch converts Python numbers. */
function fromValues(values: ArrayLike<number>, shape: number[], dtype: DType, o: CreationOptions): Tensor {
  const n = values.length;
  if (dtype === "int32") {
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      if (!(x >= -2147483648 && x <= 2147483647)) throw new RangeError("value cannot be converted to type int32 without overflow");
    }
  }
  const t = Tensor._empty(shape, dtype);
  const v = abi.view(dtype, t._addr(), n);
  if (dtype === "bool") for (let i = 0; i < n; i++) v[i] = values[i] !== 0 ? 1 : 0; // NaN is true, as bool(nan)
  else if (dtype === "int32" && !(values instanceof Int32Array)) for (let i = 0; i < n; i++) v[i] = Math.trunc(values[i]!);
  else v.set(values as ArrayLike<number>);
  return finish(t, o);
}

/**
 * A tensor of `shape` (default: 1-D) from a flat array or typed array in
 * row-major order. The dtype is the typed array's (Float32Array float32,
 * Float64Array float64, integer arrays int32) or float32 for plain arrays,
 * unless given.
 */
export function fromArray(values: ArrayLike<number>, shape?: readonly number[], opts?: CreationOptions): Tensor {
  if (values === null || typeof values !== "object" || typeof (values as ArrayLike<number>).length !== "number") {
    throw new TypeError(`fromArray(): values must be an array or typed array, but got ${kindOf(values)}`);
  }
  const o = checkCreationOptions(opts, "fromArray");
  const size = shape === undefined ? [values.length] : parseCreationSize([shape], "fromArray");
  const n = size.reduce((a, b) => a * b, 1);
  if (n !== values.length) {
    throw new RangeError(`fromArray(): shape ${showShape(size)} holds ${n} elements, but ${values.length} values were given`);
  }
  const kind = ArrayBuffer.isView(values) ? typedKind(values as unknown as ArrayBufferView) : null;
  const dtype = o.dtype ?? (kind === "float64Array" ? "float64" : kind === "integer" ? "int32" : "float32");
  const nums = ArrayBuffer.isView(values) && !(values instanceof BigInt64Array || values instanceof BigUint64Array) ? values : Array.from(values as ArrayLike<unknown>, Number);
  return fromValues(nums, size, dtype, o);
}
