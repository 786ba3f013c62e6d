// Gradient rules of the contractions that are not compositions (einsum is
// one, src/ops/einsum.ts, and needs no rule of its own): trace.

import { register, type ContractionOp } from "../registry.js";
import { expand } from "../../ops/views.js";
import { diagonalBackward } from "../../ops/rearrange.js";

export const contractionRules = register<ContractionOp>({
  // PyTorch's trace_backward: zeros of the input's shape with the grad on the main diagonal.
  trace: {
    name: "TraceBackward0",
    grads: [
      (g, s: { shape: readonly number[] }) =>
        diagonalBackward(expand(g, [Math.min(s.shape[0]!, s.shape[1]!)]), s.shape, { offset: 0, dim1: 0, dim2: 1 }),
    ],
  },
});
