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
// Geometry block (i32 words at `g`): H, W, KH, KW, OH, OW, sh, sw, ph, pw, dh, dw
// (`Geometry` below).

/** The geometry block, as the caller writes it. */
@unmanaged
class Geometry {
  H: i32;
  W: i32;
  KH: i32;
  KW: i32;
  OH: i32;
  OW: i32;
  sh: i32;
  sw: i32;
  ph: i32;
  pw: i32;
  dh: i32;
  dw: i32;
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

/**
 * One valid run of n output columns: with `toCols` copied from x (elements
 * `sw` apart) into cols (contiguous), else cols added into x.
 */
@inline function moveRun<T>(toCols: bool, xr: usize, cr: usize, n: i32, sw: i32): void {
  const S = <usize>sizeof<T>();
  if (sw == 1) {
    if (toCols) copyRun<T>(cr, xr, n);
    else addRun<T>(xr, cr, n);
    return;
  }
  let step = <usize>sw * S;
  if (toCols) {
    for (let q = 0; q < n; q++, xr += step, cr += S) store<T>(cr, load<T>(xr));
  } else {
    for (let q = 0; q < n; q++, xr += step, cr += S) store<T>(xr, load<T>(xr) + load<T>(cr));
  }
}

/**
 * With `toCols`, writes the columns of `planes` planes of x into cols (im2col);
 * else sets the planes of x to the sum of their columns in cols (col2im).
 * Both walk (plane, i, j, oh) in the same order (layout above).
 */
@inline function walk<T>(toCols: bool, x: usize, cols: usize, planes: i32, g: usize): void {
  const S = <usize>sizeof<T>();
  let G = changetype<Geometry>(g);
  let H = G.H,
    W = G.W,
    KH = G.KH,
    KW = G.KW,
    OH = G.OH,
    OW = G.OW;
  let sh = G.sh,
    sw = G.sw,
    dh = G.dh,
    dw = G.dw;
  let row = <usize>OW * S;
  let c = cols;
  for (let pl = 0; pl < planes; pl++) {
    let xp = x + <usize>pl * <usize>H * <usize>W * S;
    if (!toCols) memory.fill(xp, 0, <usize>H * <usize>W * S);
    for (let i = 0; i < KH; i++) {
      let ih0 = i * dh - G.ph;
      for (let j = 0; j < KW; j++) {
        let off = j * dw - G.pw;
        let lo = firstValid(off, sw, OW);
        let hi = max(lo, firstPast(off, sw, W, OW));
        for (let oh = 0; oh < OH; oh++) {
          let ih = oh * sh + ih0;
          if (ih >= 0 && ih < H) {
            if (toCols) {
              // the zero padding left and right of the run
              if (lo > 0) memory.fill(c, 0, <usize>lo * S);
              if (hi < OW) memory.fill(c + <usize>hi * S, 0, <usize>(OW - hi) * S);
            }
            let xr = xp + (<usize>ih * <usize>W + <usize>(lo * sw + off)) * S;
            moveRun<T>(toCols, xr, c + <usize>lo * S, hi - lo, sw);
          } else if (toCols) memory.fill(c, 0, row);
          c += row;
        }
      }
    }
  }
}

/** Writes the columns of `planes` planes of x into cols (layout above). */
@inline export function im2col<T>(x: usize, cols: usize, planes: i32, g: usize): void {
  walk<T>(true, x, cols, planes, g);
}

/** Sets `planes` planes of x to the sum of their columns in cols (layout above). */
@inline export function col2im<T>(cols: usize, x: usize, planes: i32, g: usize): void {
  walk<T>(false, x, cols, planes, g);
}
