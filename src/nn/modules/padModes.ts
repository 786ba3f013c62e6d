// The non-zero padding modes of the convolution modules (reflect, replicate,
// circular), written with differentiable slices and cat so the grads flow
// back to the input. F.pad, when it lands, is the public form of the same
// thing; these stay private to the modules.

import type { Tensor } from "../../tensor.js";
import { scoped } from "../../memory.js";
import { cat } from "../../ops/movement.js";
import { expand, narrow } from "../../ops/views.js";

/** padding_mode of the convolution modules. */
export type PaddingMode = "zeros" | "reflect" | "replicate" | "circular";

/** x padded by `before` / `after` elements along dim `d` in `mode`. */
function padDim(x: Tensor, d: number, before: number, after: number, mode: PaddingMode): Tensor {
  if (before === 0 && after === 0) return x;
  const n = x.shape[d]!;
  const parts: Tensor[] = [];
  const edge = (start: number, len: number): Tensor => narrow(x, d, start, len);
  const repeat = (t: Tensor, len: number): Tensor => {
    const shape = t.shape.slice();
    shape[d] = len;
    return expand(t, shape);
  };
  if (mode === "circular") {
    if (before > n || after > n) throw new RangeError("Padding value causes wrapping around more than once.");
    if (before > 0) parts.push(edge(n - before, before));
    parts.push(x);
    if (after > 0) parts.push(edge(0, after));
  } else if (mode === "replicate") {
    if (before > 0) parts.push(repeat(edge(0, 1), before));
    parts.push(x);
    if (after > 0) parts.push(repeat(edge(n - 1, 1), after));
  } else {
    if (before >= n || after >= n) {
      throw new RangeError(
        `Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${d} of input ${x.ndim}`,
      );
    }
    for (let i = before; i >= 1; i--) parts.push(edge(i, 1));
    parts.push(x);
    for (let i = 1; i <= after; i++) parts.push(edge(n - 1 - i, 1));
  }
  return cat(parts, d);
}

/**
 * f(input padded by `amounts` in `mode`): amounts in F.pad's order (the last
 * dim's before and after first). Temporaries are freed; f's result is kept.
 */
export function padFor(input: Tensor, amounts: readonly number[], mode: PaddingMode, f: (x: Tensor) => Tensor): Tensor {
  return scoped(() => {
    let x = input;
    for (let i = 0; i < amounts.length / 2; i++) {
      x = padDim(x, input.ndim - 1 - i, amounts[2 * i]!, amounts[2 * i + 1]!, mode);
    }
    return f(x);
  });
}
