// Distances in units in the last place, for comparing float results: by the
// conformance checks (check.ts) and by the vitest files' own ulp bounds.

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** Position of a float32 on the number line of float32s (+0 and -0 both 0). */
function key32(v: number): number {
  f32[0] = v;
  const i = i32[0]!;
  return i >= 0 ? i : -2147483648 - i;
}

function key64(v: number): bigint {
  f64[0] = v;
  const i = i64[0]!;
  return i >= 0n ? i : -(2n ** 63n) - i;
}

/**
 * How many representable values of `dtype` lie between a and b: 0 for equal
 * values and for two NaNs, Infinity when one is NaN or the zeros' signs differ.
 */
export function ulpDistance(a: number, b: number, dtype: "float32" | "float64" | "bfloat16"): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === 0 && b === 0) return Object.is(a, b) ? 0 : Infinity;
  if (dtype === "float32") return Math.abs(key32(a) - key32(b));
  // A bfloat16 is the top half of a float32.
  if (dtype === "bfloat16") return Math.abs(key32(a) - key32(b)) / 65536;
  const d = key64(a) - key64(b);
  return Number(d < 0n ? -d : d);
}
