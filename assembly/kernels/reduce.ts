// Reductions over any set of dims of a strided input: sum (and mean), prod,
// max/min (values and/or the index of the first extremum), var/std, norms.
//
// The JS side (src/ops/reduce.ts) splits the input's dims into kept dims (the
// output's shape) and reduced dims, coalesces each group, and writes:
//
//   meta[0]  outNdim (>= 1)      meta[1]  redNdim (>= 1)
//   outShape[outNdim]  inKeptStrides[outNdim]  outStrides[outNdim]
//   redShape[redNdim]  inRedStrides[redNdim]
//
// Each output element reduces the block of input elements its kept index
// selects. The block is walked in row-major order (argmax counts positions in
// it), its innermost dim in a tight loop. Three paths:
//   inner    the innermost reduced dim is contiguous: SIMD along it (sum(-1),
//            full reductions of contiguous data);
//   outer    the innermost kept dim is contiguous in input and output: SIMD
//            across it, the block's rows accumulated lane-wise (sum(0) of a
//            [batch, n] gradient: how the engine undoes broadcasting);
//   generic  scalar, any strides.
//
// Summation order and accuracy. float32 sums keep f32x4 partial sums over
// short runs and add the runs in f64: along a contiguous row, 4 accumulators
// x 4 lanes each add at most 32 elements (512 per run); across a contiguous
// kept dim, each lane adds at most 32 rows per run. A partial sum carries at
// most ~31 roundings, so the error stays near 32 * 2^-24 * sum|x| whatever
// the length; PyTorch's cascade sum is O(log n) * 2^-24 * sum|x|. Both agree
// to float32 tolerance, and neither degrades like a naive float32 loop
// (n * 2^-24). float64 sums keep 8 interleaved partial sums; int32 sums wrap,
// which equals PyTorch's int64 sum truncated to int32. Scalar paths, prod,
// var and norms accumulate floats in f64.

export const SUM = 0;
export const PROD = 1;
export const MAX = 2;
export const MIN = 3;

export const NORM_2 = 0;
export const NORM_1 = 1;
export const NORM_INF = 2;
export const NORM_NEG_INF = 3;
export const NORM_0 = 4;
export const NORM_P = 5;

// ---- walking outputs and the rows of their blocks ---------------------------

let gMeta: usize = 0;
let gOutNdim: i32 = 0;
let gRedNdim: i32 = 0;
let gRedN: i32 = 0;
const outIdx: usize = memory.data(64 * 4, 16);
const redIdx: usize = memory.data(64 * 4, 16);
/** f64 partial sums of one 16-lane float32 tile (the outer path). */
const tile64: usize = memory.data(16 * 8, 16);

@inline function word(i: i32): i32 { return load<i32>(gMeta + (<usize>i << 2)); }
@inline function outShape(d: i32): i32 { return word(2 + d); }
@inline function inKept(d: i32): i32 { return word(2 + gOutNdim + d); }
@inline function outStride(d: i32): i32 { return word(2 + 2 * gOutNdim + d); }
@inline function redShape(d: i32): i32 { return word(2 + 3 * gOutNdim + d); }
@inline function redStride(d: i32): i32 { return word(2 + 3 * gOutNdim + gRedNdim + d); }
@inline function innerN(): i32 { return redShape(gRedNdim - 1); }
@inline function innerS(): isize { return <isize>redStride(gRedNdim - 1); }

/** Reads a meta block and starts at the first output; false when there is none. */
function begin(meta: usize): bool {
  gMeta = meta;
  gOutNdim = load<i32>(meta);
  gRedNdim = load<i32>(meta, 4);
  let outN = 1;
  for (let d = 0; d < gOutNdim; d++) outN *= outShape(d);
  let redN = 1;
  for (let d = 0; d < gRedNdim; d++) redN *= redShape(d);
  gRedN = redN;
  memory.fill(outIdx, 0, <usize>gOutNdim << 2);
  return outN > 0;
}

/** Element offset in the input of the current output's block. */
function inBase(): isize {
  let off: isize = 0;
  for (let d = 0; d < gOutNdim; d++) off += <isize>load<i32>(outIdx + (<usize>d << 2)) * <isize>inKept(d);
  return off;
}

/** Element offset of the current output. */
function outOff(): isize {
  let off: isize = 0;
  for (let d = 0; d < gOutNdim; d++) off += <isize>load<i32>(outIdx + (<usize>d << 2)) * <isize>outStride(d);
  return off;
}

/** Advances over the first `ndim` output dims; false after the last output. */
function nextOut(ndim: i32): bool {
  for (let d = ndim - 1; d >= 0; d--) {
    let p = outIdx + (<usize>d << 2);
    let c = load<i32>(p) + 1;
    if (c < outShape(d)) {
      store<i32>(p, c);
      return true;
    }
    store<i32>(p, 0);
  }
  return false;
}

function firstRow(): void { memory.fill(redIdx, 0, <usize>gRedNdim << 2); }

/** Element offset, within the block, of the current row (all reduced dims but the innermost). */
function rowOff(): isize {
  let off: isize = 0;
  for (let d = 0; d < gRedNdim - 1; d++) off += <isize>load<i32>(redIdx + (<usize>d << 2)) * <isize>redStride(d);
  return off;
}

function nextRow(): bool {
  for (let d = gRedNdim - 2; d >= 0; d--) {
    let p = redIdx + (<usize>d << 2);
    let c = load<i32>(p) + 1;
    if (c < redShape(d)) {
      store<i32>(p, c);
      return true;
    }
    store<i32>(p, 0);
  }
  return false;
}

/** The outer path applies: the innermost kept dim is contiguous in input and output and at least a vector wide. */
@inline function outerFits<T>(): bool {
  let d = gOutNdim - 1;
  return gRedN > 0 && inKept(d) == 1 && outStride(d) == 1 && outShape(d) >= lanes<T>();
}

// ---- vector helpers (f32, f64, i32; bool bytes take the scalar paths) --------

@inline function lanes<T>(): i32 { return 16 / sizeof<T>(); }
@inline function simd<T>(): bool { return sizeof<T>() >= 4; }

@inline function vsplat<T>(x: T): v128 {
  if (isFloat<T>()) return sizeof<T>() == 4 ? f32x4.splat(<f32>x) : f64x2.splat(<f64>x);
  return i32x4.splat(<i32>x);
}

@inline function vadd<T>(a: v128, b: v128): v128 {
  if (isFloat<T>()) return sizeof<T>() == 4 ? f32x4.add(a, b) : f64x2.add(a, b);
  return i32x4.add(a, b);
}

/** Lane-wise max/min; the float forms propagate NaN, as torch.max does. */
@inline function vext<T>(op: i32, a: v128, b: v128): v128 {
  if (isFloat<T>()) {
    if (sizeof<T>() == 4) return op == MAX ? f32x4.max(a, b) : f32x4.min(a, b);
    return op == MAX ? f64x2.max(a, b) : f64x2.min(a, b);
  }
  return op == MAX ? i32x4.max_s(a, b) : i32x4.min_s(a, b);
}

@inline function ext<T>(op: i32, a: T, b: T): T {
  if (isFloat<T>()) return op == MAX ? max<T>(a, b) : min<T>(a, b); // wasm max/min propagate NaN
  return op == MAX ? (a > b ? a : b) : (a < b ? a : b);
}

/** The identity of max/min: every value (NaN included) replaces it. */
@inline function identity<T>(op: i32): T {
  if (isFloat<T>()) return op == MAX ? <T>-Infinity : <T>Infinity;
  if (sizeof<T>() == 1) return op == MAX ? <T>0 : <T>1;
  return op == MAX ? <T>i32.MIN_VALUE : <T>i32.MAX_VALUE;
}

/** The extremum of a vector's lanes. */
@inline function hext<T>(op: i32, v: v128): T {
  if (isFloat<T>() && sizeof<T>() == 8) return <T>ext<f64>(op, f64x2.extract_lane(v, 0), f64x2.extract_lane(v, 1));
  if (isFloat<T>()) {
    let a = ext<f32>(op, f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1));
    let b = ext<f32>(op, f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3));
    return <T>ext<f32>(op, a, b);
  }
  let a = ext<i32>(op, i32x4.extract_lane(v, 0), i32x4.extract_lane(v, 1));
  let b = ext<i32>(op, i32x4.extract_lane(v, 2), i32x4.extract_lane(v, 3));
  return <T>ext<i32>(op, a, b);
}

/** The sum of four f32 lanes, in f64. */
@inline function hsum32(v: v128): f64 {
  let s = f64x2.add(f64x2.promote_low_f32x4(v), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

/** Adds four f32 lanes into four f64 sums at `p`. */
@inline function flush32(p: usize, v: v128): void {
  v128.store(p, f64x2.add(v128.load(p), f64x2.promote_low_f32x4(v)));
  v128.store(p, f64x2.add(v128.load(p, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1))), 16);
}

// ---- rows ---------------------------------------------------------------------

/** Sum of a float row of n elements at element stride s, in f64 (see the accuracy note above). */
@inline function rowSumF<T>(p: usize, n: i32, s: isize): f64 {
  const SH = alignof<T>();
  let acc: f64 = 0;
  let i = 0;
  if (s == 1) {
    if (sizeof<T>() == 4) {
      while (n - i >= 16) {
        let stop = i + min<i32>(512, (n - i) & ~15);
        let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
        for (; i < stop; i += 16) {
          let q = p + (<usize>i << 2);
          a0 = f32x4.add(a0, v128.load(q));
          a1 = f32x4.add(a1, v128.load(q, 16));
          a2 = f32x4.add(a2, v128.load(q, 32));
          a3 = f32x4.add(a3, v128.load(q, 48));
        }
        acc += (hsum32(a0) + hsum32(a1)) + (hsum32(a2) + hsum32(a3));
      }
    } else {
      let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0;
      for (; i + 8 <= n; i += 8) {
        let q = p + (<usize>i << 3);
        a0 = f64x2.add(a0, v128.load(q));
        a1 = f64x2.add(a1, v128.load(q, 16));
        a2 = f64x2.add(a2, v128.load(q, 32));
        a3 = f64x2.add(a3, v128.load(q, 48));
      }
      let t = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
      acc = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
    }
  }
  for (; i < n; i++) acc += <f64>load<T>(p + (<usize>(<isize>i * s) << SH));
  return acc;
}

/** Wrapping sum of an int32 row. */
@inline function rowSumI<T>(p: usize, n: i32, s: isize): i32 {
  const SH = alignof<T>();
  let acc: i32 = 0;
  let i = 0;
  if (s == 1 && sizeof<T>() == 4) {
    let a0 = i32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
    for (; i + 16 <= n; i += 16) {
      let q = p + (<usize>i << 2);
      a0 = i32x4.add(a0, v128.load(q));
      a1 = i32x4.add(a1, v128.load(q, 16));
      a2 = i32x4.add(a2, v128.load(q, 32));
      a3 = i32x4.add(a3, v128.load(q, 48));
    }
    let t = i32x4.add(i32x4.add(a0, a1), i32x4.add(a2, a3));
    acc = i32x4.extract_lane(t, 0) + i32x4.extract_lane(t, 1) + i32x4.extract_lane(t, 2) + i32x4.extract_lane(t, 3);
  }
  for (; i < n; i++) acc += <i32>load<T>(p + (<usize>(<isize>i * s) << SH));
  return acc;
}

/** max/min of `acc` and a row (NaN wins). */
@inline function rowExt<T>(op: i32, p: usize, n: i32, s: isize, acc: T): T {
  const SH = alignof<T>();
  let i = 0;
  if (simd<T>()) {
    const L = lanes<T>();
    if (s == 1 && n >= 4 * L) {
      let v = vsplat<T>(acc), a0 = v, a1 = v, a2 = v, a3 = v;
      for (; i + 4 * L <= n; i += 4 * L) {
        let q = p + (<usize>i << SH);
        a0 = vext<T>(op, a0, v128.load(q));
        a1 = vext<T>(op, a1, v128.load(q, 16));
        a2 = vext<T>(op, a2, v128.load(q, 32));
        a3 = vext<T>(op, a3, v128.load(q, 48));
      }
      acc = hext<T>(op, vext<T>(op, vext<T>(op, a0, a1), vext<T>(op, a2, a3)));
    }
  }
  for (; i < n; i++) acc = ext<T>(op, acc, load<T>(p + (<usize>(<isize>i * s) << SH)));
  return acc;
}

/** Index of the first element equal to v (the first NaN when v is NaN), or -1. */
@inline function rowFind<T>(p: usize, n: i32, s: isize, v: T): i32 {
  const SH = alignof<T>();
  let nan = isFloat<T>() && v != v;
  for (let i = 0; i < n; i++) {
    let x = load<T>(p + (<usize>(<isize>i * s) << SH));
    if (nan ? x != x : x == v) return i;
  }
  return -1;
}

// ---- drivers -------------------------------------------------------------------

/** Sum of each block, divided by `div` for floats (mean passes the count). */
@inline export function sum<T>(a: usize, o: usize, meta: usize, div: f64): void {
  if (!begin(meta)) return;
  const SH = alignof<T>();
  let n = innerN(), s = innerS();
  if (simd<T>()) {
    if (s != 1 && outerFits<T>()) {
      sumOuter<T>(a, o, div);
      return;
    }
  }
  do {
    let p0 = a + (<usize>inBase() << SH);
    let r: T;
    if (isFloat<T>()) {
      let acc: f64 = 0;
      if (gRedN > 0) {
        firstRow();
        do acc += rowSumF<T>(p0 + (<usize>rowOff() << SH), n, s); while (nextRow());
      }
      r = <T>(acc / div);
    } else {
      let acc: i32 = 0;
      if (gRedN > 0) {
        firstRow();
        do acc += rowSumI<T>(p0 + (<usize>rowOff() << SH), n, s); while (nextRow());
      }
      r = <T>acc;
    }
    store<T>(o + (<usize>outOff() << SH), r);
  } while (nextOut(gOutNdim));
}

/** The outer path of sum: tiles of 4 vectors, then single vectors, across the contiguous kept dim. */
@inline function sumOuter<T>(a: usize, o: usize, div: f64): void {
  const SH = alignof<T>();
  const L = lanes<T>();
  let last = gOutNdim - 1;
  let I = outShape(last);
  let n = innerN(), s = innerS();
  let sb = s << SH;
  do {
    let pi = a + (<usize>inBase() << SH), po = o + (<usize>outOff() << SH);
    let i = 0;
    for (; i + 4 * L <= I; i += 4 * L) {
      let q0 = pi + (<usize>i << SH), w = po + (<usize>i << SH);
      if (isFloat<T>() && sizeof<T>() == 4) {
        memory.fill(tile64, 0, 128);
        firstRow();
        do {
          let q = q0 + (<usize>rowOff() << 2);
          let j = 0;
          while (j < n) {
            let stop = min<i32>(j + 32, n);
            let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
            for (; j < stop; j++) {
              let r = q + <usize>(<isize>j * sb);
              a0 = f32x4.add(a0, v128.load(r));
              a1 = f32x4.add(a1, v128.load(r, 16));
              a2 = f32x4.add(a2, v128.load(r, 32));
              a3 = f32x4.add(a3, v128.load(r, 48));
            }
            flush32(tile64, a0);
            flush32(tile64 + 32, a1);
            flush32(tile64 + 64, a2);
            flush32(tile64 + 96, a3);
          }
        } while (nextRow());
        for (let k = 0; k < 16; k++) store<f32>(w + (<usize>k << 2), <f32>(load<f64>(tile64 + (<usize>k << 3)) / div));
      } else {
        let a0 = vsplat<T>(0), a1 = a0, a2 = a0, a3 = a0;
        firstRow();
        do {
          let q = q0 + (<usize>rowOff() << SH);
          for (let j = 0; j < n; j++) {
            let r = q + <usize>(<isize>j * sb);
            a0 = vadd<T>(a0, v128.load(r));
            a1 = vadd<T>(a1, v128.load(r, 16));
            a2 = vadd<T>(a2, v128.load(r, 32));
            a3 = vadd<T>(a3, v128.load(r, 48));
          }
        } while (nextRow());
        if (isFloat<T>() && div != 1) {
          let d = f64x2.splat(div);
          a0 = f64x2.div(a0, d);
          a1 = f64x2.div(a1, d);
          a2 = f64x2.div(a2, d);
          a3 = f64x2.div(a3, d);
        }
        v128.store(w, a0);
        v128.store(w, a1, 16);
        v128.store(w, a2, 32);
        v128.store(w, a3, 48);
      }
    }
    for (; i < I; i++) {
      let q0 = pi + (<usize>i << SH);
      let r: T;
      if (isFloat<T>()) {
        let acc: f64 = 0;
        firstRow();
        do acc += rowSumF<T>(q0 + (<usize>rowOff() << SH), n, s); while (nextRow());
        r = <T>(acc / div);
      } else {
        let acc: i32 = 0;
        firstRow();
        do acc += rowSumI<T>(q0 + (<usize>rowOff() << SH), n, s); while (nextRow());
        r = <T>acc;
      }
      store<T>(po + (<usize>i << SH), r);
    }
  } while (nextOut(last));
}

/** Product of each block (floats in f64; int32 wraps). */
@inline export function prod<T>(a: usize, o: usize, meta: usize): void {
  if (!begin(meta)) return;
  const SH = alignof<T>();
  let n = innerN(), s = innerS();
  do {
    let p0 = a + (<usize>inBase() << SH);
    let accF: f64 = 1;
    let accI: i32 = 1;
    if (gRedN > 0) {
      firstRow();
      do {
        let p = p0 + (<usize>rowOff() << SH);
        for (let j = 0; j < n; j++) {
          let x = load<T>(p + (<usize>(<isize>j * s) << SH));
          if (isFloat<T>()) accF *= <f64>x;
          else accI *= <i32>x;
        }
      } while (nextRow());
    }
    store<T>(o + (<usize>outOff() << SH), isFloat<T>() ? <T>accF : <T>accI);
  } while (nextOut(gOutNdim));
}

/**
 * max/min of each block into `o` and/or the row-major index of its first
 * occurrence into `idx` (int32); either pointer may be 0. NaN is the
 * extremum when present, and its first position is the index, as in PyTorch.
 * Blocks must not be empty (the JS side raises PyTorch's error).
 */
@inline export function extremum<T>(op: i32, a: usize, o: usize, idx: usize, meta: usize): void {
  if (!begin(meta)) return;
  const SH = alignof<T>();
  let n = innerN(), s = innerS();
  if (simd<T>()) {
    if (idx == 0 && s != 1 && outerFits<T>()) {
      extremumOuter<T>(op, a, o);
      return;
    }
  }
  do {
    let p0 = a + (<usize>inBase() << SH);
    let best = identity<T>(op);
    firstRow();
    do best = rowExt<T>(op, p0 + (<usize>rowOff() << SH), n, s, best); while (nextRow());
    let off = outOff();
    if (idx != 0) {
      // A second pass finds where; the value is re-read there, so a tie of
      // -0 and +0 reports the first one, as PyTorch's sequential scan does.
      let pos = 0, at = 0;
      firstRow();
      do {
        let p = p0 + (<usize>rowOff() << SH);
        let j = rowFind<T>(p, n, s, best);
        if (j >= 0) {
          at = pos + j;
          best = load<T>(p + (<usize>(<isize>j * s) << SH));
          break;
        }
        pos += n;
      } while (nextRow());
      store<i32>(idx + (<usize>off << 2), at);
    }
    if (o != 0) store<T>(o + (<usize>off << SH), best);
  } while (nextOut(gOutNdim));
}

@inline function extremumOuter<T>(op: i32, a: usize, o: usize): void {
  const SH = alignof<T>();
  const L = lanes<T>();
  let last = gOutNdim - 1;
  let I = outShape(last);
  let n = innerN(), s = innerS();
  let sb = s << SH;
  let init = vsplat<T>(identity<T>(op));
  do {
    let pi = a + (<usize>inBase() << SH), po = o + (<usize>outOff() << SH);
    let i = 0;
    for (; i + 4 * L <= I; i += 4 * L) {
      let q0 = pi + (<usize>i << SH);
      let a0 = init, a1 = init, a2 = init, a3 = init;
      firstRow();
      do {
        let q = q0 + (<usize>rowOff() << SH);
        for (let j = 0; j < n; j++) {
          let r = q + <usize>(<isize>j * sb);
          a0 = vext<T>(op, a0, v128.load(r));
          a1 = vext<T>(op, a1, v128.load(r, 16));
          a2 = vext<T>(op, a2, v128.load(r, 32));
          a3 = vext<T>(op, a3, v128.load(r, 48));
        }
      } while (nextRow());
      let w = po + (<usize>i << SH);
      v128.store(w, a0);
      v128.store(w, a1, 16);
      v128.store(w, a2, 32);
      v128.store(w, a3, 48);
    }
    for (; i + L <= I; i += L) {
      let q0 = pi + (<usize>i << SH);
      let a0 = init;
      firstRow();
      do {
        let q = q0 + (<usize>rowOff() << SH);
        for (let j = 0; j < n; j++) a0 = vext<T>(op, a0, v128.load(q + <usize>(<isize>j * sb)));
      } while (nextRow());
      v128.store(po + (<usize>i << SH), a0);
    }
    for (; i < I; i++) {
      let q0 = pi + (<usize>i << SH);
      let best = identity<T>(op);
      firstRow();
      do best = rowExt<T>(op, q0 + (<usize>rowOff() << SH), n, s, best); while (nextRow());
      store<T>(po + (<usize>i << SH), best);
    }
  } while (nextOut(last));
}

/**
 * var (or std when `root`) of each block with Bessel's correction
 * `correction`: two passes in f64 (the mean, then squared deviations), as
 * accurate as PyTorch's f64 Welford. n <= correction divides by 0 (inf or
 * NaN), as PyTorch does.
 */
@inline export function variance<T>(a: usize, o: usize, meta: usize, correction: f64, root: bool): void {
  if (!begin(meta)) return;
  const SH = alignof<T>();
  let n = innerN(), s = innerS();
  let count = <f64>gRedN;
  do {
    let p0 = a + (<usize>inBase() << SH);
    let total: f64 = 0, m2: f64 = 0;
    if (gRedN > 0) {
      firstRow();
      do total += rowSumF<T>(p0 + (<usize>rowOff() << SH), n, s); while (nextRow());
      let mean = total / count;
      firstRow();
      do {
        let p = p0 + (<usize>rowOff() << SH);
        for (let j = 0; j < n; j++) {
          let d = <f64>load<T>(p + (<usize>(<isize>j * s) << SH)) - mean;
          m2 += d * d;
        }
      } while (nextRow());
    }
    let r = m2 / max<f64>(0, count - correction);
    store<T>(o + (<usize>outOff() << SH), <T>(root ? Math.sqrt(r) : r));
  } while (nextOut(gOutNdim));
}

@inline function normStep(kind: i32, acc: f64, x: f64, p: f64): f64 {
  if (kind == NORM_2) return acc + x * x;
  if (kind == NORM_1) return acc + Math.abs(x);
  if (kind == NORM_INF) return max<f64>(acc, Math.abs(x));
  if (kind == NORM_NEG_INF) return min<f64>(acc, Math.abs(x));
  if (kind == NORM_0) return acc + (x != 0 ? 1 : 0);
  return acc + Math.pow(Math.abs(x), p);
}

/** The vector p-norm of each block, in f64; an empty block has norm 0, as in PyTorch. */
@inline export function norm<T>(kind: i32, a: usize, o: usize, meta: usize, p: f64): void {
  if (!begin(meta)) return;
  const SH = alignof<T>();
  let n = innerN(), s = innerS();
  do {
    let p0 = a + (<usize>inBase() << SH);
    let acc: f64 = kind == NORM_NEG_INF ? Infinity : 0;
    if (gRedN > 0) {
      firstRow();
      do {
        let q = p0 + (<usize>rowOff() << SH);
        for (let j = 0; j < n; j++) acc = normStep(kind, acc, <f64>load<T>(q + (<usize>(<isize>j * s) << SH)), p);
      } while (nextRow());
      if (kind == NORM_2) acc = Math.sqrt(acc);
      else if (kind == NORM_P) acc = Math.pow(acc, 1 / p);
    } else acc = 0;
    store<T>(o + (<usize>outOff() << SH), <T>acc);
  } while (nextOut(gOutNdim));
}
