// The elementary functions for T = f32 or f64, as the nn kernels use them:
// math.ts's f32 forms (PyTorch's vectorised float results) and the
// standard library's f64 ones. One definition, so every kernel rounds alike.

import * as M from "./math";


@inline export function sqrtT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>Mathf.sqrt(<f32>x);
  return <T>Math.sqrt(<f64>x);
}


@inline export function absT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>Mathf.abs(<f32>x);
  return <T>Math.abs(<f64>x);
}


@inline export function expT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>M.expf32(<f32>x);
  return <T>Math.exp(<f64>x);
}


@inline export function logT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>M.logf32(<f32>x);
  return <T>Math.log(<f64>x);
}


@inline export function log1pT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>M.log1pf32(<f32>x);
  return <T>Math.log1p(<f64>x);
}


@inline export function tanhT<T>(x: T): T {
  if (sizeof<T>() == 4) return <T>M.tanhf32(<f32>x);
  return <T>Math.tanh(<f64>x);
}
