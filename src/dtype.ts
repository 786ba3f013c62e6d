// Element types and PyTorch's type promotion.

/**
 * torch.dtype as a string: "float32" (the default), "float64", "float16",
 * "bfloat16", "int64" (PyTorch's default integer: integer data, indices),
 * "int32", "int16", "int8", "uint8" and "bool".
 */
export type DType = "float32" | "float64" | "int64" | "int32" | "bool" | SmallDType;

/** The dtypes narrower than 32 bits besides bool: stored as such, computed in float32 or int32. */
export type SmallDType = "uint8" | "int8" | "int16" | "float16" | "bfloat16";

export const DTYPES: readonly DType[] = [
  "float32",
  "float64",
  "int64",
  "int32",
  "bool",
  "uint8",
  "int8",
  "int16",
  "float16",
  "bfloat16",
];

/** The dtype of the indices ops return (argmax, topk, sort, max(dim), nonzero): PyTorch's int64. */
export const INDEX_DTYPE: DType = "int64";

/** Bytes per element. */
export const itemSize: Record<DType, number> = {
  float32: 4,
  float64: 8,
  int64: 8,
  int32: 4,
  bool: 1,
  uint8: 1,
  int8: 1,
  int16: 2,
  float16: 2,
  bfloat16: 2,
};

/**
 * The suffix of wasm kernel names for each dtype (`add_f32`). Bool's kernels
 * keep "u8" (they move bytes or write 0/1), so uint8, whose casts wrap
 * instead, is "ui8".
 */
export const kernelSuffix: Record<DType, string> = {
  float32: "f32",
  float64: "f64",
  int64: "i64",
  int32: "i32",
  bool: "u8",
  uint8: "ui8",
  int8: "i8",
  int16: "i16",
  float16: "f16",
  bfloat16: "bf16",
};

/** PyTorch's spelling in messages and printed output (`torch.float32`). */
export const torchName: Record<DType, string> = {
  float32: "torch.float32",
  float64: "torch.float64",
  int64: "torch.int64",
  int32: "torch.int32",
  bool: "torch.bool",
  uint8: "torch.uint8",
  int8: "torch.int8",
  int16: "torch.int16",
  float16: "torch.float16",
  bfloat16: "torch.bfloat16",
};

/** PyTorch's scalar-type names as its error messages use them ("Float", "Int"). */
export const scalarTypeName: Record<DType, string> = {
  float32: "Float",
  float64: "Double",
  int64: "Long",
  int32: "Int",
  bool: "Bool",
  uint8: "Byte",
  int8: "Char",
  int16: "Short",
  float16: "Half",
  bfloat16: "BFloat16",
};

/** Scalar-type names as the messages of type checks name a tensor's dtype ("Long" for int64). */
export const messageTypeName: Record<DType, string> = scalarTypeName;

/** The C++ element type PyTorch's range and overflow messages name ("float", "int64_t"). */
export const cppTypeName: Record<DType, string> = {
  float32: "float",
  float64: "double",
  int64: "int64_t",
  int32: "int",
  bool: "bool",
  uint8: "uint8_t",
  int8: "int8_t",
  int16: "int16_t",
  float16: "at::Half",
  bfloat16: "at::BFloat16",
};

/** PyTorch's legacy tensor type names (torch.FloatTensor, CPUBoolType). */
export const legacyTypeName: Record<DType, string> = {
  float32: "torch.FloatTensor",
  float64: "torch.DoubleTensor",
  int64: "torch.LongTensor",
  int32: "torch.IntTensor",
  bool: "CPUBoolType",
  uint8: "torch.ByteTensor",
  int8: "torch.CharTensor",
  int16: "torch.ShortTensor",
  float16: "torch.HalfTensor",
  bfloat16: "torch.BFloat16Tensor",
};

/** Float16 and bfloat16 arrays hold the raw 16-bit patterns (Uint16Array). */
export type AnyTypedArray =
  Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | Int8Array | Int16Array | Uint16Array;

const ALIASES: Record<string, DType> = {
  float32: "float32",
  float: "float32",
  "torch.float32": "float32",
  "torch.float": "float32",
  float64: "float64",
  double: "float64",
  "torch.float64": "float64",
  "torch.double": "float64",
  int64: "int64",
  long: "int64",
  "torch.int64": "int64",
  "torch.long": "int64",
  int32: "int32",
  int: "int32",
  "torch.int32": "int32",
  "torch.int": "int32",
  bool: "bool",
  "torch.bool": "bool",
  uint8: "uint8",
  "torch.uint8": "uint8",
  int8: "int8",
  "torch.int8": "int8",
  int16: "int16",
  short: "int16",
  "torch.int16": "int16",
  "torch.short": "int16",
  float16: "float16",
  half: "float16",
  "torch.float16": "float16",
  "torch.half": "float16",
  bfloat16: "bfloat16",
  "torch.bfloat16": "bfloat16",
};

/** Validates a user-given dtype (accepting PyTorch spellings such as "float" and "double"). */
export function parseDType(value: unknown, where = "dtype"): DType {
  if (typeof value === "string" && Object.prototype.hasOwnProperty.call(ALIASES, value)) return ALIASES[value]!;
  const shown = typeof value === "string" ? `"${value}"` : String(value);
  throw new TypeError(`${where} must be one of ${DTYPES.map((d) => `"${d}"`).join(", ")}, but got ${shown}`);
}

export const isFloating = (d: DType): boolean =>
  d === "float32" || d === "float64" || d === "float16" || d === "bfloat16";

/** Float16 and bfloat16: stored in 16 bits, computed in float32 (PyTorch CPU's opmath type). */
export const isHalf = (d: DType): d is "float16" | "bfloat16" => d === "float16" || d === "bfloat16";

/** The integer dtypes narrower than int32: computed in int32 and wrapped back, as C++'s integer promotion does. */
export const isSmallInt = (d: DType): d is "uint8" | "int8" | "int16" => d === "uint8" || d === "int8" || d === "int16";

const SMALL: ReadonlySet<string> = new Set(["uint8", "int8", "int16", "float16", "bfloat16"]);

/** Bits of a signed integer dtype (bool and uint8 are not signed). */
function signedBits(d: string): number {
  return d === "int8" ? 8 : d === "int16" ? 16 : d === "int32" ? 32 : d === "int64" ? 64 : 0;
}

/** torch.promote_types where one side is uint8, int8, int16, float16 or bfloat16 (the other may be any dtype). */
function promoteSmall(a: DType, b: DType): DType {
  const fa = isFloating(a),
    fb = isFloating(b);
  if (fa && fb) {
    if ((a === "float16" && b === "bfloat16") || (a === "bfloat16" && b === "float16")) return "float32";
    return itemSize[a] >= itemSize[b] ? a : b;
  }
  if (fa) return a;
  if (fb) return b;
  if (a === "bool") return b;
  if (b === "bool") return a;
  if (a === "uint8" || b === "uint8") {
    const other = a === "uint8" ? b : a;
    if (other === "uint8") return "uint8";
    return signedBits(other) <= 8 ? "int16" : other;
  }
  return signedBits(a) >= signedBits(b) ? a : b;
}

/** Whether `d` is an integer dtype (bool is not). */
export const isIntegral = (d: DType): boolean => d !== "bool" && !isFloating(d);

/** torch.promote_types for two tensor dtypes. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b && Object.prototype.hasOwnProperty.call(itemSize, a)) return a;
  // Checked here because it is public (torch.promoteTypes); PyTorch spellings ("float", "double") work.
  a = parseDType(a, "promoteTypes(): type1");
  b = parseDType(b, "promoteTypes(): type2");
  if (a === b) return a;
  if (SMALL.has(a) || SMALL.has(b)) return promoteSmall(a, b);
  if (a === "float64" || b === "float64") return "float64";
  if (a === "float32" || b === "float32") return "float32";
  if (a === "int64" || b === "int64") return "int64";
  if (a === "int32" || b === "int32") return "int32";
  return "bool";
}

/**
 * An operand as torch.result_type sees it: a tensor with dims, a 0-d tensor,
 * or a wrapped number (a JS number or boolean; a float number counts as the
 * default dtype, float32).
 */
export interface Operand {
  dtype: DType;
  zeroDim: boolean;
  wrapped: boolean;
}

/**
 * Lets a lower-priority group change the result only when it is of a higher
 * category (PyTorch's combine_categories).
 */
function combine(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null || isFloating(higher)) return higher;
  if (higher === "bool" || isFloating(lower)) return promoteTypes(higher, lower);
  return higher;
}

/** torch.result_type: dimensioned tensors first, then 0-d tensors, then wrapped numbers. */
export function resultType(ops: readonly Operand[]): DType {
  let dims: DType | null = null;
  let zeros: DType | null = null;
  let wrapped: DType | null = null;
  for (const o of ops) {
    if (o.wrapped) wrapped = wrapped === null ? o.dtype : promoteTypes(wrapped, o.dtype);
    else if (o.zeroDim) zeros = zeros === null ? o.dtype : promoteTypes(zeros, o.dtype);
    else dims = dims === null ? o.dtype : promoteTypes(dims, o.dtype);
  }
  return combine(dims, combine(zeros, wrapped)) ?? "float32";
}

/** The C++ type names of PyTorch's messages that print a caffe2::TypeMeta ("long int", "c10::Half"). */
export const typeMetaName: Record<DType, string> = {
  float32: "float",
  float64: "double",
  int64: "long int",
  int32: "int",
  int16: "short int",
  int8: "signed char",
  uint8: "unsigned char",
  bool: "bool",
  float16: "c10::Half",
  bfloat16: "c10::BFloat16",
};
