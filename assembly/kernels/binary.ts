// Binary elementwise kernels over strided, broadcast operands.
//
// Each exported kernel (see exports/elementwise.ts) is `binary<T>(OP, ...)`
// with a constant OP: the @inline drivers below are specialised per op at
// compile time, so the `op == X` tests fold away and each loop holds one
// instruction.
//
// Row variants: all contiguous (SIMD), one side a broadcast scalar (SIMD with
// a splat), or general strides (scalar loop). A SIMD lane computes exactly
// what the scalar form computes.

import { metaNdim, outerCount, resetCounters, nextRow, rowLength, rowStride, rowPtr, elem } from "./strided";
import { lanes } from "./simd";
import { isMathOp, mathOp, mathHasVector, mathVectorOp, FMOD } from "./bmath";

export const ADD = 0;
export const SUB = 1;
export const MUL = 2;
export const DIV = 3;
export const MAXIMUM = 4;
export const MINIMUM = 5;
export const POW = 6;
export const REMAINDER = 7;
export const DIV_TRUNC = 8;
export const DIV_FLOOR = 9;
// Bitwise ops, integers only (logic.ts exports them; bool operands are handled by the facade).
export const BITWISE_AND = 40;
export const BITWISE_OR = 41;
export const BITWISE_XOR = 42;
export const LSHIFT = 43;
export const RSHIFT = 44;

/** Set when an integer division or remainder met a zero divisor (PyTorch raises ZeroDivisionError). */
let zeroDivisor = false;

/** PyTorch's div_floor for floating types: fmod-based, so it agrees with remainder(). */
@inline function divFloor<T>(a: T, b: T): T {
  if (b == 0) return a / b;
  let mod = a % b; // fmod
  let div = (a - mod) / b;
  if (mod != 0 && b < 0 != mod < 0) div -= <T>1;
  if (div == 0) return <T>copysign<T>(<T>0, a / b);
  let fl = <T>floor<T>(div);
  if (div - fl > <T>0.5) fl += <T>1;
  return fl;
}


@inline function scalarOp<T>(op: i32, a: T, b: T, s: T): T {
  if (isMathOp(op)) {
    if (op == FMOD && isInteger<T>() && b == 0) {
      zeroDivisor = true;
      return 0;
    }
    return mathOp<T>(op, a, b);
  }
  if (op == ADD) return a + s * b;
  if (op == SUB) return a - s * b;
  if (op == MUL) return a * b;
  if (op == DIV) return a / b; // floats only; true division of integers runs in float
  if (op == MAXIMUM || op == MINIMUM) {
    // std::max/std::min order (a wins ties, so max(-0, 0) is -0); NaN propagates.
    if (isFloat<T>() && (a != a || b != b)) return a + b;
    if (op == MAXIMUM) return a < b ? b : a;
    return b < a ? b : a;
  }
  if (op == POW) {
    if (isFloat<T>()) return <T>Math.pow(<f64>a, <f64>b); // rounded once from double
    // Integer power by squaring; negative exponents give 0 except for |a| == 1 (PyTorch's rule).
    let base = a,
      e = b,
      r: T = 1;
    if (e < 0) return a == 1 ? 1 : a == -1 ? (e & 1 ? -1 : 1) : 0;
    while (e > 0) {
      if (e & 1) r *= base;
      base *= base;
      e >>= 1;
    }
    return r;
  }
  if (op == REMAINDER) {
    // Python's modulo: the result takes the sign of the divisor.
    if (isInteger<T>() && b == 0) {
      zeroDivisor = true;
      return 0;
    }
    let m = a % b;
    if (m != 0 && m < 0 != b < 0) m += b;
    return m;
  }
  if (op == DIV_TRUNC || op == DIV_FLOOR) {
    if (isFloat<T>()) return op == DIV_TRUNC ? <T>trunc<T>(a / b) : divFloor<T>(a, b);
    if (b == 0) {
      zeroDivisor = true;
      return 0;
    }
    if (b == -1) return -a; // wraps like C++ instead of trapping on INT_MIN / -1
    let quot = a / b;
    if (op == DIV_TRUNC) return quot;
    let rem = a % b;
    return rem != 0 && rem < 0 != b < 0 ? quot - 1 : quot;
  }
  if (isInteger<T>()) {
    if (op >= BITWISE_AND) return bitwiseOp<T>(op, a, b);
  }
  return 0;
}

/**
 * Integer bitwise ops. Shift counts are taken modulo the width (wasm's
 * shl/shr_s), which is what PyTorch 1.13's C++ shifts give on x86 for
 * counts outside [0, width) too; right shifts of signed values are
 * arithmetic.
 */
@inline function bitwiseOp<T>(op: i32, a: T, b: T): T {
  if (op == BITWISE_AND) return a & b;
  if (op == BITWISE_OR) return a | b;
  if (op == BITWISE_XOR) return a ^ b;
  if (op == LSHIFT) return a << b;
  return a >> b;
}

/** Whether `op` has a SIMD form for T. */
@inline function hasVector<T>(op: i32): bool {
  if (isMathOp(op)) return mathHasVector<T>(op);
  if (op == ADD || op == SUB || op == MUL || op == MAXIMUM || op == MINIMUM) return true;
  if (op == DIV || op == DIV_TRUNC) return isFloat<T>();
  if (op == BITWISE_AND || op == BITWISE_OR || op == BITWISE_XOR) return isInteger<T>();
  return false;
}

/** a < b ? b : a (maximum) or b < a ? b : a (minimum) lane-wise, NaN in either lane giving NaN. */
@inline function extremum<T>(op: i32, a: v128, b: v128): v128 {
  let pick = op == MAXIMUM ? v128.lt<T>(a, b) : v128.lt<T>(b, a);
  let nan = v128.or(v128.ne<T>(a, a), v128.ne<T>(b, b));
  return v128.bitselect(v128.add<T>(a, b), v128.bitselect(b, a, pick), nan);
}


@inline function vectorOp<T>(op: i32, a: v128, b: v128, s: v128): v128 {
  if (isMathOp(op)) return mathVectorOp<T>(op, a, b);
  if (op == ADD) return v128.add<T>(a, v128.mul<T>(s, b));
  if (op == SUB) return v128.sub<T>(a, v128.mul<T>(s, b));
  if (op == MUL) return v128.mul<T>(a, b);
  if (op == BITWISE_AND) return v128.and(a, b);
  if (op == BITWISE_OR) return v128.or(a, b);
  if (op == BITWISE_XOR) return v128.xor(a, b);
  if (isFloat<T>()) {
    if (op == DIV) return v128.div<T>(a, b);
    if (op == DIV_TRUNC) return v128.trunc<T>(v128.div<T>(a, b));
    if (op == MAXIMUM || op == MINIMUM) return extremum<T>(op, a, b);
  } else if (sizeof<T>() == 8) {
    // i64x2 has no min/max: a compare and a select (a wins ties, as in the scalar form).
    if (op == MAXIMUM) return v128.bitselect(b, a, i64x2.lt_s(a, b));
    if (op == MINIMUM) return v128.bitselect(b, a, i64x2.lt_s(b, a));
  } else {
    if (op == MAXIMUM) return v128.max<T>(a, b);
    if (op == MINIMUM) return v128.min<T>(a, b);
  }
  return a;
}

/** One row: n elements at element strides sa, sb, so. */
@inline function binaryRow<T>(
  op: i32,
  a: usize,
  sa: isize,
  b: usize,
  sb: isize,
  o: usize,
  so: isize,
  n: i32,
  s: T,
): void {
  const SH = alignof<T>();
  let i = 0;
  if (hasVector<T>(op) && so == 1) {
    const L = lanes<T>();
    let vs = v128.splat<T>(s);
    if (sa == 1 && sb == 1) {
      for (; i + 4 * L <= n; i += 4 * L) {
        let off = (<usize>i) << SH;
        let pa = a + off,
          pb = b + off,
          po = o + off;
        let a0 = v128.load(pa),
          a1 = v128.load(pa, 16),
          a2 = v128.load(pa, 32),
          a3 = v128.load(pa, 48);
        let b0 = v128.load(pb),
          b1 = v128.load(pb, 16),
          b2 = v128.load(pb, 32),
          b3 = v128.load(pb, 48);
        v128.store(po, vectorOp<T>(op, a0, b0, vs));
        v128.store(po, vectorOp<T>(op, a1, b1, vs), 16);
        v128.store(po, vectorOp<T>(op, a2, b2, vs), 32);
        v128.store(po, vectorOp<T>(op, a3, b3, vs), 48);
      }
      for (; i + L <= n; i += L) {
        let off = (<usize>i) << SH;
        v128.store(o + off, vectorOp<T>(op, v128.load(a + off), v128.load(b + off), vs));
      }
    } else if (sa == 0 && sb == 1) {
      let va = v128.splat<T>(load<T>(a));
      for (; i + L <= n; i += L) {
        let off = (<usize>i) << SH;
        v128.store(o + off, vectorOp<T>(op, va, v128.load(b + off), vs));
      }
    } else if (sa == 1 && sb == 0) {
      let vb = v128.splat<T>(load<T>(b));
      for (; i + L <= n; i += L) {
        let off = (<usize>i) << SH;
        v128.store(o + off, vectorOp<T>(op, v128.load(a + off), vb, vs));
      }
    }
  }
  for (; i < n; i++) {
    let x = load<T>(elem<T>(a, i, sa));
    let y = load<T>(elem<T>(b, i, sb));
    store<T>(elem<T>(o, i, so), scalarOp<T>(op, x, y, s));
  }
}

/**
 * Applies `op` over a meta block with operands (out, a, b). `s` is alpha for
 * add/sub. Returns 1 when an integer division or remainder met a zero divisor.
 */
@inline export function binary<T>(op: i32, a: usize, b: usize, o: usize, meta: usize, s: T): i32 {
  let ndim = metaNdim(meta);
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sa = rowStride(meta, 1);
  let sb = rowStride(meta, 2);
  zeroDivisor = false;
  if (n == 0 || outerCount(meta) == 0) return 0;
  if (ndim == 1) {
    // One row: no counters to reset (the common call, after the JS side merged dims).
    binaryRow<T>(op, a, sa, b, sb, o, so, n, s);
    return <i32>zeroDivisor;
  }
  resetCounters(ndim);
  do {
    binaryRow<T>(op, rowPtr<T>(a, meta, 1), sa, rowPtr<T>(b, meta, 2), sb, rowPtr<T>(o, meta, 0), so, n, s);
  } while (nextRow(meta));
  return <i32>zeroDivisor;
}
