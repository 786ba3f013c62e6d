// im2col and col2im: the data movement that turns a convolution into the
// blocked gemm of matmul.ts (src/ops/conv.ts drives both).
//
// A plane is one (image, channel) pair: H x W values of x, contiguous. Its
// columns are KH * KW rows of OH * OW values, contiguous:
//
//   cols[(i * KW + j) * OH * OW + oh * OW + ow] = x[ih * W + iw]
//     with ih = oh * sh - ph + i * dh, iw = ow * sw - pw + j * dw
//     (zero where (ih, iw) falls outside the plane: the zero padding)
//
// col2im is the adjoint: each cols value is added into x[ih, iw] (ignored
// when outside), every x element summing its terms in (i, j, oh, ow) order.
// Planes are independent, so src/ops/conv.ts splits both over threads by
// whole planes and the results are bit-identical with threads.
//
// Each row of OW values has one valid range [lo, hi) of ow, computed once
// per (i, j); with sw == 1 that range is a contiguous run of x, moved with
// v128 loads and stores (a scalar tail after), else a strided scalar loop.
// A 1-d convolution is the 2-d one with H = KH = OH = 1.
//
// Geometry block (i32 words at `g`): H, W, KH, KW, OH, OW, sh, sw, ph, pw, dh, dw.

@inline function arg(g: usize, i: i32): i32 {
  return load<i32>(g + ((<usize>i) << 2));
}

/** First ow whose iw = ow * s + off is >= 0 (at most ow). */
@inline function firstValid(off: i32, s: i32, ow: i32): i32 {
  return off >= 0 ? 0 : min((s - 1 - off) / s, ow);
}

/** First ow whose iw = ow * s + off is >= w (at most ow). */
@inline function firstPast(off: i32, s: i32, w: i32, ow: i32): i32 {
  let d = w - off;
  return d <= 0 ? 0 : min((d + s - 1) / s, ow);
}

/** Copies n elements of T from src to dst (not overlapping). */
@inline function copyRun<T>(dst: usize, src: usize, n: i32): void {
  const S = <usize>sizeof<T>();
  let q = 0;
  for (; q + 4 * (16 / <i32>S) <= n; q += 4 * (16 / <i32>S)) {
    v128.store(dst, v128.load(src));
    v128.store(dst, v128.load(src, 16), 16);
    v128.store(dst, v128.load(src, 32), 32);
    v128.store(dst, v128.load(src, 48), 48);
    dst += 64;
    src += 64;
  }
  for (; q + 16 / <i32>S <= n; q += 16 / <i32>S) {
    v128.store(dst, v128.load(src));
    dst += 16;
    src += 16;
  }
  for (; q < n; q++) {
    store<T>(dst, load<T>(src));
    dst += S;
    src += S;
  }
}

/** dst[q] += src[q] for n elements of T. */
@inline function addRun<T>(dst: usize, src: usize, n: i32): void {
  const S = <usize>sizeof<T>();
  let q = 0;
  for (; q + 16 / <i32>S <= n; q += 16 / <i32>S) {
    v128.store(dst, v128.add<T>(v128.load(dst), v128.load(src)));
    dst += 16;
    src += 16;
  }
  for (; q < n; q++) {
    store<T>(dst, load<T>(dst) + load<T>(src));
    dst += S;
    src += S;
  }
}

/** Writes the columns of `planes` planes of x into cols (layout above). */
@inline export function im2col<T>(x: usize, cols: usize, planes: i32, g: usize): void {
  const S = <usize>sizeof<T>();
  let H = arg(g, 0),
    W = arg(g, 1),
    KH = arg(g, 2),
    KW = arg(g, 3),
    OH = arg(g, 4),
    OW = arg(g, 5);
  let sh = arg(g, 6),
    sw = arg(g, 7),
    ph = arg(g, 8),
    pw = arg(g, 9),
    dh = arg(g, 10),
    dw = arg(g, 11);
  let row = <usize>OW * S;
  let dst = cols;
  for (let pl = 0; pl < planes; pl++) {
    let xp = x + <usize>pl * <usize>H * <usize>W * S;
    for (let i = 0; i < KH; i++) {
      for (let j = 0; j < KW; j++) {
        let off = j * dw - pw;
        let lo = firstValid(off, sw, OW);
        let hi = max(lo, firstPast(off, sw, W, OW));
        for (let oh = 0; oh < OH; oh++) {
          let ih = oh * sh - ph + i * dh;
          if (ih < 0 || ih >= H) {
            memory.fill(dst, 0, row);
          } else {
            if (lo > 0) memory.fill(dst, 0, <usize>lo * S);
            let src = xp + (<usize>ih * <usize>W + <usize>(lo * sw + off)) * S;
            let d = dst + <usize>lo * S;
            if (sw == 1) {
              copyRun<T>(d, src, hi - lo);
            } else {
              let step = <usize>sw * S;
              for (let q = lo; q < hi; q++) {
                store<T>(d, load<T>(src));
                d += S;
                src += step;
              }
            }
            if (hi < OW) memory.fill(dst + <usize>hi * S, 0, <usize>(OW - hi) * S);
          }
          dst += row;
        }
      }
    }
  }
}

/** Sets `planes` planes of x to the sum of their columns in cols (layout above). */
@inline export function col2im<T>(cols: usize, x: usize, planes: i32, g: usize): void {
  const S = <usize>sizeof<T>();
  let H = arg(g, 0),
    W = arg(g, 1),
    KH = arg(g, 2),
    KW = arg(g, 3),
    OH = arg(g, 4),
    OW = arg(g, 5);
  let sh = arg(g, 6),
    sw = arg(g, 7),
    ph = arg(g, 8),
    pw = arg(g, 9),
    dh = arg(g, 10),
    dw = arg(g, 11);
  let row = <usize>OW * S;
  let src = cols;
  for (let pl = 0; pl < planes; pl++) {
    let xp = x + <usize>pl * <usize>H * <usize>W * S;
    memory.fill(xp, 0, <usize>H * <usize>W * S);
    for (let i = 0; i < KH; i++) {
      for (let j = 0; j < KW; j++) {
        let off = j * dw - pw;
        let lo = firstValid(off, sw, OW);
        let hi = max(lo, firstPast(off, sw, W, OW));
        for (let oh = 0; oh < OH; oh++) {
          let ih = oh * sh - ph + i * dh;
          if (ih >= 0 && ih < H && hi > lo) {
            let d = xp + (<usize>ih * <usize>W + <usize>(lo * sw + off)) * S;
            let s = src + <usize>lo * S;
            if (sw == 1) {
              addRun<T>(d, s, hi - lo);
            } else {
              let step = <usize>sw * S;
              for (let q = lo; q < hi; q++) {
                store<T>(d, load<T>(d) + load<T>(s));
                d += step;
                s += S;
              }
            }
          }
          src += row;
        }
      }
    }
  }
}
