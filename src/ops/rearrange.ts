// Shape ops built on views and copies: movedim / moveaxis, swapaxes /
// swapdims, unflatten, atleast_1d/2d/3d, meshgrid, rot90, repeat_interleave,
// and the diagonal family (diagonal, diag, diag_embed).

import { checkNarrowSupport } from "./wide.js";
import { Tensor } from "../tensor.js";
import { addMethods } from "../methods.js";
import { INDEX_DTYPE, messageTypeName } from "../dtype.js";
import { checkNumel, normDim, showShape } from "../shape.js";
import { record } from "../autograd/function.js";
import { makeView } from "../autograd/viewTracking.js";
import { scoped } from "../memory.js";
import { castTo, checkTensor, copyInto, filledBy } from "./launch.js";
import { filled } from "./creation.js";
import { fromArray } from "./fromData.js";
import { expand, permute, reshape, transpose, unsqueeze, view } from "./views.js";
import { indexSelect } from "./indexing.js";
import { numbersOf } from "./numbers.js";
import { checkOptionsObject } from "../args.js";

/** A dim or a list of dims, as a list of integers (a TypeError naming `name` otherwise). */
function dimsOf(v: unknown, fn = "movedim", name = "source"): number[] {
  const list = typeof v === "number" ? [v] : Array.isArray(v) ? (v as unknown[]) : null;
  if (list === null || list.some((d) => typeof d !== "number" || !Number.isInteger(d)))
    throw new TypeError(`${fn}(): argument '${name}' must be an int or a list of ints`);
  return list as number[];
}

/**
 * torch.movedim: the dims at `source` moved to `destination` (the others
 * keep their order), a view (PermuteBackward0).
 */
export function movedim(
  input: Tensor,
  source: number | readonly number[],
  destination: number | readonly number[],
): Tensor {
  checkTensor(input, "movedim", "input");
  const nd = input.shape.length;
  const src = dimsOf(source).map((d) => normDim(d, nd));
  const dst = dimsOf(destination, "movedim", "destination").map((d) => normDim(d, nd));
  if (src.length !== dst.length)
    throw new RangeError(
      `movedim: Invalid source or destination dims: source (${showShape(dimsOf(source))} dims) should contain the same number of dims as destination (${showShape(dimsOf(destination))} dims)`,
    );
  for (const [list, name] of [
    [src, "source"],
    [dst, "destination"],
  ] as const)
    list.forEach((d, i) => {
      if (list.indexOf(d) !== i)
        throw new RangeError(
          `movedim: repeated dim in \`${name}\` (${showShape(dimsOf(name === "source" ? source : destination))})`,
        );
    });
  const order = new Array<number>(nd).fill(-1);
  src.forEach((s, i) => (order[dst[i]!] = s));
  const rest = [...Array(nd).keys()].filter((d) => !src.includes(d));
  let k = 0;
  for (let d = 0; d < nd; d++) if (order[d] === -1) order[d] = rest[k++]!;
  return permute(input, order);
}

/** torch.moveaxis: the NumPy name of movedim. */
export const moveaxis = (
  input: Tensor,
  source: number | readonly number[],
  destination: number | readonly number[],
): Tensor => movedim(input, source, destination);
/** torch.swapaxes: the NumPy name of transpose (TransposeBackward0). */
export const swapaxes = (input: Tensor, axis0: number, axis1: number): Tensor => transpose(input, axis0, axis1);
/** torch.swapdims: transpose. */
export const swapdims = (input: Tensor, dim0: number, dim1: number): Tensor => transpose(input, dim0, dim1);

/** torch.unflatten: `dim` split into `sizes` (one may be -1), a view (ViewBackward0). */
export function unflatten(input: Tensor, dim: number, sizes: readonly number[]): Tensor {
  checkTensor(input, "unflatten", "input");
  const d = normDim(dim, input.shape.length);
  if (!Array.isArray(sizes) || sizes.some((n) => typeof n !== "number" || !Number.isInteger(n)))
    throw new TypeError("unflatten(): argument 'sizes' must be a list of ints");
  if (sizes.length === 0) throw new RangeError("unflatten: sizes must be non-empty");
  const size = input.shape[d] ?? 1;
  const known = sizes.filter((n) => n !== -1).reduce((a, b) => a * b, 1);
  const infer = sizes.filter((n) => n === -1).length;
  if (infer > 1 || (infer === 0 ? known !== size : known === 0 || size % known !== 0))
    throw new RangeError(
      `unflatten: Provided sizes ${showShape(sizes)} don't multiply up to the size of dim ${d} (${size}) in the input tensor`,
    );
  const shape = [...input.shape.slice(0, d), ...sizes, ...input.shape.slice(d + 1)];
  return view(input, shape);
}

/** torch.atleast_1d: a 0-d tensor as shape [1]; others as they are. */
export function atleast1d(input: Tensor): Tensor {
  checkTensor(input, "atleast_1d", "input");
  return input.shape.length === 0 ? reshape(input, [1]) : input;
}
/** torch.atleast_2d: 0-d as [1, 1], 1-D as [1, n]; others as they are. */
export function atleast2d(input: Tensor): Tensor {
  checkTensor(input, "atleast_2d", "input");
  if (input.shape.length === 0) return reshape(input, [1, 1]);
  return input.shape.length === 1 ? unsqueeze(input, 0) : input;
}
/** torch.atleast_3d: 0-d as [1, 1, 1], 1-D as [1, n, 1], 2-D as [m, n, 1]; others as they are. */
export function atleast3d(input: Tensor): Tensor {
  checkTensor(input, "atleast_3d", "input");
  const nd = input.shape.length;
  if (nd === 0) return reshape(input, [1, 1, 1]);
  if (nd === 1) return scoped(() => unsqueeze(unsqueeze(input, 0), -1));
  return nd === 2 ? unsqueeze(input, -1) : input;
}

/**
 * torch.meshgrid: coordinate grids of 1-D (or 0-d) tensors, each expanded to
 * the full grid; `indexing` "ij" (matrix) or "xy" (Cartesian: the first two
 * grid dims swapped) (ExpandBackward0).
 */
export function meshgrid(...args: (Tensor | readonly Tensor[] | { indexing?: "ij" | "xy" })[]): Tensor[] {
  let opts: { indexing?: string } = {};
  const last = args[args.length - 1];
  if (last !== undefined && !(last instanceof Tensor) && !Array.isArray(last))
    opts = checkOptionsObject<{ indexing?: string }>(args.pop(), "meshgrid", ["indexing"]);
  const ts = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as Tensor[];
  ts.forEach((t) => checkTensor(t, "meshgrid", "tensors"));
  if (ts.length === 0) throw new RangeError("meshgrid expects a non-empty TensorList");
  const indexing = opts.indexing ?? "ij";
  if (indexing !== "ij" && indexing !== "xy")
    throw new RangeError(`torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${String(indexing)}`);
  for (const t of ts) {
    if (t.shape.length > 1)
      throw new RangeError(`torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ${String(t)}`);
    if (t.dtype !== ts[0]!.dtype)
      throw new TypeError("torch.meshgrid: Expected all tensors in the tensor list to have the same dtype");
  }
  const swap = indexing === "xy" && ts.length >= 2;
  const order = swap ? [ts[1]!, ts[0]!, ...ts.slice(2)] : ts;
  const shape = order.map((t) => t.numel());
  const grids = scoped(() =>
    order.map((t, i) => {
      const s = shape.map((_, k) => (k === i ? -1 : 1));
      return expand(view(t, s), shape);
    }),
  );
  if (swap) [grids[0], grids[1]] = [grids[1]!, grids[0]!];
  return grids;
}

/** The copy rot90 makes: k quarter turns from dims[0] towards dims[1]. */
function rotated(input: Tensor, k: number, d0: number, d1: number): Tensor {
  const turns = ((k % 4) + 4) % 4;
  const flipAlong = (t: Tensor, dims: number[]): Tensor => {
    let offset = t._offset;
    const strides = t._strides.slice();
    for (const d of dims) {
      if (t.shape[d]! > 0) offset += (t.shape[d]! - 1) * strides[d]!;
      strides[d] = -strides[d]!;
    }
    return t._view(t.shape, strides, offset);
  };
  const swapped = (t: Tensor): Tensor => {
    const shape = t.shape.slice(),
      strides = t._strides.slice();
    [shape[d0], shape[d1]] = [shape[d1]!, shape[d0]!];
    [strides[d0], strides[d1]] = [strides[d1]!, strides[d0]!];
    return t._view(shape, strides, t._offset);
  };
  // As PyTorch: k=1 flips dims[1] then transposes; k=2 flips both; k=3 flips dims[0] then transposes.
  let v: Tensor;
  if (turns === 0) v = input._view(input.shape, input._strides, input._offset);
  else if (turns === 2) v = flipAlong(input, [d0, d1]);
  else {
    const f = flipAlong(input, [turns === 1 ? d1 : d0]);
    v = swapped(f);
    f.dispose();
  }
  try {
    return castTo(v, input.dtype);
  } finally {
    v.dispose();
  }
}

/** torch.rot90: `k` quarter turns in the plane of `dims` (default [0, 1]), from the first towards the second (Rot90Backward0). */
export function rot90(input: Tensor, k = 1, dims: readonly number[] = [0, 1]): Tensor {
  checkTensor(input, "rot90", "input");
  if (typeof k !== "number" || !Number.isInteger(k))
    throw new TypeError(`rot90(): argument 'k' must be int, not ${typeof k}`);
  if (!Array.isArray(dims) || dims.length !== 2)
    throw new RangeError(`expected total rotation dims == 2, but got dims = ${Array.isArray(dims) ? dims.length : 0}`);
  const nd = input.shape.length;
  if (nd < 2) throw new RangeError(`expected total dims >= 2, but got total dims = ${nd}`);
  const d0 = normDim(dims[0], nd),
    d1 = normDim(dims[1], nd);
  if (d0 === d1) throw new RangeError(`expected rotation dims to be different, but got dim0 = ${d0} and dim1 = ${d1}`);
  return record("rot90", rotated(input, k, d0, d1), [input], { k, dims: [d0, d1] });
}

/**
 * torch.repeat_interleave: each element repeated `repeats` times (a number,
 * or a tensor of one count per element) along `dim`, or over the flattened
 * tensor without one (an index_select: IndexSelectBackward0).
 */
export function repeatInterleave(input: Tensor, repeats: number | Tensor, opts: { dim?: number | null } = {}): Tensor {
  checkTensor(input, "repeat_interleave", "input");
  const o = checkOptionsObject<{ dim?: number | null }>(opts, "repeat_interleave", ["dim"]);
  return scoped(() => {
    const x = o.dim === undefined || o.dim === null ? reshape(input, [-1]) : input;
    const d = o.dim === undefined || o.dim === null ? 0 : normDim(o.dim, input.shape.length);
    const n = x.shape.length === 0 ? 1 : x.shape[d]!;
    let counts: number[];
    if (repeats instanceof Tensor) {
      if (repeats.shape.length > 1) throw new RangeError("repeats must be 0-dim or 1-dim tensor");
      const r = Array.from(numbersOf(repeats));
      if (r.length !== 1 && r.length !== n) throw new RangeError("repeats must have the same size as input along dim");
      if (repeats.dtype !== "int32" && repeats.dtype !== "int64")
        throw new TypeError(`"repeat_interleave_cpu" not implemented for '${messageTypeName[repeats.dtype]}'`);
      counts = r.length === 1 ? new Array<number>(n).fill(r[0]!) : r;
    } else {
      if (typeof repeats !== "number" || !Number.isInteger(repeats))
        throw new TypeError(`repeat_interleave(): argument 'repeats' must be int or Tensor, not ${typeof repeats}`);
      counts = new Array<number>(n).fill(repeats);
    }
    if (counts.some((c) => c < 0)) throw new RangeError("repeats can not be negative");
    // The result's size is checked before the index list is built.
    const outShape = x.shape.slice();
    outShape[d] = counts.reduce((s, c) => s + c, 0);
    checkNumel(outShape);
    const idx: number[] = [];
    counts.forEach((c, i) => {
      for (let j = 0; j < c; j++) idx.push(i);
    });
    return indexSelect(x, d, fromArray(idx, [idx.length], { dtype: INDEX_DTYPE }));
  });
}

// ---- the diagonal family -------------------------------------------------------------

interface Diag {
  offset: number;
  dim1: number;
  dim2: number;
}

/** The diagonal's view geometry: dims dim1 and dim2 removed, the diagonal appended last. */
function diagonalGeometry(
  shape: readonly number[],
  strides: readonly number[],
  g: Diag,
): { shape: number[]; strides: number[]; offset: number } {
  const { offset, dim1, dim2 } = g;
  let len = 0,
    start = 0;
  if (offset >= 0) {
    len = Math.max(0, Math.min(shape[dim1]!, shape[dim2]! - offset));
    if (len > 0) start = offset * strides[dim2]!;
  } else {
    len = Math.max(0, Math.min(shape[dim1]! + offset, shape[dim2]!));
    if (len > 0) start = -offset * strides[dim1]!;
  }
  const keep = shape.map((_, d) => d).filter((d) => d !== dim1 && d !== dim2);
  return {
    shape: [...keep.map((d) => shape[d]!), len],
    strides: [...keep.map((d) => strides[d]!), strides[dim1]! + strides[dim2]!],
    offset: start,
  };
}

function diagArgs(fn: string, nd: number, offset: unknown, dim1: unknown, dim2: unknown): Diag {
  if (typeof offset !== "number" || !Number.isInteger(offset))
    throw new TypeError(`${fn}(): argument 'offset' must be int, not ${typeof offset}`);
  const d1 = normDim(dim1, nd),
    d2 = normDim(dim2, nd);
  if (d1 === d2) throw new RangeError(`${fn} dimensions cannot be identical ${String(dim1)}, ${String(dim2)}`);
  return { offset, dim1: d1, dim2: d2 };
}

/** Options of diagonal and diagEmbed. */
export interface DiagonalOptions {
  /** Which diagonal: 0 the main one, > 0 above it, < 0 below. */
  offset?: number;
  /** The first dim of the plane (diagonal: 0; diagEmbed: -2). */
  dim1?: number;
  /** The second dim of the plane (diagonal: 1; diagEmbed: -1). */
  dim2?: number;
}

/**
 * torch.diagonal: the `offset`-th diagonal of the plane of `dim1` and `dim2`
 * (default 0, 1) as a view, that dim appended last (DiagonalBackward0).
 */
export function diagonal(input: Tensor, opts: DiagonalOptions = {}): Tensor {
  checkTensor(input, "diagonal", "input");
  const o = checkOptionsObject<DiagonalOptions>(opts, "diagonal", ["offset", "dim1", "dim2"]);
  const g = diagArgs("diagonal", input.shape.length, o.offset ?? 0, o.dim1 ?? 0, o.dim2 ?? 1);
  const geo = diagonalGeometry(input.shape, input._strides, g);
  const out = makeView(input, geo.shape, geo.strides, geo.offset);
  return record("diagonal", out, [input], { ...g, shape: input.shape });
}

/** zeros(shape) with `src` written on a diagonal (DiagonalBackwardBackward0): diagonal's backward. */
export function diagonalBackward(src: Tensor, shape: readonly number[], g: Diag): Tensor {
  return record("diagonalBackward", onDiagonal(src, shape, g), [src], { ...g });
}

/** zeros(shape) with `src` written on the diagonal `g`. */
function onDiagonal(src: Tensor, shape: readonly number[], g: Diag): Tensor {
  return filledBy(filled(shape, 0, src.dtype), (t) => {
    const geo = diagonalGeometry(t.shape, t._strides, g);
    const v = t._view(geo.shape, geo.strides, t._offset + geo.offset);
    try {
      copyInto(v, src);
    } finally {
      v.dispose();
    }
  });
}

/** The shape diag_embed makes and its diagonal's place in it. */
function embedShape(input: Tensor, g0: DiagonalOptions): { shape: number[]; g: Diag } {
  const nd = input.shape.length + 1;
  const g = diagArgs("diag_embed", nd, g0.offset ?? 0, g0.dim1 ?? -2, g0.dim2 ?? -1);
  const n = (input.shape[input.shape.length - 1] ?? 1) + Math.abs(g.offset);
  const rest = input.shape.slice(0, -1);
  const shape: number[] = [];
  let k = 0;
  for (let d = 0; d < nd; d++) shape.push(d === g.dim1 || d === g.dim2 ? n : rest[k++]!);
  return { shape, g };
}

/**
 * torch.diag_embed: tensors whose `offset`-th diagonal in the plane of
 * `dim1`, `dim2` (default -2, -1) holds the last dim of `input`, zeros
 * elsewhere (DiagEmbedBackward0).
 */
export function diagEmbed(input: Tensor, opts: DiagonalOptions = {}): Tensor {
  checkTensor(input, "diag_embed", "input");
  const o = checkOptionsObject<DiagonalOptions>(opts, "diag_embed", ["offset", "dim1", "dim2"]);
  const { shape, g } = embedShape(input, o);
  return record("diagEmbed", onDiagonal(input, shape, g), [input], { ...g });
}

/**
 * torch.diag: of a 1-D tensor, the square matrix with it on the
 * `diagonal`-th diagonal; of a 2-D one, that diagonal as a new 1-D tensor
 * (DiagBackward0).
 */
export function diag(input: Tensor, diagonal = 0): Tensor {
  checkTensor(input, "diag", "input");
  checkNarrowSupport("diag", input.dtype);
  if (typeof diagonal !== "number" || !Number.isInteger(diagonal))
    throw new TypeError(`diag(): argument 'diagonal' must be int, not ${typeof diagonal}`);
  const nd = input.shape.length;
  if (nd !== 1 && nd !== 2) throw new RangeError("matrix or a vector expected");
  const g = { offset: diagonal, dim1: 0, dim2: 1 };
  let out: Tensor;
  if (nd === 1) {
    const n = input.shape[0]! + Math.abs(diagonal);
    out = onDiagonal(input, [n, n], g);
  } else {
    const geo = diagonalGeometry(input.shape, input._strides, g);
    const v = input._view(geo.shape, geo.strides, input._offset + geo.offset);
    try {
      out = castTo(v, input.dtype);
    } finally {
      v.dispose();
    }
  }
  return record("diag", out, [input], { ...g, shape: input.shape });
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.movedim: see torch.movedim. */
    movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor;
    /** Tensor.moveaxis: see torch.moveaxis. */
    moveaxis(source: number | readonly number[], destination: number | readonly number[]): Tensor;
    /** Tensor.swapaxes: see torch.swapaxes. */
    swapaxes(axis0: number, axis1: number): Tensor;
    /** Tensor.swapdims: see torch.swapdims. */
    swapdims(dim0: number, dim1: number): Tensor;
    /** Tensor.unflatten: see torch.unflatten. */
    unflatten(dim: number, sizes: readonly number[]): Tensor;
    /** Tensor.rot90: see torch.rot90. */
    rot90(k?: number, dims?: readonly number[]): Tensor;
    /** Tensor.repeatInterleave: see torch.repeat_interleave. */
    repeatInterleave(repeats: number | Tensor, opts?: { dim?: number | null }): Tensor;
    /** Tensor.diagonal: see torch.diagonal. */
    diagonal(opts?: DiagonalOptions): Tensor;
    /** Tensor.diag: see torch.diag. */
    diag(diagonal?: number): Tensor;
    /** Tensor.diagEmbed: see torch.diag_embed. */
    diagEmbed(opts?: DiagonalOptions): Tensor;
  }
}

addMethods({
  movedim(this: Tensor, source: number | readonly number[], destination: number | readonly number[]) {
    return movedim(this, source, destination);
  },
  moveaxis(this: Tensor, source: number | readonly number[], destination: number | readonly number[]) {
    return movedim(this, source, destination);
  },
  swapaxes(this: Tensor, axis0: number, axis1: number) {
    return transpose(this, axis0, axis1);
  },
  swapdims(this: Tensor, dim0: number, dim1: number) {
    return transpose(this, dim0, dim1);
  },
  unflatten(this: Tensor, dim: number, sizes: readonly number[]) {
    return unflatten(this, dim, sizes);
  },
  rot90(this: Tensor, k?: number, dims?: readonly number[]) {
    return rot90(this, k, dims);
  },
  repeatInterleave(this: Tensor, repeats: number | Tensor, opts?: { dim?: number | null }) {
    return repeatInterleave(this, repeats, opts);
  },
  diagonal(this: Tensor, opts?: DiagonalOptions) {
    return diagonal(this, opts);
  },
  diag(this: Tensor, d = 0) {
    return diag(this, d);
  },
  diagEmbed(this: Tensor, opts?: DiagonalOptions) {
    return diagEmbed(this, opts);
  },
});
