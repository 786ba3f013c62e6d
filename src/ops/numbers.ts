// Reading a tensor's values as JS numbers where an op walks them in
// JavaScript (sorting, sampling, index checks): int64 values come out of
// toArray() as bigints, which arithmetic with numbers refuses.

import type { Tensor } from "../tensor.js";

/** The values of `t` in memory order as numbers (int64 values beyond 2^53 round, as Number() does). */
export function numbersOf(t: Tensor): Float32Array | Float64Array | Int32Array | Uint8Array | Uint16Array | number[] {
  const a = t.toArray() as ArrayLike<number | bigint> & Iterable<number | bigint>;
  if (a instanceof BigInt64Array) return Array.from(a, Number);
  return a as Float32Array | Float64Array | Int32Array | Uint8Array | Uint16Array;
}
