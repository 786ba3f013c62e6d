// Kernels of the recurrent layers: the fused elementwise part of an LSTM or
// GRU step (kernels/rnnCell.ts), forward and backward. Operands are
// contiguous but dout (row stride ldout bytes); n is the batch, h the hidden
// size (n * 5h < 2^31 elements). A pointer of 0 stands for an absent
// operand: a zero grad, no bias, no gi, no hcopy.
//
// rnn_gemm_kc_<T>(): the deepest k gemm sums in one slab (matmul.ts's KC).
// Up to it a gemm adds its whole sum to C once, so a layer step may add the
// bias after it and round as linear does.
//
// pack_b_bytes_<T>(k, n), pack_b_<T>(b, rs, cs, k, n, dst) and
// gemm_packed_b_<T>(args): a layer packs W_hh^T (forward) and W_hh
// (backward) once, and every step's gemm reads the packed copy
// (kernels/matmul.ts packWholeB, gemmPrepacked: gemm's bits).

import * as R from "../kernels/rnnCell";
import { KC, gemmPrepacked, packWholeB, packedBBytes } from "../kernels/matmul";

export function lstm_cell_f32(gates: usize, bias: usize, gi: usize, c: usize, hy: usize, hcopy: usize, cy: usize, ws: usize, n: i32, h: i32): void { R.lstmCell<f32>(gates, bias, gi, c, hy, hcopy, cy, ws, n, h); }
export function lstm_cell_f64(gates: usize, bias: usize, gi: usize, c: usize, hy: usize, hcopy: usize, cy: usize, ws: usize, n: i32, h: i32): void { R.lstmCell<f64>(gates, bias, gi, c, hy, hcopy, cy, ws, n, h); }
export function lstm_cell_backward_f32(dout: usize, ldout: i32, drec: usize, dcy: usize, ws: usize, c: usize, dgates: usize, dc: usize, n: i32, h: i32): void { R.lstmCellBackward<f32>(dout, ldout, drec, dcy, ws, c, dgates, dc, n, h); }
export function lstm_cell_backward_f64(dout: usize, ldout: i32, drec: usize, dcy: usize, ws: usize, c: usize, dgates: usize, dc: usize, n: i32, h: i32): void { R.lstmCellBackward<f64>(dout, ldout, drec, dcy, ws, c, dgates, dc, n, h); }
export function gru_cell_f32(gi: usize, gh: usize, bias: usize, hx: usize, hy: usize, hcopy: usize, ws: usize, n: i32, h: i32): void { R.gruCell<f32>(gi, gh, bias, hx, hy, hcopy, ws, n, h); }
export function gru_cell_f64(gi: usize, gh: usize, bias: usize, hx: usize, hy: usize, hcopy: usize, ws: usize, n: i32, h: i32): void { R.gruCell<f64>(gi, gh, bias, hx, hy, hcopy, ws, n, h); }
export function gru_cell_backward_f32(dout: usize, ldout: i32, drec: usize, ws: usize, hx: usize, dgi: usize, dgh: usize, dh: usize, n: i32, h: i32): void { R.gruCellBackward<f32>(dout, ldout, drec, ws, hx, dgi, dgh, dh, n, h); }
export function gru_cell_backward_f64(dout: usize, ldout: i32, drec: usize, ws: usize, hx: usize, dgi: usize, dgh: usize, dh: usize, n: i32, h: i32): void { R.gruCellBackward<f64>(dout, ldout, drec, ws, hx, dgi, dgh, dh, n, h); }
export function rnn_gemm_kc_f32(): i32 { return KC; }
export function rnn_gemm_kc_f64(): i32 { return KC; }
export function pack_b_bytes_f32(k: i32, n: i32): i32 { return packedBBytes<f32>(k, n); }
export function pack_b_bytes_f64(k: i32, n: i32): i32 { return packedBBytes<f64>(k, n); }
export function pack_b_f32(b: usize, rs: i32, cs: i32, k: i32, n: i32, dst: usize): void { packWholeB<f32>(b, rs, cs, k, n, dst); }
export function pack_b_f64(b: usize, rs: i32, cs: i32, k: i32, n: i32, dst: usize): void { packWholeB<f64>(b, rs, cs, k, n, dst); }
export function gemm_packed_b_f32(args: usize): void { gemmPrepacked<f32>(args); }
export function gemm_packed_b_f64(args: usize): void { gemmPrepacked<f64>(args); }
