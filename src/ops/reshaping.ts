// Shape ops that copy: flip, roll, repeat (and tile), as strided copies
// (assembly copy_<dtype>) of views with PyTorch's formulas for their grads.

import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { contiguousStrides, normDim, showShape } from "../shape.js";
import { record } from "../autograd/function.js";
import { castTo, checkTensor, copyInto, filledBy } from "./launch.js";

/** Variadic sizes or dims as one list (`x.flip(0, 1)` or `x.flip([0, 1])`), a copy. */
const listOf = (args: readonly unknown[]): unknown[] =>
  args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as unknown[])] : [...args];

/** Dims given as a list or as numbers (`x.flip(0, 1)` or `x.flip([0, 1])`). */
function dimList(fn: string, args: readonly unknown[]): number[] {
  const list = listOf(args);
  for (const d of list)
    if (typeof d !== "number" || !Number.isInteger(d))
      throw new TypeError(`${fn}(): argument 'dims' must be tuple of ints, but found element of type ${typeof d}`);
  return list as number[];
}

/** A number or a list of integers, as a list. */
function intList(fn: string, name: string, v: unknown): number[] {
  const list = typeof v === "number" ? [v] : Array.isArray(v) ? (v as unknown[]) : null;
  if (list === null || list.some((x) => typeof x !== "number" || !Number.isInteger(x)))
    throw new TypeError(`${fn}(): argument '${name}' must be an int or a list of ints`);
  return list as number[];
}

/** A contiguous copy of `t` with the order of `dims` reversed (a copy of a view with negated strides). */
function flipped(t: Tensor, dims: readonly number[]): Tensor {
  let offset = t._offset;
  const strides = t._strides.slice();
  for (const d of dims) {
    if (t.shape[d]! > 0) offset += (t.shape[d]! - 1) * strides[d]!;
    strides[d] = -strides[d]!;
  }
  const v = t._view(t.shape, strides, offset);
  try {
    return castTo(v, t.dtype);
  } finally {
    v.dispose();
  }
}

/** Normalised, checked dims of flip. */
function flipDims(input: Tensor, dims: readonly number[]): number[] {
  const nd = input.shape.length;
  const out = dims.map((d) => normDim(d, nd));
  out.forEach((d, i) => {
    if (out.indexOf(d) !== i) throw new RangeError(`dim ${d} appears multiple times in the list of dims`);
  });
  return out;
}

/** torch.flip: a copy with the order of elements along each of `dims` reversed (FlipBackward0). */
export function flip(input: Tensor, ...dims: (number | readonly number[])[]): Tensor {
  checkTensor(input, "flip", "input");
  const ds = flipDims(input, dimList("flip", dims));
  return record("flip", flipped(input, ds), [input], { dims: ds });
}

/**
 * torch.roll: elements shifted by `shifts` along `dims` (wrapping round);
 * without dims, over the flattened tensor, shape kept (RollBackward0).
 */
export function roll(input: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  checkTensor(input, "roll", "input");
  const sh = intList("roll", "shifts", shifts);
  const ds = dims === undefined || dims === null ? [] : intList("roll", "dims", dims);
  if (ds.length === 0 && sh.length !== 1)
    throw new RangeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
  if (ds.length > 0 && ds.length !== sh.length)
    throw new RangeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
  const nd = input.shape.length;
  const norm = ds.map((d) => normDim(d, nd));
  return record("roll", rolled(input, sh, norm), [input], { shifts: sh, dims: norm });
}

/** The copy roll makes (also its backward, with the shifts negated). */
export function rolled(input: Tensor, shifts: readonly number[], dims: readonly number[]): Tensor {
  if (dims.length === 0) {
    const flat = castTo(input, input.dtype);
    try {
      const v = flat._view([flat.numel()], [1], flat._offset);
      try {
        const r = rollInto(v, shifts[0]!, 0);
        const out = r._view(input.shape, contiguousStrides(input.shape), r._offset);
        r.dispose();
        return out;
      } finally {
        v.dispose();
      }
    } finally {
      flat.dispose();
    }
  }
  let cur = castTo(input, input.dtype);
  for (let k = 0; k < dims.length; k++) {
    const next = rollInto(cur, shifts[k]!, dims[k]!);
    cur.dispose();
    cur = next;
  }
  return cur;
}

/** A contiguous copy of `t` rolled by `shift` along `dim`: two strided block copies. */
function rollInto(t: Tensor, shift: number, dim: number): Tensor {
  const n = t.shape[dim] ?? 1;
  const out = Tensor._empty(t.shape, t.dtype);
  if (t.numel() === 0 || t.shape.length === 0) return filledBy(out, (o) => copyInto(o, t));
  const s = ((shift % n) + n) % n;
  return filledBy(out, (o) => {
    // out[s:] = t[:n-s], out[:s] = t[n-s:]
    const part = (src: Tensor, start: number, len: number): Tensor => {
      const sh = src.shape.slice();
      sh[dim] = len;
      return src._view(sh, src._strides, src._offset + start * src._strides[dim]!);
    };
    if (n - s > 0) copyViews(part(o, s, n - s), part(t, 0, n - s));
    if (s > 0) copyViews(part(o, 0, s), part(t, n - s, s));
  });
}

/** Copies the view `src` into the view `dst`, then lets both handles go. */
function copyViews(dst: Tensor, src: Tensor): void {
  try {
    copyInto(dst, src);
  } finally {
    dst.dispose();
    src.dispose();
  }
}

/**
 * Tensor.repeat: the tensor tiled `sizes` times along each dim (leading
 * sizes add dims), as a new tensor (RepeatBackward0).
 */
export function repeat(input: Tensor, ...sizes: (number | readonly number[])[]): Tensor {
  checkTensor(input, "repeat", "input");
  const reps = listOf(sizes) as number[];
  for (const r of reps)
    if (typeof r !== "number" || !Number.isInteger(r))
      throw new TypeError(`repeat(): argument 'repeats' must be tuple of ints, but found element of type ${typeof r}`);
  const nd = input.shape.length;
  if (reps.length < nd)
    throw new RangeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  for (const r of reps)
    if (r < 0) throw new RangeError(`Trying to create tensor with negative dimension ${r}: ${showShape(reps)}`);
  return record("repeat", repeated(input, reps), [input], { repeats: reps, shape: input.shape });
}

/** The copy repeat makes: out viewed as [r0, s0, r1, s1, ...] gets the input broadcast over the r's. */
function repeated(input: Tensor, reps: readonly number[]): Tensor {
  const lead = reps.length - input.shape.length;
  const shape = [...new Array<number>(lead).fill(1), ...input.shape];
  const strides = [...new Array<number>(lead).fill(0), ...input._strides];
  const outShape = shape.map((s, d) => s * reps[d]!);
  return filledBy(Tensor._empty(outShape, input.dtype), (out) => {
    if (out.numel() === 0) return;
    const split: number[] = [];
    const srcStrides: number[] = [];
    shape.forEach((s, d) => {
      split.push(reps[d]!, s);
      srcStrides.push(0, strides[d]!);
    });
    copyViews(out._view(split, contiguousStrides(split), out._offset), input._view(split, srcStrides, input._offset));
  });
}

/** torch.tile: repeat with `dims` padded with leading 1s to the input's dims (RepeatBackward0). */
export function tile(input: Tensor, ...dims: (number | readonly number[])[]): Tensor {
  checkTensor(input, "tile", "input");
  const reps = listOf(dims) as number[];
  const pad = Math.max(0, input.shape.length - reps.length);
  return repeat(input, [...new Array<number>(pad).fill(1), ...reps]);
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.flip: see torch.flip (`x.flip(0, 1)` or `x.flip([0, 1])`). */
    flip(...dims: (number | readonly number[])[]): Tensor;
    /** Tensor.roll: see torch.roll. */
    roll(shifts: number | readonly number[], dims?: number | readonly number[]): Tensor;
    /** Tensor.repeat: the tensor tiled `sizes` times along each dim (`x.repeat(2, 1)` or `x.repeat([2, 1])`). */
    repeat(...sizes: (number | readonly number[])[]): Tensor;
    /** Tensor.tile: see torch.tile. */
    tile(...dims: (number | readonly number[])[]): Tensor;
  }
}

addMethods({
  flip(this: Tensor, ...dims: (number | readonly number[])[]) {
    return flip(this, ...dims);
  },
  roll(this: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]) {
    return roll(this, shifts, dims);
  },
  repeat(this: Tensor, ...sizes: (number | readonly number[])[]) {
    return repeat(this, ...sizes);
  },
  tile(this: Tensor, ...dims: (number | readonly number[])[]) {
    return tile(this, ...dims);
  },
});
