// Element types and PyTorch's type promotion.

/**
 * torch.dtype as a string: "float32" (the default), "float64", "int64"
 * (PyTorch's default integer: integer data, indices), "int32" and "bool".
 */
export type DType = "float32" | "float64" | "int64" | "int32" | "bool";

export const DTYPES: readonly DType[] = ["float32", "float64", "int64", "int32", "bool"];

/** The dtype of the indices ops return (argmax, topk, sort, max(dim), nonzero): PyTorch's int64. */
export const INDEX_DTYPE: DType = "int64";

/** Bytes per element. */
export const itemSize: Record<DType, number> = { float32: 4, float64: 8, int64: 8, int32: 4, bool: 1 };

/** The suffix of wasm kernel names for each dtype (`add_f32`). */
export const kernelSuffix: Record<DType, string> = {
  float32: "f32",
  float64: "f64",
  int64: "i64",
  int32: "i32",
  bool: "u8",
};

/** PyTorch's spelling in messages and printed output (`torch.float32`). */
export const torchName: Record<DType, string> = {
  float32: "torch.float32",
  float64: "torch.float64",
  int64: "torch.int64",
  int32: "torch.int32",
  bool: "torch.bool",
};

/** PyTorch's scalar-type names as its error messages use them ("Float", "Int"). */
export const scalarTypeName: Record<DType, string> = {
  float32: "Float",
  float64: "Double",
  int64: "Long",
  int32: "Int",
  bool: "Bool",
};

/** Scalar-type names as the messages of type checks name a tensor's dtype ("Long" for int64). */
export const messageTypeName: Record<DType, string> = {
  float32: "Float",
  float64: "Double",
  int64: "Long",
  int32: "Int",
  bool: "Bool",
};

/** The C++ element type PyTorch's range and overflow messages name ("float", "int64_t"). */
export const cppTypeName: Record<DType, string> = {
  float32: "float",
  float64: "double",
  int64: "int64_t",
  int32: "int",
  bool: "bool",
};

/** PyTorch's legacy tensor type names (torch.FloatTensor, CPUBoolType). */
export const legacyTypeName: Record<DType, string> = {
  float32: "torch.FloatTensor",
  float64: "torch.DoubleTensor",
  int64: "torch.LongTensor",
  int32: "torch.IntTensor",
  bool: "CPUBoolType",
};

export type AnyTypedArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

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
};

/** Validates a user-given dtype (accepting PyTorch spellings such as "float" and "double"). */
export function parseDType(value: unknown, where = "dtype"): DType {
  if (typeof value === "string" && Object.prototype.hasOwnProperty.call(ALIASES, value)) return ALIASES[value]!;
  const shown = typeof value === "string" ? `"${value}"` : String(value);
  throw new TypeError(`${where} must be one of "float32", "float64", "int64", "int32", "bool", but got ${shown}`);
}

export const isFloating = (d: DType): boolean => d === "float32" || d === "float64";

/** Whether `d` is an integer dtype (bool is not). */
export const isIntegral = (d: DType): boolean => d === "int64" || d === "int32";

/** torch.promote_types for two tensor dtypes. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b && Object.prototype.hasOwnProperty.call(itemSize, a)) return a;
  // Checked here because it is public (torch.promoteTypes); PyTorch spellings ("float", "double") work.
  a = parseDType(a, "promoteTypes(): type1");
  b = parseDType(b, "promoteTypes(): type2");
  if (a === b) return a;
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
