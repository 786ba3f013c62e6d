// Kernels of the matmul family. Names are `<op>_<dtype>`.
//
// gemm_<T>(args): batched C (+)= A · B; `args` is the i32 block described in
//   kernels/matmul.ts (sizes, addresses, element strides, scratch pointer).
// gemm_scratch_<T>(m, n, k): bytes of packing scratch gemm needs.
// gemv_<T>(a, rs, cs, x, sx, y, m, k, accumulate): y (+)= A · x.
// dot_<T>(a, sa, b, sb, n, out): out[0] = a · b.
// Limits: m, n, k, the batch count, each operand's element count and every
// element offset (index * stride) at most 2^31 - 1; gemm_scratch's bytes fit
// an i32 (at most 2.3 MiB, see kernels/matmul.ts).

import { gemm, gemmScratchBytes } from "../kernels/matmul";
import { gemv, dot } from "../kernels/gemv";

export function gemm_f32(args: usize): void { gemm<f32>(args); }
export function gemm_f64(args: usize): void { gemm<f64>(args); }
export function gemm_i32(args: usize): void { gemm<i32>(args); }
export function gemm_i64(args: usize): void { gemm<i64>(args); }
export function gemm_scratch_f32(m: i32, n: i32, k: i32): i32 { return gemmScratchBytes<f32>(m, n, k); }
export function gemm_scratch_f64(m: i32, n: i32, k: i32): i32 { return gemmScratchBytes<f64>(m, n, k); }
export function gemm_scratch_i32(m: i32, n: i32, k: i32): i32 { return gemmScratchBytes<i32>(m, n, k); }
export function gemm_scratch_i64(m: i32, n: i32, k: i32): i32 { return gemmScratchBytes<i64>(m, n, k); }
export function gemv_f32(a: usize, rs: i32, cs: i32, x: usize, sx: i32, y: usize, m: i32, k: i32, acc: i32): void { gemv<f32>(a, rs, cs, x, sx, y, m, k, acc != 0); }
export function gemv_f64(a: usize, rs: i32, cs: i32, x: usize, sx: i32, y: usize, m: i32, k: i32, acc: i32): void { gemv<f64>(a, rs, cs, x, sx, y, m, k, acc != 0); }
export function gemv_i32(a: usize, rs: i32, cs: i32, x: usize, sx: i32, y: usize, m: i32, k: i32, acc: i32): void { gemv<i32>(a, rs, cs, x, sx, y, m, k, acc != 0); }
export function gemv_i64(a: usize, rs: i32, cs: i32, x: usize, sx: i32, y: usize, m: i32, k: i32, acc: i32): void { gemv<i64>(a, rs, cs, x, sx, y, m, k, acc != 0); }
export function dot_f32(a: usize, sa: i32, b: usize, sb: i32, n: i32, out: usize): void { dot<f32>(a, sa, b, sb, n, out); }
export function dot_f64(a: usize, sa: i32, b: usize, sb: i32, n: i32, out: usize): void { dot<f64>(a, sa, b, sb, n, out); }
export function dot_i32(a: usize, sa: i32, b: usize, sb: i32, n: i32, out: usize): void { dot<i32>(a, sa, b, sb, n, out); }
export function dot_i64(a: usize, sa: i32, b: usize, sb: i32, n: i32, out: usize): void { dot<i64>(a, sa, b, sb, n, out); }
