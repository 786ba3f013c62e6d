// Gradient rules of the movement ops (src/ops/movement.ts, src/ops/indexing.ts).
// Each formula is made of recorded torchlet ops, so double backward works:
// cat's grads are narrow()s (SliceBackward0), stack's are select()s, split's
// grad is a cat, unbind's a stack, and indexSelect / gather send the grad
// back through indexAdd / scatterAdd into zeros, whose own grads are
// indexSelect / gather again.

import type { Tensor } from "../../tensor.js";
import { register, NOT_DIFFERENTIABLE, type MovementOp } from "../registry.js";
import { narrow, select } from "../../ops/views.js";
import { cat, stack } from "../../ops/movement.js";
import { indexSelect, gather, indexAddToZeros, scatterAddToZeros } from "../../ops/indexing.js";
import { filled } from "../../ops/creation.js";

interface CatSaved {
  dim: number;
  offsets: readonly number[];
  sizes: readonly number[];
}
interface Pieces {
  dim: number;
  sizes: readonly number[];
  shape: readonly number[];
}
interface Indexed {
  dim: number;
  index: Tensor;
  shape: readonly number[];
}

/** Joins the grads of a multi-output view op, with zeros for outputs that got none (as PyTorch). */
function joinGrads(
  grads: readonly (Tensor | null)[],
  shapeOf: (i: number) => number[],
  join: (parts: Tensor[]) => Tensor,
): Tensor {
  const dtype = grads.find((g) => g !== null)!.dtype;
  return join(grads.map((g, i) => g ?? filled(shapeOf(i), 0, dtype)));
}

const pieceShape =
  (s: Pieces) =>
  (i: number): number[] => {
    const shape = s.shape.slice();
    shape[s.dim] = s.sizes[i]!;
    return shape;
  };

export const movementRules = register<MovementOp>({
  cat: {
    name: "CatBackward0",
    // A skipped 1-D empty input gets an empty grad.
    grads: (g, s: CatSaved, _grads, i) =>
      s.sizes[i]! < 0 ? filled([0], 0, g.dtype) : narrow(g, s.dim, s.offsets[i]!, s.sizes[i]!),
  },
  stack: { name: "StackBackward0", grads: (g, s: { dim: number }, _grads, i) => select(g, s.dim, i) },
  split: {
    name: "SplitBackward0",
    grads: [(_g, s: Pieces, grads) => joinGrads(grads, pieceShape(s), (parts) => cat(parts, s.dim))],
  },
  splitWithSizes: {
    name: "SplitWithSizesBackward0",
    grads: [(_g, s: Pieces, grads) => joinGrads(grads, pieceShape(s), (parts) => cat(parts, s.dim))],
  },
  unbind: {
    name: "UnbindBackward0",
    grads: [
      (_g, s: { dim: number; shape: readonly number[] }, grads) => {
        const shape = s.shape.filter((_, d) => d !== s.dim);
        return joinGrads(
          grads,
          () => shape,
          (parts) => stack(parts, s.dim),
        );
      },
    ],
  },
  indexSelect: {
    name: "IndexSelectBackward0",
    grads: [(g, s: Indexed) => indexAddToZeros(s.shape, s.dim, s.index, g)],
  },
  indexAdd: {
    name: "IndexAddBackward0",
    grads: [NOT_DIFFERENTIABLE, (g, s: { dim: number; index: Tensor }) => indexSelect(g, s.dim, s.index)],
  },
  gather: { name: "GatherBackward0", grads: [(g, s: Indexed) => scatterAddToZeros(s.shape, s.dim, s.index, g)] },
  scatterAdd: {
    name: "ScatterAddBackward0",
    grads: [NOT_DIFFERENTIABLE, (g, s: { dim: number; index: Tensor }) => gather(g, s.dim, s.index)],
  },
});
