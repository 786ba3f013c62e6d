// Exact fused multiply-add, a * b + c with one rounding, without an fma
// instruction (wasm has none; relaxed_madd may or may not fuse).
//
// PyTorch's CPU kernels are compiled with FMA contraction on AVX2 machines, so
// `x * (to - from) + from` and `n * std + mean` round once there; matching its
// random numbers bit for bit needs the same single rounding here.
//
// Method: rounding to odd (S. Boldo, G. Melquiond, "Emulation of FMA and
// correctly rounded sums: proved algorithms using rounding to odd", IEEE
// Trans. Computers 57(4), 2008). A sum rounded to odd in a format with at
// least two more bits than the target rounds correctly to the target.

/** x + y rounded to odd: the nearest double, nudged to the odd neighbour when inexact. */
@inline function addOdd(x: f64, y: f64): f64 {
  let s = x + y;
  // Knuth's TwoSum: the exact error of s.
  let bb = s - x;
  let err = x - (s - bb) + (y - bb);
  let bits = reinterpret<i64>(s);
  if (err != 0 && (bits & 1) == 0) {
    // The exact sum lies strictly between s and its neighbour on err's side: take that (odd) neighbour.
    bits += err > 0 == s > 0 ? 1 : -1;
  }
  return reinterpret<f64>(bits);
}

/**
 * fma for f32. The f64 product is exact (24 + 24 bits), so one f64 addition
 * rounds only once; rounding that sum to f32 can differ from rounding the
 * exact value only when the sum lands exactly halfway between two floats
 * (or among f32 subnormals). Those rare sums are redone rounding to odd in
 * f64 (53 >= 24 + 2 bits), which then rounds correctly to f32.
 */
@inline export function fmaf(a: f32, b: f32, c: f32): f32 {
  let s = <f64>a * <f64>b + <f64>c;
  let halfway = (reinterpret<u64>(s) & 0x1fffffff) == 0x10000000;
  if (halfway || abs(s) < 1.1754943508222875e-38) return fmafOdd(a, b, c);
  return <f32>s;
}

function fmafOdd(a: f32, b: f32, c: f32): f32 {
  let p = <f64>a * <f64>b;
  if (!isFinite(p) || c == 0) return <f32>(p + <f64>c);
  return <f32>addOdd(p, <f64>c);
}

/** Veltkamp split: a == hi + lo with hi and lo of 26 bits each (|a| < 2^996). */
@inline function splitHi(a: f64): f64 {
  let t = 134217729.0 * a; // 2^27 + 1
  return t - (t - a);
}

/**
 * fma for f64: Dekker's exact product (uh + ul == a * b), c + uh split exactly
 * by TwoSum into th + tl, the small terms tl + ul rounded to odd, then one
 * rounding of th + v (Boldo and Melquiond's Algorithm 5). Operands whose
 * product would overflow the split, or underflow, take the plain expression.
 */
export function fma64(a: f64, b: f64, c: f64): f64 {
  let uh = a * b;
  if (!isFinite(uh) || uh == 0 || c == 0 || !isFinite(c) || abs(a) > 1e290 || abs(b) > 1e290 || abs(uh) < 1e-280) {
    return uh + c;
  }
  let ah = splitHi(a),
    al = a - ah;
  let bh = splitHi(b),
    bl = b - bh;
  let ul = ah * bh - uh + ah * bl + al * bh + al * bl;
  let th = c + uh;
  let bb = th - c;
  let tl = c - (th - bb) + (uh - bb);
  let v = addOdd(tl, ul);
  return th + v;
}
