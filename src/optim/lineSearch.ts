// The strong-Wolfe line search of torch.optim.LBFGS (PyTorch 1.13's
// _strong_wolfe and _cubic_interpolate, after minFunc): bracket a step that
// decreases the loss enough (Armijo, c1) and flattens the slope enough
// (curvature, c2), then zoom in with cubic interpolation.

import type { Tensor } from "../tensor.js";

/** The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to the bounds (default [x1, x2]). */
export function cubicInterpolate(
  x1: number,
  f1: number,
  g1: number,
  x2: number,
  f2: number,
  g2: number,
  bounds?: [number, number],
): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 ** 2 - g1 * g2;
  if (d2Square >= 0) {
    const d2 = Math.sqrt(d2Square);
    const minPos =
      x1 <= x2
        ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(minPos, lo), hi);
  }
  return (lo + hi) / 2;
}

/** The loss and flat gradient at x + t * d (the parameters are restored to x afterwards). */
export type DirectionalEvaluate = (x: Tensor[], t: number, d: Tensor) => [number, Tensor];

/**
 * Returns [loss, flat gradient, step, evaluations] at the step found.
 * `round` rounds a dot product to the parameters' dtype (PyTorch's 0-d
 * tensors); the gradients given back are the evaluation's own tensors.
 */
export function strongWolfe(
  objFunc: DirectionalEvaluate,
  x: Tensor[],
  t: number,
  d: Tensor,
  f: number,
  g: Tensor,
  gtd: number,
  opts: { c1?: number; c2?: number; toleranceChange?: number; maxLs?: number; round: (x: number) => number },
): [number, Tensor, number, number] {
  const { c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLs = 25, round } = opts;
  const dot = (a: Tensor, b: Tensor): number => round(Number(a.dot(b).item()));
  const dNorm = Number(d.abs().max().item());
  let [fNew, gNew] = objFunc(x, t, d);
  let lsFuncEvals = 1;
  let gtdNew = dot(gNew, d);
  let tPrev = 0,
    fPrev = f,
    gPrev = g,
    gtdPrev = gtd;
  let done = false;
  let lsIter = 0;
  let bracket: number[] = [],
    bracketF: number[] = [],
    bracketG: Tensor[] = [],
    bracketGtd: number[] = [];
  while (lsIter < maxLs) {
    // PyTorch checks the Armijo condition, then the curvature condition,
    // then the slope's sign; the first and the last bracket the same way.
    const armijoFails = fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev);
    if (!armijoFails && Math.abs(gtdNew) <= -c2 * gtd) {
      [bracket, bracketF, bracketG] = [[t], [fNew], [gNew]];
      done = true;
      break;
    }
    if (armijoFails || gtdNew >= 0) {
      [bracket, bracketF, bracketG, bracketGtd] = [
        [tPrev, t],
        [fPrev, fNew],
        [gPrev, gNew],
        [gtdPrev, gtdNew],
      ];
      break;
    }
    const minStep = t + 0.01 * (t - tPrev);
    const maxStep = t * 10;
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = tmp;
    fPrev = fNew;
    gPrev = gNew;
    gtdPrev = gtdNew;
    [fNew, gNew] = objFunc(x, t, d);
    lsFuncEvals++;
    gtdNew = dot(gNew, d);
    lsIter++;
  }
  if (lsIter === maxLs)
    [bracket, bracketF, bracketG] = [
      [0, t],
      [f, fNew],
      [g, gNew],
    ];

  let insufProgress = false;
  let [lowPos, highPos] = bracketF[0]! <= bracketF[bracketF.length - 1]! ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(bracket[1]! - bracket[0]!) * dNorm < toleranceChange) break;
    t = cubicInterpolate(bracket[0]!, bracketF[0]!, bracketGtd[0]!, bracket[1]!, bracketF[1]!, bracketGtd[1]!);
    const bMax = Math.max(...bracket),
      bMin = Math.min(...bracket);
    const eps = 0.1 * (bMax - bMin);
    if (Math.min(bMax - t, t - bMin) < eps) {
      if (insufProgress || t >= bMax || t <= bMin) {
        t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
        insufProgress = false;
      } else insufProgress = true;
    } else insufProgress = false;
    [fNew, gNew] = objFunc(x, t, d);
    lsFuncEvals++;
    gtdNew = dot(gNew, d);
    lsIter++;
    if (fNew > f + c1 * t * gtd || fNew >= bracketF[lowPos]!) {
      bracket[highPos] = t;
      bracketF[highPos] = fNew;
      bracketG[highPos] = gNew;
      bracketGtd[highPos] = gtdNew;
      [lowPos, highPos] = bracketF[0]! <= bracketF[1]! ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (bracket[highPos]! - bracket[lowPos]!) >= 0) {
        bracket[highPos] = bracket[lowPos]!;
        bracketF[highPos] = bracketF[lowPos]!;
        bracketG[highPos] = bracketG[lowPos]!;
        bracketGtd[highPos] = bracketGtd[lowPos]!;
      }
      bracket[lowPos] = t;
      bracketF[lowPos] = fNew;
      bracketG[lowPos] = gNew;
      bracketGtd[lowPos] = gtdNew;
    }
  }
  return [bracketF[lowPos]!, bracketG[lowPos]!, bracket[lowPos]!, lsFuncEvals];
}
