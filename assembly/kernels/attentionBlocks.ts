// The block products and copies of the fused attention (attention.ts): one
// small gemm shape with B's rows contiguous, and the copies that pad an
// operand to whole blocks and vectors (or transpose it) in working memory.

import { vmadd } from "./simd";

/** The value at p in every lane (one load-splat instruction). */
@inline function splatLoad<T>(p: usize): v128 {
  return sizeof<T>() == 4 ? v128.load32_splat(p) : v128.load64_splat(p);
}

/**
 * C[r, 0:nv vectors] (+)= sum over k < K of A[r, k] · B[k, :] for r < rows
 * (C written in pairs of rows). A[r, k] is at a + r * ar + k * ac, B's row
 * k at b + k * bs, C's row r at c + r * cs (byte strides). A last odd row
 * reads A's row rows - 1 twice and writes C's next row too. The tile is
 * 2 rows x 4 vectors (8 accumulators, 4 loads of B and 2 of A per step).
 */
export function mm<T>(
  a: usize,
  ar: usize,
  ac: usize,
  rows: i32,
  b: usize,
  bs: usize,
  c: usize,
  cs: usize,
  K: i32,
  nv: i32,
  acc: bool,
): void {
  for (let r0 = 0; r0 < rows; r0 += 2) {
    let a0 = a + <usize>r0 * ar;
    let a1 = a + <usize>min(r0 + 1, rows - 1) * ar;
    let c0 = c + <usize>r0 * cs;
    let c1 = c0 + cs;
    let v = 0;
    for (; v + 4 <= nv; v += 4) {
      let off = (<usize>v) << 4;
      let p = c0 + off,
        q = c1 + off;
      let zero = v128.splat<i32>(0);
      let x0 = acc ? v128.load(p) : zero,
        x1 = acc ? v128.load(p, 16) : zero,
        x2 = acc ? v128.load(p, 32) : zero,
        x3 = acc ? v128.load(p, 48) : zero;
      let y0 = acc ? v128.load(q) : zero,
        y1 = acc ? v128.load(q, 16) : zero,
        y2 = acc ? v128.load(q, 32) : zero,
        y3 = acc ? v128.load(q, 48) : zero;
      let pb = b + off,
        k0: usize = 0;
      for (let k = 0; k < K; k++) {
        let s = splatLoad<T>(a0 + k0),
          t = splatLoad<T>(a1 + k0);
        let b0 = v128.load(pb),
          b1 = v128.load(pb, 16);
        x0 = vmadd<T>(s, b0, x0);
        y0 = vmadd<T>(t, b0, y0);
        x1 = vmadd<T>(s, b1, x1);
        y1 = vmadd<T>(t, b1, y1);
        let b2 = v128.load(pb, 32),
          b3 = v128.load(pb, 48);
        x2 = vmadd<T>(s, b2, x2);
        y2 = vmadd<T>(t, b2, y2);
        x3 = vmadd<T>(s, b3, x3);
        y3 = vmadd<T>(t, b3, y3);
        pb += bs;
        k0 += ac;
      }
      v128.store(p, x0);
      v128.store(p, x1, 16);
      v128.store(p, x2, 32);
      v128.store(p, x3, 48);
      v128.store(q, y0);
      v128.store(q, y1, 16);
      v128.store(q, y2, 32);
      v128.store(q, y3, 48);
    }
    for (; v < nv; v++) {
      let off = (<usize>v) << 4;
      let zero = v128.splat<i32>(0);
      let x = acc ? v128.load(c0 + off) : zero,
        y = acc ? v128.load(c1 + off) : zero;
      let pb = b + off,
        k0: usize = 0;
      for (let k = 0; k < K; k++) {
        let bk = v128.load(pb);
        x = vmadd<T>(splatLoad<T>(a0 + k0), bk, x);
        y = vmadd<T>(splatLoad<T>(a1 + k0), bk, y);
        pb += bs;
        k0 += ac;
      }
      v128.store(c0 + off, x);
      v128.store(c1 + off, y);
    }
  }
}

/** dst[r, c] = src[r * rs + c] for r < rows, c < cols; zero up to prow rows of pcol columns. */
export function padInto<T>(src: usize, rs: i32, rows: i32, cols: i32, dst: usize, prow: i32, pcol: i32): void {
  const SZ = sizeof<T>();
  memory.fill(dst, 0, <usize>prow * pcol * SZ);
  for (let r = 0; r < rows; r++) memory.copy(dst + <usize>r * pcol * SZ, src + <usize>r * rs * SZ, <usize>cols * SZ);
}

/** dst[c, r] = src[r * rs + c] (r < rows, c < cols), rows of pr elements zero-padded. */
export function transposeInto<T>(src: usize, rs: i32, rows: i32, cols: i32, dst: usize, pr: i32): void {
  const SZ = sizeof<T>();
  memory.fill(dst, 0, <usize>cols * pr * SZ);
  let r = 0;
  // float32 in 4 x 4 tiles: four rows in, four columns out (the last columns of a row scalar)
  if (sizeof<T>() == 4) {
    let c4 = cols & ~3;
    for (; r + 4 <= rows; r += 4) {
      let s = src + <usize>r * rs * SZ,
        rb = <usize>rs * SZ,
        d = dst + <usize>r * SZ;
      for (let c = 0; c < c4; c += 4) {
        let p = s + <usize>c * SZ;
        let a = v128.load(p),
          b = v128.load(p + rb),
          e = v128.load(p + 2 * rb),
          f = v128.load(p + 3 * rb);
        let t0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5),
          t1 = v128.shuffle<f32>(a, b, 2, 6, 3, 7),
          t2 = v128.shuffle<f32>(e, f, 0, 4, 1, 5),
          t3 = v128.shuffle<f32>(e, f, 2, 6, 3, 7);
        let q = d + <usize>c * pr * SZ,
          cb = <usize>pr * SZ;
        v128.store(q, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
        v128.store(q + cb, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
        v128.store(q + 2 * cb, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
        v128.store(q + 3 * cb, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
      }
      for (let i = 0; i < 4; i++) {
        let si = s + <usize>i * rb,
          di = d + <usize>i * SZ;
        for (let c = c4; c < cols; c++) store<T>(di + <usize>c * pr * SZ, load<T>(si + <usize>c * SZ));
      }
    }
  }
  for (; r < rows; r++) {
    let s = src + <usize>r * rs * SZ,
      d = dst + <usize>r * SZ;
    for (let c = 0; c < cols; c++) store<T>(d + <usize>c * pr * SZ, load<T>(s + <usize>c * SZ));
  }
}

/** dst[r, c] = src[r * ps + c] for r < rows, c < cols (dst contiguous). */
export function unpad<T>(src: usize, ps: i32, rows: i32, cols: i32, dst: usize): void {
  const SZ = sizeof<T>();
  for (let r = 0; r < rows; r++) memory.copy(dst + <usize>r * cols * SZ, src + <usize>r * ps * SZ, <usize>cols * SZ);
}
