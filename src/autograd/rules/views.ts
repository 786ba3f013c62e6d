// Gradient rules of the views (src/ops/views.ts): each maps the grad back to
// the input's geometry.

import type { Tensor } from "../../tensor.js";
import { engineRules, register, type ViewOp } from "../registry.js";
import { reshape, squeeze, unsqueeze, transpose, t, permute } from "../../ops/views.js";
import { sumToShape } from "../gradOps.js";
import { sliceBackward, selectBackward } from "../../ops/viewGrads.js";
import { asStrided, asStridedBackward, filledStrided } from "../../ops/asStrided.js";
import { copy_, zero_ } from "../../ops/inplace.js";
import { clone } from "../../ops/unary.js";
import type { Geometry } from "../viewTracking.js";

interface Shaped {
  shape: readonly number[];
}

export const viewRules = register<ViewOp>({
  view: { name: "ViewBackward0", grads: [(g, s: Shaped) => reshape(g, s.shape)] },
  reshapeAlias: { name: "ReshapeAliasBackward0", grads: [(g, s: Shaped) => reshape(g, s.shape)] },
  unsafeView: { name: "UnsafeViewBackward0", grads: [(g, s: Shaped) => reshape(g, s.shape)] },
  unsqueeze: { name: "UnsqueezeBackward0", grads: [(g, s: { dim: number }) => squeeze(g, s.dim)] },
  // unsqueeze_to: put back every size-1 dim squeeze removed.
  squeeze: { name: "SqueezeBackward0", grads: [(g, s: Shaped) => unsqueezeTo(g, s.shape)] },
  squeezeDim: {
    name: "SqueezeBackward1",
    grads: [(g, s: Shaped & { dim: number }) => (s.shape.length > 0 && s.shape[s.dim] === 1 ? unsqueeze(g, s.dim) : g)],
  },
  transpose: {
    name: "TransposeBackward0",
    grads: [(g, s: { dim0: number; dim1: number }) => transpose(g, s.dim0, s.dim1)],
  },
  t: { name: "TBackward0", grads: [(g) => t(g)] },
  permute: {
    name: "PermuteBackward0",
    grads: [
      (g, s: { dims: readonly number[] }) => {
        const inverse = new Array<number>(s.dims.length);
        s.dims.forEach((d, i) => (inverse[d] = i));
        return permute(g, inverse);
      },
    ],
  },
  expand: { name: "ExpandBackward0", grads: [(g, s: Shaped) => sumToShape(g, s.shape)] },
  slice: {
    name: "SliceBackward0",
    grads: [
      (g, s: Shaped & { dim: number; start: number; end: number; step: number }) =>
        sliceBackward(g, s.shape, s.dim, s.start, s.end, s.step),
    ],
  },
  select: {
    name: "SelectBackward0",
    grads: [(g, s: Shaped & { dim: number; index: number }) => selectBackward(g, s.shape, s.dim, s.index)],
  },
  // The backward of a slice/select is itself differentiable: its grad is the same slice/select of the grad.
  sliceBackward: {
    name: "SliceBackwardBackward0",
    grads: [(g, s: { dim: number; start: number; end: number; step: number }) => sliceOf(g, s)],
  },
  selectBackward: {
    name: "SelectBackwardBackward0",
    grads: [(g, s: { dim: number; index: number }) => g.select(s.dim, s.index)],
  },
  // The grad_fn a view gets when its base was modified in place (src/autograd/viewTracking.ts).
  asStrided: {
    name: "AsStridedBackward0",
    grads: [(g, s: { input: Geometry; output: Geometry }) => asStridedBackward(g, s.input, s.output)],
  },
});

function unsqueezeTo(g: Tensor, shape: readonly number[]): Tensor {
  let out = g;
  shape.forEach((size, d) => {
    if (size === 1) out = unsqueeze(out, d);
  });
  return out;
}

function sliceOf(g: Tensor, s: { dim: number; start: number; end: number; step: number }): Tensor {
  return g.slice(s.dim, s.start, s.end, s.step);
}

/**
 * CopySlices' backward: the base's grad with the view's region replaced by
 * what the in-place op's node `fn` makes of that region's grad, then fn's
 * grads for its other inputs.
 */
engineRules.copySlices = (g, base, view, fn, inputs, createGraph) => {
  const out = new Array<Tensor | null>(inputs).fill(null);
  const result = filledStrided(base.shape, base.strides, 0, g.dtype);
  copy_(result, g);
  const slice = asStrided(result, view.shape, view.strides, view.offset - base.offset);
  const res = fn._apply([clone(slice)], createGraph);
  const r0 = res[0] ?? null;
  if (r0 !== null) copy_(slice, r0);
  else zero_(slice);
  out[0] = result;
  for (let i = 1; i < inputs; i++) out[i] = res[i] ?? null;
  return out;
};
