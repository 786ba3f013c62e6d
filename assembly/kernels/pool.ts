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

/** The divisor of output (oh, ow): `divisor` (divisor_override) when non-zero, else the product of the tables' factors. */
@inline function divisorOf<T>(divisor: i32, dh: i32, dw: i32): T {
  return <T>(divisor != 0 ? <f64>divisor : <f64>dh * <f64>dw);
}

/** The pooling ops of `pool2d`. */
export enum Pool {
  /** out = max over the window, idx = its position ih * W + iw (int32). */
  MAX,
  /** out = sum over the window / divisor. */
  AVG,
  /** gin (x here, zeroed first) += g (out here) / divisor over each window: the adjoint of AVG. */
  AVG_BACKWARD,
}

/**
 * One window's max and position; with `four` (f32 only), four windows at
 * once, their lanes `laneOff` (sW times 0, 1, 2, 3) apart, sW 1 or 2.
 */
@inline function maxWindow<T>(
  four: bool,
  xp: usize,
  W: i32,
  h0: i32,
  hn: i32,
  w0: i32,
  wn: i32,
  dilH: i32,
  dilW: i32,
  sW: i32,
  laneOff: v128,
  o: usize,
  idx: usize,
): void {
  if (four) {
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
    v128.store(o, m);
    v128.store(idx, mi);
    return;
  }
  let m = <T>-Infinity;
  let mi = h0 * W + w0;
  for (let a = 0; a < hn; a++) {
    const rowK = (h0 + a * dilH) * W + w0;
    for (let b = 0; b < wn; b++) {
      const k = rowK + b * dilW;
      const v = load<T>(xp + ((<usize>k) << alignof<T>()));
      if (v > m || v != v) {
        m = v;
        mi = k;
      }
    }
  }
  store<T>(o, m);
  store<i32>(idx, mi);
}

/** Four windows' sums (f32, stride sW of 1 or 2), each divided by its divisor. */
@inline function avgWindows4(
  xp: usize,
  W: i32,
  h0: i32,
  hn: i32,
  dh: i32,
  tabW: usize,
  ow: i32,
  divisor: i32,
  sW: i32,
  o: usize,
): void {
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
  v128.store(o, f32x4.div(s, d));
}

/**
 * One window of the average pool: its sum divided into `o` (AVG), or the
 * gradient at `o` divided and added over the window (AVG_BACKWARD).
 * `adaptive` divides by the row count then the column count, as PyTorch's
 * adaptive_avg_pool does.
 */
@inline function avgWindow<T>(
  backward: bool,
  xp: usize,
  W: i32,
  h0: i32,
  hn: i32,
  dh: i32,
  w0: i32,
  wn: i32,
  dw: i32,
  divisor: i32,
  adaptive: i32,
  o: usize,
): void {
  const SH = alignof<T>();
  if (backward) {
    if (hn <= 0 || wn <= 0) return;
    const gv = load<T>(o);
    const delta: T = adaptive != 0 ? gv / <T>dh / <T>dw : gv / divisorOf<T>(divisor, dh, dw);
    for (let a = 0; a < hn; a++) {
      const rowK = (h0 + a) * W + w0;
      for (let b = 0; b < wn; b++) {
        const q = xp + ((<usize>(rowK + b)) << SH);
        store<T>(q, load<T>(q) + delta);
      }
    }
    return;
  }
  let s = <T>0;
  for (let a = 0; a < hn; a++) {
    const rowK = (h0 + a) * W + w0;
    for (let b = 0; b < wn; b++) s += load<T>(xp + ((<usize>(rowK + b)) << SH));
  }
  let r: T;
  if (hn <= 0 || wn <= 0) r = <T>0;
  else if (adaptive != 0) r = s / <T>dh / <T>dw;
  else r = s / divisorOf<T>(divisor, dh, dw);
  store<T>(o, r);
}

/**
 * Pooling op `op` over planes [0, planes) of H x W inputs and OH x OW
 * outputs: x the input (the input's gradient for AVG_BACKWARD), out the
 * output (its gradient for AVG_BACKWARD), idx the max positions (MAX).
 * dilH and dilW are MAX's dilation (1 for AVG), divisor and adaptive AVG's.
 */
@inline export function pool2d<T>(
  op: Pool,
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
  const vec = op != Pool.AVG_BACKWARD && sizeof<T>() == 4 && adaptive == 0 && (sW == 1 || sW == 2);
  const laneOff = i32x4.mul(i32x4(0, 1, 2, 3), i32x4.splat(sW));
  if (op == Pool.AVG_BACKWARD) memory.fill(x, 0, (<usize>planes * <usize>H * <usize>W) << SH);
  for (let p = 0; p < planes; p++) {
    const xp = x + ((<usize>p * <usize>H * <usize>W) << SH);
    const o0 = <usize>p * <usize>OH * <usize>OW;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = tabAt(tab, oh, 0),
        hn = tabAt(tab, oh, 1),
        dh = op == Pool.MAX ? 0 : tabAt(tab, oh, 2);
      const orow = o0 + <usize>(oh * OW);
      let ow = 0;
      while (ow < OW) {
        if (vec && ow >= owLo && ow + 4 <= owHi) {
          const o = out + ((orow + <usize>ow) << 2);
          if (op == Pool.MAX) {
            const i = idx + ((orow + <usize>ow) << 2);
            maxWindow<T>(true, xp, W, h0, hn, tabAt(tabW, ow, 0), tabAt(tabW, ow, 1), dilH, dilW, sW, laneOff, o, i);
          } else avgWindows4(xp, W, h0, hn, dh, tabW, ow, divisor, sW, o);
          ow += 4;
          continue;
        }
        const w0 = tabAt(tabW, ow, 0),
          wn = tabAt(tabW, ow, 1),
          dw = op == Pool.MAX ? 0 : tabAt(tabW, ow, 2);
        const o = out + ((orow + <usize>ow) << SH);
        if (op == Pool.MAX)
          maxWindow<T>(false, xp, W, h0, hn, w0, wn, dilH, dilW, sW, laneOff, o, idx + ((orow + <usize>ow) << 2));
        else avgWindow<T>(op == Pool.AVG_BACKWARD, xp, W, h0, hn, dh, w0, wn, dw, divisor, adaptive, o);
        ow++;
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
