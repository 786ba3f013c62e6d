// torch.linalg.multi_dot and torch.chain_matmul: a chain of matrix
// products, multiplied in the cheapest order (PyTorch's: for three
// matrices the cheaper of (AB)C and A(BC), ties to (AB)C; for more, the
// textbook matrix-chain order, ties to the first split), as mm calls.

import { Tensor } from "../tensor.js";
import { scoped } from "../memory.js";
import { typeMetaName } from "../dtype.js";
import { checkTensor } from "./launch.js";
import { mm } from "./linalg.js";
import { clone } from "./unary.js";
import { unsqueeze, view } from "./views.js";

const shapeText = (t: Tensor): string => `[${t.shape.join(", ")}]`;

/** Checks the chain as PyTorch's multi_dot does, in its order and words. */
function checkChain(tensors: readonly Tensor[]): void {
  const n = tensors.length;
  if (n < 2) throw new RangeError(`multi_dot(): expected at least 2 tensors but got ${n}`);
  const first = tensors[0]!,
    last = tensors[n - 1]!;
  if (first.ndim !== 1 && first.ndim !== 2)
    throw new RangeError(`multi_dot(): the first tensor must be 1D or 2D but got ${first.ndim}D`);
  if (last.ndim !== 1 && last.ndim !== 2)
    throw new RangeError(`multi_dot(): the last tensor must be 1D or 2D but got ${last.ndim}D`);
  for (let i = 1; i < n - 1; i++)
    if (tensors[i]!.ndim !== 2)
      throw new RangeError(`multi_dot(): tensor ${i} must be 2D but got ${tensors[i]!.ndim}D`);
  for (let i = 1; i < n; i++)
    if (tensors[i]!.dtype !== first.dtype)
      throw new TypeError(
        `multi_dot(): all tensors must have be the same dtype but tensor 0 is ${typeMetaName[first.dtype]} and tensor ${i} ${typeMetaName[tensors[i]!.dtype]}`,
      );
  for (let i = 1; i < n; i++) {
    const a = tensors[i - 1]!,
      b = tensors[i]!;
    if (a.shape[a.ndim - 1] !== b.shape[0])
      throw new RangeError(
        `multi_dot(): tensors ${i - 1} and ${i} with shapes ${shapeText(a)} and ${shapeText(b)} cannot be multiplied`,
      );
  }
}

/** s[i][j]: where the cheapest product of matrices i..j splits (matrix i is dims[i] x dims[i + 1]). */
function chainOrder(dims: readonly number[]): number[][] {
  const n = dims.length - 1;
  const cost = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const split = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let len = 1; len < n; len++) {
    for (let i = 0; i + len < n; i++) {
      const j = i + len;
      cost[i]![j] = Infinity;
      for (let k = i; k < j; k++) {
        const q = cost[i]![k]! + cost[k + 1]![j]! + dims[i]! * dims[k + 1]! * dims[j + 1]!;
        if (q < cost[i]![j]!) {
          cost[i]![j] = q;
          split[i]![j] = k;
        }
      }
    }
  }
  return split;
}

function multiplyChain(ms: readonly Tensor[], split: number[][], i: number, j: number): Tensor {
  if (i === j) return ms[i]!;
  const k = split[i]![j]!;
  return mm(multiplyChain(ms, split, i, k), multiplyChain(ms, split, k + 1, j));
}

/**
 * torch.linalg.multi_dot: the product of two or more matrices in the
 * cheapest order; the first may be a row vector and the last a column
 * vector (1-D), which the result then lacks. Differentiable (MmBackward0
 * nodes under a ViewBackward0, as PyTorch).
 */
export function multiDot(tensors: readonly Tensor[]): Tensor {
  if (!Array.isArray(tensors))
    throw new TypeError(`linalg_multi_dot(): argument 'tensors' must be an array of tensors`);
  tensors.forEach((t, i) => checkTensor(t, "multi_dot", `tensors[${i}]`));
  checkChain(tensors);
  const n = tensors.length;
  const first = tensors[0]!,
    last = tensors[n - 1]!;
  const outShape = [...(first.ndim === 2 ? [first.shape[0]!] : []), ...(last.ndim === 2 ? [last.shape[1]!] : [])];
  return scoped(() => {
    const ms = tensors.slice();
    if (first.ndim === 1) ms[0] = unsqueeze(first, 0);
    if (last.ndim === 1) ms[n - 1] = unsqueeze(last, -1);
    let product: Tensor;
    if (n === 2) product = mm(ms[0]!, ms[1]!);
    else if (n === 3) {
      const [a, b] = ms[0]!.shape as [number, number];
      const [c, d] = ms[2]!.shape as [number, number];
      const abThenC = a * c * (b + d),
        bcFirst = b * d * (a + c);
      product = abThenC > bcFirst ? mm(ms[0]!, mm(ms[1]!, ms[2]!)) : mm(mm(ms[0]!, ms[1]!), ms[2]!);
    } else {
      const dims = [ms[0]!.shape[0]!, ...ms.map((m) => m.shape[1]!)];
      product = multiplyChain(ms, chainOrder(dims), 0, n - 1);
    }
    return view(product, outShape);
  });
}

/**
 * torch.chain_matmul (deprecated in PyTorch for linalg.multi_dot): the
 * product of one or more 2-D matrices in the cheapest order; a single
 * matrix comes back as a copy (CloneBackward0).
 */
export function chainMatmul(...matrices: Tensor[]): Tensor {
  matrices.forEach((t, i) => checkTensor(t, "chain_matmul", `matrices[${i}]`));
  if (matrices.length === 0) throw new RangeError("chain_matmul(): Expected one or more matrices");
  for (const m of matrices)
    if (m.ndim !== 2) throw new RangeError(`Tensor dimension is ${m.ndim}, expected 2 instead.`);
  if (matrices.length === 1) return clone(matrices[0]!);
  return multiDot(matrices);
}
