// Creation ops: zeros, ones, empty, full, eye and the *Like variants, plus
// the option and size parsing every creation op shares. torch.tensor and
// fromArray live in fromData.ts, arange and linspace in ranges.ts, random
// creation in random.ts.

import { Tensor } from "../tensor.js";
import { cppTypeName, itemSize, parseDType, type DType } from "../dtype.js";
import { checkNumel, contiguousStrides, type Shape } from "../shape.js";
import { allocStorage } from "../memory.js";
import * as abi from "../wasm/abi.js";
import { isPlainObject, pyType } from "../args.js";

/** Keyword arguments of creation ops. */
export interface CreationOptions {
  /** "float32" (default), "float64", "int64", "int32" or "bool"; PyTorch spellings such as "long" and "torch.float64" work too. */
  dtype?: DType;
  /** Make a leaf that records operations for autograd (floating dtypes only). */
  requiresGrad?: boolean;
}

/** Validates an options object: known keys (dtype, requiresGrad, and `extra`), right types. */
export function checkCreationOptions(opts: unknown, fn: string, extra: readonly string[] = []): CreationOptions {
  if (opts === undefined || opts === null) return {};
  if (!isPlainObject(opts)) {
    throw new TypeError(`${fn}(): options must be an object, but got ${pyType(opts)}`);
  }
  for (const k of Object.keys(opts)) {
    if (k !== "dtype" && k !== "requiresGrad" && !extra.includes(k)) {
      throw new TypeError(
        `${fn}(): unknown option "${k}" (expected ${["dtype", "requiresGrad", ...extra].join(", ")})`,
      );
    }
  }
  const o = opts as CreationOptions;
  const out: CreationOptions = {};
  if (o.dtype !== undefined) out.dtype = parseDType(o.dtype, `${fn}(): dtype`);
  if (o.requiresGrad !== undefined) {
    if (typeof o.requiresGrad !== "boolean")
      throw new TypeError(`${fn}(): requiresGrad must be a boolean, but got ${pyType(o.requiresGrad)}`);
    out.requiresGrad = o.requiresGrad;
  }
  return out;
}

/**
 * Reads sizes given PyTorch's ways, `f(2, 3)` or `f([2, 3])` (`f()` is 0-d),
 * with PyTorch's messages for non-integers and negative sizes.
 */
export function parseCreationSize(args: readonly unknown[], fn: string): number[] {
  const list =
    args.length === 1 && (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]))
      ? Array.from(args[0] as ArrayLike<unknown>)
      : args;
  list.forEach((v, i) => {
    // Past 2^53 a number is no longer an exact integer (1e300 passes Number.isInteger); PyTorch refuses what int64 cannot hold.
    if (typeof v !== "number" || !Number.isSafeInteger(v)) {
      throw new TypeError(
        `${fn}(): argument 'size' must be tuple of ints, but found element of type ${pyType(v)} at pos ${i}`,
      );
    }
  });
  const shape = list as number[];
  for (const v of shape) {
    if (v < 0) throw new RangeError(`Trying to create tensor with negative dimension ${v}: [${shape.join(", ")}]`);
  }
  checkNumel(shape);
  return shape.slice();
}

// Only a plain object is options: a tensor among the sizes is a bad size, as in PyTorch.
const isOptions = (v: unknown): boolean => isPlainObject(v);

/**
 * Sizes as PyTorch takes them, variadic or one array, then the options (only
 * last, as a keyword argument in Python): `(2, 3)`, `([2, 3])`, `(2, 3, {
 * dtype })`, `([2, 3], { dtype })`.
 */
export type SizeArgs<O = CreationOptions> =
  [...size: number[]] | [...size: number[], opts: O] | [size: readonly number[], opts?: O];

/** Splits `(...sizes, options?)` into sizes and options; options anywhere but last are a TypeError. */
export function sizeAndOptions(
  args: readonly unknown[],
  fn: string,
  extra: readonly string[] = [],
): { shape: number[]; opts: CreationOptions } {
  const last = args[args.length - 1];
  const withOpts = args.length > 0 && isOptions(last);
  const sizes = withOpts ? args.slice(0, -1) : args;
  if (sizes.some(isOptions))
    throw new TypeError(
      `${fn}(): the options object must come last, after the sizes: ${fn}(2, 3, { dtype: "float64" })`,
    );
  return { shape: parseCreationSize(sizes, fn), opts: checkCreationOptions(withOpts ? last : undefined, fn, extra) };
}

/** Applies requiresGrad (checking the dtype) to a freshly made leaf; disposes it when that fails. */
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

/** Whether `value` is outside a small dtype's range (finite values past float16/bfloat16's largest too). */
function smallOverflow(value: number, dtype: DType): boolean {
  if (dtype === "uint8") return !(value > -256 && value < 256); // -255..-1 wrap, as PyTorch allows
  if (dtype === "int8") return !(value > -129 && value < 128);
  if (dtype === "int16") return !(value > -32769 && value < 32768);
  const max = dtype === "float16" ? 65504 : dtype === "bfloat16" ? 3.3895313892515355e38 : Infinity;
  return Number.isFinite(value) && Math.abs(value) > max;
}

/** The value a fill writes, with PyTorch's overflow check (bool takes any nonzero as true). */
export function fillValue(value: number, dtype: DType): number {
  if (dtype === "bool") return value !== 0 ? 1 : 0;
  const overflow =
    dtype === "int32"
      ? !(value >= -2147483648 && value < 2147483648)
      : dtype === "int64"
        ? !(value >= -9223372036854775808 && value < 9223372036854775808)
        : dtype === "float32" && Number.isFinite(value) && !Number.isFinite(Math.fround(value));
  if (overflow || smallOverflow(value, dtype))
    throw new RangeError(`value cannot be converted to type ${cppTypeName[dtype]} without overflow`);
  return value;
}

/** Fills the n elements of a dense tensor's storage with `value` (converted as the fill kernel converts). */
function fillDense(t: Tensor, value: number): Tensor {
  const n = t.numel();
  if (n > 0) abi.kernel("fill", t.dtype)(t._addr(), abi.writeMeta([n], [[1]]), value);
  return t;
}

/** A new contiguous tensor of `shape` filled with `value` (no overflow check: for internal use). */
export function filled(shape: Shape, value: number, dtype: DType): Tensor {
  return fillDense(Tensor._empty(shape, dtype), value);
}

/** torch.zeros: a tensor of zeros, `zeros(2, 3)` or `zeros([2, 3], { dtype })`. */
export function zeros(...args: SizeArgs): Tensor {
  const { shape, opts } = sizeAndOptions(args, "zeros");
  return finish(filled(shape, 0, opts.dtype ?? "float32"), opts);
}

/** torch.ones: a tensor of ones, `ones(2, 3)` or `ones([2, 3], { dtype })`. */
export function ones(...args: SizeArgs): Tensor {
  const { shape, opts } = sizeAndOptions(args, "ones");
  return finish(filled(shape, 1, opts.dtype ?? "float32"), opts);
}

/** torch.empty: uninitialised values (torchlet's allocator does not zero memory), sized as zeros. */
export function empty(...args: SizeArgs): Tensor {
  const { shape, opts } = sizeAndOptions(args, "empty");
  return finish(Tensor._empty(shape, opts.dtype ?? "float32"), opts);
}

function checkFillValue(value: unknown, fn: string): number | boolean {
  if (typeof value !== "number" && typeof value !== "boolean") {
    throw new TypeError(`${fn}(): argument 'fill_value' must be a number or a boolean, but got ${pyType(value)}`);
  }
  return value;
}

/**
 * full(size, value): the dtype follows the value (bool for a boolean, int64
 * for an integer up to 2^53, float32 otherwise) unless given. A JS number
 * cannot say whether it was written `1` or `1.0`: with `requiresGrad: true`
 * an integer value gives float32.
 */
export function full(size: number | readonly number[], value: number | boolean, opts?: CreationOptions): Tensor {
  const shape = parseCreationSize([size], "full");
  const v = checkFillValue(value, "full");
  const o = checkCreationOptions(opts, "full");
  const dtype =
    o.dtype ?? (typeof v === "boolean" ? "bool" : Number.isSafeInteger(v) && !o.requiresGrad ? "int64" : "float32");
  return finish(filled(shape, fillValue(Number(v), dtype), dtype), o);
}

// ---- layouts of *Like results ----------------------------------------------------

/**
 * Dims ordered innermost first by stride, as TensorIterator and
 * infer_dense_strides order them (an insertion sort that leaves 0-stride dims
 * in place and puts the smaller size first among equal strides).
 */
export function iterationOrder(shape: readonly number[], strides: readonly number[]): number[] {
  const nd = shape.length;
  const perm = Array.from({ length: nd }, (_, i) => nd - 1 - i);
  const swap = (a: number, b: number): number => {
    const s0 = strides[a]!,
      s1 = strides[b]!;
    if (s0 === 0 || s1 === 0) return 0;
    if (s0 !== s1) return s0 < s1 ? -1 : 1;
    return shape[a]! > shape[b]! ? 1 : 0;
  };
  for (let i = 1; i < nd; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = swap(perm[d0]!, perm[d1]!);
      if (c > 0) {
        [perm[d0], perm[d1]] = [perm[d1]!, perm[d0]!];
        d1 = d0;
      } else if (c < 0) break;
    }
  }
  return perm;
}

/** Whether the elements exactly tile a block of memory (is_non_overlapping_and_dense). */
export function isDense(shape: readonly number[], strides: readonly number[]): boolean {
  const dims = shape.map((_, d) => d).filter((d) => shape[d] !== 1);
  if (dims.some((d) => shape[d] === 0)) return true;
  dims.sort((a, b) => strides[a]! - strides[b]!);
  let expected = 1;
  for (const d of dims) {
    if (strides[d] !== expected) return false;
    expected *= shape[d]!;
  }
  return true;
}

/**
 * An uninitialised tensor shaped like `input` with its memory layout
 * (torch.empty_like's preserve_format): a dense input's strides are kept,
 * other inputs get dense strides in the same dim order.
 */
export function emptyLikeOf(input: unknown, dtype: DType | undefined, fn: string): Tensor {
  if (!(input instanceof Tensor))
    throw new TypeError(`${fn}(): argument 'input' must be a Tensor, but got ${pyType(input)}`);
  input._check();
  const d = dtype ?? input.dtype;
  const shape = input.shape.slice();
  let strides: number[];
  if (isDense(shape, input._strides)) strides = input._strides.slice();
  else {
    strides = new Array<number>(shape.length);
    let s = 1;
    for (const dim of iterationOrder(shape, input._strides)) {
      strides[dim] = s;
      if (shape[dim]! > 1) s *= shape[dim]!;
    }
  }
  const plain = contiguousStrides(shape);
  if (strides.every((s, i) => s === plain[i])) return Tensor._empty(shape, d);
  const st = allocStorage(input.numel() * itemSize[d]);
  return new Tensor(st, shape, strides, 0, d);
}

function likeArgs(input: unknown, opts: unknown, fn: string): { t: Tensor; opts: CreationOptions } {
  const o = checkCreationOptions(opts, fn);
  return { t: emptyLikeOf(input, o.dtype, fn), opts: o };
}

function fillLike(t: Tensor, value: number, opts: CreationOptions): Tensor {
  try {
    fillDense(t, fillValue(value, t.dtype));
  } catch (e) {
    t.dispose();
    throw e;
  }
  return finish(t, opts);
}

/** Zeros shaped (and laid out) like `input`; dtype follows input unless given. */
export function zerosLike(input: Tensor, opts?: CreationOptions): Tensor {
  const { t, opts: o } = likeArgs(input, opts, "zerosLike");
  return fillLike(t, 0, o);
}

/** Ones shaped (and laid out) like `input`; dtype follows input unless given. */
export function onesLike(input: Tensor, opts?: CreationOptions): Tensor {
  const { t, opts: o } = likeArgs(input, opts, "onesLike");
  return fillLike(t, 1, o);
}

/** `value` everywhere, shaped (and laid out) like `input`; dtype follows input unless given. */
export function fullLike(input: Tensor, value: number | boolean, opts?: CreationOptions): Tensor {
  const v = checkFillValue(value, "fullLike");
  const { t, opts: o } = likeArgs(input, opts, "fullLike");
  return fillLike(t, Number(v), o);
}

/** Uninitialised values shaped (and laid out) like `input`. */
export function emptyLike(input: Tensor, opts?: CreationOptions): Tensor {
  const { t, opts: o } = likeArgs(input, opts, "emptyLike");
  return finish(t, o);
}

// ---- eye ----------------------------------------------------------------------------

function checkEyeDim(v: unknown, name: "n" | "m"): number {
  if (typeof v !== "number" || !Number.isInteger(v))
    throw new TypeError(`eye(): argument '${name}' must be int, not ${pyType(v)}`);
  if (v < 0) throw new RangeError(`${name} must be greater or equal to 0, got ${v}`);
  return v;
}

/** torch.eye: the identity matrix n x m (m defaults to n): eye(3), eye(2, 4, { dtype }), eye(2, { m: 4 }). */
export function eye(n: number, m?: number | (CreationOptions & { m?: number }), opts?: CreationOptions): Tensor {
  if (m !== null && typeof m === "object") {
    if (opts !== undefined) throw new TypeError("eye(): the options object must be the last argument");
    opts = m;
    m = (opts as { m?: number }).m;
  } else if (opts !== null && typeof opts === "object" && (opts as { m?: number }).m !== undefined) {
    throw new TypeError("eye(): got multiple values for argument 'm'");
  }
  const rows = checkEyeDim(n, "n");
  const cols = m === undefined ? rows : checkEyeDim(m, "m");
  const o = checkCreationOptions(opts, "eye", ["m"]);
  checkNumel([rows, cols]);
  const t = filled([rows, cols], 0, o.dtype ?? "float32");
  const k = Math.min(rows, cols);
  if (k > 0) abi.kernel("fill", t.dtype)(t._addr(), abi.writeMeta([k], [[cols + 1]]), 1);
  return finish(t, o);
}
