// The three passes of a convolution as im2col / col2im (assembly/kernels/conv.ts)
// around the blocked gemm (assembly/kernels/matmul.ts), for groups of
// channels:
//   forward        y[n, g] = W[g] · cols(x[n, g])             (Og x K · K x L)
//   input grad     x[n, g] = col2im(W[g]^T · y[n, g])         (also the forward of a transposed conv)
//   weight grad    W[g]   += y[n, g] · cols(x[n, g])^T        (Og x L · L x K), summed over n in order
// with K = Cg * KH * KW and L the number of column positions. Images go in
// chunks whose columns fit COLS_BYTES, so the buffer stays bounded for large
// batches. Both gemm and the column kernels split over the thread pool
// (whole planes, whole gemm outputs), so results are bit-identical with threads.
// Operands are contiguous; 1-d convolutions come as H = KH = OH = 1.

import type { DType } from "../../dtype.js";
import { itemSize } from "../../dtype.js";
import type { Tensor } from "../../tensor.js";
import * as abi from "../../wasm/abi.js";
import { SERIAL, THRESHOLDS, activePool, parallelGemm } from "../../threads/parallel.js";
import { CTL } from "../../threads/control.js";
import { launch } from "../../ops/launch.js";

/** The 2-d geometry of one pass: the image (H x W), kernel, column grid (OH x OW), stride, padding (before) and dilation. */
export interface Geom2 {
  H: number;
  W: number;
  KH: number;
  KW: number;
  OH: number;
  OW: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
}

/**
 * Bytes of columns a chunk of images may take (at least one image's). Small,
 * so the gemm reads columns im2col has just written while they are in cache:
 * 3x3 64 -> 64 on 32x32 images, batch 16 ran at 81% of mm's GFLOP/s (CPU
 * time, one thread) with one image per chunk, 75-79% with 16 MiB chunks.
 */
const COLS_BYTES = 2 << 20;

const geomWords = (g: Geom2): number[] => [g.H, g.W, g.KH, g.KW, g.OH, g.OW, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw];

/** Images per chunk and the column buffer's elements per image. */
function chunking(C: number, g: Geom2, dtype: DType): { per: number; chunk: number } {
  const per = C * g.KH * g.KW * g.OH * g.OW;
  return { per, chunk: Math.max(1, Math.floor(COLS_BYTES / Math.max(1, per * itemSize[dtype]))) };
}

/** Runs the column kernel `op` over `planes` planes from address x to cols (split over the pool by whole planes). */
function columns(op: "im2col" | "col2im", dtype: DType, x: number, cols: number, planes: number, g: Geom2): void {
  if (planes === 0) return;
  const fn = abi.kernel(op, dtype, "convolution");
  const S = itemSize[dtype],
    plane = g.H * g.W * S,
    colPlane = g.KH * g.KW * g.OH * g.OW * S;
  const geom = abi.writeScratchI32(geomWords(g));
  const cost = Math.max(1, g.KH * g.KW * g.OH * g.OW);
  const argsOf = (start: number, len: number): number[] =>
    op === "im2col"
      ? [x + start * plane, cols + start * colPlane, len, geom]
      : [cols + start * colPlane, x + start * plane, len, geom];
  // Whole planes per chunk: each plane's values are written by one call, in one order.
  const p = activePool(),
    work = planes * cost;
  if (p === null || planes < 2 || work < THRESHOLDS.elementwise || !p.has(fn)) {
    fn(...argsOf(0, planes));
    return;
  }
  const per = Math.ceil(planes / Math.min(4 * p.threads, CTL.MAX_CHUNKS, planes));
  const chunks: number[][] = [];
  for (let s = 0; s < planes; s += per) chunks.push(argsOf(s, Math.min(per, planes - s)));
  p.run(fn, chunks, work >= THRESHOLDS.wakeElementwise);
}

/**
 * One gemm call: for b < batch, C_b (+)= A_b · B_b with A m x k, B k x n, C
 * m x n; each operand given as [address, batch stride, row stride, column
 * stride] in elements (C's column stride is 1).
 */
function gemm(
  dtype: DType,
  m: number,
  n: number,
  k: number,
  batch: number,
  a: readonly [number, number, number, number],
  b: readonly [number, number, number, number],
  c: readonly [number, number, number],
  accumulate: boolean,
): void {
  if (batch === 0 || m === 0 || n === 0) return;
  const fn = abi.kernel("gemm", dtype, "convolution");
  const scratchFn = abi.kernel("gemm_scratch", dtype, "convolution") as (m: number, n: number, k: number) => number;
  const words = [m, n, k, batch, ...a, ...b, ...c, accumulate ? 1 : 0];
  if (parallelGemm(fn, dtype, words, scratchFn) !== SERIAL) return;
  const work = abi.alloc(scratchFn(m, n, k));
  try {
    fn(abi.writeScratchI32([...words, work]));
  } finally {
    abi.free(work);
  }
}

/**
 * The sizes of a convolution's gemms: S bytes an element, Og output channels
 * a group, K = Cg * KH * KW rows of a column, L column positions.
 */
function sizes(
  dtype: DType,
  C: number,
  O: number,
  G: number,
  g: Geom2,
): { S: number; Og: number; K: number; L: number } {
  return { S: itemSize[dtype], Og: O / G, K: (C / G) * g.KH * g.KW, L: g.OH * g.OW };
}

/** A column buffer for `elements` values, freed after `fn`. */
function withCols(dtype: DType, elements: number, fn: (cols: number) => void): void {
  const cols = abi.alloc(Math.max(16, elements * itemSize[dtype]));
  try {
    fn(cols);
  } finally {
    abi.free(cols);
  }
}

/**
 * out [N, O, OH * OW] = conv(x [N, C, H * W], w [O, C / G, KH * KW]), plus
 * bias [O] when given (written first, the gemm accumulates onto it).
 */
export function convForwardInto(x: Tensor, w: Tensor, bias: Tensor | null, out: Tensor, G: number, g: Geom2): void {
  const dtype = x.dtype;
  const [N, C, O] = [x.shape[0]!, x.shape[1]!, w.shape[0]!];
  const { S, Og, K, L } = sizes(dtype, C, O, G, g);
  if (N === 0 || O === 0 || L === 0) return;
  if (bias !== null) {
    const o3 = out._view([N, O, L], [O * L, L, 1], out._offset);
    const b3 = bias._view([N, O, L], [0, bias._strides[0]!, 0], bias._offset);
    try {
      launch(abi.kernel("copy", dtype), o3, [b3], [0, 0]);
    } finally {
      o3.dispose();
      b3.dispose();
    }
  }
  const acc = bias !== null;
  const { per, chunk } = chunking(C, g, dtype);
  withCols(dtype, per * Math.min(chunk, N), (cols) => {
    for (let n0 = 0; n0 < N; n0 += chunk) {
      const nb = Math.min(chunk, N - n0);
      columns("im2col", dtype, x._addr() + n0 * C * g.H * g.W * S, cols, nb * C, g);
      const y = out._addr() + n0 * O * L * S;
      if (G === 1) {
        gemm(dtype, O, L, K, nb, [w._addr(), 0, K, 1], [cols, K * L, L, 1], [y, O * L, L], acc);
      } else {
        for (let i = 0; i < nb; i++) {
          gemm(
            dtype,
            Og,
            L,
            K,
            G,
            [w._addr(), Og * K, K, 1],
            [cols + i * per * S, K * L, L, 1],
            [y + i * O * L * S, Og * L, L],
            acc,
          );
        }
      }
    }
  });
}

/**
 * out [N, C, H * W] = col2im(w^T · y) for y [N, O, OH * OW] and w [O, C / G,
 * KH * KW]: the input grad of a convolution, the forward of a transposed one.
 */
export function convTransposeInto(y: Tensor, w: Tensor, out: Tensor, G: number, g: Geom2): void {
  const dtype = y.dtype;
  const [N, O, C] = [y.shape[0]!, y.shape[1]!, out.shape[1]!];
  const { S, Og, K, L } = sizes(dtype, C, O, G, g);
  if (N === 0 || C === 0 || g.H * g.W === 0) return;
  const { per, chunk } = chunking(C, g, dtype);
  withCols(dtype, per * Math.min(chunk, N), (cols) => {
    for (let n0 = 0; n0 < N; n0 += chunk) {
      const nb = Math.min(chunk, N - n0);
      const yp = y._addr() + n0 * O * L * S;
      if (G === 1) {
        gemm(dtype, K, L, O, nb, [w._addr(), 0, 1, K], [yp, O * L, L, 1], [cols, K * L, L], false);
      } else {
        for (let i = 0; i < nb; i++) {
          gemm(
            dtype,
            K,
            L,
            Og,
            G,
            [w._addr(), Og * K, 1, K],
            [yp + i * O * L * S, Og * L, L, 1],
            [cols + i * per * S, K * L, L],
            false,
          );
        }
      }
      columns("col2im", dtype, out._addr() + n0 * C * g.H * g.W * S, cols, nb * C, g);
    }
  });
}

/**
 * out [O, C / G, KH * KW] = sum over images of y[n] · cols(x[n])^T, for
 * x [N, C, H * W] and y [N, O, OH * OW]: a convolution's weight grad.
 */
export function convWeightGradInto(x: Tensor, y: Tensor, out: Tensor, G: number, g: Geom2): void {
  const dtype = x.dtype;
  const [N, C, O] = [x.shape[0]!, x.shape[1]!, y.shape[1]!];
  const { S, Og, K, L } = sizes(dtype, C, O, G, g);
  if (O === 0 || K === 0) return;
  if (N === 0 || L === 0) {
    (abi.view(dtype, out._addr(), O * K) as Float32Array | Float64Array).fill(0);
    return;
  }
  const { per, chunk } = chunking(C, g, dtype);
  withCols(dtype, per * Math.min(chunk, N), (cols) => {
    for (let n0 = 0; n0 < N; n0 += chunk) {
      const nb = Math.min(chunk, N - n0);
      columns("im2col", dtype, x._addr() + n0 * C * g.H * g.W * S, cols, nb * C, g);
      for (let i = 0; i < nb; i++) {
        const yp = y._addr() + (n0 + i) * O * L * S;
        const acc = n0 + i > 0;
        gemm(dtype, Og, K, L, G, [yp, Og * L, L, 1], [cols + i * per * S, K * L, 1, L], [out._addr(), Og * K, K], acc);
      }
    }
  });
}
