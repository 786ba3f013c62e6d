// Kernels of the recurrent layers: the fused elementwise part of an LSTM or
// GRU step (kernels/rnnCell.ts), forward and backward. Operands are
// contiguous; n is the batch, h the hidden size (n * 5h < 2^31 elements).
// A grad pointer of 0 stands for a zero grad.

import * as R from "../kernels/rnnCell";

export function lstm_cell_f32(gates: usize, c: usize, hy: usize, cy: usize, ws: usize, n: i32, h: i32): void {
  R.lstmCell<f32>(gates, c, hy, cy, ws, n, h);
}
export function lstm_cell_f64(gates: usize, c: usize, hy: usize, cy: usize, ws: usize, n: i32, h: i32): void {
  R.lstmCell<f64>(gates, c, hy, cy, ws, n, h);
}
export function lstm_cell_backward_f32(
  dhy: usize,
  dcy: usize,
  ws: usize,
  c: usize,
  dgates: usize,
  dc: usize,
  n: i32,
  h: i32,
): void {
  R.lstmCellBackward<f32>(dhy, dcy, ws, c, dgates, dc, n, h);
}
export function lstm_cell_backward_f64(
  dhy: usize,
  dcy: usize,
  ws: usize,
  c: usize,
  dgates: usize,
  dc: usize,
  n: i32,
  h: i32,
): void {
  R.lstmCellBackward<f64>(dhy, dcy, ws, c, dgates, dc, n, h);
}
export function gru_cell_f32(gi: usize, gh: usize, hx: usize, hy: usize, ws: usize, n: i32, h: i32): void {
  R.gruCell<f32>(gi, gh, hx, hy, ws, n, h);
}
export function gru_cell_f64(gi: usize, gh: usize, hx: usize, hy: usize, ws: usize, n: i32, h: i32): void {
  R.gruCell<f64>(gi, gh, hx, hy, ws, n, h);
}
export function gru_cell_backward_f32(
  dhy: usize,
  ws: usize,
  hx: usize,
  dgi: usize,
  dgh: usize,
  dh: usize,
  n: i32,
  h: i32,
): void {
  R.gruCellBackward<f32>(dhy, ws, hx, dgi, dgh, dh, n, h);
}
export function gru_cell_backward_f64(
  dhy: usize,
  ws: usize,
  hx: usize,
  dgi: usize,
  dgh: usize,
  dh: usize,
  n: i32,
  h: i32,
): void {
  R.gruCellBackward<f64>(dhy, ws, hx, dgi, dgh, dh, n, h);
}
