// float32 exp, expm1, log, log1p, tanh, sigmoid, sin and cos: an f32x4 form
// for the SIMD loops and a scalar twin for tails and strided rows.
//
// Both forms widen each float32 to float64, run the same float64 algorithm
// and round once at the end. The float64 cores keep about 40 good bits, so
// the float32 result is correctly rounded except within ~2^-16 ulp of a
// halfway case: no fixups for subnormal or overflowing results (2^n of the
// reduction fits a double for every float32 input), and no fused
// multiply-add anywhere, so a SIMD lane and the scalar twin give the same bits
// in the baseline and the relaxed build alike.
//
// The vector form runs the core on two f64x2 halves; the scalar twin is the
// same sequence of IEEE operations on one f64. Polynomials are near-minimax
// (Chebyshev) fits made with mpmath; the bounds below are their measured
// relative errors on the reduced interval.

import { horner5, horner7 } from "./coef";

// expm1(r) = r + r^2/2 + r^3 (E0 + E1 r + ... + E6 r^6) on |r| <= ln2/2, rel. error < 4e-13.
@inline function polyE<V>(r: V): V {
  // prettier-ignore
  return horner7<V, f64>(r, 0.16666666666666666, 0.04166666672558472, 0.008333333338688156, 0.0013888851175485066,
    0.00019841235564470967, 2.486192382927027e-5, 2.7612160625302193e-6);
}
// log(1+f) = 2s + s z (L0 + L1 z + ... + L4 z^4), s = f/(2+f), z = s^2 <= 0.0295, rel. error < 2e-13.
@inline function polyL<V>(z: V): V {
  // prettier-ignore
  return horner5<V, f64>(z, 0.6666666666744985, 0.3999999869651572, 0.28571774916324993,
    0.2219011972118275, 0.19387299011243422);
}
// sin(r) = r + r z (S0 + ... + S4 z^4), cos(r) = 1 - z/2 + z^2 (C0 + ... + C4 z^4), z = r^2, |r| <= pi/4.
@inline function polyS<V>(z: V): V {
  // prettier-ignore
  return horner5<V, f64>(z, -0.16666666666663596, 0.008333333330893767, -0.0001984126673842927,
    2.7555937440341766e-6, -2.4800730765533305e-8);
}


@inline function polyC<V>(z: V): V {
  // prettier-ignore
  return horner5<V, f64>(z, 0.04166666666666447, -0.0013888888887144723, 2.480158508330003e-5,
    -2.755633144337754e-7, 2.069709234271669e-9);
}

const LOG2E: f64 = 1.4426950408889634;
// ln 2 split so that n * LN2_HI is exact for |n| < 2^13.
const LN2_HI: f64 = 0.6931471805592082;
const LN2_LO: f64 = 7.371002565167799e-13;
const LN2: f64 = 0.6931471805599453;
const SQRT2: f64 = 1.4142135623730951;
const INV_PIO2: f64 = 0.6366197723675814;
// pi/2 in three 33-bit pieces: n * PIO2_1 and n * PIO2_2 are exact for n < 2^20.
const PIO2_1: f64 = 1.5707963267341256;
const PIO2_2: f64 = 6.077100506303966e-11;
const PIO2_3: f64 = 2.0222662487959506e-21;
/** Below this |x| sin/cos reduce with PIO2_*; above it with farTrig's table of 2/pi. */
const TRIG_LIMIT: f32 = 1048576.0; // 2^20
/** 2^52 + 1023: adding a biased exponent to 2^52's bits and subtracting this gives it unbiased. */
const EXP_MAGIC: f64 = 4503599627371519.0;
const TWO52_BITS: i64 = 0x4330000000000000;

// ---- scalar cores (f64) ----------------------------------------------------

@inline function expN(x: f64): f64 {
  return nearest<f64>(x * LOG2E);
}


@inline function expR(x: f64, n: f64): f64 {
  return x - n * LN2_HI - n * LN2_LO;
}


@inline function expm1Poly(r: f64): f64 {
  let q = polyE<f64>(r);
  return r + r * r * (0.5 + r * q);
}
/** 2^n for an integral n in [-1022, 1023]. */
@inline function pow2(n: f64): f64 {
  return reinterpret<f64>((<i64>(<i32>n) + 1023) << 52);
}

/** log(u) for a positive, finite, normal double u. */
@inline function logCore(u: f64): f64 {
  let bits = reinterpret<i64>(u);
  let e = reinterpret<f64>((bits >>> 52) | TWO52_BITS) - EXP_MAGIC;
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (m > SQRT2) {
    m = m * 0.5;
    e = e + 1.0;
  }
  let f = m - 1.0;
  let s = f / (2.0 + f);
  let z = s * s;
  let p = polyL<f64>(z);
  return e * LN2 + (2.0 * s + s * z * p);
}


@inline function clampExpArg(x: f64): f64 {
  return min<f64>(max<f64>(x, -150.0), 130.0);
}

/** sin(r) or cos(r) for |r| <= pi/4 turned by q quarter turns: sin(r + q pi/2) (or its cos). */
@inline function trigPoly(r: f64, q: f64, cos: bool): f64 {
  let z = r * r;
  let s = r + r * z * polyS<f64>(z);
  let c = 1.0 - 0.5 * z + z * z * polyC<f64>(z);
  if (cos) q = q == 3.0 ? 0.0 : q + 1.0; // cos(x) = sin(x + pi/2)
  let v = q == 1.0 || q == 3.0 ? c : s;
  return q >= 2.0 ? -v : v;
}

/** sin or cos of 0 <= ax < 2^20: Cody-Waite reduction by pi/2 in three pieces. */
@inline function trigCore(ax: f64, cos: bool): f64 {
  let n = nearest<f64>(ax * INV_PIO2);
  let r = ax - n * PIO2_1 - n * PIO2_2 - n * PIO2_3;
  return trigPoly(r, n - 4.0 * floor<f64>(n * 0.25), cos);
}

/**
 * 2/pi in 32-bit words, most significant first, after one zero word (the
 * bits before the binary point), generated with mpmath: enough bits for the
 * largest float32 exponent plus a 96-bit window.
 */
const TWO_OVER_PI: usize = memory.data<u32>([
  0x00000000, 0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599, 0x3c439041, 0xfe5163ab, 0xdebbc561,
]);
const PIO2: f64 = 1.5707963267948966;


@inline function twoOverPiWord(i: i32): u64 {
  return <u64>load<u32>(TWO_OVER_PI + ((<usize>i) << 2));
}

/**
 * sin or cos of a float32 with |x| >= 2^20 (Payne-Hanek): x = m 2^(e-150)
 * times a 96-bit window of 2/pi's bits gives x * 2/pi mod 4 exactly in its
 * top bits (the bits before the window only add multiples of 4) and the
 * fraction to 62 bits, so r keeps ~40 good bits even for the float32 closest
 * to a multiple of pi/2. (AssemblyScript's own large-argument reductions,
 * in Mathf and Math alike, lose the quadrant beyond about 1.6e6.)
 */
function farTrig(x: f32, cos: bool): f32 {
  if (!isFinite<f32>(x)) return x - x;
  let bits = reinterpret<u32>(x) & 0x7fffffff;
  let m = <u64>((bits & 0x7fffff) | 0x800000);
  let b = <i32>(bits >> 23) - 120; // table bit of 2/pi's bit 2^(150 - e - 1)
  let wi = b >> 5,
    sh = <u64>(b & 31);
  let w2 = (((twoOverPiWord(wi) << 32) | twoOverPiWord(wi + 1)) << sh) >> 32;
  let w1 = (((twoOverPiWord(wi + 1) << 32) | twoOverPiWord(wi + 2)) << sh) >> 32;
  let w0 = (((twoOverPiWord(wi + 2) << 32) | twoOverPiWord(wi + 3)) << sh) >> 32;
  // m * w, where bit 94 of the 120-bit product has weight 1 (one quarter turn).
  let c = ((m * w0) >> 32) + m * w1;
  let top = <u32>(m * w2 + (c >> 32));
  let q = <f64>(top >> 30);
  let frac = <f64>(top & 0x3fffffff) * 9.313225746154785e-10 + <f64>(<u32>c) * 2.168404344971009e-19; // 2^-30, 2^-62
  if (frac >= 0.5) {
    frac -= 1.0;
    q = q == 3.0 ? 0.0 : q + 1.0;
  }
  let v = trigPoly(frac * PIO2, q, cos);
  return <f32>(!cos && reinterpret<u32>(x) >>> 31 != 0 ? -v : v);
}

// ---- scalar twins (f32) -----------------------------------------------------

export function expf32(x: f32): f32 {
  let d = clampExpArg(<f64>x);
  let n = expN(d);
  return <f32>((1.0 + expm1Poly(expR(d, n))) * pow2(n));
}

export function expm1f32(x: f32): f32 {
  let d = clampExpArg(<f64>x);
  let n = expN(d);
  let t = pow2(n);
  let r = <f32>(t * expm1Poly(expR(d, n)) + (t - 1.0));
  return x == 0 ? x : r; // keeps -0
}

export function logf32(x: f32): f32 {
  let r = <f32>logCore(x > 0 ? <f64>x : 1.0);
  if (x > 0 && x < Infinity) return r;
  return x == 0 ? -Infinity : x == Infinity ? x : NaN;
}

export function log1pf32(x: f32): f32 {
  let u = 1.0 + <f64>x; // exact for |x| >= 2^-29
  let r = <f32>logCore(u > 0 ? u : 1.0);
  if (abs<f32>(x) < 1.862645149230957e-9) return x; // log1p(x) rounds to x below 2^-29
  if (x > -1 && x < Infinity) return r;
  return x == -1 ? -Infinity : x == Infinity ? x : NaN;
}

export function tanhf32(x: f32): f32 {
  let a = min<f64>(abs<f64>(<f64>x), 20.0); // tanh(20) rounds to 1
  let d = 2.0 * a;
  let n = expN(d);
  let t = pow2(n);
  let m = t * expm1Poly(expR(d, n)) + (t - 1.0);
  return <f32>copysign<f64>(m / (m + 2.0), <f64>x);
}

/** PyTorch's formula, 1 / (1 + exp(-x)) in float32 arithmetic, with a correctly rounded exp. */
export function sigmoidf32(x: f32): f32 {
  return <f32>1 / (<f32>1 + expf32(-x));
}

export function sinf32(x: f32): f32 {
  if (!(abs<f32>(x) < TRIG_LIMIT)) return farTrig(x, false);
  let v = trigCore(abs<f64>(<f64>x), false);
  return <f32>(reinterpret<u32>(x) >>> 31 != 0 ? -v : v); // sin is odd; the sign of -0 too
}

export function cosf32(x: f32): f32 {
  if (!(abs<f32>(x) < TRIG_LIMIT)) return farTrig(x, true);
  return <f32>trigCore(abs<f64>(<f64>x), true);
}

// ---- vector cores (f64x2) ---------------------------------------------------

@inline function splat2(v: f64): v128 {
  return f64x2.splat(v);
}


@inline function expN2(x: v128): v128 {
  return f64x2.nearest(f64x2.mul(x, splat2(LOG2E)));
}


@inline function expR2(x: v128, n: v128): v128 {
  return f64x2.sub(f64x2.sub(x, f64x2.mul(n, splat2(LN2_HI))), f64x2.mul(n, splat2(LN2_LO)));
}


@inline function expm1Poly2(r: v128): v128 {
  let q = polyE<v128>(r);
  let t = f64x2.add(splat2(0.5), f64x2.mul(r, q));
  return f64x2.add(r, f64x2.mul(f64x2.mul(r, r), t));
}


@inline function pow2v(n: v128): v128 {
  let k = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(n));
  return i64x2.shl(i64x2.add(k, i64x2.splat(1023)), 52);
}


@inline function clampExpArg2(x: v128): v128 {
  return f64x2.min(f64x2.max(x, splat2(-150.0)), splat2(130.0));
}


@inline function logCore2(u: v128): v128 {
  let e = f64x2.sub(v128.or(i64x2.shr_u(u, 52), i64x2.splat(TWO52_BITS)), splat2(EXP_MAGIC));
  let m = v128.or(v128.and(u, i64x2.splat(0x000fffffffffffff)), i64x2.splat(0x3ff0000000000000));
  let big = f64x2.gt(m, splat2(SQRT2));
  m = v128.bitselect(f64x2.mul(m, splat2(0.5)), m, big);
  e = v128.bitselect(f64x2.add(e, splat2(1.0)), e, big);
  let f = f64x2.sub(m, splat2(1.0));
  let s = f64x2.div(f, f64x2.add(splat2(2.0), f));
  let z = f64x2.mul(s, s);
  let p = polyL<v128>(z);
  let t = f64x2.add(f64x2.mul(splat2(2.0), s), f64x2.mul(f64x2.mul(s, z), p));
  return f64x2.add(f64x2.mul(e, splat2(LN2)), t);
}


@inline function trigCore2(ax: v128, cos: bool): v128 {
  let n = f64x2.nearest(f64x2.mul(ax, splat2(INV_PIO2)));
  let r = f64x2.sub(
    f64x2.sub(f64x2.sub(ax, f64x2.mul(n, splat2(PIO2_1))), f64x2.mul(n, splat2(PIO2_2))),
    f64x2.mul(n, splat2(PIO2_3)),
  );
  let z = f64x2.mul(r, r);
  let ps = polyS<v128>(z);
  let s = f64x2.add(r, f64x2.mul(f64x2.mul(r, z), ps));
  let pc = polyC<v128>(z);
  let c = f64x2.add(f64x2.sub(splat2(1.0), f64x2.mul(splat2(0.5), z)), f64x2.mul(f64x2.mul(z, z), pc));
  let q = f64x2.sub(n, f64x2.mul(splat2(4.0), f64x2.floor(f64x2.mul(n, splat2(0.25)))));
  if (cos) {
    let q1 = f64x2.add(q, splat2(1.0));
    q = v128.bitselect(splat2(0.0), q1, f64x2.eq(q, splat2(3.0)));
  }
  let odd = v128.or(f64x2.eq(q, splat2(1.0)), f64x2.eq(q, splat2(3.0)));
  let v = v128.bitselect(c, s, odd);
  return v128.bitselect(f64x2.neg(v), v, f64x2.ge(q, splat2(2.0)));
}

// ---- f32x4 forms ---------------------------------------------------------------

const EXP = 0;
const EXPM1 = 1;
const LOG = 2;
const LOG1P = 3;
const TANH = 4;
const SIN = 5;
const COS = 6;

/** The float64 part of each function on one f64x2 half (specials are fixed up in float32). */
@inline function core2(fn: i32, d: v128): v128 {
  if (fn == EXP) {
    let x = clampExpArg2(d);
    let n = expN2(x);
    return f64x2.mul(f64x2.add(splat2(1.0), expm1Poly2(expR2(x, n))), pow2v(n));
  }
  if (fn == EXPM1) {
    let x = clampExpArg2(d);
    let n = expN2(x);
    let t = pow2v(n);
    return f64x2.add(f64x2.mul(t, expm1Poly2(expR2(x, n))), f64x2.sub(t, splat2(1.0)));
  }
  if (fn == LOG) {
    return logCore2(v128.bitselect(d, splat2(1.0), f64x2.gt(d, splat2(0.0))));
  }
  if (fn == LOG1P) {
    let u = f64x2.add(splat2(1.0), d);
    return logCore2(v128.bitselect(u, splat2(1.0), f64x2.gt(u, splat2(0.0))));
  }
  if (fn == TANH) {
    let a = f64x2.min(f64x2.abs(d), splat2(20.0));
    let x = f64x2.add(a, a);
    let n = expN2(x);
    let t = pow2v(n);
    let m = f64x2.add(f64x2.mul(t, expm1Poly2(expR2(x, n))), f64x2.sub(t, splat2(1.0)));
    let y = f64x2.div(m, f64x2.add(m, splat2(2.0)));
    return v128.or(y, v128.and(d, splat2(-0.0))); // copysign (y >= 0)
  }
  return trigCore2(f64x2.abs(d), fn == COS);
}

/** Runs core2 on both halves of an f32x4 and rounds each lane to float32 once. */
@inline function widened(fn: i32, x: v128): v128 {
  let lo = f32x4.demote_f64x2_zero(core2(fn, f64x2.promote_low_f32x4(x)));
  let hi = f32x4.demote_f64x2_zero(core2(fn, f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3))));
  return v128.shuffle<f32>(lo, hi, 0, 1, 4, 5);
}

/** v in every float32 lane. */
@inline export function splat4(v: f32): v128 {
  return f32x4.splat(v);
}


@inline export function exp4(x: v128): v128 {
  return widened(EXP, x);
}


@inline export function expm14(x: v128): v128 {
  return v128.bitselect(x, widened(EXPM1, x), f32x4.eq(x, splat4(0)));
}


@inline export function log4(x: v128): v128 {
  let r = widened(LOG, x);
  let ok = v128.and(f32x4.gt(x, splat4(0)), f32x4.lt(x, splat4(Infinity)));
  if (v128.all_true<i32>(ok)) return r;
  let special = v128.bitselect(splat4(-Infinity), splat4(NaN), f32x4.eq(x, splat4(0)));
  special = v128.bitselect(x, special, f32x4.eq(x, splat4(Infinity)));
  return v128.bitselect(r, special, ok);
}


@inline export function log1p4(x: v128): v128 {
  let r = widened(LOG1P, x);
  r = v128.bitselect(x, r, f32x4.lt(f32x4.abs(x), splat4(1.862645149230957e-9)));
  let ok = v128.and(f32x4.gt(x, splat4(-1)), f32x4.lt(x, splat4(Infinity)));
  if (v128.all_true<i32>(ok)) return r;
  let special = v128.bitselect(splat4(-Infinity), splat4(NaN), f32x4.eq(x, splat4(-1)));
  special = v128.bitselect(x, special, f32x4.eq(x, splat4(Infinity)));
  return v128.bitselect(r, special, ok);
}


@inline export function tanh4(x: v128): v128 {
  return widened(TANH, x);
}


@inline export function sigmoid4(x: v128): v128 {
  let e = widened(EXP, f32x4.neg(x));
  return f32x4.div(splat4(1), f32x4.add(splat4(1), e));
}

/** Lanes with |x| >= 2^20 (or NaN) take the scalar twin's Payne-Hanek path. */
@inline function trigFixup(x: v128, r: v128, cos: bool): v128 {
  let far = v128.not(f32x4.lt(f32x4.abs(x), splat4(TRIG_LIMIT)));
  if (!v128.any_true(far)) return r;
  if (i32x4.extract_lane(far, 0)) r = f32x4.replace_lane(r, 0, farTrig(f32x4.extract_lane(x, 0), cos));
  if (i32x4.extract_lane(far, 1)) r = f32x4.replace_lane(r, 1, farTrig(f32x4.extract_lane(x, 1), cos));
  if (i32x4.extract_lane(far, 2)) r = f32x4.replace_lane(r, 2, farTrig(f32x4.extract_lane(x, 2), cos));
  if (i32x4.extract_lane(far, 3)) r = f32x4.replace_lane(r, 3, farTrig(f32x4.extract_lane(x, 3), cos));
  return r;
}


@inline export function sin4(x: v128): v128 {
  // sin is odd: the core works on |x| and the sign of x (also of -0) goes back on.
  let r = v128.xor(widened(SIN, x), v128.and(x, splat4(-0.0)));
  return trigFixup(x, r, false);
}


@inline export function cos4(x: v128): v128 {
  return trigFixup(x, widened(COS, x), true);
}

// ---- exp in float32 arithmetic ---------------------------------------------------
//
// torch.exp of float32 runs on every element of big tensors, so it gets its
// own float32 algorithm instead of the widened float64 core above (4x the
// work per lane): Cody-Waite reduction x = n ln2 + r with ln2 in two parts
// (n * EXP_C1 is exact for |n| < 2^15), exp(r) = 1 + r + r^2 P(r) with
// Cephes' expf polynomial (S. L. Moshier, Cephes Math Library), then 2^n
// applied as two exact powers of two, so results in the subnormal range are
// rounded once. No fma: the scalar twin is the same sequence of float32
// operations, lane for lane. Measured over every 31st float32 in
// [-104, 89]: within 1 ulp of the correctly rounded exp (PyTorch's
// Sleef_expf8_u10 is within 1 ulp too); 0 below -104 (exp rounds to 0
// there), +inf above 89, NaN for NaN.

const EXPF_LOG2E: f32 = 1.44269504088896341;
const EXPF_C1: f32 = 0.693359375;
const EXPF_C2: f32 = -2.1219444e-4;
const EXPF_P0: f32 = 1.98756915e-4;
const EXPF_P1: f32 = 1.3981999507e-3;
const EXPF_P2: f32 = 8.3334519073e-3;
const EXPF_P3: f32 = 4.1665795894e-2;
const EXPF_P4: f32 = 1.6666665459e-1;
const EXPF_P5: f32 = 5.0000001201e-1;
const EXPF_LO: f32 = -104.0;
const EXPF_HI: f32 = 89.0;
/** 1.5 * 2^23: adding it rounds to an integer (ties to even), which then sits in the low mantissa bits. */
const EXPF_MAGIC: f32 = 12582912.0;

/** float32 exp in float32 arithmetic (see above); the scalar twin of expf4. */
export function expf(x0: f32): f32 {
  let x = x0 < EXPF_LO ? EXPF_LO : x0;
  x = EXPF_HI < x ? EXPF_HI : x;
  let t = x * EXPF_LOG2E + EXPF_MAGIC;
  let n = t - EXPF_MAGIC;
  let r = x - n * EXPF_C1 - n * EXPF_C2;
  let z = r * r;
  let p = ((((EXPF_P0 * r + EXPF_P1) * r + EXPF_P2) * r + EXPF_P3) * r + EXPF_P4) * r + EXPF_P5;
  let y = <f32>1 + (r + z * p);
  let k = reinterpret<i32>(t) - reinterpret<i32>(EXPF_MAGIC);
  let k1 = k >> 1;
  let k2 = k - k1;
  return y * reinterpret<f32>((k1 + 127) << 23) * reinterpret<f32>((k2 + 127) << 23);
}

/** expf on four lanes, each lane the same float32 operations as expf. */
@inline export function expf4(x0: v128): v128 {
  let x = f32x4.pmax(x0, splat4(EXPF_LO)); // pmax/pmin keep a NaN x
  x = f32x4.pmin(x, splat4(EXPF_HI));
  let t = f32x4.add(f32x4.mul(x, splat4(EXPF_LOG2E)), splat4(EXPF_MAGIC));
  let n = f32x4.sub(t, splat4(EXPF_MAGIC));
  let r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, splat4(EXPF_C1))), f32x4.mul(n, splat4(EXPF_C2)));
  let z = f32x4.mul(r, r);
  let p = f32x4.add(f32x4.mul(splat4(EXPF_P0), r), splat4(EXPF_P1));
  p = f32x4.add(f32x4.mul(p, r), splat4(EXPF_P2));
  p = f32x4.add(f32x4.mul(p, r), splat4(EXPF_P3));
  p = f32x4.add(f32x4.mul(p, r), splat4(EXPF_P4));
  p = f32x4.add(f32x4.mul(p, r), splat4(EXPF_P5));
  let y = f32x4.add(splat4(1), f32x4.add(r, f32x4.mul(z, p)));
  let k = i32x4.sub(t, splat4(EXPF_MAGIC));
  let k1 = i32x4.shr_s(k, 1);
  let k2 = i32x4.sub(k, k1);
  let bias = i32x4.splat(127);
  return f32x4.mul(f32x4.mul(y, i32x4.shl(i32x4.add(k1, bias), 23)), i32x4.shl(i32x4.add(k2, bias), 23));
}
