// The elementary functions for T = f32 or f64, as the nn kernels use them:
// math.ts's f32 forms (PyTorch's vectorised float results) and the
// standard library's f64 ones. One definition, so every kernel rounds alike.

import * as M from "./math";


@inline export function expT<T>(x: T): T {
  return sizeof<T>() == 4 ? <T>M.expf32(<f32>x) : <T>Math.exp(<f64>x);
}


@inline export function logT<T>(x: T): T {
  return sizeof<T>() == 4 ? <T>M.logf32(<f32>x) : <T>Math.log(<f64>x);
}


@inline export function log1pT<T>(x: T): T {
  return sizeof<T>() == 4 ? <T>M.log1pf32(<f32>x) : <T>Math.log1p(<f64>x);
}


@inline export function tanhT<T>(x: T): T {
  return sizeof<T>() == 4 ? <T>M.tanhf32(<f32>x) : <T>Math.tanh(<f64>x);
}
