// Reductions over any set of dims of a strided input.
//
// The JS side splits the input's dims into kept dims (the output's shape) and
// reduced dims, coalesces each group, and writes:
//
//   meta[0]  outNdim (>= 1)      meta[1]  redNdim (>= 1)
//   outShape[outNdim]  inKeptStrides[outNdim]  outStrides[outNdim]
//   redShape[redNdim]  inRedStrides[redNdim]
//
// Each output element reduces the block of input elements its kept index
// selects. Floating sums accumulate in f64, so float32 sums are at least as
// accurate as PyTorch's cascade sums.

export const SUM = 0;
export const PROD = 1;
export const MAX = 2;
export const MIN = 3;

const outIdx: usize = memory.data(64 * 4, 16);
const redIdx: usize = memory.data(64 * 4, 16);

@inline function w(meta: usize, i: i32): i32 { return load<i32>(meta + (<usize>i << 2)); }

/** Element offset of the reduced block's current row: the odometer over all but the innermost reduced dim. */
@inline function redOffset(meta: usize, redNdim: i32, redShape: i32): isize {
  let off: isize = 0;
  for (let d = 0; d < redNdim - 1; d++) {
    off += <isize>load<i32>(redIdx + (<usize>d << 2)) * <isize>w(meta, redShape + redNdim + d);
  }
  return off;
}

@inline function nextIndex(counter: usize, meta: usize, shapeBase: i32, ndim: i32): bool {
  for (let d = ndim - 1; d >= 0; d--) {
    let p = counter + (<usize>d << 2);
    let c = load<i32>(p) + 1;
    if (c < w(meta, shapeBase + d)) {
      store<i32>(p, c);
      return true;
    }
    store<i32>(p, 0);
  }
  return false;
}

/**
 * Reduces with SUM/PROD (values only) or MAX/MIN (values and, when `idx` is
 * not 0, the flat index within the reduced block of the first extremum;
 * NaN counts as the extremum, as in PyTorch).
 */
@inline export function reduce<T>(op: i32, a: usize, o: usize, idx: usize, meta: usize): void {
  const SH = alignof<T>();
  let outNdim = w(meta, 0);
  let redNdim = w(meta, 1);
  let outShape = 2;
  let inKept = outShape + outNdim;
  let outStr = inKept + outNdim;
  let redShape = outStr + outNdim;
  let redN = 1;
  for (let d = 0; d < redNdim; d++) redN *= w(meta, redShape + d);
  let outN = 1;
  for (let d = 0; d < outNdim; d++) outN *= w(meta, outShape + d);
  if (outN == 0) return;
  memory.fill(outIdx, 0, <usize>outNdim << 2);
  // The innermost reduced dim is walked in a tight loop; the odometer covers the rest.
  let innerN = w(meta, redShape + redNdim - 1);
  let innerS = <isize>w(meta, redShape + 2 * redNdim - 1);
  do {
    let inBase: isize = 0, outOff: isize = 0;
    for (let d = 0; d < outNdim; d++) {
      let i = <isize>load<i32>(outIdx + (<usize>d << 2));
      inBase += i * <isize>w(meta, inKept + d);
      outOff += i * <isize>w(meta, outStr + d);
    }
    memory.fill(redIdx, 0, <usize>redNdim << 2);
    let accF: f64 = op == PROD ? 1 : 0;
    let accI: i64 = op == PROD ? 1 : 0;
    let best: T = 0;
    let bestAt: i32 = 0;
    let pos: i32 = 0;
    let first = true;
    if (redN > 0) {
      do {
        let p = a + (<usize>(inBase + redOffset(meta, redNdim, redShape)) << SH);
        for (let j = 0; j < innerN; j++) {
          let x = load<T>(p + (<usize>(<isize>j * innerS) << SH));
          if (op == SUM) {
            if (isFloat<T>()) accF += <f64>x; else accI += <i64>x;
          } else if (op == PROD) {
            if (isFloat<T>()) accF *= <f64>x; else accI *= <i64>x;
          } else {
            let better: bool;
            if (isFloat<T>()) {
              let bestNaN = best != best;
              better = first || (!bestNaN && (x != x || (op == MAX ? x > best : x < best)));
            } else better = first || (op == MAX ? x > best : x < best);
            if (better) {
              best = x;
              bestAt = pos;
              first = false;
            }
          }
          pos++;
        }
      } while (redNdim > 1 && nextIndex(redIdx, meta, redShape, redNdim - 1));
    }
    let r: T;
    if (op == SUM || op == PROD) r = isFloat<T>() ? <T>accF : <T>accI;
    else r = best;
    store<T>(o + (<usize>outOff << SH), r);
    if (idx != 0) store<i32>(idx + (<usize>outOff << 2), bestAt);
  } while (nextIndex(outIdx, meta, outShape, outNdim));
}
