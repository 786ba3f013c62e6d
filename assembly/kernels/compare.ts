// Comparisons (bool results, one byte per element) and `where`, over strided,
// broadcast operands. Same driver scheme as binary.ts.

import { firstRow, nextRow, rowLength, rowStride, rowPtr, elem } from "./strided";

/** The comparisons; the logical ops take each operand as true where it is not 0 (NaN is true). */
export enum Cmp {
  EQ,
  NE,
  LT,
  LE,
  GT,
  GE,
  LOGICAL_AND = 20,
  LOGICAL_OR,
  LOGICAL_XOR,
  /** `where`: not a comparison; its walk is theirs with a bool operand first. */
  WHERE,
}


@inline function test<T>(op: i32, a: T, b: T): bool {
  if (op == Cmp.LOGICAL_AND) return <bool>((<i32>(a != <T>0)) & (<i32>(b != <T>0)));
  if (op == Cmp.LOGICAL_OR) return <bool>((<i32>(a != <T>0)) | (<i32>(b != <T>0)));
  if (op == Cmp.LOGICAL_XOR) return <bool>((<i32>(a != <T>0)) ^ (<i32>(b != <T>0)));
  if (op == Cmp.EQ) return a == b;
  if (op == Cmp.NE) return a != b;
  if (op == Cmp.LT) return a < b;
  if (op == Cmp.LE) return a <= b;
  if (op == Cmp.GT) return a > b;
  return a >= b;
}

/**
 * Compares operands (a, b) of type T into bool output o, over a meta block
 * (out, a, b); with op WHERE, out = cond ? a : b over (out, cond, a, b).
 */
@inline function walk<T>(op: i32, cond: usize, a: usize, b: usize, o: usize, meta: usize): void {
  const w = op == Cmp.WHERE ? 1 : 0;
  let n = rowLength(meta);
  let so = rowStride(meta, 0);
  let sc: isize = w ? rowStride(meta, 1) : 0;
  let sa = rowStride(meta, 1 + w);
  let sb = rowStride(meta, 2 + w);
  if (!firstRow(meta)) return;
  let vec = so == 1 && (sc == 1 || sc == 0) && (sa == 1 || sa == 0) && (sb == 1 || sb == 0);
  do {
    let pc: usize = w ? rowPtr<u8>(cond, meta, 1) : 0;
    let pa = rowPtr<T>(a, meta, 1 + w);
    let pb = rowPtr<T>(b, meta, 2 + w);
    let i = 0;
    if (w) {
      let po = rowPtr<T>(o, meta, 0);
      if (sizeof<T>() == 4 && vec) i = where4(pc, sc, pa, sa, pb, sb, po, n);
      for (; i < n; i++) {
        let c = load<u8>(pc + <usize>(<isize>i * sc));
        store<T>(elem<T>(po, i, so), select<T>(load<T>(elem<T>(pa, i, sa)), load<T>(elem<T>(pb, i, sb)), c != 0));
      }
      continue;
    }
    let po = rowPtr<u8>(o, meta, 0);
    if (sizeof<T>() == 4 && vec) i = compare16<T>(op, pa, sa, pb, sb, po, n);
    if (sizeof<T>() == 1 && op >= Cmp.LOGICAL_AND && vec) i = logical16(op, pa, sa, pb, sb, po, n);
    for (; i < n; i++) {
      let x = load<T>(elem<T>(pa, i, sa));
      let y = load<T>(elem<T>(pb, i, sb));
      store<u8>(po + <usize>(<isize>i * so), <u8>test<T>(op, x, y));
    }
  } while (nextRow(meta));
}

/** Compares operands (a, b) of type T into bool output o, over a meta block (out, a, b). */
@inline export function compare<T>(op: i32, a: usize, b: usize, o: usize, meta: usize): void {
  walk<T>(op, 0, a, b, o, meta);
}

/** out = cond ? a : b, over a meta block (out, cond, a, b); cond is bool. */
@inline export function where<T>(cond: usize, a: usize, b: usize, o: usize, meta: usize): void {
  walk<T>(Cmp.WHERE, cond, a, b, o, meta);
}

// ---- SIMD rows: 4-byte types (f32, i32), contiguous output, each operand contiguous or one broadcast value

/** Four lanes of `op` as all-ones / all-zeros masks (floats: IEEE comparisons, so NaN is only "ne"). */
@inline function test4<T>(op: i32, a: v128, b: v128): v128 {
  if (op >= Cmp.LOGICAL_AND) {
    let zero = i32x4.splat(0);
    let x = v128.ne<T>(a, zero),
      y = v128.ne<T>(b, zero);
    if (op == Cmp.LOGICAL_AND) return v128.and(x, y);
    if (op == Cmp.LOGICAL_OR) return v128.or(x, y);
    return v128.xor(x, y);
  }
  // v128.lt<T> and the others: f32x4's IEEE comparisons, or i32x4's signed ones.
  if (op == Cmp.EQ) return v128.eq<T>(a, b);
  if (op == Cmp.NE) return v128.ne<T>(a, b);
  if (op == Cmp.LT) return v128.lt<T>(a, b);
  if (op == Cmp.LE) return v128.le<T>(a, b);
  if (op == Cmp.GT) return v128.gt<T>(a, b);
  return v128.ge<T>(a, b);
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
    let m = op == Cmp.LOGICAL_AND ? v128.and(x, y) : op == Cmp.LOGICAL_OR ? v128.or(x, y) : v128.xor(x, y);
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
