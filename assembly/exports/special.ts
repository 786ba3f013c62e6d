// Kernels of torch.special (kernels/special.ts). Unary ones take the
// unary kernels' arguments (a, out, meta, p, q; p and q unused), binary ones
// the binary kernels' (a, b, out, meta, alpha; alpha unused). Names are
// `<op>_<dtype>`. Limits: meta-block entries as in exports/elementwise.ts.

import * as S from "../kernels/special";

export function erfcx_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f32>(S.ERFCX, a, 0, o, meta); }
export function erfcx_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f64>(S.ERFCX, a, 0, o, meta); }
export function ndtri_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f32>(S.NDTRI, a, 0, o, meta); }
export function ndtri_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f64>(S.NDTRI, a, 0, o, meta); }
export function log_ndtr_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f32>(S.LOG_NDTR, a, 0, o, meta); }
export function log_ndtr_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f64>(S.LOG_NDTR, a, 0, o, meta); }
export function i0_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f32>(S.I0, a, 0, o, meta); }
export function i0_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f64>(S.I0, a, 0, o, meta); }
export function i0e_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f32>(S.I0E, a, 0, o, meta); }
export function i0e_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f64>(S.I0E, a, 0, o, meta); }
export function i1_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f32>(S.I1, a, 0, o, meta); }
export function i1_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f64>(S.I1, a, 0, o, meta); }
export function i1e_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f32>(S.I1E, a, 0, o, meta); }
export function i1e_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f64>(S.I1E, a, 0, o, meta); }
export function entr_f32(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f32>(S.ENTR, a, 0, o, meta); }
export function entr_f64(a: usize, o: usize, meta: usize, p: f64, q: f64): void { S.special<f64>(S.ENTR, a, 0, o, meta); }
export function xlog1py_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { S.special<f32>(S.XLOG1PY, a, b, o, meta); }
export function xlog1py_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { S.special<f64>(S.XLOG1PY, a, b, o, meta); }
export function zeta_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { S.special<f32>(S.ZETA, a, b, o, meta); }
export function zeta_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { S.special<f64>(S.ZETA, a, b, o, meta); }
