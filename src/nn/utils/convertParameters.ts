// torch.nn.utils.parameters_to_vector and vector_to_parameters.

import { Tensor } from "../../tensor.js";
import { noGrad } from "../../autograd/gradMode.js";
import { cat } from "../../ops/movement.js";
import { kindOf } from "../../args.js";

/** The tensors of an iterable, each checked (a disposed one throws before anything is made). */
function tensorList(parameters: Iterable<Tensor>, fn: string): Tensor[] {
  if (
    parameters === null ||
    typeof parameters !== "object" ||
    typeof (parameters as Iterable<Tensor>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(`${fn}(): parameters must be an iterable of Tensors, but got ${kindOf(parameters)}`);
  }
  const list = Array.from(parameters);
  for (const p of list) {
    if (!(p instanceof Tensor)) throw new TypeError(`${fn}(): parameters must be Tensors, but got ${kindOf(p)}`);
    p._check();
  }
  return list;
}

/** The parameters flattened and concatenated into one new vector (differentiable, as in PyTorch). */
export function parametersToVector(parameters: Iterable<Tensor>): Tensor {
  const list = tensorList(parameters, "parametersToVector");
  const flat = list.map((p) => p.reshape(-1));
  try {
    return cat(flat);
  } finally {
    flat.forEach((f, i) => f !== list[i] && f.dispose());
  }
}

/**
 * Copies consecutive slices of `vec` into the parameters, in order. (PyTorch
 * rebinds each parameter's `.data` to a view of `vec`; torchlet copies the
 * values, so the parameters keep their own storage and `vec` stays free to dispose.)
 */
export function vectorToParameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  if (!(vec instanceof Tensor))
    throw new TypeError(`expected torch.Tensor, but got: ${Array.isArray(vec) ? "list" : kindOf(vec)}`);
  vec._check();
  const list = tensorList(parameters, "vectorToParameters");
  const total = list.reduce((n, p) => n + p.numel(), 0);
  if (vec.dim() !== 1 || vec.numel() < total) {
    throw new RangeError(
      `vectorToParameters(): vec must be a vector of at least ${total} elements (the parameters' total), but has shape [${vec.shape.join(", ")}]`,
    );
  }
  noGrad(() => {
    let pointer = 0;
    for (const p of list) {
      const n = p.numel();
      const part = vec.narrow(0, pointer, n);
      const view = part.view(p.shape as number[]);
      p.copy_(view);
      view.dispose();
      part.dispose();
      pointer += n;
    }
  });
}
