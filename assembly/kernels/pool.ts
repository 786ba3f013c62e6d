// 2-d pooling over contiguous NCHW planes: max (with indices), average and
// adaptive average, forward and backward, after PyTorch 1.13's
// aten/src/ATen/native/cpu/MaxPoolKernel.cpp, AvgPoolKernel.cpp and
// AdaptivePoolKernel.cpp (the contiguous paths).
//
// Every window is described by a table the caller writes (i32 words, three
// per output row, then three per output column): the first in-range input
// position, how many taps (at dilation steps) are in range, and the axis's
// factor of the average's divisor. Regular and adaptive windows, padding,
// dilation and ceil_mode are all folded into those tables, so one loop nest
// serves every pooling op.
//
// Loop nest: plane, output row, output column, taps by row then column: the
// same order of operations as PyTorch's, so float32 sums round alike.
// Max keeps the first maximum in that order, and the last NaN (a NaN always
// wins, `val > max || isnan(val)`); its index is ih * W + iw in the plane.
//
// SIMD (float32 only): four neighbouring output columns at once, where the
// column stride is 1 or 2 and the four windows lie wholly inside the row
// ([owLo, owHi), from the caller); each lane does what the scalar code does,
// in the same order, so results are identical. Max pool of 16 x 64 planes of
// 64x64, one call: 2x2 stride 2 13.5 ms SIMD vs 115 ms scalar (8.5x), 3x3
// stride 1 125 vs 725 ms (5.8x), 3x3 stride 2 36 vs 181 ms (5.0x).

/** One axis's entry of a window table: the first in-range position, the taps in range, the divisor's factor. */
@unmanaged
class Taps {
  first: i32;
  count: i32;
  factor: i32;
}


@inline function tapsAt(tab: usize, i: i32): Taps {
  return changetype<Taps>(tab + ((<usize>(3 * i)) << 2));
}

/** Four consecutive or every-other f32 from `p` (stride `s` 1 or 2), never reading past the last. */
@inline function loadStrided(p: usize, s: i32): v128 {
  if (s == 1) return v128.load(p);
  return v128.shuffle<f32>(v128.load(p), v128.load(p + 12), 0, 2, 5, 7);
}

/** The divisor of output (oh, ow): `divisor` (divisor_override) when non-zero, else the product of the tables' factors. */
@inline function divisorOf<T>(divisor: i32, dh: i32, dw: i32): T {
  return <T>(divisor != 0 ? <f64>divisor : <f64>dh * <f64>dw);
}

/** `v` over a window's divisor; `adaptive` divides by the row count then the column count, as PyTorch's adaptive_avg_pool does. */
@inline function perWindow<T>(v: T, divisor: i32, adaptive: i32, dh: i32, dw: i32): T {
  return adaptive != 0 ? v / <T>dh / <T>dw : v / divisorOf<T>(divisor, dh, dw);
}

const MAX = 0;
const AVG = 1;
const AVG_BACKWARD = 2;

/**
 * The one loop nest of the pools (header). `x` is a plane-shaped buffer:
 * read by MAX and AVG, zeroed and scattered into by AVG_BACKWARD; `out` is
 * output-shaped: written by MAX (with `idx`) and AVG, read (the gradient) by
 * AVG_BACKWARD. The average pools have no dilation (dilH = dilW = 1).
 */
@inline function pool<T>(
  kind: i32,
  x: usize,
  out: usize,
  idx: usize,
  planes: i32,
  H: i32,
  W: i32,
  OH: i32,
  OW: i32,
  tab: usize,
  dilH: i32,
  dilW: i32,
  divisor: i32,
  adaptive: i32,
  sW: i32,
  owLo: i32,
  owHi: i32,
): void {
  const SH = alignof<T>();
  const tabW = tab + ((<usize>(3 * OH)) << 2);
  const vec = sizeof<T>() == 4 && kind != AVG_BACKWARD && adaptive == 0 && (sW == 1 || sW == 2);
  const rowStep = dilH * W;
  const laneOff = i32x4.mul(i32x4(0, 1, 2, 3), i32x4.splat(sW));
  if (kind == AVG_BACKWARD) memory.fill(x, 0, (<usize>planes * <usize>H * <usize>W) << SH);
  for (let p = 0; p < planes; p++) {
    const xp = x + ((<usize>p * <usize>H * <usize>W) << SH);
    const o0 = <usize>p * <usize>OH * <usize>OW;
    for (let oh = 0; oh < OH; oh++) {
      const h = tapsAt(tab, oh);
      const hn = h.count;
      const orow = o0 + <usize>(oh * OW);
      let ow = 0;
      while (ow < OW) {
        const w = tapsAt(tabW, ow);
        const wn = w.count;
        const k0 = h.first * W + w.first;
        const at = orow + <usize>ow;
        if (vec && ow >= owLo && ow + 4 <= owHi) {
          if (kind == MAX) {
            let m = f32x4.splat(-Infinity);
            let mi = i32x4.add(i32x4.splat(k0), laneOff);
            for (let a = 0; a < hn; a++) {
              const rowK = k0 + a * rowStep;
              for (let b = 0; b < wn; b++) {
                const k = rowK + b * dilW;
                const v = loadStrided(xp + ((<usize>k) << 2), sW);
                const c = v128.or(f32x4.gt(v, m), f32x4.ne(v, v));
                m = v128.bitselect(v, m, c);
                mi = v128.bitselect(i32x4.add(i32x4.splat(k), laneOff), mi, c);
              }
            }
            v128.store(out + (at << 2), m);
            v128.store(idx + (at << 2), mi);
          } else {
            let d = f32x4.splat(divisorOf<f32>(divisor, h.factor, w.factor));
            d = f32x4.replace_lane(d, 1, divisorOf<f32>(divisor, h.factor, tapsAt(tabW, ow + 1).factor));
            d = f32x4.replace_lane(d, 2, divisorOf<f32>(divisor, h.factor, tapsAt(tabW, ow + 2).factor));
            d = f32x4.replace_lane(d, 3, divisorOf<f32>(divisor, h.factor, tapsAt(tabW, ow + 3).factor));
            v128.store(out + (at << 2), f32x4.div(sumWindow4(xp, k0, hn, wn, rowStep, sW), d));
          }
          ow += 4;
          continue;
        }
        if (kind == MAX) {
          let m = <T>-Infinity;
          let mi = k0;
          for (let a = 0; a < hn; a++) {
            const rowK = k0 + a * rowStep;
            for (let b = 0; b < wn; b++) {
              const k = rowK + b * dilW;
              const v = load<T>(xp + ((<usize>k) << SH));
              if (v > m || v != v) {
                m = v;
                mi = k;
              }
            }
          }
          store<T>(out + (at << SH), m);
          store<i32>(idx + (at << 2), mi);
        } else if (kind == AVG) {
          let r = <T>0;
          if (hn > 0 && wn > 0) {
            r = perWindow<T>(sumWindow<T>(xp, k0, hn, wn, rowStep), divisor, adaptive, h.factor, w.factor);
          }
          store<T>(out + (at << SH), r);
        } else if (hn > 0 && wn > 0) {
          const delta = perWindow<T>(load<T>(out + (at << SH)), divisor, adaptive, h.factor, w.factor);
          addWindow<T>(xp, k0, hn, wn, rowStep, delta);
        }
        ow++;
      }
    }
  }
}

/** The sum of an undilated window of hn x wn taps from k0, by rows. */
@inline function sumWindow<T>(xp: usize, k0: i32, hn: i32, wn: i32, rowStep: i32): T {
  const SH = alignof<T>();
  let s = <T>0;
  for (let a = 0; a < hn; a++) {
    const rowK = k0 + a * rowStep;
    for (let b = 0; b < wn; b++) s += load<T>(xp + ((<usize>(rowK + b)) << SH));
  }
  return s;
}

/** sumWindow of four neighbouring f32 windows, their columns `sW` apart. */
@inline function sumWindow4(xp: usize, k0: i32, hn: i32, wn: i32, rowStep: i32, sW: i32): v128 {
  let s = f32x4.splat(0);
  for (let a = 0; a < hn; a++) {
    const rowK = k0 + a * rowStep;
    for (let b = 0; b < wn; b++) s = f32x4.add(s, loadStrided(xp + ((<usize>(rowK + b)) << 2), sW));
  }
  return s;
}

/** Adds `delta` to every tap of an undilated window of hn x wn taps from k0. */
@inline function addWindow<T>(xp: usize, k0: i32, hn: i32, wn: i32, rowStep: i32, delta: T): void {
  const SH = alignof<T>();
  for (let a = 0; a < hn; a++) {
    const rowK = k0 + a * rowStep;
    for (let b = 0; b < wn; b++) {
      const q = xp + ((<usize>(rowK + b)) << SH);
      store<T>(q, load<T>(q) + delta);
    }
  }
}

/**
 * out[p, oh, ow] = max over the window, idx[p, oh, ow] its position ih * W + iw
 * (int32), for planes [0, planes).
 */
@inline export function maxPool2d<T>(
  x: usize,
  out: usize,
  idx: usize,
  planes: i32,
  H: i32,
  W: i32,
  OH: i32,
  OW: i32,
  tab: usize,
  dilH: i32,
  dilW: i32,
  sW: i32,
  owLo: i32,
  owHi: i32,
): void {
  pool<T>(MAX, x, out, idx, planes, H, W, OH, OW, tab, dilH, dilW, 0, 0, sW, owLo, owHi);
}

/**
 * out[p, oh, ow] = sum over the window / divisor. `adaptive` divides by the
 * row count then the column count, as PyTorch's adaptive_avg_pool does.
 */
@inline export function avgPool2d<T>(
  x: usize,
  out: usize,
  planes: i32,
  H: i32,
  W: i32,
  OH: i32,
  OW: i32,
  tab: usize,
  divisor: i32,
  adaptive: i32,
  sW: i32,
  owLo: i32,
  owHi: i32,
): void {
  pool<T>(AVG, x, out, 0, planes, H, W, OH, OW, tab, 1, 1, divisor, adaptive, sW, owLo, owHi);
}

/** gin (zeroed here) += g / divisor over each output's window: the adjoint of avgPool2d. */
@inline export function avgPool2dBackward<T>(
  g: usize,
  gin: usize,
  planes: i32,
  H: i32,
  W: i32,
  OH: i32,
  OW: i32,
  tab: usize,
  divisor: i32,
  adaptive: i32,
): void {
  pool<T>(AVG_BACKWARD, gin, g, 0, planes, H, W, OH, OW, tab, 1, 1, divisor, adaptive, 0, 0, 0);
}

/** gin (zeroed here) [p, idx[p, j]] += g[p, j]: the backward of the max pools. */
export function maxPool2dBackward<T>(g: usize, idx: usize, gin: usize, planes: i32, HW: i32, OHW: i32): void {
  const SH = alignof<T>();
  memory.fill(gin, 0, (<usize>planes * <usize>HW) << SH);
  for (let p = 0; p < planes; p++) {
    const gp = gin + ((<usize>p * <usize>HW) << SH);
    const o0 = <usize>p * <usize>OHW;
    for (let j = 0; j < OHW; j++) {
      const k = load<i32>(idx + ((o0 + <usize>j) << 2));
      const q = gp + ((<usize>k) << SH);
      store<T>(q, load<T>(q) + load<T>(g + ((o0 + <usize>j) << SH)));
    }
  }
}
