// Gradient rules of the linalg ops (src/ops/linalg.ts), after PyTorch's
// derivatives.yaml and FunctionsManual.cpp (mm_mat1_backward,
// mm_mat2_backward). Transposes are views: the gemm kernels read them through
// their strides, so no rule copies an operand.

import type { Tensor } from "../../tensor.js";
import { register, type LinalgOp } from "../registry.js";
import { mm, bmm, mv, outer } from "../../ops/linalg.js";
import { mul } from "../../ops/binary.js";
import { reshape, t, transpose, unsqueeze } from "../../ops/views.js";

interface MmSaved {
  self: Tensor;
  mat2: Tensor;
}
interface Shaped {
  shape: readonly number[];
}

/** Whether a 2-D tensor is column-major (a transposed contiguous matrix), as PyTorch tests it. */
const columnMajor = (x: Tensor): boolean => x._strides[0] === 1 && x._strides[1] === x.shape[0];

/** mm_mat1_backward: grad · mat2^T; for a column-major self, (mat2 · grad^T)^T, so the grad comes out column-major too. */
export function mmSelfGrad(g: Tensor, s: MmSaved): Tensor {
  if (columnMajor(s.self)) return t(mm(s.mat2, t(g)));
  return mm(g, t(s.mat2));
}

/** mm_mat2_backward: self^T · grad; for a column-major mat2 (such as weight.t()), (grad^T · self)^T. */
export function mmMat2Grad(g: Tensor, s: MmSaved): Tensor {
  if (columnMajor(s.mat2)) return t(mm(t(g), s.self));
  return mm(t(s.self), g);
}

export const linalgRules = register<LinalgOp>({
  mm: { name: "MmBackward0", save: { self: 0, mat2: 1 }, grads: [mmSelfGrad, mmMat2Grad] },
  bmm: {
    name: "BmmBackward0",
    save: { self: 0, mat2: 1 },
    grads: [(g, s: MmSaved) => bmm(g, transpose(s.mat2, 1, 2)), (g, s: MmSaved) => bmm(transpose(s.self, 1, 2), g)],
  },
  mv: {
    name: "MvBackward0",
    save: { self: 0, vec: 1 },
    grads: [(g, s: { vec: Tensor }) => outer(g, s.vec), (g, s: { self: Tensor }) => mv(t(s.self), g)],
  },
  dot: {
    name: "DotBackward0",
    save: { self: 0, tensor: 1 },
    grads: [(g, s: { tensor: Tensor }) => mul(g, s.tensor), (g, s: { self: Tensor }) => mul(g, s.self)],
  },
  // squeeze_(dim) of a fresh matmul result; its grad gets the dim back (unsqueeze_to).
  squeezeInPlace: {
    name: "SqueezeBackward3",
    grads: [(g, s: Shaped & { dim: number }) => (s.shape[s.dim] === 1 ? unsqueeze(g, s.dim) : reshape(g, s.shape))],
  },
});
