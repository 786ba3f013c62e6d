// Binary math kernels (kernels/bmath.ts through binary.ts's driver): same
// arguments as the binary kernels in elementwise.ts (a, b, out, meta, alpha;
// alpha unused); fmod_i32/_i64 return 1 after a zero divisor. nan_to_num
// takes (a, out, meta, nan, posinf, neginf). Limits as in elementwise.ts.

import * as B from "../kernels/binary";
import * as BM from "../kernels/bmath";

export function atan2_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(BM.Op.ATAN2, a, b, o, meta, <f32>s); }
export function atan2_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(BM.Op.ATAN2, a, b, o, meta, <f64>s); }
export function fmod_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(BM.Op.FMOD, a, b, o, meta, <f32>s); }
export function fmod_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(BM.Op.FMOD, a, b, o, meta, <f64>s); }
export function fmod_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i32>(BM.Op.FMOD, a, b, o, meta, <i32>s); }
export function fmod_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): i32 { return B.binary<i64>(BM.Op.FMOD, a, b, o, meta, <i64>s); }
export function hypot_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(BM.Op.HYPOT, a, b, o, meta, <f32>s); }
export function hypot_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(BM.Op.HYPOT, a, b, o, meta, <f64>s); }
export function logaddexp_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(BM.Op.LOGADDEXP, a, b, o, meta, <f32>s); }
export function logaddexp_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(BM.Op.LOGADDEXP, a, b, o, meta, <f64>s); }
export function logaddexp2_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(BM.Op.LOGADDEXP2, a, b, o, meta, <f32>s); }
export function logaddexp2_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(BM.Op.LOGADDEXP2, a, b, o, meta, <f64>s); }
export function xlogy_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(BM.Op.XLOGY, a, b, o, meta, <f32>s); }
export function xlogy_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(BM.Op.XLOGY, a, b, o, meta, <f64>s); }
export function copysign_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(BM.Op.COPYSIGN, a, b, o, meta, <f32>s); }
export function copysign_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(BM.Op.COPYSIGN, a, b, o, meta, <f64>s); }
export function fmax_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(BM.Op.FMAX, a, b, o, meta, <f32>s); }
export function fmax_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(BM.Op.FMAX, a, b, o, meta, <f64>s); }
export function fmax_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(BM.Op.FMAX, a, b, o, meta, <i32>s); }
export function fmax_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(BM.Op.FMAX, a, b, o, meta, <i64>s); }
export function fmin_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(BM.Op.FMIN, a, b, o, meta, <f32>s); }
export function fmin_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(BM.Op.FMIN, a, b, o, meta, <f64>s); }
export function fmin_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(BM.Op.FMIN, a, b, o, meta, <i32>s); }
export function fmin_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(BM.Op.FMIN, a, b, o, meta, <i64>s); }
export function heaviside_f32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f32>(BM.Op.HEAVISIDE, a, b, o, meta, <f32>s); }
export function heaviside_f64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<f64>(BM.Op.HEAVISIDE, a, b, o, meta, <f64>s); }
export function heaviside_i32(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i32>(BM.Op.HEAVISIDE, a, b, o, meta, <i32>s); }
export function heaviside_i64(a: usize, b: usize, o: usize, meta: usize, s: f64): void { B.binary<i64>(BM.Op.HEAVISIDE, a, b, o, meta, <i64>s); }
export function nan_to_num_f32(a: usize, o: usize, meta: usize, nan: f64, posinf: f64, neginf: f64): void { BM.nanToNum<f32>(a, o, meta, nan, posinf, neginf); }
export function nan_to_num_f64(a: usize, o: usize, meta: usize, nan: f64, posinf: f64, neginf: f64): void { BM.nanToNum<f64>(a, o, meta, nan, posinf, neginf); }
