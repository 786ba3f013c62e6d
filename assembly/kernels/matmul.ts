// GEMM: C (+)= A · B for strided A and B, batched with per-operand batch
// strides (0 broadcasts an operand over the batch). float32, float64, int32.
//
// The classic blocked algorithm (Goto / BLIS): the k dim is cut into KC-deep
// slabs, B's slab into NC-wide panels and A's into MC-high blocks. Each block
// is packed (matmulPack.ts) so that one MR x kc sliver of A and one kc x NR
// sliver of B are contiguous, and a register-tiled micro-kernel computes an
// MR x NR tile of C from them: per k step it loads NV vectors of B,
// broadcasts MR values of A and does MR * NV multiply-adds into MR * NV
// accumulators that never leave registers.
//
//   loop over batch
//    loop jc over n in NC steps                     B panel: KC x NC, L2
//     loop pc over k in KC steps, pack B(pc, jc)
//      loop ic over m in MC steps, pack A(ic, pc)   A block: MC x KC, L2
//       loop jr over NC in NR steps                 B sliver KC x NR stays in L1
//        loop ir over MC in MR steps: micro-kernel  A sliver MR x KC from L2
//
// The tile is 4 x 8 for f32 / i32 and 4 x 4 for f64 (8 v128 accumulators).
// Measured on V8 (x64, 16 xmm registers), wider tiles (6 x 8, 4 x 12) and an
// unrolled k loop are slower: TurboFan hoists the loads of the unrolled
// steps and spills accumulators. In the relaxed build `vmadd` is one fused
// relaxed_madd.
//
// Scratch: the packed blocks live in a buffer the caller allocates (the JS
// side, from the tensor allocator) of `gemmScratchBytes<T>(m, n, k)` bytes,
// at most (MC * KC + KC * NC) * sizeof(T) = 1.1 MiB for f32, 2.3 MiB for f64,
// and much less for small products. C must not overlap A or B.

import { vmadd } from "./simd";
import { MR, NV, nr, packA, packB } from "./matmulPack";
import { edgeTile } from "./scratch";

/** Depth of a k slab: a KC x NR sliver of B is 8 KiB (f32), well inside L1. */
export const KC: i32 = 256;
/** Height of a packed A block (a multiple of MR): MC x KC f32 is 128 KiB, in L2. */
export const MC: i32 = 128;
/** Width of a packed B panel (a multiple of NR): KC x NC f32 is 1 MiB, in L2. */
export const NC: i32 = 1024;

// Edge tiles: the micro-kernel writes a whole MR x NR tile to the calling
// thread's edgeTile (scratch.ts), then the valid part is copied.

/**
 * The micro-kernel: the MR x NR tile at c (row stride ldc bytes) gets
 * A-sliver · B-sliver over kc steps, added to what is there when `add`.
 */
@inline function micro<T>(kc: i32, a: usize, b: usize, c: usize, ldc: usize, add: bool): void {
  const S = sizeof<T>();
  let c00 = i32x4.splat(0),
    c01 = c00,
    c10 = c00,
    c11 = c00,
    c20 = c00,
    c21 = c00,
    c30 = c00,
    c31 = c00;
  // The B pointer is the loop counter: one increment fewer per step, which
  // the baseline build (separate mul and add) measures about 7% faster on.
  let end = b + <usize>kc * <usize>NV * 16;
  while (b < end) {
    let b0 = v128.load(b);
    let b1 = v128.load(b, 16);
    let a0 = S == 4 ? v128.load32_splat(a) : v128.load64_splat(a);
    c00 = vmadd<T>(a0, b0, c00);
    c01 = vmadd<T>(a0, b1, c01);
    let a1 = S == 4 ? v128.load32_splat(a, 4) : v128.load64_splat(a, 8);
    c10 = vmadd<T>(a1, b0, c10);
    c11 = vmadd<T>(a1, b1, c11);
    let a2 = S == 4 ? v128.load32_splat(a, 8) : v128.load64_splat(a, 16);
    c20 = vmadd<T>(a2, b0, c20);
    c21 = vmadd<T>(a2, b1, c21);
    let a3 = S == 4 ? v128.load32_splat(a, 12) : v128.load64_splat(a, 24);
    c30 = vmadd<T>(a3, b0, c30);
    c31 = vmadd<T>(a3, b1, c31);
    a += <usize>MR * S;
    b += <usize>NV * 16;
  }
  storeTileRow<T>(c, c00, c01, add);
  storeTileRow<T>(c + ldc, c10, c11, add);
  storeTileRow<T>(c + 2 * ldc, c20, c21, add);
  storeTileRow<T>(c + 3 * ldc, c30, c31, add);
}

/** Stores one row of the tile (two vectors) at c, added to what is there when `add`. */
@inline function storeTileRow<T>(c: usize, lo: v128, hi: v128, add: bool): void {
  if (add) {
    lo = v128.add<T>(lo, v128.load(c));
    hi = v128.add<T>(hi, v128.load(c, 16));
  }
  v128.store(c, lo);
  v128.store(c, hi, 16);
}

/** C block (mc x nc at c, row stride ldc bytes) (+)= packed A block · packed B panel. */
@inline function macroKernel<T>(
  mc: i32,
  nc: i32,
  kc: i32,
  pa: usize,
  pb: usize,
  c: usize,
  ldc: usize,
  add: bool,
): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  for (let j = 0; j < nc; j += NR) {
    let cols = min(NR, nc - j);
    let bs = pb + <usize>(j * kc) * S;
    for (let i = 0; i < mc; i += MR) {
      let rows = min(MR, mc - i);
      let as = pa + <usize>(i * kc) * S;
      let ct = c + <usize>i * ldc + <usize>j * S;
      if (rows == MR && cols == NR) {
        micro<T>(kc, as, bs, ct, ldc, add);
      } else {
        micro<T>(kc, as, bs, edgeTile, <usize>NR * S, false);
        for (let r = 0; r < rows; r++) {
          let dst = ct + <usize>r * ldc;
          let src = edgeTile + <usize>(r * NR) * S;
          for (let q = 0; q < cols; q++) {
            let v = load<T>(src + <usize>q * S);
            let o = dst + <usize>q * S;
            store<T>(o, add ? load<T>(o) + v : v);
          }
        }
      }
    }
  }
}


@inline function roundUp(x: i32, to: i32): i32 {
  return ((x + to - 1) / to) * to;
}

/** Bytes of packing scratch gemm<T> needs for an m x k · k x n product. */
@inline export function gemmScratchBytes<T>(m: i32, n: i32, k: i32): i32 {
  let kc = min(k, KC);
  return (roundUp(min(m, MC), MR) * kc + kc * roundUp(min(n, NC), nr<T>())) * <i32>sizeof<T>() + 16;
}

// Layout of the i32 argument block: m, n, k, batch, then one operand block
// each for A, B and C (address in bytes, then element strides), ACCUMULATE
// and WORK.
const M = 0,
  N = 1,
  K = 2,
  BATCH = 3;
const A = 4,
  B = 8,
  C = 12;
// Words of an operand block (C has no COL: its columns are unit-stride).
const PTR = 0,
  BATCH_STRIDE = 1,
  ROW = 2,
  COL = 3;
const ACCUMULATE = 15,
  WORK = 16;


@inline function arg(args: usize, i: i32): i32 {
  return load<i32>(args + ((<usize>i) << 2));
}

/**
 * For each batch index: C = A · B, or C += A · B when ACCUMULATE is set.
 * A is m x k, B is k x n, C is m x n with unit column stride. WORK points at
 * gemmScratchBytes<T>(m, n, k) bytes.
 */
@inline export function gemm<T>(args: usize): void {
  gemmWith<T>(args, false);
}

/**
 * gemm<T> with B already packed whole by packWholeB<T> at B's pointer (its batch
 * stride and element strides are not read: every batch index uses it). The
 * sums are gemm's, bit for bit: the blocking is the same.
 */
@inline export function gemmPrepacked<T>(args: usize): void {
  gemmWith<T>(args, true);
}

/** Bytes packWholeB<T> writes for a k x n B (with 16 bytes of alignment slack). */
export function packedBBytes<T>(k: i32, n: i32): i32 {
  let cols = 0;
  for (let jc = 0; jc < n; jc += NC) cols += roundUp(min(NC, n - jc), nr<T>());
  return cols * k * <i32>sizeof<T>() + 16;
}

/**
 * Packs the whole k x n B at b (element strides rs, cs) at dst: each NC-wide
 * panel's KC-deep slabs as packB lays them out, in the order gemm visits
 * them, so a B used by many products (a recurrent weight) is packed once.
 */
export function packWholeB<T>(b: usize, rs: isize, cs: isize, k: i32, n: i32, dst: usize): void {
  const S = sizeof<T>();
  dst = (dst + 15) & ~15;
  for (let jc = 0; jc < n; jc += NC) {
    let nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      let kc = min(KC, k - pc);
      packB<T>(b + <usize>((<isize>pc * rs + <isize>jc * cs) * S), rs, cs, kc, nc, dst);
      dst += <usize>(roundUp(nc, nr<T>()) * kc) * S;
    }
  }
}

/** A packed block's identity: its source address and its rows and columns (each at most NC < 2^16). */
@inline function blockKey(src: usize, rows: i32, cols: i32): u64 {
  return ((<u64>src) << 32) | ((<u64>rows) << 16) | (<u64>cols);
}

/** gemm's loop nest; `prepacked`: B's pointer holds packWholeB's panels. */
function gemmWith<T>(args: usize, prepacked: bool): void {
  const S = sizeof<T>();
  const NR = nr<T>();
  let m = arg(args, M),
    n = arg(args, N),
    k = arg(args, K),
    batch = arg(args, BATCH);
  let sab = <isize>arg(args, A + BATCH_STRIDE),
    sar = <isize>arg(args, A + ROW),
    sac = <isize>arg(args, A + COL);
  let sbb = <isize>arg(args, B + BATCH_STRIDE),
    sbr = <isize>arg(args, B + ROW),
    sbc = <isize>arg(args, B + COL);
  let scb = <isize>arg(args, C + BATCH_STRIDE),
    scr = <isize>arg(args, C + ROW);
  let accumulate = arg(args, ACCUMULATE) != 0;
  if (m <= 0 || n <= 0 || batch <= 0) return;
  let ldc = <usize>(scr * S);
  if (k <= 0) {
    // An empty sum: C = 0 (or unchanged when accumulating).
    if (accumulate) return;
    for (let bi = 0; bi < batch; bi++) {
      let c = <usize>arg(args, C + PTR) + <usize>(<isize>bi * scb * S);
      for (let i = 0; i < m; i++) memory.fill(c + <usize>i * ldc, 0, <usize>n * S);
    }
    return;
  }
  let work = (<usize>arg(args, WORK) + 15) & ~15;
  let pa = work;
  let pb = pa + <usize>(roundUp(min(m, MC), MR) * min(k, KC)) * S;
  // What the buffers hold now: packing is skipped when the same block comes
  // round again (an operand broadcast over the batch, or a single A block
  // reused across B panels).
  let heldA: u64 = 0,
    heldB: u64 = 0;
  for (let bi = 0; bi < batch; bi++) {
    let a = <usize>arg(args, A + PTR) + <usize>(<isize>bi * sab * S);
    let b = <usize>arg(args, B + PTR) + (prepacked ? 0 : <usize>(<isize>bi * sbb * S));
    let c = <usize>arg(args, C + PTR) + <usize>(<isize>bi * scb * S);
    // The next of packWholeB's panels.
    let whole = (b + 15) & ~15;
    for (let jc = 0; jc < n; jc += NC) {
      let nc = min(NC, n - jc);
      for (let pc = 0; pc < k; pc += KC) {
        let kc = min(KC, k - pc);
        let panel = pb;
        if (prepacked) {
          panel = whole;
          whole += <usize>(roundUp(nc, NR) * kc) * S;
        } else {
          let bsrc = b + <usize>((<isize>pc * sbr + <isize>jc * sbc) * S);
          let key = blockKey(bsrc, kc, nc);
          if (key != heldB) {
            packB<T>(bsrc, sbr, sbc, kc, nc, pb);
            heldB = key;
          }
        }
        let add = accumulate || pc > 0;
        for (let ic = 0; ic < m; ic += MC) {
          let mc = min(MC, m - ic);
          let asrc = a + <usize>((<isize>ic * sar + <isize>pc * sac) * S);
          let key = blockKey(asrc, mc, kc);
          if (key != heldA) {
            packA<T>(asrc, sar, sac, mc, kc, pa);
            heldA = key;
          }
          macroKernel<T>(mc, nc, kc, pa, panel, c + <usize>ic * ldc + <usize>jc * S, ldc, add);
        }
      }
    }
  }
}
