// linear: input · weightᵀ + bias, with the graph PyTorch 1.13 records:
// AddmmBackward0 for a 2-D input with a bias (addmm), and for a contiguous
// 3-D one (viewed to 2-D, addmm, viewed back: ViewBackward0); otherwise
// matmul(input, weight.t()) plus the bias (AddBackward0).

import { Tensor } from "../../tensor.js";
import { scalarTypeName } from "../../dtype.js";
import { broadcastShapes, sameShape } from "../../shape.js";
import { scoped } from "../../memory.js";
import { record } from "../../autograd/function.js";
import { checkTensor, copyInto } from "../../ops/launch.js";
import { add } from "../../ops/binary.js";
import { matmul } from "../../ops/linalg.js";
import { gemmInto } from "../../ops/linalgKernels.js";
import { t, view } from "../../ops/views.js";
import { optionalArgs } from "../../args.js";

/** bias + mat1 · mat2 in one gemm that accumulates into the broadcast bias (AddmmBackward0). */
export function addmm(bias: Tensor, mat1: Tensor, mat2: Tensor): Tensor {
  if (mat1.ndim !== 2) throw new RangeError("mat1 must be a matrix, got " + mat1.ndim + "-D tensor");
  if (mat2.ndim !== 2) throw new RangeError("mat2 must be a matrix, got " + mat2.ndim + "-D tensor");
  const [m, k] = mat1.shape as [number, number];
  const [k2, n] = mat2.shape as [number, number];
  if (k !== k2) throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  for (const other of [mat2, bias]) {
    if (other.dtype !== mat1.dtype) {
      throw new TypeError(
        `expected scalar type ${scalarTypeName[mat1.dtype]} but found ${scalarTypeName[other.dtype]}`,
      );
    }
  }
  const shape = broadcastShapes(bias.shape, [m, n]);
  if (!sameShape(shape, [m, n]))
    throw new RangeError(
      `The expanded size of the tensor (${shape.join(", ")}) must match the output size (${m}, ${n})`,
    );
  const out = Tensor._empty([m, n], mat1.dtype);
  try {
    copyInto(out, bias);
    if (k > 0) gemmInto(mat1, mat2, out, "addmm", true);
  } catch (e) {
    out.dispose();
    throw e;
  }
  return record("addmm", out, [bias, mat1, mat2]);
}

/**
 * Applies y = x·Wᵀ + b: `input` [..., in], `weight` [out, in], `bias` [out]
 * or null/undefined, positional or as `{ bias }`. The graph is PyTorch
 * 1.13's (see the file comment).
 */
export function linear(input: Tensor, weight: Tensor, biasOrOpts?: Tensor | null | { bias?: Tensor | null }): Tensor {
  const bias = optionalArgs([biasOrOpts], "linear", ["bias"]).bias as Tensor | null | undefined;
  checkTensor(input, "linear", "input");
  checkTensor(weight, "linear", "weight");
  if (bias != null) checkTensor(bias, "linear", "bias");
  // PyTorch's CPU build has no float16 addmm (torchlet's matmul would compute it).
  if (input.dtype === "float16" && weight.dtype === "float16")
    throw new TypeError(`"addmm_impl_cpu_" not implemented for 'Half'`);
  return scoped(() => {
    const wt = t(weight);
    if (bias == null) return matmul(input, wt);
    if (input.ndim === 2) return addmm(bias, input, wt);
    if (input.ndim === 3 && input.isContiguous()) {
      const [b, s, k] = input.shape as [number, number, number];
      const flat = view(input, [b * s, k]);
      const y = addmm(bias, flat, wt);
      return view(y, [b, s, y.shape[1]!]);
    }
    return add(matmul(input, wt), bias);
  });
}
