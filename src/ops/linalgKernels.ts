// Calls into the matmul-family kernels (assembly/kernels/matmul.ts, gemv.ts):
// gemm, gemv and dot over strided operands. Operands are passed as they are
// (transposed views, slices, stride-0 batches): the kernels read through
// strides, so backward's A^T and B^T never get copied.

import type { Tensor } from "../tensor.js";
import * as abi from "../wasm/abi.js";
import { SERIAL, parallelGemm } from "../threads/parallel.js";
import { copyInto } from "./launch.js";
import { checkNarrowSupport, isNarrow, widened } from "./wide.js";

/**
 * A product of narrow operands (bfloat16, small integers) computed in the
 * wide dtype: both converted once per call, the result rounded (or wrapped)
 * once, as PyTorch's float accumulation of bfloat16 does.
 */
function throughWideProduct(
  a: Tensor,
  b: Tensor,
  out: Tensor,
  torchOp: string,
  run: (a: Tensor, b: Tensor, out: Tensor) => void,
): void {
  checkNarrowSupport(torchOp, a.dtype);
  const A = widened(a),
    B = widened(b),
    O = widened(out); // a copy of out's values: gemm may accumulate into them
  try {
    run(A.t, B.t, O.t);
    copyInto(out, O.t);
  } finally {
    for (const x of [A, B, O]) if (x.owned) x.t.dispose();
  }
}

/**
 * out[i] = a[i] · b[i] (or += with `accumulate`) for 3-D a [batch, m, k],
 * b [batch, k, n] and contiguous out [batch, m, n]; 2-D operands are a batch
 * of one. Batch strides of 0 broadcast an operand over the batch.
 */
export function gemmInto(a: Tensor, b: Tensor, out: Tensor, torchOp: string, accumulate = false): void {
  const batched = a.shape.length === 3;
  const [batch, m, k] = batched ? (a.shape as [number, number, number]) : [1, a.shape[0]!, a.shape[1]!];
  const n = b.shape[b.shape.length - 1]!;
  if (batch === 0 || m === 0 || n === 0) return;
  if (isNarrow(a.dtype))
    return throughWideProduct(a, b, out, torchOp, (A, B, O) => gemmInto(A, B, O, torchOp, accumulate));
  const fn = abi.kernel("gemm", a.dtype, torchOp);
  const scratchFn = abi.kernel("gemm_scratch", a.dtype, torchOp) as (m: number, n: number, k: number) => number;
  const [sab, sar, sac] = batched ? a._strides : [0, a._strides[0]!, a._strides[1]!];
  const [sbb, sbr, sbc] = batched ? b._strides : [0, b._strides[0]!, b._strides[1]!];
  // The argument block whose layout assembly/kernels/matmul.ts documents (WORK last).
  const words = [
    m,
    n,
    k,
    batch,
    a._addr(),
    sab!,
    sar!,
    sac!,
    b._addr(),
    sbb!,
    sbr!,
    sbc!,
    out._addr(),
    m * n,
    n,
    accumulate ? 1 : 0,
  ];
  if (parallelGemm(fn, a.dtype, words, scratchFn) !== SERIAL) return;
  const work = abi.alloc(scratchFn(m, n, k));
  try {
    fn(abi.writeScratchI32([...words, work]));
  } finally {
    abi.free(work);
  }
}

/**
 * b [k, n] (float32 or float64) packed whole for the gemm_packed_b kernel,
 * in a block the caller frees with abi.free: a weight that many products
 * read (an RNN layer's, once per step) is packed once.
 */
function packB(b: Tensor): number {
  const [k, n] = b.shape as [number, number];
  const addr = abi.alloc(abi.kernel("pack_b_bytes", b.dtype)(k, n) as number);
  abi.kernel("pack_b", b.dtype)(b._addr(), b._strides[0]!, b._strides[1]!, k, n, addr);
  return addr;
}

/** Words of gemm's argument block (assembly/kernels/matmul.ts), WORK included. */
const ARGS = 17;

/** What packedGemm gives: a fixed-shape gemm against a packed B, and its release. */
export interface PackedGemm {
  /** out (+)= A · B for A [m, k] at address `a` and out [m, n] at `out`, both contiguous. */
  run(a: number, out: number, accumulate: boolean): void;
  /** Frees the packed B, the argument block and the scratch. */
  dispose(): void;
}

/**
 * gemmInto(a, b, out, "mm", accumulate) for one shape called many times (an RNN layer's steps: every step multiplies by the same weight), on
 * one thread: B packed once, and the kernel, its argument block and its
 * scratch looked up and made once, so a call writes three words.
 */
export function packedGemm(b: Tensor, m: number): PackedGemm {
  const [k, n] = b.shape as [number, number];
  const fn = abi.kernel("gemm_packed_b", b.dtype);
  const packed = packB(b);
  let work: number;
  try {
    work = abi.alloc((abi.kernel("gemm_scratch", b.dtype)(m, n, k) as number) + ARGS * 4);
  } catch (e) {
    abi.free(packed);
    throw e;
  }
  const args = work; // the argument block, then the scratch
  abi.heapI32().set([m, n, k, 1, 0, 0, k, 1, packed, 0, 0, 0, 0, m * n, n, 0, work + ARGS * 4], args >>> 2);
  return {
    run(a, out, accumulate) {
      const h = abi.heapI32(),
        w = args >>> 2;
      h[w + 4] = a;
      h[w + 12] = out;
      h[w + 15] = accumulate ? 1 : 0;
      fn(args);
    },
    dispose() {
      abi.free(work);
      abi.free(packed);
    },
  };
}

/** out = a · x for a [m, k], x [k] and contiguous out [m]. */
export function gemvInto(a: Tensor, x: Tensor, out: Tensor, torchOp: string): void {
  const [m, k] = a.shape as [number, number];
  if (m === 0) return;
  if (isNarrow(a.dtype)) return throughWideProduct(a, x, out, torchOp, (A, X, O) => gemvInto(A, X, O, torchOp));
  const fn = abi.kernel("gemv", a.dtype, torchOp);
  fn(a._addr(), a._strides[0]!, a._strides[1]!, x._addr(), x._strides[0]!, out._addr(), m, k, 0);
}

/** out (0-d) = a · b for two vectors of the same length. */
export function dotInto(a: Tensor, b: Tensor, out: Tensor, torchOp: string): void {
  if (isNarrow(a.dtype)) return throughWideProduct(a, b, out, torchOp, (A, B, O) => dotInto(A, B, O, torchOp));
  const fn = abi.kernel("dot", a.dtype, torchOp);
  fn(a._addr(), a._strides[0]!, b._addr(), b._strides[0]!, a.shape[0]!, out._addr());
}
