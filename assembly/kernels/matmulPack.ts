// Packing for the GEMM in matmul.ts: copies a block of A or B, read through
// any strides (row-major, transposed views, slices), into the order the
// micro-kernel reads it, so the inner loop only ever walks two contiguous
// streams.
//
//   packed A (MR-row slivers):   for each sliver s, for each p < kc:
//                                  A[s*MR + 0 .. s*MR + MR-1][p]   (MR values)
//   packed B (NR-column slivers): for each sliver s, for each p < kc:
//                                  B[p][s*NR + 0 .. s*NR + NR-1]   (NR values)
//
// Rows (columns) past the edge of the block are filled with zeros, so the
// micro-kernel always computes whole MR x NR tiles; the edge tiles are cut
// down when they are stored.
//
// Two layouts get SIMD paths: the one where a sliver's values are contiguous
// in memory (a transposed A, a row-major B: straight v128 copies) and the
// other common one (a row-major A, a transposed B: 4 x 4 transposes, for
// 4-byte types). Anything else takes the scalar loop.

/** Rows of the micro-kernel tile. */
export const MR: i32 = 4;
/** v128 columns of the micro-kernel tile: NR = NV * (16 / sizeof<T>()) elements. */
export const NV: i32 = 2;


@inline export function nr<T>(): i32 {
  return NV * (16 / sizeof<T>());
}

/** Transposes the 4 x 4 block of 4-byte lanes whose rows are r0..r3 and stores its 4 columns at dst, dst+step, ... */
@inline function transpose4x4(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, step: usize): void {
  let t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5);
  let t1 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
  let t2 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5);
  let t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<i64>(t0, t2, 0, 2));
  v128.store(dst + step, v128.shuffle<i64>(t0, t2, 1, 3));
  v128.store(dst + 2 * step, v128.shuffle<i64>(t1, t3, 0, 2));
  v128.store(dst + 3 * step, v128.shuffle<i64>(t1, t3, 1, 3));
}

/**
 * Packs the mc x kc block of A at `a` (element strides rs between rows, cs
 * between columns) into MR-row slivers at `dst`.
 */
@inline export function packA<T>(a: usize, rs: isize, cs: isize, mc: i32, kc: i32, dst: usize): void {
  const S = sizeof<T>();
  let i = 0;
  for (; i + MR <= mc; i += MR) {
    let src = a + <usize>(<isize>i * rs * S);
    let p = 0;
    if (rs == 1) {
      // A column's MR values are contiguous: a transposed A (backward's A^T).
      let step = <usize>(cs * S);
      for (; p < kc; p++) {
        v128.store(dst, v128.load(src));
        if (S == 8) v128.store(dst, v128.load(src, 16), 16);
        src += step;
        dst += <usize>MR * S;
      }
    } else if (cs == 1 && S == 4) {
      // Row-major A: read 4 k-values of each of the 4 rows, write them transposed.
      let row = <usize>(rs * S);
      for (; p + 4 <= kc; p += 4) {
        transpose4x4(
          v128.load(src),
          v128.load(src + row),
          v128.load(src + 2 * row),
          v128.load(src + 3 * row),
          dst,
          <usize>MR * S,
        );
        src += 16;
        dst += 4 * <usize>MR * S;
      }
      for (; p < kc; p++) {
        for (let r = 0; r < MR; r++) store<T>(dst + <usize>r * S, load<T>(src + <usize>r * row));
        src += S;
        dst += <usize>MR * S;
      }
    } else {
      for (; p < kc; p++) {
        let s = src + <usize>(<isize>p * cs * S);
        for (let r = 0; r < MR; r++) store<T>(dst + <usize>r * S, load<T>(s + <usize>(<isize>r * rs * S)));
        dst += <usize>MR * S;
      }
    }
  }
  if (i < mc) {
    // The last, partial sliver: missing rows are zero.
    let rows = mc - i;
    let src = a + <usize>(<isize>i * rs * S);
    for (let p = 0; p < kc; p++) {
      let s = src + <usize>(<isize>p * cs * S);
      for (let r = 0; r < MR; r++) {
        store<T>(dst + <usize>r * S, r < rows ? load<T>(s + <usize>(<isize>r * rs * S)) : <T>0);
      }
      dst += <usize>MR * S;
    }
  }
}

/**
 * Packs the kc x nc block of B at `b` (element strides rs between rows, cs
 * between columns) into NR-column slivers at `dst`.
 */
@inline export function packB<T>(b: usize, rs: isize, cs: isize, kc: i32, nc: i32, dst: usize): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  let j = 0;
  for (; j + NR <= nc; j += NR) {
    let src = b + <usize>(<isize>j * cs * S);
    let p = 0;
    if (cs == 1) {
      // Row-major B: each row's NR values are contiguous.
      let step = <usize>(rs * S);
      for (; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += step;
        dst += <usize>NR * S;
      }
    } else if (rs == 1 && S == 4) {
      // A transposed B (backward's B^T): columns are contiguous; transpose 4 x 4 blocks.
      let col = <usize>(cs * S);
      for (; p + 4 <= kc; p += 4) {
        transpose4x4(
          v128.load(src),
          v128.load(src + col),
          v128.load(src + 2 * col),
          v128.load(src + 3 * col),
          dst,
          <usize>NR * S,
        );
        let s4 = src + 4 * col;
        transpose4x4(
          v128.load(s4),
          v128.load(s4 + col),
          v128.load(s4 + 2 * col),
          v128.load(s4 + 3 * col),
          dst + 16,
          <usize>NR * S,
        );
        src += 16;
        dst += 4 * <usize>NR * S;
      }
      for (; p < kc; p++) {
        for (let c = 0; c < NR; c++) store<T>(dst + <usize>c * S, load<T>(src + <usize>c * col));
        src += S;
        dst += <usize>NR * S;
      }
    } else {
      for (; p < kc; p++) {
        let s = src + <usize>(<isize>p * rs * S);
        for (let c = 0; c < NR; c++) store<T>(dst + <usize>c * S, load<T>(s + <usize>(<isize>c * cs * S)));
        dst += <usize>NR * S;
      }
    }
  }
  if (j < nc) {
    let cols = nc - j;
    let src = b + <usize>(<isize>j * cs * S);
    for (let p = 0; p < kc; p++) {
      let s = src + <usize>(<isize>p * rs * S);
      for (let c = 0; c < NR; c++) {
        store<T>(dst + <usize>c * S, c < cols ? load<T>(s + <usize>(<isize>c * cs * S)) : <T>0);
      }
      dst += <usize>NR * S;
    }
  }
}
