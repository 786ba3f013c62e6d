// The few tensor operations the engine itself performs on grads: undoing
// broadcasting, casting, seeding, and accumulating into .grad.

import { Tensor } from "../tensor.js";
import type { DType } from "../dtype.js";
import { sameShape, isContiguous } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { launch } from "../ops/launch.js";
import { sum } from "../ops/reduce.js";
import { view } from "../ops/views.js";
import { onesLike } from "../ops/creation.js";
import { add } from "../ops/binary.js";
import { clone, toCopy } from "../ops/unary.js";
import { noGrad } from "./gradMode.js";
import { record } from "./function.js";
import { unaryForward } from "../ops/unary.js";
import { disown } from "../memory.js";

/**
 * Sums a grad down to the shape of the input it belongs to: over leading dims
 * the input did not have and over dims where the input had size 1. This is
 * the only place where broadcasting is undone.
 */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.shape.length - shape.length;
  const dims: number[] = [];
  g.shape.forEach((s, d) => {
    if (d < lead || (shape[d - lead] === 1 && s !== 1)) dims.push(d);
  });
  if (dims.length === 0) return view(g, shape);
  const summed = sum(g, { dim: dims, keepdim: true });
  if (sameShape(summed.shape, shape)) return summed;
  const out = view(summed, shape);
  summed.dispose();
  return out;
}

/** Casts a grad to its input's dtype (PyTorch's engine does the same; recorded under createGraph). */
export function castGrad(g: Tensor, dtype: DType): Tensor {
  return g.dtype === dtype ? g : toCopy(g, dtype);
}

/** The implicit grad of a scalar output: 1. */
export function onesFor(out: Tensor): Tensor {
  return noGrad(() => onesLike(out));
}

/**
 * Adds `g` (engine-owned, handed over) into `t.grad`. The first grad is
 * adopted when nothing else shares its storage, else copied; later ones are
 * added in place, or out of place under createGraph (so the sum is
 * differentiable), in which case the previous .grad is released to the caller's
 * scope rather than disposed, as the program may still hold it.
 */
export function accumulateInto(t: Tensor, g: Tensor, createGraph: boolean): void {
  if (t.isDisposed) {
    g.dispose();
    return;
  }
  const prev = t._grad;
  if (prev === null) {
    if (createGraph && g.requiresGrad) {
      // PyTorch copies the first grad into .grad here, recorded as CopyBackwards.
      t._grad = record("gradCopy", unaryForward("copy", g, g.dtype), [g], {})._own();
      g.dispose();
    } else if (createGraph || (g._st.refs === 1 && isContiguous(g.shape, g._strides) && g._gradFn === null)) {
      t._grad = g._own();
    } else {
      t._grad = noGrad(() => clone(g))._own();
      g.dispose();
    }
    return;
  }
  if (createGraph || prev.requiresGrad) {
    const next = add(prev, g);
    disown(prev);
    t._grad = next._own();
    g.dispose();
    return;
  }
  launch(abi.kernel("add", prev.dtype), prev, [prev, g], [1]);
  prev._vc.value++;
  g.dispose();
}
