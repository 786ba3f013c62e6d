// The backward ops of slice and select: a zero tensor of the input's shape
// with the grad written into the viewed region. Recorded themselves, so that
// double backward works (their grad is the same slice/select of the grad).

import { Tensor } from "../tensor.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { filled } from "./creation.js";
import { launch } from "./launch.js";

function embed(g: Tensor, shape: readonly number[], region: (z: Tensor) => Tensor): Tensor {
  const z = filled(shape, 0, g.dtype);
  const target = region(z);
  try {
    launch(abi.kernel("copy", g.dtype), target, [g], [0, 0]);
  } finally {
    target.dispose();
  }
  return z;
}

export function sliceBackward(
  g: Tensor,
  shape: readonly number[],
  dim: number,
  start: number,
  end: number,
  step: number,
): Tensor {
  const out = embed(g, shape, (z) => {
    const s = z._strides.slice(),
      sh = z.shape.slice();
    sh[dim] = Math.max(0, Math.ceil((end - start) / step));
    s[dim] = z._strides[dim]! * step;
    return z._view(sh, s, start * z._strides[dim]!);
  });
  return record("sliceBackward", out, [g], { dim, start, end, step });
}

export function selectBackward(g: Tensor, shape: readonly number[], dim: number, index: number): Tensor {
  const out = embed(g, shape, (z) => {
    const s = z._strides.slice(),
      sh = z.shape.slice();
    sh.splice(dim, 1);
    s.splice(dim, 1);
    return z._view(sh, s, index * z._strides[dim]!);
  });
  return record("selectBackward", out, [g], { dim, index });
}
