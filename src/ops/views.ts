// Views: new geometry over the same storage (no copy). view, reshape (a view
// when strides allow, else a copy), flatten, squeeze, unsqueeze, transpose,
// t, permute, expand, expandAs, narrow, select, slice; and contiguous.

import { Tensor } from "../tensor.js";
import { addMethods, addProperties } from "../methods.js";
import { normDim, numelOf, showShape, isContiguous, contiguousStrides, sameShape } from "../shape.js";
import { legacyTypeName } from "../dtype.js";
import { record } from "../autograd/function.js";
import { makeView } from "../autograd/viewTracking.js";
import { checkTensor } from "./launch.js";
import { unaryForward } from "./unary.js";
import { checkInteger, optionalArgs } from "../args.js";

/** Resolves one -1 in a requested shape, with PyTorch's messages (infer_size). */
function inferShape(requested: readonly number[], numel: number): number[] {
  let infer = -1;
  let known = 1;
  requested.forEach((s, i) => {
    if (s === -1) {
      if (infer >= 0) throw new RangeError("only one dimension can be inferred");
      infer = i;
    } else if (s < 0) throw new RangeError(`invalid shape dimension ${s}`);
    else known *= s;
  });
  const out = requested.slice();
  if (infer >= 0) {
    if (known === 0) {
      // A -1 beside a 0: any value fits an empty tensor (ambiguous), none fits a non-empty one.
      if (numel === 0) {
        throw new RangeError(
          `cannot reshape tensor of 0 elements into shape ${showShape(requested)} because the unspecified dimension size -1 can be any value and is ambiguous`,
        );
      }
      throw new RangeError(`shape '${showShape(requested)}' is invalid for input of size ${numel}`);
    }
    if (numel % known !== 0)
      throw new RangeError(`shape '${showShape(requested)}' is invalid for input of size ${numel}`);
    out[infer] = numel / known;
  } else if (known !== numel)
    throw new RangeError(`shape '${showShape(requested)}' is invalid for input of size ${numel}`);
  return out;
}

/** Reads sizes that may contain -1 (view/reshape/expand). */
function parseShapeArgs(args: readonly unknown[], fn: string): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  return list.map((v) => {
    if (typeof v !== "number" || !Number.isSafeInteger(v))
      throw new TypeError(`${fn}(): size must be a tuple of ints, but got ${String(v)}`);
    return v;
  });
}

/**
 * Strides that let (shape, strides) be viewed as `newShape` without a copy,
 * or null (PyTorch's computeStride): each chunk of old dims that is
 * contiguous within itself may be re-split freely.
 */
function viewStrides(
  shape: readonly number[],
  strides: readonly number[],
  newShape: readonly number[],
): number[] | null {
  const numel = numelOf(shape);
  if (numel === 0) return sameShape(shape, newShape) ? strides.slice() : contiguousStrides(newShape);
  // A 0-d tensor (one element) becomes any all-ones shape; strides are then free.
  if (shape.length === 0) return contiguousStrides(newShape);
  const out = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBase = strides[strides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d]!;
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = strides[d - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return out;
}

/** A view of `input` with a new shape (ViewBackward0); fails when strides do not allow one. */
export function view(input: Tensor, ...shape: (number | readonly number[])[]): Tensor {
  checkTensor(input, "view", "input");
  const target = inferShape(parseShapeArgs(shape, "view"), input.numel());
  const strides = viewStrides(input.shape, input._strides, target);
  if (strides === null) {
    throw new Error(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  return record("view", makeView(input, target, strides), [input], { shape: input.shape });
}

/**
 * view() when the strides allow one (ReshapeAliasBackward0 in PyTorch 1.13),
 * else a contiguous copy (CloneBackward0) viewed with the new shape
 * (UnsafeViewBackward0), as PyTorch's reshape does.
 */
export function reshape(input: Tensor, ...shape: (number | readonly number[])[]): Tensor {
  checkTensor(input, "reshape", "input");
  const target = inferShape(parseShapeArgs(shape, "reshape"), input.numel());
  const strides = viewStrides(input.shape, input._strides, target);
  if (strides !== null) {
    return record("reshapeAlias", makeView(input, target, strides), [input], { shape: input.shape });
  }
  const copy = cloneContiguous(input);
  try {
    return record("unsafeView", copy._view(target, contiguousStrides(target), copy._offset), [copy], {
      shape: input.shape,
    });
  } finally {
    copy.dispose();
  }
}

/** flatten's call forms after the input: `(startDim?, endDim?)`, `(startDim, { endDim })`, `({ startDim, endDim })`. */
export type FlattenArgs =
  | [startDim?: number, endDim?: number]
  | [startDim: number, opts: { endDim?: number }]
  | [opts: { startDim?: number; endDim?: number }];

/** Flattens dims startDim..endDim into one; returns the input itself when nothing changes, as PyTorch. */
export function flatten(input: Tensor, ...args: FlattenArgs): Tensor {
  checkTensor(input, "flatten", "input");
  const { startDim, endDim } = optionalArgs(args, "flatten", ["startDim", "endDim"], [], { startDim: 0, endDim: -1 });
  const s = normDim(startDim, input.shape.length);
  const e = normDim(endDim, input.shape.length);
  if (input.shape.length === 0) return reshape(input, [1]);
  if (s > e) throw new RangeError("flatten() has invalid args: start_dim cannot come after end_dim");
  if (s === e) return input;
  const shape = [...input.shape.slice(0, s), numelOf(input.shape.slice(s, e + 1)), ...input.shape.slice(e + 1)];
  return reshape(input, shape);
}

/** torch.unsqueeze: a view with a size-1 dim inserted at `dim` (negative counts from the end). */
export function unsqueeze(input: Tensor, dim: number): Tensor {
  checkTensor(input, "unsqueeze", "input");
  const d = normDim(dim, input.shape.length + 1);
  const shape = input.shape.slice();
  const strides = input._strides.slice();
  const stride = d < input.shape.length ? input.shape[d]! * input._strides[d]! : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return record("unsqueeze", makeView(input, shape, strides), [input], { dim: d });
}

/** Removes size-1 dims: all of them (SqueezeBackward0) or the given one (SqueezeBackward1). */
export function squeeze(input: Tensor, dimOrOpts?: number | { dim?: number }): Tensor {
  checkTensor(input, "squeeze", "input");
  const dim = optionalArgs([dimOrOpts], "squeeze", ["dim"]).dim as number | undefined;
  const shape: number[] = [],
    strides: number[] = [];
  const d = dim === undefined ? -1 : normDim(dim, input.shape.length);
  input.shape.forEach((s, i) => {
    if (s === 1 && (dim === undefined || i === d)) return;
    shape.push(s);
    strides.push(input._strides[i]!);
  });
  const out = makeView(input, shape, strides);
  return dim === undefined
    ? record("squeeze", out, [input], { shape: input.shape })
    : record("squeezeDim", out, [input], { shape: input.shape, dim: d });
}

/** torch.transpose: a view with dims `dim0` and `dim1` swapped. */
export function transpose(input: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor(input, "transpose", "input");
  const n = input.shape.length;
  const a = normDim(dim0, n),
    b = normDim(dim1, n);
  const shape = input.shape.slice(),
    strides = input._strides.slice();
  if (n > 0) {
    [shape[a], shape[b]] = [shape[b]!, shape[a]!];
    [strides[a], strides[b]] = [strides[b]!, strides[a]!];
  }
  return record("transpose", makeView(input, shape, strides), [input], { dim0: a, dim1: b });
}

/** Transpose of a <= 2-D tensor (TBackward0). */
export function t(input: Tensor): Tensor {
  checkTensor(input, "t", "input");
  const n = input.shape.length;
  if (n > 2) throw new RangeError(`t() expects a tensor with <= 2 dimensions, but self is ${n}D`);
  const shape = input.shape.slice().reverse(),
    strides = input._strides.slice().reverse();
  return record("t", makeView(input, shape, strides), [input], {});
}

/** torch.permute: a view with the dims reordered as `dims` (spread or one array). */
export function permute(input: Tensor, ...dims: (number | readonly number[])[]): Tensor {
  checkTensor(input, "permute", "input");
  const list = dims.length === 1 && Array.isArray(dims[0]) ? (dims[0] as number[]) : (dims as number[]);
  const n = input.shape.length;
  if (list.length !== n) {
    throw new RangeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${n} is not equal to len(dims) = ${list.length}`,
    );
  }
  const norm = list.map((d) => normDim(d, n));
  if (new Set(norm).size !== n) throw new RangeError("permute(): duplicate dims are not allowed.");
  const shape = norm.map((d) => input.shape[d]!),
    strides = norm.map((d) => input._strides[d]!);
  return record("permute", makeView(input, shape, strides), [input], { dims: norm });
}

/** Broadcasts size-1 dims (and new leading dims) to `sizes`; -1 keeps a size. Stride 0: no copy. */
export function expand(input: Tensor, ...sizes: (number | readonly number[])[]): Tensor {
  checkTensor(input, "expand", "input");
  const target = parseShapeArgs(sizes, "expand");
  const n = input.shape.length;
  if (target.length < n) {
    throw new RangeError(
      `expand(${legacyTypeName[input.dtype]}{[${input.shape.join(", ")}]}, size=[${target.join(", ")}]): the number of sizes provided (${target.length}) must be greater or equal to the number of dimensions in the tensor (${n})`,
    );
  }
  const lead = target.length - n;
  const shape: number[] = [],
    strides: number[] = [];
  target.forEach((s, i) => {
    if (i < lead) {
      if (s < 0)
        throw new RangeError(
          `The expanded size of the tensor (${s}) isn't allowed in a leading, non-existing dimension ${i}`,
        );
      shape.push(s);
      strides.push(0);
      return;
    }
    const have = input.shape[i - lead]!;
    if (s === -1 || s === have) {
      shape.push(have);
      strides.push(input._strides[i - lead]!);
    } else if (have === 1 && s >= 0) {
      shape.push(s);
      strides.push(0);
    } else if (s < -1) {
      throw new RangeError(`Trying to create tensor with negative dimension ${s}: ${showShape(target)}`);
    } else {
      throw new RangeError(
        `The expanded size of the tensor (${s}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: ${showShape(target)}.  Tensor sizes: ${showShape(input.shape)}`,
      );
    }
  });
  return record("expand", makeView(input, shape, strides), [input], { shape: input.shape });
}

/** Tensor.expand_as: `input` expanded to `other`'s shape (a view, no copy). */
export function expandAs(input: Tensor, other: Tensor): Tensor {
  checkTensor(input, "expandAs", "input");
  checkTensor(other, "expandAs", "other");
  return expand(input, other.shape);
}

/** A contiguous tensor with the same values: the input itself when already contiguous (as PyTorch). */
export function contiguous(input: Tensor): Tensor {
  checkTensor(input, "contiguous", "input");
  if (isContiguous(input.shape, input._strides)) return input;
  return cloneContiguous(input);
}

/** A contiguous copy (CloneBackward0), whatever the input's layout. */
function cloneContiguous(input: Tensor): Tensor {
  return record("clone", unaryForward("copy", input, input.dtype), [input], {});
}

/** Elements start..start+length-1 of `dim` (SliceBackward0); start may be negative. */
export function narrow(input: Tensor, dim: number, start: number, length: number): Tensor {
  checkTensor(input, "narrow", "input");
  if (input.shape.length === 0) throw new RangeError("narrow() cannot be applied to a 0-dim tensor.");
  const d = normDim(dim, input.shape.length);
  const size = input.shape[d]!;
  checkInteger(start, "narrow", "start");
  checkInteger(length, "narrow", "length");
  // PyTorch 1.13 wraps start like a dim index (start == size is allowed, for an empty result).
  const s = start === size ? start : wrapIndex(start, size);
  if (length < 0 || s > size - length)
    throw new RangeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  return sliceView(input, d, s, s + length, 1);
}

/** maybe_wrap_dim applied to an index: PyTorch's words, "Dimension out of range". */
function wrapIndex(i: number, size: number): number {
  const range = Math.max(size, 1);
  if (i < -range || i >= range) {
    throw new RangeError(`Dimension out of range (expected to be in range of [${-range}, ${range - 1}], but got ${i})`);
  }
  return i < 0 ? i + range : i;
}

function sliceView(input: Tensor, d: number, start: number, end: number, step: number): Tensor {
  const shape = input.shape.slice(),
    strides = input._strides.slice();
  shape[d] = Math.max(0, Math.ceil((end - start) / step));
  strides[d] = input._strides[d]! * step;
  const out = makeView(input, shape, strides, start * input._strides[d]!);
  return record("slice", out, [input], { shape: input.shape, dim: d, start, end, step });
}

/** Python slicing along one dim: start/end clamp like x[a:b:c] (negative allowed), step > 0. */
export function slice(
  input: Tensor,
  dim: number,
  start: number | null = null,
  end: number | null = null,
  step = 1,
): Tensor {
  checkTensor(input, "slice", "input");
  if (input.shape.length === 0) throw new RangeError("slice() cannot be applied to a 0-dim tensor.");
  const d = normDim(dim, input.shape.length);
  if (!Number.isInteger(step) || step <= 0) throw new RangeError("slice step must be positive");
  const size = input.shape[d]!;
  const clampIdx = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (!Number.isInteger(v)) throw new TypeError(`slice(): indices must be integers, but got ${v}`);
    const x = v < 0 ? v + size : v;
    return Math.min(Math.max(x, 0), size);
  };
  const s = clampIdx(start, 0);
  const e = Math.max(clampIdx(end, size), s);
  return sliceView(input, d, s, e, step);
}

/** The sub-tensor at `index` of `dim`, which is removed (SelectBackward0). */
export function select(input: Tensor, dim: number, index: number): Tensor {
  checkTensor(input, "select", "input");
  if (input.shape.length === 0) throw new RangeError("select() cannot be applied to a 0-dim tensor.");
  const d = normDim(dim, input.shape.length);
  const size = input.shape[d]!;
  if (typeof index !== "number" || !Number.isInteger(index))
    throw new TypeError(`select(): index must be an integer, but got ${String(index)}`);
  if (index < -size || index >= size) {
    throw new RangeError(
      `select(): index ${index} out of range for tensor of size ${showShape(input.shape)} at dimension ${d}`,
    );
  }
  const i = index < 0 ? index + size : index;
  const shape = input.shape.slice(),
    strides = input._strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  const out = makeView(input, shape, strides, i * input._strides[d]!);
  return record("select", out, [input], { shape: input.shape, dim: d, index: i });
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * Tensor.view: a view of self with a new shape (one -1 is inferred); fails
     * when the strides do not allow one, as in PyTorch. No `view(dtype)`.
     */
    view(...shape: (number | readonly number[])[]): Tensor;
    /** Tensor.reshape: self with a new shape: a view when the strides allow, else a copy. */
    reshape(...shape: (number | readonly number[])[]): Tensor;
    /** Tensor.flatten: dims startDim..endDim (default all) flattened into one; a view where possible. */
    flatten(...args: FlattenArgs): Tensor;
    /** Tensor.unsqueeze: a view with a size-1 dim inserted at `dim` (negative counts from the end). */
    unsqueeze(dim: number): Tensor;
    /** Tensor.squeeze: a view without size-1 dims (all of them, or only `dim`). */
    squeeze(dim?: number | { dim?: number }): Tensor;
    /** Tensor.transpose: a view with dims `dim0` and `dim1` swapped. */
    transpose(dim0: number, dim1: number): Tensor;
    /** Tensor.t: the transpose of a tensor of at most 2 dims (a view). */
    t(): Tensor;
    /** The transpose of a 2-D tensor (Tensor.T); a view. */
    readonly T: Tensor;
    /** Tensor.permute: a view with the dims reordered as `dims`. */
    permute(...dims: (number | readonly number[])[]): Tensor;
    /** Tensor.expand: a view with size-1 dims broadcast to `sizes` (-1 keeps a size); no copy. */
    expand(...sizes: (number | readonly number[])[]): Tensor;
    /** Tensor.expandAs: PyTorch's expand_as, self expanded to `other`'s shape. */
    expandAs(other: Tensor): Tensor;
    /** Tensor.contiguous: self when already contiguous, else a contiguous copy. No `memory_format` option. */
    contiguous(): Tensor;
    /** Tensor.narrow: a view of elements `start`..`start + length - 1` along `dim`. */
    narrow(dim: number, start: number, length: number): Tensor;
    /** Python's `x[:, start:end:step]` along `dim` as a view (PyTorch has no slice method; `step` > 0). */
    slice(dim: number, start?: number | null, end?: number | null, step?: number): Tensor;
    /** Tensor.select: the view at `index` along `dim`, which is removed (`x[i]` for dim 0). */
    select(dim: number, index: number): Tensor;
  }
}

addMethods({
  view(this: Tensor, ...s: (number | readonly number[])[]) {
    return view(this, ...s);
  },
  reshape(this: Tensor, ...s: (number | readonly number[])[]) {
    return reshape(this, ...s);
  },
  flatten(this: Tensor, ...args: FlattenArgs) {
    return flatten(this, ...args);
  },
  unsqueeze(this: Tensor, d: number) {
    return unsqueeze(this, d);
  },
  squeeze(this: Tensor, d?: number | { dim?: number }) {
    return squeeze(this, d);
  },
  transpose(this: Tensor, a: number, b: number) {
    return transpose(this, a, b);
  },
  t(this: Tensor) {
    return t(this);
  },
  permute(this: Tensor, ...d: (number | readonly number[])[]) {
    return permute(this, ...d);
  },
  expand(this: Tensor, ...s: (number | readonly number[])[]) {
    return expand(this, ...s);
  },
  expandAs(this: Tensor, o: Tensor) {
    return expandAs(this, o);
  },
  contiguous(this: Tensor) {
    return contiguous(this);
  },
  narrow(this: Tensor, d: number, s: number, l: number) {
    return narrow(this, d, s, l);
  },
  slice(this: Tensor, d: number, s?: number | null, e?: number | null, st?: number) {
    return slice(this, d, s, e, st);
  },
  select(this: Tensor, d: number, i: number) {
    return select(this, d, i);
  },
});
addProperties({
  T: {
    get() {
      return permute(
        this,
        this.shape.map((_, i) => this.shape.length - 1 - i),
      );
    },
  },
});
