// as_strided for torchlet's own use (not public): a view of a tensor's
// storage with any geometry (AsStridedBackward0), its backward, and tensors
// with a given (possibly non-contiguous) geometry. The view + in-place
// machinery (src/autograd/viewTracking.ts, copySlices.ts) is built on them.

import { Tensor } from "../tensor.js";
import { contiguousStrides, numelOf } from "../shape.js";
import type { DType } from "../dtype.js";
import { record } from "../autograd/function.js";
import { geometryOf, makeView, type Geometry } from "../autograd/viewTracking.js";
import { filled } from "./creation.js";
import { sum } from "./reduce.js";
import { copy_ } from "./inplace.js";

/**
 * A view of `input`'s storage with `shape` and `strides`, starting `offset`
 * elements after input's own storage offset (AsStridedBackward0).
 */
export function asStrided(input: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor {
  const out = makeView(input, shape.slice(), strides.slice(), offset);
  return record("asStrided", out, [input], { input: geometryOf(input), output: geometryOf(out) });
}

/** Elements of storage the geometry reaches from its offset (strides are >= 0 in torchlet). */
function extent(shape: readonly number[], strides: readonly number[]): number {
  if (numelOf(shape) === 0) return 0;
  return 1 + shape.reduce((a, s, d) => a + (s - 1) * strides[d]!, 0);
}

const isDense = (shape: readonly number[], strides: readonly number[]): boolean =>
  contiguousStrides(shape).every((s, d) => s === strides[d] || shape[d]! <= 1);

/** A new tensor of `value`s with the given sizes and strides (new_empty_strided, then filled). */
export function filledStrided(
  shape: readonly number[],
  strides: readonly number[],
  value: number,
  dtype: DType,
): Tensor {
  if (isDense(shape, strides)) return filled(shape, value, dtype);
  const flat = filled([extent(shape, strides)], value, dtype);
  try {
    return flat._view(shape.slice(), strides.slice(), 0);
  } finally {
    flat.dispose();
  }
}

/**
 * PyTorch's as_strided_backward for torchlet's views: a zero tensor with the
 * input's geometry and the grad written where the view sees it. Written with
 * differentiable ops (the write is an in-place copy into a view), so under
 * createGraph it is itself recorded. A view that sees one element several
 * times (stride 0, from expand) adds up the grads of those positions. Run
 * as a formula: the engine frees its temporaries.
 */
export function asStridedBackward(g: Tensor, input: Geometry, output: Geometry): Tensor {
  const dims: number[] = [];
  output.shape.forEach((s, d) => {
    if (output.strides[d] === 0 && s > 1) dims.push(d);
  });
  const g2 = dims.length > 0 ? sum(g, { dim: dims, keepdim: true }) : g;
  const z = filledStrided(input.shape, input.strides, 0, g.dtype);
  copy_(asStrided(z, g2.shape, output.strides, output.offset - input.offset), g2);
  return z;
}
