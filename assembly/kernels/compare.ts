// Comparisons (bool results, one byte per element) and `where`, over strided,
// broadcast operands. Same driver scheme as binary.ts.

import { firstRow, nextRow, rowLength, rowStride, rowPtr, elem } from "./strided";

export const EQ = 0;
export const NE = 1;
export const LT = 2;
export const LE = 3;
export const GT = 4;
export const GE = 5;
// Logical ops: each operand is true where it is not 0 (NaN is true).
export const LOGICAL_AND = 20;
export const LOGICAL_OR = 21;
export const LOGICAL_XOR = 22;


@inline function test<T>(op: i32, a: T, b: T): bool {
  if (op == LOGICAL_AND) return <bool>((<i32>(a != <T>0)) & (<i32>(b != <T>0)));
  if (op == LOGICAL_OR) return <bool>((<i32>(a != <T>0)) | (<i32>(b != <T>0)));
  if (op == LOGICAL_XOR) return <bool>((<i32>(a != <T>0)) ^ (<i32>(b != <T>0)));
  if (op == EQ) return a == b;
  if (op == NE) return a != b;
  if (op == LT) return a < b;
  if (op == LE) return a <= b;
  if (op == GT) return a > b;
  return a >= b;
}

/** Compares operands (a, b) of type T into bool output o, over a meta block (out, a, b). */
@inline export function compare<T>(op: i32, a: usize, b: usize, o: usize, meta: usize): void {
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sa = rowStride(meta, 1);
  let sb = rowStride(meta, 2);
  if (!firstRow(meta)) return;
  do {
    let pa = rowPtr<T>(a, meta, 1);
    let pb = rowPtr<T>(b, meta, 2);
    let po = rowPtr<u8>(o, meta, 0);
    let i = 0;
    if (sizeof<T>() == 4 && so == 1 && (sa == 1 || sa == 0) && (sb == 1 || sb == 0))
      i = compare16<T>(op, pa, sa, pb, sb, po, n);
    if (sizeof<T>() == 1 && op >= LOGICAL_AND && so == 1 && (sa == 1 || sa == 0) && (sb == 1 || sb == 0))
      i = logical16(op, pa, sa, pb, sb, po, n);
    for (; i < n; i++) {
      let x = load<T>(elem<T>(pa, i, sa));
      let y = load<T>(elem<T>(pb, i, sb));
      store<u8>(po + <usize>(<isize>i * so), <u8>test<T>(op, x, y));
    }
  } while (nextRow(meta));
}

/** out = cond ? a : b, over a meta block (out, cond, a, b); cond is bool. */
@inline export function where<T>(cond: usize, a: usize, b: usize, o: usize, meta: usize): void {
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sc = rowStride(meta, 1);
  let sa = rowStride(meta, 2);
  let sb = rowStride(meta, 3);
  if (!firstRow(meta)) return;
  do {
    let pc = rowPtr<u8>(cond, meta, 1);
    let pa = rowPtr<T>(a, meta, 2);
    let pb = rowPtr<T>(b, meta, 3);
    let po = rowPtr<T>(o, meta, 0);
    let i = 0;
    if (sizeof<T>() == 4 && so == 1 && (sc == 1 || sc == 0) && (sa == 1 || sa == 0) && (sb == 1 || sb == 0))
      i = where4(pc, sc, pa, sa, pb, sb, po, n);
    for (; i < n; i++) {
      let c = load<u8>(pc + <usize>(<isize>i * sc));
      let x = load<T>(elem<T>(pa, i, sa));
      let y = load<T>(elem<T>(pb, i, sb));
      store<T>(elem<T>(po, i, so), select<T>(x, y, c != 0));
    }
  } while (nextRow(meta));
}

// ---- SIMD rows: 4-byte types (f32, i32), contiguous output, each operand contiguous or one broadcast value

/** Four lanes of `op` as all-ones / all-zeros masks (floats: IEEE comparisons, so NaN is only "ne"). */
@inline function test4<T>(op: i32, a: v128, b: v128): v128 {
  if (op >= LOGICAL_AND) {
    let zero = i32x4.splat(0);
    let x = isFloat<T>() ? f32x4.ne(a, zero) : i32x4.ne(a, zero),
      y = isFloat<T>() ? f32x4.ne(b, zero) : i32x4.ne(b, zero);
    if (op == LOGICAL_AND) return v128.and(x, y);
    if (op == LOGICAL_OR) return v128.or(x, y);
    return v128.xor(x, y);
  }
  if (isFloat<T>()) {
    if (op == EQ) return f32x4.eq(a, b);
    if (op == NE) return f32x4.ne(a, b);
    if (op == LT) return f32x4.lt(a, b);
    if (op == LE) return f32x4.le(a, b);
    if (op == GT) return f32x4.gt(a, b);
    return f32x4.ge(a, b);
  }
  if (op == EQ) return i32x4.eq(a, b);
  if (op == NE) return i32x4.ne(a, b);
  if (op == LT) return i32x4.lt_s(a, b);
  if (op == LE) return i32x4.le_s(a, b);
  if (op == GT) return i32x4.gt_s(a, b);
  return i32x4.ge_s(a, b);
}

/** Four 4-byte elements at p + 16 * k, or the broadcast value when the stride is 0. */
@inline function lanes(p: usize, stride: isize, k: usize, splat: v128): v128 {
  return stride == 0 ? splat : v128.load(p + (k << 4));
}

/**
 * A row of a comparison of 4-byte values 16 at a time: four masks narrowed
 * to 16 bytes of 0 or 1. Returns how many elements it did.
 */
@inline function compare16<T>(op: i32, pa: usize, sa: isize, pb: usize, sb: isize, po: usize, n: i32): i32 {
  let xa = v128.load32_splat(pa),
    xb = v128.load32_splat(pb);
  let one = i8x16.splat(1);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    let qa = pa + (sa == 0 ? 0 : (<usize>i) << 2),
      qb = pb + (sb == 0 ? 0 : (<usize>i) << 2);
    let m0 = test4<T>(op, lanes(qa, sa, 0, xa), lanes(qb, sb, 0, xb));
    let m1 = test4<T>(op, lanes(qa, sa, 1, xa), lanes(qb, sb, 1, xb));
    let m2 = test4<T>(op, lanes(qa, sa, 2, xa), lanes(qb, sb, 2, xb));
    let m3 = test4<T>(op, lanes(qa, sa, 3, xa), lanes(qb, sb, 3, xb));
    let bytes = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
    v128.store(po + <usize>i, v128.and(bytes, one));
  }
  return i;
}

/** A row of a logical op of bytes (bool, uint8) 16 at a time. Returns how many elements it did. */
@inline function logical16(op: i32, pa: usize, sa: isize, pb: usize, sb: isize, po: usize, n: i32): i32 {
  let zero = i8x16.splat(0),
    one = i8x16.splat(1);
  let xa = i8x16.ne(i8x16.splat(load<u8>(pa)), zero),
    xb = i8x16.ne(i8x16.splat(load<u8>(pb)), zero);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    let x = sa == 0 ? xa : i8x16.ne(v128.load(pa + <usize>i), zero);
    let y = sb == 0 ? xb : i8x16.ne(v128.load(pb + <usize>i), zero);
    let m = op == LOGICAL_AND ? v128.and(x, y) : op == LOGICAL_OR ? v128.or(x, y) : v128.xor(x, y);
    v128.store(po + <usize>i, v128.and(m, one));
  }
  return i;
}

/** A row of `where` for 4-byte values, 4 at a time: each bool widened to a lane mask. Returns how many it did. */
function where4(pc: usize, sc: isize, pa: usize, sa: isize, pb: usize, sb: isize, po: usize, n: i32): i32 {
  let ca = i8x16.splat(load<u8>(pc)),
    xa = v128.load32_splat(pa),
    xb = v128.load32_splat(pb);
  let zero = i32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let c = sc == 0 ? ca : v128.load32_zero(pc + <usize>i);
    let mask = i32x4.ne(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(c)), zero);
    let x = sa == 0 ? xa : v128.load(pa + ((<usize>i) << 2));
    let y = sb == 0 ? xb : v128.load(pb + ((<usize>i) << 2));
    v128.store(po + ((<usize>i) << 2), v128.bitselect(x, y, mask));
  }
  return i;
}
