// Shapes, strides, dims and broadcasting: plain arrays, PyTorch's rules and words.

import { typeOf } from "./args.js";

export type Shape = readonly number[];

/**
 * Largest element count, and largest size of one dim, torchlet accepts for a
 * tensor. Kernels take counts, sizes and offsets as i32 (every kernel entry in
 * assembly/exports), and their SIMD loops test `i + 4 * lanes <= n` (up to 64
 * for bool), so counts stay 2^16 below 2^31; larger ones are refused before
 * any kernel runs.
 */
export const MAX_NUMEL = 2 ** 31 - 2 ** 16;

/** Formats a shape as PyTorch does in messages: `[2, 3]`. */
export const showShape = (s: Shape): string => `[${s.join(", ")}]`;

export function checkSize(v: unknown, what = "size"): number {
  if (typeof v !== "number") {
    throw new TypeError(`${what} must be a tuple of ints, but got an element of type ${typeOf(v)} (${String(v)})`);
  }
  if (!Number.isInteger(v)) throw new TypeError(`${what} must contain integers, but got ${v}`);
  if (v < 0) throw new RangeError(`Trying to create tensor with negative dimension ${v}: ${what} must be non-negative`);
  if (v > MAX_NUMEL) throw tooLarge([v], v);
  return v;
}

/** The element count of `shape`, or a RangeError when a size or the count is past MAX_NUMEL (also when another size is 0). */
export function checkNumel(shape: Shape): number {
  let n = 1;
  let big = false;
  for (const s of shape) {
    n *= s;
    if (s > MAX_NUMEL) big = true;
  }
  if (n > MAX_NUMEL || big) throw tooLarge(shape, n);
  return n;
}

function tooLarge(shape: Shape, n: number): RangeError {
  const what = n > MAX_NUMEL ? `has ${n} elements` : `has a size of ${Math.max(...shape)}`;
  return new RangeError(
    `tensor of shape ${showShape(shape)} ${what}, more than torchlet's limit of 2147418112 (2^31 - 2^16): its kernels count elements in int32`,
  );
}

export function numelOf(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Row-major strides (in elements) of a contiguous tensor. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= Math.max(shape[d]!, 1);
  }
  return strides;
}

/** Whether (shape, strides) walks memory in row-major order without gaps (size-1 dims are free). */
export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  // An empty tensor is contiguous whatever its strides, as in PyTorch.
  if (shape.includes(0)) return true;
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    if (size !== 1) {
      if (strides[d] !== expected) return false;
      expected *= size;
    }
  }
  return true;
}

/** Normalises a possibly negative dim, with PyTorch's message. 0-d tensors accept dims -1 and 0. */
export function normDim(dim: unknown, ndim: number): number {
  if (typeof dim !== "number" || !Number.isInteger(dim)) {
    throw new TypeError(`dim must be an integer, but got ${typeof dim === "string" ? `"${dim}"` : String(dim)}`);
  }
  const range = Math.max(ndim, 1);
  if (dim < -range || dim >= range) {
    throw new RangeError(
      `Dimension out of range (expected to be in range of [${-range}, ${range - 1}], but got ${dim})`,
    );
  }
  return dim < 0 ? dim + range : dim;
}

/** Normalises a dim list (number or array) into sorted unique dims; repeated dims are an error, as in PyTorch. */
export function normDims(dims: number | readonly number[], ndim: number): number[] {
  const list = typeof dims === "number" ? [dims] : Array.from(dims);
  const seen = new Set<number>();
  for (const d of list) {
    const n = normDim(d, ndim);
    if (seen.has(n)) throw new RangeError(`dim ${n} appears multiple times in the list of dims`);
    seen.add(n);
  }
  return Array.from(seen).sort((x, y) => x - y);
}

/** torch.broadcast_shapes, with PyTorch's message on a mismatch (the last mismatching dim, as infer_size walks from the end). */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)]!;
    const db = i < n - b.length ? 1 : b[i - (n - b.length)]!;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else {
      throw new RangeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
  }
  return out;
}

/** Strides that view a tensor of (shape, strides) as `target` (broadcast dims get stride 0). */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let d = 0; d < shape.length; d++) {
    out[lead + d] = shape[d] === 1 && target[lead + d] !== 1 ? 0 : strides[d]!;
  }
  return out;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Merges adjacent dims that are contiguous with each other in every operand,
 * and drops size-1 dims, so a kernel walks as few, as long rows as possible.
 * Always returns at least one dim.
 */
export function coalesce(
  shape: Shape,
  strides: readonly (readonly number[])[],
): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0 && strides.every((s, j) => outStrides[j]![last] === s[d]! * size)) {
      // The previous (outer) dim steps exactly over this one in every operand: merge.
      outShape[last] = outShape[last]! * size;
      for (let j = 0; j < strides.length; j++) outStrides[j]![last] = strides[j]![d]!;
      continue;
    }
    outShape.push(size);
    for (let j = 0; j < strides.length; j++) outStrides[j]!.push(strides[j]![d]!);
  }
  if (outShape.length === 0) {
    outShape.push(1);
    for (const s of outStrides) s.push(1);
  }
  return { shape: outShape, strides: outStrides };
}
