// Questions about dtypes (torch.result_type, torch.iinfo, torch.finfo) and
// the casts PyTorch spells as tensor methods (.to(), .half(), .type(), ...).

import { Tensor, type TensorLike } from "../tensor.js";
import { parseDType, type DType } from "../dtype.js";
import { addMethods } from "../methods.js";
import { isPlainObject, kindOf } from "../args.js";
import { checkTensor, checkTensorLike, resultTypeOf } from "./launch.js";
import { toCopy } from "./unary.js";

/**
 * torch.result_type: the dtype an arithmetic op gives for these operands
 * (tensors with dims outrank 0-d tensors, which outrank JS numbers, unless
 * the lower group is of a higher category: integer < float).
 */
export function resultType(tensor: TensorLike, other: TensorLike): DType {
  checkTensorLike(tensor, "result_type", "tensor");
  checkTensorLike(other, "result_type", "other");
  if (!(tensor instanceof Tensor) && !(other instanceof Tensor))
    throw new TypeError("result_type(): at least one of 'tensor' and 'other' must be a Tensor");
  return resultTypeOf([tensor, other]);
}

// ---- casts -------------------------------------------------------------------------

/** The keyword arguments of Tensor.to. */
export interface ToOptions {
  dtype?: DType;
  device?: string;
  /** Return a new tensor even when nothing changes. */
  copy?: boolean;
}

/** PyTorch's `x.type()` names, by dtype. */
const TENSOR_TYPE: Record<DType, string> = {
  float32: "torch.FloatTensor",
  float64: "torch.DoubleTensor",
  int64: "torch.LongTensor",
  int32: "torch.IntTensor",
  bool: "torch.BoolTensor",
  uint8: "torch.ByteTensor",
  int8: "torch.CharTensor",
  int16: "torch.ShortTensor",
  float16: "torch.HalfTensor",
  bfloat16: "torch.BFloat16Tensor",
};

const isDTypeName = (v: string): boolean => {
  try {
    parseDType(v);
    return true;
  } catch {
    return false;
  }
};

/** Accepts the one device torchlet has ("cpu", "cpu:0"); any other is an Error that says so. */
function checkDevice(device: unknown): void {
  if (device === "cpu" || device === "cpu:0") return;
  const shown = typeof device === "string" ? `"${device}"` : kindOf(device);
  throw new Error(`torchlet has one device, "cpu": cannot move a tensor to ${shown}`);
}

/** `input` in `dtype`: itself when it already is (unless `copy`), else a copy recorded as ToCopyBackward0. */
export function castAs(input: Tensor, dtype: DType, copy = false): Tensor {
  checkTensor(input, "to", "input");
  if (input.dtype === dtype && !copy) return input;
  return toCopy(input, dtype);
}

/**
 * Tensor.to: `x.to(dtype)`, `x.to("cpu")`, `x.to("cpu", dtype)`,
 * `x.to(other)` (other's dtype), each with optional `{ dtype, device, copy }`.
 * Returns `x` itself when nothing changes, as PyTorch does.
 */
export function to(input: Tensor, ...args: unknown[]): Tensor {
  checkTensor(input, "to", "input");
  let dtype: DType = input.dtype;
  let copy = false;
  let rest = args;
  const last = rest[rest.length - 1];
  if (isPlainObject(last)) {
    const o = last as ToOptions;
    for (const k of Object.keys(o))
      if (k !== "dtype" && k !== "device" && k !== "copy")
        throw new TypeError(`to() got an unexpected keyword argument '${k}'`);
    if (o.device !== undefined) checkDevice(o.device);
    if (o.dtype !== undefined) dtype = parseDType(o.dtype, "to(): dtype");
    copy = o.copy === true;
    rest = rest.slice(0, -1);
  }
  const [first, second] = rest;
  if (rest.length > 2) throw new TypeError(`to() takes at most 2 positional arguments, but got ${rest.length}`);
  if (first instanceof Tensor) {
    first._check();
    if (second !== undefined) throw new TypeError("to(other) takes no other positional argument");
    dtype = first.dtype;
  } else if (typeof first === "string" && isDTypeName(first)) {
    if (second !== undefined) throw new TypeError("to(dtype) takes no other positional argument");
    dtype = parseDType(first);
  } else if (first !== undefined) {
    checkDevice(first);
    if (second !== undefined) dtype = parseDType(second, "to(): dtype");
  }
  return castAs(input, dtype, copy);
}

/** Tensor.type: the legacy type name without an argument ("torch.FloatTensor"), else a cast to `dtype`. */
export function type(input: Tensor, dtype?: DType | string): string | Tensor {
  checkTensor(input, "type", "input");
  if (dtype === undefined) return TENSOR_TYPE[input.dtype];
  const legacy = Object.entries(TENSOR_TYPE).find(([, name]) => name === dtype || name === `torch.${dtype}`);
  return castAs(input, legacy !== undefined ? (legacy[0] as DType) : parseDType(dtype, "type(): dtype"));
}

/** The cast methods: one dtype each. */
const CASTS = {
  float: "float32",
  double: "float64",
  half: "float16",
  bfloat16: "bfloat16",
  short: "int16",
  char: "int8",
  byte: "uint8",
  bool: "bool",
} as const satisfies Record<string, DType>;

declare module "../tensor.js" {
  interface Tensor {
    /**
     * Tensor.to: `x.to(dtype)`, `x.to("cpu")`, `x.to("cpu", dtype)`, `x.to(other)`
     * (other's dtype), optionally with `{ dtype, device, copy }`. `x` itself when
     * nothing changes; "cpu" is the only device.
     */
    to(dtypeOrDevice: DType | string | Tensor | ToOptions, dtype?: DType | ToOptions, opts?: ToOptions): Tensor;
    /** Tensor.float: a float32 copy (`this` when already float32). */
    float(): Tensor;
    /** Tensor.double: a float64 copy (`this` when already float64). */
    double(): Tensor;
    /** Tensor.half: a float16 copy (`this` when already float16). */
    half(): Tensor;
    /** Tensor.bfloat16: a bfloat16 copy (`this` when already bfloat16). */
    bfloat16(): Tensor;
    /** Tensor.short: an int16 copy (`this` when already int16). */
    short(): Tensor;
    /** Tensor.char: an int8 copy (`this` when already int8). */
    char(): Tensor;
    /** Tensor.byte: a uint8 copy (`this` when already uint8). */
    byte(): Tensor;
    /** Tensor.bool: a bool copy, nonzero is true (`this` when already bool). */
    bool(): Tensor;
    /** Tensor.type: the legacy type name ("torch.FloatTensor") without an argument; with one, a cast to that dtype (or legacy name). */
    type(): string;
    type(dtype: DType | string): Tensor;
    /** Tensor.type_as: this cast to `other`'s dtype. */
    typeAs(other: Tensor): Tensor;
  }
}

addMethods({
  to(this: Tensor, ...args: unknown[]): Tensor {
    return to(this, ...args);
  },
  ...(Object.fromEntries(
    Object.entries(CASTS).map(([name, dtype]) => [
      name,
      function (this: Tensor): Tensor {
        return castAs(this, dtype);
      },
    ]),
  ) as Pick<Tensor, keyof typeof CASTS>),
  type: function (this: Tensor, dtype?: DType | string) {
    return type(this, dtype);
  } as Tensor["type"],
  typeAs(this: Tensor, other: Tensor): Tensor {
    checkTensor(other, "type_as", "other");
    return castAs(this, other.dtype);
  },
});

// ---- iinfo, finfo ---------------------------------------------------------------------

/** torch.iinfo's fields. int64's min and max are BigInts (a number cannot hold 2^63 - 1); the others' are numbers. */
export interface IInfo {
  bits: number;
  min: number | bigint;
  max: number | bigint;
  /** The dtype's name ("int16"). */
  dtype: string;
}

/** torch.finfo's fields (smallest_normal as smallestNormal). */
export interface FInfo {
  bits: number;
  eps: number;
  max: number;
  min: number;
  tiny: number;
  smallestNormal: number;
  resolution: number;
  /** The dtype's name ("float16"). */
  dtype: string;
}

const INT64_NAMES = new Set(["int64", "long", "torch.int64", "torch.long"]);

const IINFO: Record<string, [number, number | bigint, number | bigint]> = {
  uint8: [8, 0, 255],
  int8: [8, -128, 127],
  int16: [16, -32768, 32767],
  int32: [32, -2147483648, 2147483647],
  int64: [64, -(2n ** 63n), 2n ** 63n - 1n],
};

const FINFO: Record<string, [number, number, number, number, number]> = {
  // bits, eps, max, tiny, resolution
  float16: [16, 2 ** -10, 65504, 2 ** -14, 0.001],
  bfloat16: [16, 2 ** -7, 3.3895313892515355e38, 2 ** -126, 0.01],
  float32: [32, 2 ** -23, 3.4028234663852886e38, 2 ** -126, 1e-6],
  float64: [64, Number.EPSILON, Number.MAX_VALUE, 2 ** -1022, 1e-15],
};

/** torch.iinfo: the bits and range of an integer dtype (int64 too, with BigInt bounds). */
export function iinfo(dtype: DType | string): IInfo {
  const d = typeof dtype === "string" && INT64_NAMES.has(dtype) ? "int64" : parseDType(dtype, "iinfo(): type");
  const info = IINFO[d];
  if (info === undefined) {
    if (d === "bool") throw new TypeError("torch.bool is not supported by torch.iinfo");
    throw new TypeError("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'");
  }
  const [bits, min, max] = info;
  return { bits, min, max, dtype: d };
}

/** torch.finfo: the machine limits of a floating dtype (float32 without an argument, the default dtype). */
export function finfo(dtype: DType | string = "float32"): FInfo {
  const d = parseDType(dtype, "finfo(): type");
  const info = FINFO[d];
  if (info === undefined)
    throw new TypeError("torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'");
  const [bits, eps, max, tiny, resolution] = info;
  return { bits, eps, max, min: -max, tiny, smallestNormal: tiny, resolution, dtype: d };
}
