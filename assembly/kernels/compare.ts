// Comparisons (bool results, one byte per element) and `where`, over strided,
// broadcast operands. Same driver scheme as binary.ts.

import { metaNdim, metaShape, metaStride, outerCount, resetCounters, nextRow, rowOffset } from "./strided";

export const EQ = 0;
export const NE = 1;
export const LT = 2;
export const LE = 3;
export const GT = 4;
export const GE = 5;

@inline function test<T>(op: i32, a: T, b: T): bool {
  if (op == EQ) return a == b;
  if (op == NE) return a != b;
  if (op == LT) return a < b;
  if (op == LE) return a <= b;
  if (op == GT) return a > b;
  return a >= b;
}

/** Compares operands (a, b) of type T into bool output o, over a meta block (out, a, b). */
@inline export function compare<T>(op: i32, a: usize, b: usize, o: usize, meta: usize): void {
  const SH = alignof<T>();
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  let so = <isize>metaStride(meta, 0, ndim - 1);
  let sa = <isize>metaStride(meta, 1, ndim - 1);
  let sb = <isize>metaStride(meta, 2, ndim - 1);
  if (n == 0 || outerCount(meta) == 0) return;
  resetCounters(ndim);
  do {
    let pa = a + (<usize>rowOffset(meta, 1) << SH);
    let pb = b + (<usize>rowOffset(meta, 2) << SH);
    let po = o + <usize>rowOffset(meta, 0);
    for (let i = 0; i < n; i++) {
      let x = load<T>(pa + (<usize>(<isize>i * sa) << SH));
      let y = load<T>(pb + (<usize>(<isize>i * sb) << SH));
      store<u8>(po + <usize>(<isize>i * so), <u8>test<T>(op, x, y));
    }
  } while (ndim > 1 && nextRow(meta));
}

/** out = cond ? a : b, over a meta block (out, cond, a, b); cond is bool. */
@inline export function where<T>(cond: usize, a: usize, b: usize, o: usize, meta: usize): void {
  const SH = alignof<T>();
  let ndim = metaNdim(meta);
  let n = metaShape(meta, ndim - 1);
  let so = <isize>metaStride(meta, 0, ndim - 1);
  let sc = <isize>metaStride(meta, 1, ndim - 1);
  let sa = <isize>metaStride(meta, 2, ndim - 1);
  let sb = <isize>metaStride(meta, 3, ndim - 1);
  if (n == 0 || outerCount(meta) == 0) return;
  resetCounters(ndim);
  do {
    let pc = cond + <usize>rowOffset(meta, 1);
    let pa = a + (<usize>rowOffset(meta, 2) << SH);
    let pb = b + (<usize>rowOffset(meta, 3) << SH);
    let po = o + (<usize>rowOffset(meta, 0) << SH);
    for (let i = 0; i < n; i++) {
      let c = load<u8>(pc + <usize>(<isize>i * sc));
      let x = load<T>(pa + (<usize>(<isize>i * sa) << SH));
      let y = load<T>(pb + (<usize>(<isize>i * sb) << SH));
      store<T>(po + (<usize>(<isize>i * so) << SH), select<T>(x, y, c != 0));
    }
  } while (ndim > 1 && nextRow(meta));
}
