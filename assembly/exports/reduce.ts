// Reduction kernels: (a, out, indices, meta); see kernels/reduce.ts.

import * as R from "../kernels/reduce";

export function sum_f32(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<f32>(R.SUM, a, o, idx, meta); }
export function sum_f64(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<f64>(R.SUM, a, o, idx, meta); }
export function sum_i32(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<i32>(R.SUM, a, o, idx, meta); }
export function prod_f32(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<f32>(R.PROD, a, o, idx, meta); }
export function prod_f64(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<f64>(R.PROD, a, o, idx, meta); }
export function prod_i32(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<i32>(R.PROD, a, o, idx, meta); }
export function max_f32(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<f32>(R.MAX, a, o, idx, meta); }
export function max_f64(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<f64>(R.MAX, a, o, idx, meta); }
export function max_i32(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<i32>(R.MAX, a, o, idx, meta); }
export function min_f32(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<f32>(R.MIN, a, o, idx, meta); }
export function min_f64(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<f64>(R.MIN, a, o, idx, meta); }
export function min_i32(a: usize, o: usize, idx: usize, meta: usize): void { R.reduce<i32>(R.MIN, a, o, idx, meta); }
