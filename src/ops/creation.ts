// Creation ops: tensor(), fromArray, zeros/ones/full/empty, eye, arange,
// linspace and the *Like variants. (Random creation lives in random.ts.)

import { Tensor } from "../tensor.js";
import { parseDType, type DType, isFloating } from "../dtype.js";
import { parseSize, checkNumel, showShape, type Shape } from "../shape.js";
import * as abi from "../wasm/abi.js";

export interface CreationOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

const creationKeys = new Set(["dtype", "requiresGrad"]);

/** Validates an options object: known keys, right types. */
export function checkCreationOptions(opts: unknown, fn: string): CreationOptions {
  if (opts === undefined || opts === null) return {};
  if (typeof opts !== "object" || Array.isArray(opts)) throw new TypeError(`${fn}(): options must be an object, but got ${Array.isArray(opts) ? "Array" : typeof opts}`);
  for (const k of Object.keys(opts)) {
    if (!creationKeys.has(k)) throw new TypeError(`${fn}(): unknown option "${k}" (expected dtype, requiresGrad)`);
  }
  const o = opts as CreationOptions;
  const out: CreationOptions = {};
  if (o.dtype !== undefined) out.dtype = parseDType(o.dtype, `${fn}(): dtype`);
  if (o.requiresGrad !== undefined) {
    if (typeof o.requiresGrad !== "boolean") throw new TypeError(`${fn}(): requiresGrad must be a boolean, but got ${typeof o.requiresGrad}`);
    out.requiresGrad = o.requiresGrad;
  }
  return out;
}

/** Splits `(...sizes, options?)` into sizes and options. */
export function sizeAndOptions(args: readonly unknown[], fn: string): { shape: number[]; opts: CreationOptions } {
  let opts: unknown = undefined;
  let sizes = args;
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object" && !Array.isArray(last) && !ArrayBuffer.isView(last)) {
    opts = last;
    sizes = args.slice(0, -1);
  }
  return { shape: parseSize(sizes, `${fn}(): size`), opts: checkCreationOptions(opts, fn) };
}

/** Applies requiresGrad (checking the dtype) to a freshly made leaf. */
export function finish(t: Tensor, opts: CreationOptions): Tensor {
  if (opts.requiresGrad) {
    try {
      t.requiresGrad_(true);
    } catch (e) {
      t.dispose();
      throw e;
    }
  }
  return t;
}

/** A new tensor of `shape` filled with `value`. */
export function filled(shape: Shape, value: number, dtype: DType): Tensor {
  const t = Tensor._empty(shape, dtype);
  const n = t.numel();
  if (n > 0) abi.kernel("fill", dtype)(t._addr(), abi.writeMeta([n], [[1]]), value);
  return t;
}

export function zeros(...args: (number | readonly number[] | CreationOptions)[]): Tensor {
  const { shape, opts } = sizeAndOptions(args, "zeros");
  return finish(filled(shape, 0, opts.dtype ?? "float32"), opts);
}

export function ones(...args: (number | readonly number[] | CreationOptions)[]): Tensor {
  const { shape, opts } = sizeAndOptions(args, "ones");
  return finish(filled(shape, 1, opts.dtype ?? "float32"), opts);
}

/** Uninitialised values, as torch.empty (torchlet's allocator does not zero memory). */
export function empty(...args: (number | readonly number[] | CreationOptions)[]): Tensor {
  const { shape, opts } = sizeAndOptions(args, "empty");
  return finish(Tensor._empty(shape, opts.dtype ?? "float32"), opts);
}

function checkFillValue(value: unknown, fn: string): number | boolean {
  if (typeof value !== "number" && typeof value !== "boolean") {
    throw new TypeError(`${fn}(): argument 'fill_value' must be a number, but got ${value === null ? "null" : typeof value}`);
  }
  return value;
}

/** full(size, value): the dtype follows the value (bool, int32 or float32) unless given. */
export function full(size: number | readonly number[], value: number | boolean, opts?: CreationOptions): Tensor {
  const shape = parseSize([size], "full(): size");
  const v = checkFillValue(value, "full");
  const o = checkCreationOptions(opts, "full");
  const dtype = o.dtype ?? inferScalar(v);
  return finish(filled(shape, Number(v), dtype), o);
}

const inferScalar = (v: number | boolean): DType =>
  typeof v === "boolean" ? "bool" : Number.isInteger(v) ? "int32" : "float32";

function likeOptions(input: Tensor, opts: unknown, fn: string): { dtype: DType; opts: CreationOptions } {
  if (!(input instanceof Tensor)) throw new TypeError(`${fn}(): argument 'input' must be a Tensor`);
  input._check();
  const o = checkCreationOptions(opts, fn);
  return { dtype: o.dtype ?? input.dtype, opts: o };
}

export function zerosLike(input: Tensor, opts?: CreationOptions): Tensor {
  const { dtype, opts: o } = likeOptions(input, opts, "zerosLike");
  return finish(filled(input.shape, 0, dtype), o);
}

export function onesLike(input: Tensor, opts?: CreationOptions): Tensor {
  const { dtype, opts: o } = likeOptions(input, opts, "onesLike");
  return finish(filled(input.shape, 1, dtype), o);
}

export function fullLike(input: Tensor, value: number | boolean, opts?: CreationOptions): Tensor {
  const { dtype, opts: o } = likeOptions(input, opts, "fullLike");
  return finish(filled(input.shape, Number(checkFillValue(value, "fullLike")), dtype), o);
}

export function emptyLike(input: Tensor, opts?: CreationOptions): Tensor {
  const { dtype, opts: o } = likeOptions(input, opts, "emptyLike");
  return finish(Tensor._empty(input.shape, dtype), o);
}

/** The identity matrix n x m (m defaults to n). */
export function eye(n: number, m?: number | CreationOptions, opts?: CreationOptions): Tensor {
  if (typeof m === "object") {
    opts = m;
    m = undefined;
  }
  const [rows, cols] = parseSize([[n, m ?? n]], "eye(): size");
  const o = checkCreationOptions(opts, "eye");
  const t = filled([rows!, cols!], 0, o.dtype ?? "float32");
  const v = abi.view(t.dtype, t._addr(), rows! * cols!);
  for (let i = 0; i < Math.min(rows!, cols!); i++) v[i * cols! + i] = 1;
  return finish(t, o);
}

/**
 * arange(end), arange(start, end), arange(start, end, step): integers give
 * int32, any non-integer argument gives float32.
 */
export function arange(...args: (number | CreationOptions)[]): Tensor {
  let opts: unknown;
  if (args.length > 0 && typeof args[args.length - 1] === "object") opts = args.pop();
  const nums = args as unknown[];
  for (const v of nums) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new TypeError(`arange(): start, end and step must be finite numbers, but got ${String(v)}`);
  }
  if (nums.length < 1 || nums.length > 3) throw new TypeError(`arange() takes 1 to 3 numbers (end | start, end | start, end, step), but got ${nums.length}`);
  const [start, end, step] = nums.length === 1 ? [0, nums[0] as number, 1] : [nums[0] as number, nums[1] as number, (nums[2] as number | undefined) ?? 1];
  const o = checkCreationOptions(opts, "arange");
  if (step === 0) throw new RangeError("step must be nonzero");
  if ((step > 0 && end < start) || (step < 0 && end > start)) throw new RangeError("upper bound and larger bound inconsistent with step sign");
  const dtype = o.dtype ?? ([start, end, step].every(Number.isInteger) ? "int32" : "float32");
  const n = Math.ceil((end - start) / step);
  checkNumel([n]);
  const t = Tensor._empty([n], dtype);
  const v = abi.view(dtype, t._addr(), n);
  for (let i = 0; i < n; i++) v[i] = start + i * step;
  return finish(t, o);
}

/** `steps` evenly spaced values from start to end inclusive (PyTorch's symmetric formula). */
export function linspace(start: number, end: number, steps: number, opts?: CreationOptions): Tensor {
  for (const [k, v] of [["start", start], ["end", end]] as const) {
    if (typeof v !== "number") throw new TypeError(`linspace(): argument '${k}' must be a number, but got ${typeof v}`);
  }
  if (typeof steps !== "number" || !Number.isInteger(steps)) throw new TypeError(`linspace(): argument 'steps' must be an integer, but got ${String(steps)}`);
  if (steps < 0) throw new RangeError("number of steps must be non-negative");
  const o = checkCreationOptions(opts, "linspace");
  const dtype = o.dtype ?? "float32";
  const t = Tensor._empty([steps], dtype);
  const v = abi.view(dtype, t._addr(), steps);
  if (steps === 1) v[0] = start;
  else if (steps > 1) {
    // PyTorch fills the first half from the start and the second half from the end.
    const step = (end - start) / (steps - 1);
    const half = Math.floor(steps / 2);
    if (isFloating(dtype) && dtype === "float32") {
      const f = Math.fround;
      const fs = f(start), fe = f(end), fstep = f(step);
      for (let i = 0; i < steps; i++) v[i] = i < half ? f(fs + f(fstep * i)) : f(fe - f(fstep * (steps - i - 1)));
    } else {
      for (let i = 0; i < steps; i++) v[i] = i < half ? start + step * i : end - step * (steps - i - 1);
    }
  }
  return finish(t, o);
}

// ---- torch.tensor -------------------------------------------------------------

type Nested = number | boolean | readonly Nested[];

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}

/** Walks nested arrays: shape, flat values, and whether any value is a bool / non-integer. */
function flatten(data: unknown): { shape: number[]; flat: (number | boolean)[]; sawBool: boolean; sawNumber: boolean; sawFraction: boolean } {
  const shape: number[] = [];
  for (let cur: unknown = data; Array.isArray(cur); cur = cur[0]) {
    shape.push(cur.length);
    if (cur.length === 0) break;
  }
  const flat: (number | boolean)[] = [];
  let sawBool = false, sawNumber = false, sawFraction = false;
  const walk = (v: unknown, d: number): void => {
    if (d < shape.length) {
      if (ArrayBuffer.isView(v)) v = Array.from(v as unknown as ArrayLike<number>);
      if (!Array.isArray(v)) {
        throw new TypeError(`expected a sequence of length ${shape[d]} at dim ${d}, but got ${typeName(v)} (ragged nested arrays cannot make a tensor)`);
      }
      if (v.length !== shape[d]) throw new RangeError(`expected sequence of length ${shape[d]} at dim ${d} (got ${v.length})`);
      for (const x of v) walk(x, d + 1);
      return;
    }
    if (typeof v === "number") {
      sawNumber = true;
      if (!Number.isInteger(v)) sawFraction = true;
      flat.push(v);
    } else if (typeof v === "boolean") {
      sawBool = true;
      flat.push(v);
    } else if (Array.isArray(v)) {
      throw new RangeError(`expected a number at dim ${d}, but got a sequence of length ${v.length} (ragged nested arrays cannot make a tensor)`);
    } else {
      throw new TypeError(`Could not infer dtype of ${typeName(v)}`);
    }
  };
  walk(data, 0);
  return { shape, flat, sawBool, sawNumber, sawFraction };
}

function typedDType(a: ArrayBufferView): DType | null {
  if (a instanceof Float32Array) return "float32";
  if (a instanceof Float64Array) return "float64";
  if (a instanceof Int32Array || a instanceof Int16Array || a instanceof Int8Array || a instanceof Uint16Array ||
    a instanceof Uint8Array || a instanceof Uint8ClampedArray) return "int32";
  return null;
}

/**
 * torch.tensor: a new leaf from numbers, booleans, nested arrays or a typed
 * array. Inferred dtype: bool for booleans, int32 for integers, float32 if any
 * value has a fraction (or is NaN/Infinity) and whenever requiresGrad is set.
 */
export function tensor(data: unknown, opts?: CreationOptions): Tensor {
  const o = checkCreationOptions(opts, "tensor");
  if (data instanceof Tensor) {
    data._check();
    const copy = Tensor._empty(data.shape, o.dtype ?? data.dtype);
    abi.view(copy.dtype, copy._addr(), copy.numel()).set(data.toArray() as never);
    return finish(copy, o);
  }
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    const inferred = typedDType(data);
    if (inferred === null) throw new TypeError(`tensor(): unsupported typed array ${typeName(data)}`);
    return fromTyped(data as unknown as ArrayLike<number>, [(data as unknown as ArrayLike<number>).length], o.dtype ?? inferred, o);
  }
  const { shape, flat, sawBool, sawNumber, sawFraction } = flatten(data);
  let dtype = o.dtype;
  if (dtype === undefined) {
    dtype = sawFraction || (o.requiresGrad && (sawNumber || !sawBool)) ? "float32" : sawNumber ? "int32" : sawBool ? "bool" : "float32";
  }
  if (dtype === "int32") {
    for (const v of flat) {
      if (typeof v === "number" && (v > 2147483647 || v < -2147483648)) {
        throw new RangeError(`value ${v} does not fit in int32 (torchlet's integer dtype); pass { dtype: "float64" } to keep it`);
      }
    }
  }
  return fromTyped(flat.map(Number), shape, dtype, o);
}

function fromTyped(values: ArrayLike<number>, shape: number[], dtype: DType, o: CreationOptions): Tensor {
  checkNumel(shape);
  const t = Tensor._empty(shape, dtype);
  const v = abi.view(dtype, t._addr(), values.length);
  if (dtype === "bool") for (let i = 0; i < values.length; i++) v[i] = values[i] ? 1 : 0;
  else if (dtype === "int32" && !(values instanceof Int32Array)) for (let i = 0; i < values.length; i++) v[i] = Math.trunc(values[i]!);
  else v.set(values as never);
  return finish(t, o);
}

/** A tensor of `shape` from a flat typed array or number array (row-major). */
export function fromArray(values: ArrayLike<number>, shape?: readonly number[], opts?: CreationOptions): Tensor {
  if (values === null || typeof values !== "object" || typeof (values as ArrayLike<number>).length !== "number") {
    throw new TypeError(`fromArray(): values must be an array or typed array, but got ${typeName(values)}`);
  }
  const o = checkCreationOptions(opts, "fromArray");
  const size = shape === undefined ? [values.length] : parseSize([shape], "fromArray(): shape");
  const n = size.reduce((a, b) => a * b, 1);
  if (n !== values.length) {
    throw new RangeError(`fromArray(): shape ${showShape(size)} holds ${n} elements, but ${values.length} values were given`);
  }
  const inferred = ArrayBuffer.isView(values) ? typedDType(values as unknown as ArrayBufferView) : null;
  return fromTyped(values, size, o.dtype ?? inferred ?? "float32", o);
}

