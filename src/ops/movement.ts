// Joining and splitting: cat, stack (copies into views of one output) and
// split, chunk, unbind (views of the input, one multi-output node).

import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { kernelSuffix, promoteTypes, type DType } from "../dtype.js";
import { normDim, numelOf, sameShape, showShape } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { makeView } from "../autograd/viewTracking.js";
import { checkTensor, launch } from "./launch.js";
import { filled } from "./creation.js";
import { checkOptionsObject } from "../args.js";

/** A dim given positionally or as PyTorch's keyword ({ dim }). */
export type DimArg = number | { dim?: number };

function dimOf(v: DimArg | undefined, fallback: number, fn: string): number {
  if (v === undefined) return fallback;
  if (typeof v === "object" && v !== null) return checkOptionsObject<{ dim: number }>(v, fn, ["dim"]).dim ?? fallback;
  return v;
}

/** Checks a list of tensors as PyTorch's TensorList arguments. */
function tensorList(tensors: unknown, fn: string): Tensor[] {
  if (!Array.isArray(tensors)) {
    const what = tensors === null ? "null" : tensors instanceof Tensor ? "Tensor" : typeof tensors;
    throw new TypeError(`${fn}(): argument 'tensors' (position 1) must be tuple of Tensors, not ${what}`);
  }
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) {
      const what = t === null ? "NoneType" : typeof t === "number" ? (Number.isInteger(t) ? "int" : "float") : typeof t;
      throw new TypeError(`expected Tensor as element ${i} in argument 0, but got ${what}`);
    }
    t._check();
  });
  return tensors as Tensor[];
}

/** Writes `src` into `target` (a view of an op's output), converting the dtype when they differ. */
function copyInto(target: Tensor, src: Tensor, torchOp: string): void {
  if (src.dtype === target.dtype) launch(abi.kernel("copy", src.dtype, torchOp), target, [src], [0, 0]);
  else launch(abi.kernel(`cast_${kernelSuffix[src.dtype]}`, target.dtype, torchOp), target, [src], []);
}

/** Copies each source into its own view of `out` (made by `region`), freeing the views. */
function fill(sources: readonly Tensor[], region: (i: number) => Tensor | null, torchOp: string): void {
  sources.forEach((src, i) => {
    const target = region(i);
    if (target === null) return;
    try {
      copyInto(target, src, torchOp);
    } finally {
      target.dispose();
    }
  });
}

/** The common dtype of a list (torch.result_type over tensors with dims). */
const commonType = (ts: readonly Tensor[]): DType => ts.map((t) => t.dtype).reduce(promoteTypes);

/**
 * Concatenates along `dim` (CatBackward0). Inputs are promoted to a common
 * dtype. As in PyTorch, 1-D empty tensors (shape [0]) are skipped whatever
 * the other shapes are.
 */
export function cat(tensors: readonly Tensor[], dim: DimArg = 0): Tensor {
  const list = tensorList(tensors, "cat");
  if (list.length === 0) throw new RangeError("torch.cat(): expected a non-empty list of Tensors");
  list.forEach((t, i) => {
    if (t.shape.length === 0) throw new RangeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  const dtype = commonType(list);
  const skipped = (t: Tensor) => t.shape.length === 1 && t.shape[0] === 0;
  const ref = list.find((t) => !skipped(t));
  if (ref === undefined)
    return record("cat", filled([0], 0, dtype), list, { dim: 0, offsets: [], sizes: list.map(() => -1) });
  const d = normDim(dimOf(dim, 0, "cat"), ref.shape.length);
  const offsets: number[] = [];
  const sizes: number[] = [];
  let total = 0;
  list.forEach((t, i) => {
    if (skipped(t)) {
      offsets.push(0);
      sizes.push(-1);
      return;
    }
    if (t.shape.length !== ref.shape.length) {
      throw new RangeError(
        `Tensors must have same number of dimensions: got ${ref.shape.length} and ${t.shape.length}`,
      );
    }
    t.shape.forEach((s, k) => {
      if (k !== d && s !== ref.shape[k]) {
        throw new RangeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${s} for tensor number ${i} in the list.`,
        );
      }
    });
    offsets.push(total);
    sizes.push(t.shape[d]!);
    total += t.shape[d]!;
  });
  const shape = ref.shape.slice();
  shape[d] = total;
  const out = Tensor._empty(shape, dtype);
  try {
    fill(
      list,
      (i) => {
        if (sizes[i]! <= 0) return null;
        const sh = shape.slice();
        sh[d] = sizes[i]!;
        return out._view(sh, out._strides, offsets[i]! * out._strides[d]!);
      },
      "cat",
    );
  } catch (e) {
    out.dispose();
    throw e;
  }
  return record("cat", out, list, { dim: d, offsets, sizes });
}

/** Stacks equal-shaped tensors along a new dim (StackBackward0). */
export function stack(tensors: readonly Tensor[], dim: DimArg = 0): Tensor {
  const list = tensorList(tensors, "stack");
  if (list.length === 0) throw new RangeError("stack expects a non-empty TensorList");
  const first = list[0]!;
  const d = normDim(dimOf(dim, 0, "stack"), first.shape.length + 1);
  list.forEach((t, i) => {
    if (!sameShape(t.shape, first.shape)) {
      throw new RangeError(
        `stack expects each tensor to be equal size, but got ${showShape(first.shape)} at entry 0 and ${showShape(t.shape)} at entry ${i}`,
      );
    }
  });
  const shape = first.shape.slice();
  shape.splice(d, 0, list.length);
  const out = Tensor._empty(shape, commonType(list));
  try {
    if (numelOf(shape) > 0) {
      fill(
        list,
        (i) => {
          const sh = shape.slice(),
            st = out._strides.slice();
          sh.splice(d, 1);
          st.splice(d, 1);
          return out._view(sh, st, i * out._strides[d]!);
        },
        "stack",
      );
    }
  } catch (e) {
    out.dispose();
    throw e;
  }
  return record("stack", out, list, { dim: d });
}

/** Views of consecutive pieces of `dim` with the given sizes. */
function pieces(input: Tensor, d: number, sizes: readonly number[]): Tensor[] {
  const out: Tensor[] = [];
  let start = 0;
  for (const size of sizes) {
    const shape = input.shape.slice();
    shape[d] = size;
    out.push(makeView(input, shape, input._strides, start * input._strides[d]!, true));
    start += size;
  }
  return out;
}

function checkInteger(v: unknown, fn: string, arg: string): number {
  if (typeof v !== "number" || !Number.isInteger(v))
    throw new TypeError(`${fn}(): argument '${arg}' must be int, but got ${String(v)}`);
  return v;
}

/** Pieces of size `splitSize` (the last may be smaller; SplitBackward0). */
function splitBySize(input: Tensor, splitSize: number, dim: number): Tensor[] {
  if (input.shape.length === 0) throw new RangeError("split expects at least a 1-dimensional tensor");
  if (splitSize < 0) throw new RangeError(`split expects split_size be non-negative, but got split_size=${splitSize}`);
  const d = normDim(dim, input.shape.length);
  const size = input.shape[d]!;
  if (splitSize === 0 && size !== 0) {
    throw new RangeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
  }
  const n = splitSize === 0 ? 1 : Math.max(Math.ceil(size / splitSize), 1);
  const sizes = Array.from({ length: n }, (_, i) => (i < n - 1 ? splitSize : splitSize - (splitSize * n - size)));
  return record("split", pieces(input, d, sizes), [input], { dim: d, sizes, shape: input.shape });
}

/** Pieces of the given sizes, which must add up to the dim's size (SplitWithSizesBackward0). */
function splitWithSizes(input: Tensor, sizes: readonly number[], dim: number): Tensor[] {
  if (input.shape.length === 0) throw new RangeError("split expects at least a 1-dimensional tensor");
  const d = normDim(dim, input.shape.length);
  const size = input.shape[d]!;
  const list = sizes.map((s) => checkInteger(s, "split_with_sizes", "split_sizes"));
  if (list.some((s) => s < 0)) {
    throw new RangeError(
      `split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${showShape(list)}`,
    );
  }
  if (list.reduce((a, b) => a + b, 0) !== size) {
    throw new RangeError(
      `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${showShape(list)}`,
    );
  }
  return record("splitWithSizes", pieces(input, d, list), [input], { dim: d, sizes: list, shape: input.shape });
}

/**
 * torch.split: pieces of `splitSizeOrSections` elements along `dim`, or of
 * the listed sizes. The pieces are views of the input.
 */
export function split(input: Tensor, splitSizeOrSections: number | readonly number[], dim: DimArg = 0): Tensor[] {
  checkTensor(input, "split", "tensor");
  if (Array.isArray(splitSizeOrSections)) return splitWithSizes(input, splitSizeOrSections, dimOf(dim, 0, "split"));
  return splitBySize(input, checkInteger(splitSizeOrSections, "split", "split_size"), dimOf(dim, 0, "split"));
}

/** `chunks` views of (nearly) equal size along `dim`; fewer when the size does not allow more. */
export function chunk(input: Tensor, chunks: number, dim: DimArg = 0): Tensor[] {
  checkTensor(input, "chunk", "input");
  checkInteger(chunks, "chunk", "chunks");
  if (input.shape.length === 0) throw new RangeError("chunk expects at least a 1-dimensional tensor");
  if (chunks <= 0) throw new RangeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normDim(dimOf(dim, 0, "chunk"), input.shape.length);
  const size = input.shape[d]!;
  const splitSize = Math.ceil(size / chunks);
  // An empty dim still gives `chunks` pieces, by split_with_sizes (so SplitWithSizesBackward0), as in PyTorch.
  if (splitSize === 0 && size === 0) return splitWithSizes(input, new Array<number>(chunks).fill(0), d);
  return splitBySize(input, splitSize, d);
}

/** The slices along `dim`, with the dim removed (UnbindBackward0). */
export function unbind(input: Tensor, dim: DimArg = 0): Tensor[] {
  checkTensor(input, "unbind", "input");
  const dd = dimOf(dim, 0, "unbind");
  if (input.shape.length === 0) throw new RangeError(`Dimension specified as ${dd} but tensor has no dimensions`);
  const d = normDim(dd, input.shape.length);
  const shape = input.shape.slice(),
    strides = input._strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  const outs = Array.from({ length: input.shape[d]! }, (_, i) =>
    makeView(input, shape, strides, i * input._strides[d]!, true),
  );
  return record("unbind", outs, [input], { dim: d, shape: input.shape });
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * Tensor.split: views of self in chunks of `splitSizeOrSections` (one size,
     * or a list of sizes) along `dim` (default 0); `{ dim }` works too.
     */
    split(splitSizeOrSections: number | readonly number[], dim?: DimArg): Tensor[];
    /**
     * Tensor.chunk: self split into at most `chunks` views of equal size (the
     * last smaller) along `dim` (default 0).
     */
    chunk(chunks: number, dim?: DimArg): Tensor[];
    /** Tensor.unbind: the slices of self along `dim` (default 0), each without that dim. */
    unbind(dim?: DimArg): Tensor[];
  }
}

addMethods({
  split(this: Tensor, s: number | readonly number[], dim?: DimArg) {
    return split(this, s, dim);
  },
  chunk(this: Tensor, chunks: number, dim?: DimArg) {
    return chunk(this, chunks, dim);
  },
  unbind(this: Tensor, dim?: DimArg) {
    return unbind(this, dim);
  },
});
