// normal_fill_16_AVX2 on f32x4: the same arithmetic as normal16f in
// normal.ts (the scalar reference the tests hold it to), four lanes at a time.
// The fmas are done in f64x2 halves: the product of two floats is exact in
// f64, so one f64 addition rounds once, and only a sum landing exactly
// halfway between two floats (or among f32 subnormals) needs the slower
// rounding-to-odd route, taken lane by lane.

import { fmaf } from "./fma";
import { SQRTHF, LOG_P, LOG_Q1, LOG_Q2, MINUS_DP, SIN_P, COS_P, FOPI, TWO_PI_F, MIN_NORM } from "./normal";
import { vat } from "./coef";

// Scratch for the rare lanes that need exact rounding.
const lanes: usize = memory.data(48, 16);

/** Whether any f64 lane of s would round to f32 differently from the exact value it approximates. */
@inline function risky(s: v128): bool {
  let halfway = i64x2.eq(v128.and(s, i64x2.splat(0x1fffffff)), i64x2.splat(0x10000000));
  let tiny = f64x2.lt(f64x2.abs(s), f64x2.splat(1.1754943508222875e-38));
  return v128.any_true(v128.or(halfway, tiny));
}

/** a * b + c on four f32 lanes with one rounding. */
@inline function fma4(a: v128, b: v128, c: v128): v128 {
  let lo = f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(a), f64x2.promote_low_f32x4(b)), f64x2.promote_low_f32x4(c));
  let ah = f32x4.shuffle(a, a, 2, 3, 2, 3);
  let bh = f32x4.shuffle(b, b, 2, 3, 2, 3);
  let ch = f32x4.shuffle(c, c, 2, 3, 2, 3);
  let hi = f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(ah), f64x2.promote_low_f32x4(bh)), f64x2.promote_low_f32x4(ch));
  if (risky(lo) || risky(hi)) return fma4Exact(a, b, c);
  return f32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

function fma4Exact(a: v128, b: v128, c: v128): v128 {
  v128.store(lanes, a);
  v128.store(lanes, b, 16);
  v128.store(lanes, c, 32);
  for (let i: usize = 0; i < 16; i += 4) {
    store<f32>(lanes + i, fmaf(load<f32>(lanes + i), load<f32>(lanes + i, 16), load<f32>(lanes + i, 32)));
  }
  return v128.load(lanes);
}


@inline function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** log256_ps on four lanes (x > 0). */
@inline function log4(x0: v128): v128 {
  const one = splat(1);
  let x = f32x4.max(x0, splat(MIN_NORM));
  let e = f32x4.add(f32x4.convert_i32x4_s(i32x4.sub(i32x4.shr_u(x, 23), i32x4.splat(0x7f))), one);
  x = v128.or(v128.and(x, i32x4.splat(~0x7f800000)), i32x4.splat(0x3f000000));
  let below = f32x4.lt(x, splat(SQRTHF));
  let tmp = v128.and(x, below);
  x = f32x4.sub(x, one);
  e = f32x4.sub(e, v128.and(one, below));
  x = f32x4.add(x, tmp);
  let z = f32x4.mul(x, x);
  let y = vat<f32>(LOG_P, 0);
  for (let k = 1; k < 9; k++) y = fma4(y, x, vat<f32>(LOG_P, k));
  y = f32x4.mul(y, x);
  y = fma4(y, z, f32x4.mul(e, splat(LOG_Q1)));
  y = fma4(f32x4.neg(z), splat(0.5), y);
  x = f32x4.add(x, y);
  return fma4(e, splat(LOG_Q2), x);
}

// sincos256_ps results (written by sincos4).
let sin4: v128 = i32x4.splat(0);
let cos4: v128 = i32x4.splat(0);

/** sincos256_ps on four lanes. */
@inline function sincos4(x0: v128): void {
  let signSin = v128.and(x0, i32x4.splat(0x80000000));
  let x = f32x4.abs(x0);
  let j = i32x4.trunc_sat_f32x4_s(f32x4.mul(x, splat(FOPI)));
  j = v128.and(i32x4.add(j, i32x4.splat(1)), i32x4.splat(~1));
  let y = f32x4.convert_i32x4_s(j);
  let swapSin = i32x4.shl(v128.and(j, i32x4.splat(4)), 29);
  let poly = i32x4.eq(v128.and(j, i32x4.splat(2)), i32x4.splat(0));
  x = fma4(y, vat<f32>(MINUS_DP, 0), x);
  x = fma4(y, vat<f32>(MINUS_DP, 1), x);
  x = fma4(y, vat<f32>(MINUS_DP, 2), x);
  let signCos = i32x4.shl(v128.andnot(i32x4.splat(4), i32x4.sub(j, i32x4.splat(2))), 29);
  signSin = v128.xor(signSin, swapSin);
  let z = f32x4.mul(x, x);
  let c = fma4(vat<f32>(COS_P, 0), z, vat<f32>(COS_P, 1));
  c = fma4(c, z, vat<f32>(COS_P, 2));
  c = f32x4.mul(c, z);
  c = fma4(c, z, f32x4.neg(f32x4.mul(z, splat(0.5))));
  c = f32x4.add(c, splat(1));
  let s = fma4(vat<f32>(SIN_P, 0), z, vat<f32>(SIN_P, 1));
  s = fma4(s, z, vat<f32>(SIN_P, 2));
  s = f32x4.mul(s, z);
  s = fma4(s, x, x);
  let sinFromS = v128.and(poly, s);
  let sinFromC = v128.andnot(c, poly);
  let cosS = f32x4.sub(s, sinFromS);
  let cosC = f32x4.sub(c, sinFromC);
  sin4 = v128.xor(f32x4.add(sinFromC, sinFromS), signSin);
  cos4 = v128.xor(f32x4.add(cosC, cosS), signCos);
}

/** normal_fill_16_AVX2 on f32x4: 16 uniforms at p become 16 normals. */
export function normal16f4(p: usize, mean: f32, std: f32): void {
  let vmean = splat(mean),
    vstd = splat(std);
  for (let h: usize = 0; h < 32; h += 16) {
    let u1 = f32x4.sub(splat(1), v128.load(p + h));
    let u2 = v128.load(p + h, 32);
    let radius = f32x4.sqrt(f32x4.mul(splat(-2), log4(u1)));
    sincos4(f32x4.mul(splat(TWO_PI_F), u2));
    v128.store(p + h, fma4(f32x4.mul(radius, cos4), vstd, vmean));
    v128.store(p + h, fma4(f32x4.mul(radius, sin4), vstd, vmean), 32);
  }
}
