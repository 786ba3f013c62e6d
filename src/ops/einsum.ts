// torch.einsum, lowered to differentiable ops the way PyTorch 1.13 lowers it
// (aten einsum + sumproduct_pair): every operand is aligned to one layout
// (output dims, then summed dims) with diagonal / unsqueeze / permute, then
// the operands are contracted pairwise from the left, each pair as a bmm
// over permuted, flattened operands (or a mul when nothing is summed).
// Without opt_einsum (Debian's 1.13 has none) PyTorch finds no path, so
// neither do we: the graph, and the order of the sums, are PyTorch's.

import { Tensor } from "../tensor.js";
import { scoped } from "../memory.js";
import { checkTensor } from "./launch.js";
import { mul } from "./binary.js";
import { sum } from "./reduce.js";
import { bmm } from "./linalg.js";
import { permute, reshape, unsqueeze, view } from "./views.js";
import { diagonal, movedim } from "./rearrange.js";

const LETTERS = 26;
/** Labels are 0-51 (A-Z, then a-z); the ellipsis is 52. */
const ELLIPSIS = 2 * LETTERS;

const isLetter = (ch: string): boolean => (ch >= "A" && ch <= "Z") || (ch >= "a" && ch <= "z");
const labelOf = (ch: string): number => (ch <= "Z" ? ch.charCodeAt(0) - 65 : ch.charCodeAt(0) - 97 + LETTERS);
const letterOf = (s: number): string => String.fromCharCode(s < LETTERS ? s + 65 : s - LETTERS + 97);

/** A subscript of the sublist form: 0-51 or "..." (Python's Ellipsis). */
export type Sublist = readonly (number | "...")[];

/** The equation of the sublist form `einsum(op0, sub0, op1, sub1, ..., [out])`. */
function sublistEquation(args: readonly unknown[]): { equation: string; operands: unknown[] } {
  const letters = (list: unknown): string => {
    if (!Array.isArray(list)) throw new TypeError("einsum(): a subscripts list must be an array of ints");
    return list
      .map((n: unknown) => {
        if (n === "...") return "...";
        if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n >= 2 * LETTERS)
          throw new RangeError("einsum(): subscript in subscript list is not within the valid range [0, 52)");
        return letterOf(n);
      })
      .join("");
  };
  const operands: unknown[] = [];
  const subs: string[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    operands.push(args[i]);
    subs.push(letters(args[i + 1]));
  }
  let equation = subs.join(",");
  if (args.length % 2 === 1) equation += "->" + letters(args[args.length - 1]);
  return { equation, operands };
}

/** The labels of each operand (ELLIPSIS for "..."), as PyTorch parses the left-hand side. */
function parseInputs(lhs: string, numOps: number): number[][] {
  const labels: number[][] = Array.from({ length: numOps }, () => []);
  let cur = 0;
  let ellipsis = false;
  for (let i = 0; i < lhs.length; i++) {
    const ch = lhs[i]!;
    if (ch === " ") continue;
    if (ch === ".") {
      if (ellipsis) throw new Error(`einsum(): found '.' for operand ${cur} for which an ellipsis was already found`);
      if (!(i + 2 < lhs.length && lhs[++i] === "." && lhs[++i] === "."))
        throw new Error(`einsum(): found '.' for operand ${cur} that is not part of any ellipsis`);
      labels[cur]!.push(ELLIPSIS);
      ellipsis = true;
    } else if (ch === ",") {
      if (++cur >= numOps) throw new Error("einsum(): fewer operands were provided than specified in the equation");
      ellipsis = false;
    } else {
      if (!isLetter(ch))
        throw new Error(
          `einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`,
        );
      labels[cur]!.push(labelOf(ch));
    }
  }
  if (cur !== numOps - 1) throw new Error("einsum(): more operands were provided than specified in the equation");
  return labels;
}

/** Where each label goes in the common layout: output dims first, then the dims summed out. */
interface Layout {
  /** Position of each label in the layout (-1: unused). */
  perm: number[];
  /** First position of the ellipsis dims. */
  ellIndex: number;
  ellNumDim: number;
  /** Dims of the output (the first outNumDim of the layout). */
  outNumDim: number;
  /** All dims of the layout. */
  total: number;
}

function layoutOf(equation: string, arrow: number, lhsLength: number, opLabels: number[][], ops: Tensor[]): Layout {
  const count = new Array<number>(ELLIPSIS).fill(0);
  let ellNumDim = 0;
  opLabels.forEach((labels, i) => {
    const ndim = ops[i]!.ndim;
    let n = labels.length;
    const hasEllipsis = labels.includes(ELLIPSIS);
    if (hasEllipsis) n--;
    for (const l of labels) if (l !== ELLIPSIS) count[l]!++;
    if (hasEllipsis) ellNumDim = Math.max(ellNumDim, ndim - n);
    if (hasEllipsis ? n > ndim : n !== ndim)
      throw new RangeError(
        `einsum(): the number of subscripts in the equation (${n}) ` +
          (hasEllipsis ? "is more than" : "does not match") +
          ` the number of dimensions (${ndim}) for operand ${i}` +
          (hasEllipsis ? "" : " and no ellipsis was given"),
      );
  });
  const perm = new Array<number>(ELLIPSIS).fill(-1);
  let index = 0;
  let ellIndex = 0;
  let ellInOutput = false;
  if (arrow === -1) {
    // Implicit output: the ellipsis dims, then the labels used once, in label order (A-Z before a-z).
    index = ellNumDim;
    ellInOutput = true;
    for (let l = 0; l < ELLIPSIS; l++) if (count[l] === 1) perm[l] = index++;
  } else {
    const rhs = equation.slice(arrow + 2);
    for (let i = 0; i < rhs.length; i++) {
      const ch = rhs[i]!;
      if (ch === " ") continue;
      if (ch === ".") {
        if (ellInOutput) throw new Error("einsum(): found '.' for output but an ellipsis (...) was already found");
        if (!(i + 2 < rhs.length && rhs[++i] === "." && rhs[++i] === "."))
          throw new Error("einsum(): found '.' for output that is not part of any ellipsis (...)");
        ellIndex = index;
        index += ellNumDim;
        ellInOutput = true;
        continue;
      }
      if (!isLetter(ch))
        throw new Error(
          `einsum(): invalid subscript given at index ${lhsLength + 2 + i} in the equation string, subscripts must be in [a-zA-Z]`,
        );
      const l = labelOf(ch);
      if (count[l] === 0 || perm[l] !== -1)
        throw new Error(
          `einsum(): output subscript ${ch}` +
            (perm[l] !== -1
              ? " appears more than once in the output"
              : " does not appear in the equation for any input operand"),
        );
      perm[l] = index++;
    }
  }
  const outNumDim = index;
  if (!ellInOutput) {
    ellIndex = index;
    index += ellNumDim;
  }
  for (let l = 0; l < ELLIPSIS; l++) if (count[l]! > 0 && perm[l] === -1) perm[l] = index++;
  return { perm, ellIndex, ellNumDim, outNumDim, total: index };
}

/**
 * Each operand as a view in the common layout (diagonals for repeated
 * labels, size-1 dims for missing ones), checking that sizes broadcast;
 * `dimCounts[d]`: how many operands have a size other than 1 at `d`.
 */
function alignOperands(opLabels: number[][], ops: Tensor[], lay: Layout): { aligned: Tensor[]; dimCounts: number[] } {
  const labelSize = new Array<number>(ELLIPSIS).fill(1);
  const ellSizes = new Array<number>(lay.ellNumDim).fill(1);
  const dimCounts = new Array<number>(lay.total).fill(0);
  const aligned = ops.map((operand, i) => {
    let op = operand;
    const labels = opLabels[i]!;
    const permutation = new Array<number>(lay.total).fill(-1);
    let dim = 0;
    for (const s of labels) {
      if (s === ELLIPSIS) {
        const ndim = operand.ndim - (labels.length - 1);
        for (let j = lay.ellNumDim - ndim; j < lay.ellNumDim; j++) {
          const size = op.shape[dim]!;
          if (size !== 1) {
            if (ellSizes[j] !== 1 && ellSizes[j] !== size)
              throw new RangeError(
                `einsum(): dimension ${dim} covered by ellipsis in operand ${i}has size ${size} which does not broadcast with previously seen ellipsis with size ${ellSizes[j]} for the respective dimension`,
              );
            ellSizes[j] = size;
            dimCounts[lay.ellIndex + j]!++;
          }
          permutation[lay.ellIndex + j] = dim++;
        }
      } else if (permutation[lay.perm[s]!] === -1) {
        const size = op.shape[dim]!;
        if (size !== 1) {
          if (labelSize[s] !== 1 && labelSize[s] !== size)
            throw new RangeError(
              `einsum(): subscript ${letterOf(s)} has size ${size} for operand ${i} which does not broadcast with previously seen size ${labelSize[s]}`,
            );
          labelSize[s] = size;
          dimCounts[lay.perm[s]!]!++;
        }
        permutation[lay.perm[s]!] = dim++;
      } else {
        // A repeated label: its diagonal, put where the label's first dim was.
        const prev = permutation[lay.perm[s]!]!;
        if (op.shape[dim] !== op.shape[prev])
          throw new RangeError(
            `einsum(): subscript ${letterOf(s)} is repeated for operand ${i} but the sizes don't match, ${op.shape[dim]} != ${op.shape[prev]}`,
          );
        op = movedim(diagonal(op, { offset: 0, dim1: prev, dim2: dim }), -1, prev);
      }
    }
    for (let p = 0; p < permutation.length; p++) {
      if (permutation[p] === -1) {
        op = unsqueeze(op, dim);
        permutation[p] = dim++;
      }
    }
    return permute(op, permutation);
  });
  return { aligned, dimCounts };
}

/**
 * sum(left * right) over `sumDims`, keeping them as size-1 dims, for two
 * operands of the same rank: a bmm over [shared, left-only, summed] x
 * [shared, summed, right-only] (PyTorch's sumproduct_pair).
 */
function sumproductPair(left: Tensor, right: Tensor, sumDims: readonly number[]): Tensor {
  if (sumDims.length === 0) return mul(left, right);
  const nd = left.ndim;
  const summed = new Array<boolean>(nd).fill(false);
  for (const d of sumDims) summed[d] = true;
  const lro: number[] = [],
    lo: number[] = [],
    ro: number[] = [];
  let lroSize = 1,
    loSize = 1,
    roSize = 1,
    sumSize = 1;
  for (let i = 0; i < nd; i++) {
    const sl = left.shape[i] !== 1,
      sr = right.shape[i] !== 1;
    if (summed[i]) {
      if (sl && sr) sumSize *= left.shape[i]!;
      else if (sl) left = sum(left, { dim: i, keepdim: true });
      else if (sr) right = sum(right, { dim: i, keepdim: true });
    } else if (sl && sr) {
      lro.push(i);
      lroSize *= left.shape[i]!;
    } else if (sl) {
      lo.push(i);
      loSize *= left.shape[i]!;
    } else {
      ro.push(i);
      roSize *= right.shape[i]!;
    }
  }
  const outShape = [
    ...lro.map((d) => left.shape[d]!),
    ...lo.map((d) => left.shape[d]!),
    ...sumDims.map(() => 1),
    ...ro.map((d) => right.shape[d]!),
  ];
  const order = [...lro, ...lo, ...sumDims, ...ro];
  const operm = new Array<number>(order.length);
  order.forEach((d, k) => (operm[d] = k));
  const l = reshape(permute(left, order), [lroSize, loSize, sumSize]);
  const r = reshape(permute(right, [...lro, ...sumDims, ...ro, ...lo]), [lroSize, sumSize, roSize]);
  return permute(view(bmm(l, r), outShape), operm);
}

/** The operands contracted from the left, each pair summing the dims no later operand has. */
function contract(ops: Tensor[], dimCounts: number[], lay: Layout): Tensor {
  const queue = ops.slice();
  while (queue.length > 1) {
    let a = queue.shift()!;
    let b = queue.shift()!;
    const sumDims: number[] = [],
      aSum: number[] = [],
      bSum: number[] = [];
    for (let d = lay.outNumDim; d < lay.total; d++) {
      if (a.shape[d] !== 1 && b.shape[d] !== 1) {
        if (--dimCounts[d]! === 1) {
          sumDims.push(d);
          dimCounts[d] = 0;
        }
      } else if (dimCounts[d] === 1) {
        if (a.shape[d] !== 1) {
          aSum.push(d);
          dimCounts[d] = 0;
        } else if (b.shape[d] !== 1) {
          bSum.push(d);
          dimCounts[d] = 0;
        }
      }
    }
    if (aSum.length > 0) a = sum(a, { dim: aSum, keepdim: true });
    if (bSum.length > 0) b = sum(b, { dim: bSum, keepdim: true });
    queue.unshift(sumproductPair(a, b, sumDims));
  }
  const result = queue[0]!;
  if (lay.total === lay.outNumDim) return result;
  // With several operands every summed dim is size 1 by now: a view drops them.
  if (ops.length > 1) return view(result, result.shape.slice(0, lay.outNumDim));
  return sum(result, { dim: Array.from({ length: lay.total - lay.outNumDim }, (_, k) => lay.outNumDim + k) });
}

/**
 * torch.einsum: the sum of products of the operands' elements over the
 * labels of `equation` ("ij,jk->ik", "bhqd,bhkd->bhqk", "ii->i", "...ij,...jk"):
 * letters a-z and A-Z name dims, a label repeated in one operand takes its
 * diagonal, labels missing from the output (after "->"; without it, the
 * labels used once, in order A-Z then a-z, after the ellipsis dims) are
 * summed, and "..." stands for broadcast dims. The operands may also come
 * as one array, or in the sublist form `einsum(a, [0, 1], b, [1, 2], [0, 2])`
 * ("..." for the ellipsis). Contracted left to right as PyTorch 1.13 does
 * without opt_einsum; differentiable (the graph is PyTorch's).
 */
export function einsum(equation: string, ...operands: (Tensor | readonly Tensor[])[]): Tensor;
export function einsum(operand: Tensor, subscripts: Sublist, ...rest: (Tensor | Sublist)[]): Tensor;
export function einsum(...args: unknown[]): Tensor {
  if (args.length < 2)
    throw new RangeError(
      "einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list",
    );
  let equation: unknown;
  let operands: unknown[];
  if (args[0] instanceof Tensor) ({ equation, operands } = sublistEquation(args));
  else [equation, ...operands] = args;
  if (operands.length === 1 && Array.isArray(operands[0]))
    return einsum(equation as string, ...(operands[0] as Tensor[]));
  if (typeof equation !== "string")
    throw new TypeError(
      `einsum(): argument 'equation' must be str, but got ${equation === null ? "null" : typeof equation}`,
    );
  operands.forEach((t, i) => checkTensor(t, "einsum", `operands[${i}]`));
  const ops = operands as Tensor[];
  const arrow = equation.indexOf("->");
  const lhs = arrow === -1 ? equation : equation.slice(0, arrow);
  const opLabels = parseInputs(lhs, ops.length);
  const lay = layoutOf(equation, arrow, lhs.length, opLabels, ops);
  return scoped(() => {
    const { aligned, dimCounts } = alignOperands(opLabels, ops, lay);
    return contract(aligned, dimCounts, lay);
  });
}
