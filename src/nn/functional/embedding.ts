// embedding: rows of a weight matrix picked by int64 (or int32) indices, one node
// (EmbeddingBackward0) whose backward adds the incoming rows into zeros
// (index_add, itself recorded, so double backward works). Gradient rows of
// `paddingIdx` are dropped, as PyTorch's embedding_dense_backward does.

import type { Tensor } from "../../tensor.js";
import { scalarTypeName } from "../../dtype.js";
import { scoped } from "../../memory.js";
import { record } from "../../autograd/function.js";
import { noGrad } from "../../autograd/gradMode.js";
import { isIndexTensor } from "../../ops/indexArg.js";
import { ne, where } from "../../ops/compare.js";
import { indexSelect, indexAddToZeros } from "../../ops/indexing.js";
import { reshape, unsqueeze, view } from "../../ops/views.js";
import { checkArgs } from "./common.js";

/**
 * The keyword argument of F.embedding: `{ paddingIdx }` (PyTorch's padding_idx;
 * max_norm, scale_grad_by_freq and sparse are not supported).
 */
export interface EmbeddingOptions {
  /** Entries at this index get no gradient (negative counts from the end). */
  paddingIdx?: number | null;
}

/** What EmbeddingBackward0 keeps. */
export interface EmbeddingSaved {
  indices: Tensor;
  numWeights: number;
  paddingIdx: number | null;
}

/** weight[input]: `input` int64 (or int32) of any shape, `weight` [numEmbeddings, dim] -> [...input.shape, dim]. */
export function embedding(input: Tensor, weight: Tensor, opts: EmbeddingOptions = {}): Tensor {
  checkArgs("embedding", { input, weight }, opts, ["paddingIdx"]);
  if (weight.ndim !== 2) throw new RangeError("'weight' must be 2-D");
  if (!isIndexTensor(input)) {
    throw new TypeError(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${scalarTypeName[input.dtype]}Tensor instead (while checking arguments for embedding)`,
    );
  }
  const numWeights = weight.shape[0]!;
  let paddingIdx = opts.paddingIdx ?? null;
  if (paddingIdx !== null && !(typeof paddingIdx === "number" && Number.isInteger(paddingIdx))) {
    throw new TypeError(
      `embedding(): paddingIdx must be an integer or null, but got ${typeof paddingIdx === "number" ? paddingIdx : typeof paddingIdx}`,
    );
  }
  if (paddingIdx !== null) {
    if (paddingIdx > 0 && paddingIdx >= numWeights) throw new RangeError("Padding_idx must be within num_embeddings");
    if (paddingIdx < 0) {
      if (paddingIdx < -numWeights) throw new RangeError("Padding_idx must be within num_embeddings");
      paddingIdx += numWeights;
    }
  }
  return scoped(() => {
    const rows = noGrad(() => {
      const flat = reshape(input, [-1]);
      return indexSelect(weight, 0, flat);
    });
    const out = noGrad(() => view(rows, [...input.shape, weight.shape[1]!]));
    return record("embedding", out, [weight], { indices: input, numWeights, paddingIdx } satisfies EmbeddingSaved);
  });
}

/** embedding_dense_backward: the grad rows added into zeros at their indices, padding rows skipped. */
export function embeddingGrad(g: Tensor, s: EmbeddingSaved): Tensor {
  const d = g.shape[g.shape.length - 1]!;
  const idx = reshape(s.indices, [-1]);
  let rows = reshape(g, [-1, d]);
  if (s.paddingIdx !== null) rows = where(unsqueeze(ne(idx, s.paddingIdx), 1), rows, 0);
  return indexAddToZeros([s.numWeights, d], 0, idx, rows);
}
