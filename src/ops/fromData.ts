// torch.tensor (nested arrays, numbers, booleans, typed arrays, tensors) and
// fromArray (a flat array and a shape).

import { Tensor } from "../tensor.js";
import { isHalf, isSmallInt, type AnyTypedArray, type DType } from "../dtype.js";
import { toBFloat16Bits, toHalfBits, writeNumbers } from "../half.js";
import { checkNumel, showShape } from "../shape.js";
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
  int32Array: boolean;
  fraction: boolean;
  bool: boolean;
  float32Array: boolean;
  float64Array: boolean;
}

/** Integer typed arrays whose values all fit int32 (NumPy's int32 and smaller become torch.int32 here). */
const isSmallIntArray = (a: ArrayBufferView): boolean =>
  a instanceof Int32Array ||
  a instanceof Int16Array ||
  a instanceof Int8Array ||
  a instanceof Uint16Array ||
  a instanceof Uint8Array ||
  a instanceof Uint8ClampedArray;

/** The dtype a typed array's elements stand for. */
function typedKind(a: ArrayBufferView): keyof Seen {
  if (a instanceof Float32Array) return "float32Array";
  if (a instanceof Float64Array) return "float64Array";
  if (isSmallIntArray(a)) return "int32Array";
  return "integer";
}

/** PyTorch's limit on nested sequences in torch.tensor (deeper data is "too many dimensions"). */
const MAX_NESTING = 128;

/**
 * Walks nested sequences once to find the shape (from the first element at
 * each depth), check every element and see what the leaves are, without
 * copying them: the values go straight into wasm memory afterwards (`fill`),
 * so data of any size costs no JS array of its own.
 */
function scan(data: unknown): { shape: number[]; seen: Seen } {
  const shape: number[] = [];
  for (let cur: unknown = data; isSequence(cur); cur = cur[0]) {
    // Also stops a list that contains itself.
    if (shape.length === MAX_NESTING)
      throw new RangeError(
        `too many dimensions '${kindOf(data)}' (torch.tensor reads at most ${MAX_NESTING} nested levels)`,
      );
    shape.push(cur.length);
    if (cur.length === 0) break;
  }
  // Before walking: a sparse array of length 2^32 - 1 is refused at once.
  checkNumel(shape);
  const seen: Seen = {
    integer: false,
    int32Array: false,
    fraction: false,
    bool: false,
    float32Array: false,
    float64Array: false,
  };
  const walk = (v: unknown, d: number): void => {
    if (d < shape.length) {
      if (!isSequence(v)) {
        throw new TypeError(
          `not a sequence: expected a sequence of length ${shape[d]} at dim ${d}, but got ${kindOf(v)}`,
        );
      }
      if (v.length !== shape[d])
        throw new RangeError(`expected sequence of length ${shape[d]} at dim ${d} (got ${v.length})`);
      if (ArrayBuffer.isView(v) && d === shape.length - 1) {
        seen[typedKind(v)] = true;
        return;
      }
      for (let i = 0; i < v.length; i++) walk((v as ArrayLike<unknown>)[i], d + 1);
      return;
    }
    if (typeof v === "number") {
      // Past 2^53 a JS number cannot have been meant as an exact integer: it counts as a float.
      if (Number.isSafeInteger(v)) seen.integer = true;
      else seen.fraction = true;
    } else if (typeof v === "boolean") {
      seen.bool = true;
    } else if (typeof v === "bigint") {
      seen.integer = true;
    } else if (isSequence(v)) {
      throw new RangeError(
        `expected a number at dim ${d}, but got a sequence of length ${v.length} (nested arrays must not be ragged)`,
      );
    } else {
      throw new TypeError(`Could not infer dtype of ${kindOf(v)}`);
    }
  };
  walk(data, 0);
  return { shape, seen };
}

/** Writes the leaves of data `scan` accepted into `out` in row-major order, converted as PyTorch converts Python numbers. */
function fill(data: unknown, depth: number, out: AnyTypedArray, dtype: DType): void {
  let pos = 0;
  const put = (x: number): void => {
    if (dtype === "int64") {
      (out as BigInt64Array)[pos++] = int64Of(x);
      return;
    }
    if (dtype === "bool")
      out[pos++] = x !== 0 ? 1 : 0; // NaN is true, as bool(nan)
    else if (dtype === "int32") {
      if (!(x >= -2147483648 && x <= 2147483647))
        throw new RangeError("value cannot be converted to type int32 without overflow");
      out[pos++] = Math.trunc(x);
    } else if (dtype === "float16") out[pos++] = toHalfBits(x);
    else if (dtype === "bfloat16") out[pos++] = toBFloat16Bits(x);
    else if (isSmallInt(dtype))
      out[pos++] = Math.trunc(x) || 0; // the typed array wraps, as C++'s conversion does
    else out[pos++] = x;
  };
  const walk = (v: unknown, d: number): void => {
    if (d === depth) {
      if (typeof v === "bigint" && dtype === "int64") (out as BigInt64Array)[pos++] = checkedBigInt(v);
      else put(typeof v === "boolean" ? (v ? 1 : 0) : Number(v));
      return;
    }
    const a = v as ArrayLike<unknown>;
    if (d === depth - 1 && ArrayBuffer.isView(a) && sameKind(a, out) && dtype !== "bool") {
      out.set(a as never, pos);
      pos += a.length;
      return;
    }
    for (let i = 0; i < a.length; i++) walk(a[i], d + 1);
  };
  walk(data, 0);
}

/** A bigint as int64, or PyTorch's error when it does not fit. */
function checkedBigInt(v: bigint): bigint {
  if (BigInt.asIntN(64, v) !== v) throw new RangeError("Overflow when unpacking long");
  return v;
}

/** A JS number as int64 as PyTorch converts a Python float (truncation), or PyTorch's overflow error. */
function int64Of(x: number): bigint {
  if (!(x > -9223372036854777856 && x < 9223372036854775808))
    throw new RangeError("value cannot be converted to type int64 without overflow");
  return BigInt(Math.trunc(x));
}

/** Whether typed array `a` can be copied into `out` with `set` (same element type, or an integer type that fits int32 exactly). */
function sameKind(a: ArrayBufferView, out: AnyTypedArray): boolean {
  if (out instanceof BigInt64Array) return a instanceof BigInt64Array;
  if (out instanceof Int32Array)
    return (
      a instanceof Int32Array ||
      a instanceof Int16Array ||
      a instanceof Int8Array ||
      a instanceof Uint16Array ||
      a instanceof Uint8Array ||
      a instanceof Uint8ClampedArray
    );
  if (out instanceof Float32Array || out instanceof Float64Array)
    return !(a instanceof BigInt64Array || a instanceof BigUint64Array);
  return false;
}

/** PyTorch's inference, with JS numbers: an integer value counts as an int unless requiresGrad asks for floats. */
function inferDType(seen: Seen, requiresGrad: boolean | undefined): DType {
  if (seen.float64Array) return "float64";
  if (seen.fraction || seen.float32Array) return "float32";
  if (seen.integer) return requiresGrad ? "float32" : "int64";
  if (seen.int32Array) return requiresGrad ? "float32" : "int32";
  if (seen.bool) return "bool";
  return "float32";
}

/** The typed arrays tensor() and fromArray() read, as PyTorch reads NumPy arrays. */
export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** What torch.tensor takes: a number, a boolean, a bigint, a typed array, or arrays of these nested to any depth. */
export type TensorData = number | boolean | bigint | TypedArray | readonly TensorData[];

/**
 * torch.tensor: a new leaf holding a copy of `data` (a number, a boolean,
 * nested arrays of them, a typed array, nested typed arrays, or a tensor).
 *
 * Inferred dtype: float64 from a Float64Array; float32 from a Float32Array
 * or when any value has a fraction (NaN, Infinity and integers past 2^53
 * count); int64 when all values are integers (numbers or bigints), int32
 * from an Int32Array (or a smaller integer typed array); bool when all are
 * booleans; float32 for no values. A JS number cannot say whether it was
 * written `1` or `1.0`, so `[1, 2]` is int64; `requiresGrad: true` makes
 * integer data float32 instead (PyTorch would refuse an integer tensor),
 * and `{ dtype: "float32" }` asks for floats explicitly.
 */
export function tensor(data: TensorData | Tensor, opts?: CreationOptions): Tensor {
  const o = checkCreationOptions(opts, "tensor");
  if (data instanceof Tensor) {
    data._check();
    return finish(castTo(data, o.dtype ?? data.dtype), o);
  }
  const { shape, seen } = scan(data);
  const dtype = o.dtype ?? inferDType(seen, o.requiresGrad);
  const t = Tensor._empty(shape, dtype);
  try {
    fill(data, shape.length, abi.view(dtype, t._addr(), t.numel()), dtype);
  } catch (e) {
    t.dispose();
    throw e;
  }
  return finish(t, o);
}

/** A new tensor of `shape` from row-major values, converted as PyTorch converts Python numbers. */
function fromValues(
  values: ArrayLike<number> | BigInt64Array,
  shape: number[],
  dtype: DType,
  o: CreationOptions,
): Tensor {
  const n = values.length;
  if (dtype === "int64") {
    const t = Tensor._empty(shape, dtype);
    try {
      const v = abi.view("int64", t._addr(), n);
      if (values instanceof BigInt64Array) v.set(values);
      else for (let i = 0; i < n; i++) v[i] = int64Of(values[i] as number);
    } catch (e) {
      t.dispose();
      throw e;
    }
    return finish(t, o);
  }
  if (values instanceof BigInt64Array) values = Array.from(values, Number);
  if (dtype === "int32") {
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      if (!(x >= -2147483648 && x <= 2147483647))
        throw new RangeError("value cannot be converted to type int32 without overflow");
    }
  }
  const t = Tensor._empty(shape, dtype);
  const v = abi.view(dtype as Exclude<DType, "int64">, t._addr(), n);
  if (dtype === "bool")
    for (let i = 0; i < n; i++) v[i] = values[i] !== 0 ? 1 : 0; // NaN is true, as bool(nan)
  else if (dtype === "int32" && !(values instanceof Int32Array))
    for (let i = 0; i < n; i++) v[i] = Math.trunc(values[i]!);
  else if (dtype === "int32" || dtype === "float32" || dtype === "float64")
    (v as Int32Array | Float32Array | Float64Array).set(values);
  else if (isHalf(dtype) && values instanceof Uint16Array)
    v.set(values); // raw bits, as toArray() gives them
  else writeNumbers(dtype, v, values);
  return finish(t, o);
}

/**
 * A tensor of `shape` (default: 1-D) from a flat array or typed array in
 * row-major order. The dtype is the typed array's (Float32Array float32,
 * Float64Array float64, BigInt64Array (and Uint32Array) int64, with values
 * exact, Int32Array and smaller integer arrays int32) or float32 for plain
 * arrays, unless given. A Uint16Array with dtype float16 or bfloat16 holds
 * their raw bits (what toArray() gives back).
 */
export function fromArray(
  values: ArrayLike<number> | BigInt64Array,
  shape?: readonly number[],
  opts?: CreationOptions,
): Tensor {
  if (values === null || typeof values !== "object" || typeof (values as ArrayLike<number>).length !== "number") {
    throw new TypeError(`fromArray(): values must be an array or typed array, but got ${kindOf(values)}`);
  }
  const o = checkCreationOptions(opts, "fromArray");
  const size = shape === undefined ? [values.length] : parseCreationSize([shape], "fromArray");
  const n = size.reduce((a, b) => a * b, 1);
  if (n !== values.length) {
    throw new RangeError(
      `fromArray(): shape ${showShape(size)} holds ${n} elements, but ${values.length} values were given`,
    );
  }
  const kind = ArrayBuffer.isView(values) ? typedKind(values as unknown as ArrayBufferView) : null;
  const dtype =
    o.dtype ??
    (kind === "float64Array"
      ? "float64"
      : values instanceof BigInt64Array
        ? "int64"
        : kind === "integer"
          ? "int64"
          : kind === "int32Array"
            ? "int32"
            : "float32");
  const nums =
    values instanceof BigInt64Array || (ArrayBuffer.isView(values) && !(values instanceof BigUint64Array))
      ? values
      : Array.from(values as ArrayLike<unknown>, Number);
  return fromValues(nums, size, dtype, o);
}
