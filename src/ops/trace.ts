// torch.trace: the sum of a matrix's main diagonal (TraceBackward0).

import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { scalarTypeName } from "../dtype.js";
import { record } from "../autograd/function.js";
import { noGrad } from "../autograd/gradMode.js";
import { scoped } from "../memory.js";
import { checkTensor } from "./launch.js";
import { sum } from "./reduce.js";
import { diagonal } from "./rearrange.js";

/**
 * torch.trace: the sum of the main diagonal of a 2-D tensor, as a 0-d
 * tensor (integer inputs give int64, as sum does; bool, float16 and
 * bfloat16 are refused, as on PyTorch's CPU). Differentiable (TraceBackward0).
 */
export function trace(input: Tensor): Tensor {
  checkTensor(input, "trace", "input");
  if (input.ndim !== 2) throw new RangeError(`trace: expected a matrix, but got tensor with dim ${input.ndim}`);
  const dt = input.dtype;
  if (dt === "bool" || dt === "float16" || dt === "bfloat16")
    throw new TypeError(`"trace" not implemented for '${scalarTypeName[dt]}'`);
  const out = noGrad(() => scoped(() => sum(diagonal(input))));
  return record("trace", out, [input], { shape: input.shape });
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.trace: see torch.trace. */
    trace(): Tensor;
  }
}

addMethods({
  trace(this: Tensor) {
    return trace(this);
  },
});
