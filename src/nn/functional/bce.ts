// binary_cross_entropy_with_logits: one fused kernel forward (reduction
// included), one fused kernel backward; under createGraph the backward is
// composed of ops instead, so it can be differentiated again (as PyTorch's
// composite backward is).

import { Tensor } from "../../tensor.js";
import { isFloating, promoteTypes, scalarTypeName } from "../../dtype.js";
import { broadcastShapes, sameShape, showShape } from "../../shape.js";
import * as abi from "../../wasm/abi.js";
import { scoped } from "../../memory.js";
import { record } from "../../autograd/function.js";
import { isGradEnabled } from "../../autograd/gradMode.js";
import { checkTensor, toDType } from "../../ops/launch.js";
import { checkReduction, launchShaped, one, type Operand, type Reduction, checkArgs } from "./common.js";

export type { Reduction };

/** The keyword arguments of F.binary_cross_entropy_with_logits: weight, posWeight (pos_weight), reduction. */
export interface BceWithLogitsOptions {
  /** Rescales each element's loss; broadcast to the input's shape. */
  weight?: Tensor | null;
  /** pos_weight: the weight of positive examples, broadcast along the last dim (one per class). */
  posWeight?: Tensor | null;
  /** "mean" (default), "sum" or "none". */
  reduction?: Reduction;
}

const optionKeys = new Set(["weight", "posWeight", "reduction"]);

/**
 * F.binary_cross_entropy_with_logits: binary cross entropy of sigmoid(input)
 * against `target`, computed stably from the logits. Keywords: `{ weight,
 * posWeight, reduction }` (no size_average/reduce).
 */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, opts: BceWithLogitsOptions = {}): Tensor {
  const fnName = "binary_cross_entropy_with_logits";
  checkArgs("binaryCrossEntropyWithLogits", { input, target }, opts, [...optionKeys]);
  const reduction = checkReduction(opts.reduction);
  if (!sameShape(input.shape, target.shape)) {
    throw new RangeError(
      `Target size (torch.Size(${showShape(target.shape)})) must be the same as input size (torch.Size(${showShape(input.shape)}))`,
    );
  }
  const weight = opts.weight ?? null,
    posWeight = opts.posWeight ?? null;
  for (const [name, t] of [
    ["weight", weight],
    ["pos_weight", posWeight],
  ] as const) {
    if (t === null) continue;
    checkTensor(t, "binaryCrossEntropyWithLogits", name);
    if (t.requiresGrad && isGradEnabled()) {
      throw new Error(
        `The function '${fnName}' is not differentiable with respect to argument '${name}'. This input cannot have requires_grad True.`,
      );
    }
    broadcastShapes(t.shape, input.shape);
  }
  const dtype = promoteTypes(input.dtype, target.dtype);
  if (!isFloating(dtype))
    throw new TypeError(`result type Float can't be cast to the desired output type ${scalarTypeName[dtype]}`);
  const cast = (t: Tensor | null): Operand => (t === null ? one(dtype as "float32" | "float64") : toDType(t, dtype).t);
  return scoped(() => {
    const ops = [cast(input), cast(target), cast(weight), cast(posWeight)];
    const shape = input.shape;
    const n = input.numel();
    let out: Tensor;
    if (reduction === "none") {
      out = Tensor._empty(shape, dtype);
      launchShaped(abi.kernel("bce_with_logits", dtype), out, out._strides, ops, shape, [0]);
    } else {
      out = Tensor._empty([], dtype);
      launchShaped(
        abi.kernel("bce_with_logits", dtype),
        out,
        shape.map(() => 0),
        ops,
        shape,
        [1],
      );
      if (reduction === "mean") {
        const v = abi.view(dtype as "float32" | "float64", out._addr(), 1);
        v[0] = v[0]! / n; // 0/0 gives nan for empty input, as PyTorch
      }
    }
    return record("binaryCrossEntropyWithLogits", out, [input, target], { weight, posWeight, reduction, n });
  });
}

/** The fused backward w.r.t. the input: (sigmoid(x)(pw t + 1 - t) - pw t) w g / (n if mean). */
export function bceWithLogitsBackwardFused(
  g: Tensor,
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  posWeight: Tensor | null,
  reduction: Reduction,
): Tensor {
  const dtype = input.dtype;
  const cast = (t: Tensor | null): Operand => (t === null ? one(dtype as "float32" | "float64") : toDType(t, dtype).t);
  const out = Tensor._empty(input.shape, dtype);
  const scale = reduction === "mean" ? 1 / input.numel() : 1;
  launchShaped(
    abi.kernel("bce_with_logits_backward", dtype),
    out,
    out._strides,
    [cast(g), cast(input), cast(target), cast(weight), cast(posWeight)],
    input.shape,
    [scale],
  );
  return out;
}
