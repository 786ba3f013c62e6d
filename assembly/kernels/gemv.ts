// Matrix-vector product and dot product (mv, dot, and the folded matmul
// cases that end in mv). Memory-bound, so no packing: the SIMD paths walk
// the matrix in its own order.
//
//   rows contiguous (A row-major, x contiguous): 4 rows at a time, each a
//     v128 dot product along k, summed across lanes at the end;
//   columns contiguous (a transposed A): y += x[p] * A[:, p], 4 columns at a
//     time, along m;
//   anything else: the scalar loop (also the tail of both SIMD paths).

import { lanes, vmadd } from "./simd";

/** The sum of a vector's lanes. */
@inline function hsum<T>(v: v128): T {
  if (isFloat<T>()) {
    if (sizeof<T>() == 4) {
      return <T>(
        (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3)))
      );
    }
    return <T>(f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1));
  }
  if (sizeof<T>() == 8) return <T>(i64x2.extract_lane(v, 0) + i64x2.extract_lane(v, 1));
  return <T>(
    (i32x4.extract_lane(v, 0) + i32x4.extract_lane(v, 1) + (i32x4.extract_lane(v, 2) + i32x4.extract_lane(v, 3)))
  );
}

/** sum_p a[p * sa] * b[p * sb] over n elements. */
@inline export function dotOf<T>(a: usize, sa: isize, b: usize, sb: isize, n: i32): T {
  const S = sizeof<T>();
  const L = lanes<T>();
  let p = 0;
  let acc: T = 0;
  if (sa == 1 && sb == 1 && n >= 4 * L) {
    let s0 = i32x4.splat(0),
      s1 = s0,
      s2 = s0,
      s3 = s0;
    for (; p + 4 * L <= n; p += 4 * L) {
      let off = <usize>p * S;
      s0 = vmadd<T>(v128.load(a + off), v128.load(b + off), s0);
      s1 = vmadd<T>(v128.load(a + off, 16), v128.load(b + off, 16), s1);
      s2 = vmadd<T>(v128.load(a + off, 32), v128.load(b + off, 32), s2);
      s3 = vmadd<T>(v128.load(a + off, 48), v128.load(b + off, 48), s3);
    }
    for (; p + L <= n; p += L) {
      let off = <usize>p * S;
      s0 = vmadd<T>(v128.load(a + off), v128.load(b + off), s0);
    }
    acc = hsum<T>(v128.add<T>(v128.add<T>(s0, s1), v128.add<T>(s2, s3)));
  }
  for (; p < n; p++) {
    acc += load<T>(a + <usize>(<isize>p * sa * S)) * load<T>(b + <usize>(<isize>p * sb * S));
  }
  return acc;
}

/** out[0] = a · b. */
@inline export function dot<T>(a: usize, sa: i32, b: usize, sb: i32, n: i32, out: usize): void {
  store<T>(out, dotOf<T>(a, sa, b, sb, n));
}

/**
 * y = A · x (m x k times k), or y += A · x when `accumulate`; y has unit
 * stride. A has element strides rs, cs; x has stride sx.
 */
@inline export function gemv<T>(
  a: usize,
  rs: i32,
  cs: i32,
  x: usize,
  sx: i32,
  y: usize,
  m: i32,
  k: i32,
  accumulate: bool,
): void {
  const S = sizeof<T>();
  const L = lanes<T>();
  if (m <= 0) return;
  let i = 0;
  if (rs == 1 && cs != 1 && m >= L) {
    // Columns contiguous: y[i..] += x[p] * A[i.., p], four columns per pass over y.
    if (!accumulate) memory.fill(y, 0, <usize>m * S);
    let colStep = <usize>(<isize>cs * S);
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      let c0 = a + <usize>p * colStep;
      let c1 = c0 + colStep,
        c2 = c1 + colStep,
        c3 = c2 + colStep;
      let x0 = v128.splat<T>(load<T>(x + <usize>(<isize>p * sx * S)));
      let x1 = v128.splat<T>(load<T>(x + <usize>(<isize>(p + 1) * sx * S)));
      let x2 = v128.splat<T>(load<T>(x + <usize>(<isize>(p + 2) * sx * S)));
      let x3 = v128.splat<T>(load<T>(x + <usize>(<isize>(p + 3) * sx * S)));
      let r = 0;
      for (; r + L <= m; r += L) {
        let off = <usize>r * S;
        let acc = v128.load(y + off);
        acc = vmadd<T>(x0, v128.load(c0 + off), acc);
        acc = vmadd<T>(x1, v128.load(c1 + off), acc);
        acc = vmadd<T>(x2, v128.load(c2 + off), acc);
        acc = vmadd<T>(x3, v128.load(c3 + off), acc);
        v128.store(y + off, acc);
      }
      for (; r < m; r++) {
        let off = <usize>r * S;
        let s = load<T>(y + off);
        s += load<T>(x + <usize>(<isize>p * sx * S)) * load<T>(c0 + off);
        s += load<T>(x + <usize>(<isize>(p + 1) * sx * S)) * load<T>(c1 + off);
        s += load<T>(x + <usize>(<isize>(p + 2) * sx * S)) * load<T>(c2 + off);
        s += load<T>(x + <usize>(<isize>(p + 3) * sx * S)) * load<T>(c3 + off);
        store<T>(y + off, s);
      }
    }
    for (; p < k; p++) {
      let c0 = a + <usize>p * colStep;
      let xv = load<T>(x + <usize>(<isize>p * sx * S));
      let x0 = v128.splat<T>(xv);
      let r = 0;
      for (; r + L <= m; r += L) {
        let off = <usize>r * S;
        v128.store(y + off, vmadd<T>(x0, v128.load(c0 + off), v128.load(y + off)));
      }
      for (; r < m; r++) {
        let off = <usize>r * S;
        store<T>(y + off, load<T>(y + off) + xv * load<T>(c0 + off));
      }
    }
    return;
  }
  let rowStep = <usize>(<isize>rs * S);
  if (cs == 1 && sx == 1 && k >= L) {
    // Rows contiguous: four dot products at a time share the loads of x.
    for (; i + 4 <= m; i += 4) {
      let r0 = a + <usize>i * rowStep;
      let r1 = r0 + rowStep,
        r2 = r1 + rowStep,
        r3 = r2 + rowStep;
      let s0 = i32x4.splat(0),
        s1 = s0,
        s2 = s0,
        s3 = s0;
      let p = 0;
      for (; p + L <= k; p += L) {
        let off = <usize>p * S;
        let xv = v128.load(x + off);
        s0 = vmadd<T>(v128.load(r0 + off), xv, s0);
        s1 = vmadd<T>(v128.load(r1 + off), xv, s1);
        s2 = vmadd<T>(v128.load(r2 + off), xv, s2);
        s3 = vmadd<T>(v128.load(r3 + off), xv, s3);
      }
      let t0 = hsum<T>(s0),
        t1 = hsum<T>(s1),
        t2 = hsum<T>(s2),
        t3 = hsum<T>(s3);
      for (; p < k; p++) {
        let off = <usize>p * S;
        let xv = load<T>(x + off);
        t0 += load<T>(r0 + off) * xv;
        t1 += load<T>(r1 + off) * xv;
        t2 += load<T>(r2 + off) * xv;
        t3 += load<T>(r3 + off) * xv;
      }
      let yo = y + <usize>i * S;
      if (accumulate) {
        t0 += load<T>(yo);
        t1 += load<T>(yo, S);
        t2 += load<T>(yo, 2 * S);
        t3 += load<T>(yo, 3 * S);
      }
      store<T>(yo, t0);
      store<T>(yo, t1, S);
      store<T>(yo, t2, 2 * S);
      store<T>(yo, t3, 3 * S);
    }
  }
  // Remaining rows (or every row, for other layouts): one dot product each.
  for (; i < m; i++) {
    let t = dotOf<T>(a + <usize>i * rowStep, cs, x, sx, k);
    let yo = y + <usize>i * S;
    store<T>(yo, accumulate ? load<T>(yo) + t : t);
  }
}
