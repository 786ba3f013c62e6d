// Linear algebra: mm, bmm, mv, dot, outer and matmul.
//
// mm/bmm/mv/dot check their arguments in PyTorch's order and words (dims,
// then sizes, then dtypes), run a kernel and record their own node. outer and
// matmul are compositions, exactly as PyTorch 1.13 composes them, so the
// graph they leave (grad_fn names and structure) is PyTorch's.

import { Tensor } from "../tensor.js";
import { scoped } from "../memory.js";
import { addMethodsOf } from "../methods.js";
import { scalarTypeName, type DType } from "../dtype.js";
import { broadcastShapes, contiguousStrides, numelOf } from "../shape.js";
import { record } from "../autograd/function.js";
import { checkTensor, filledBy } from "./launch.js";
import { filled } from "./creation.js";
import { mul } from "./binary.js";
import { contiguous, expand, reshape, t, transpose, unsqueeze } from "./views.js";
import { dotInto, gemmInto, gemvInto } from "./linalgKernels.js";

/** PyTorch's "expected scalar type Float but found Double" (the first operand's dtype is the expected one). */
function checkSameDType(expected: Tensor, found: Tensor): void {
  if (expected.dtype !== found.dtype) {
    throw new TypeError(
      `expected scalar type ${scalarTypeName[expected.dtype]} but found ${scalarTypeName[found.dtype]}`,
    );
  }
}

/** Bool has no matmul kernels in PyTorch; its message names the CPU kernel it reached. */
function checkNotBool(dtype: DType, kernel: string, empty: boolean): void {
  if (dtype === "bool" && !empty) throw new TypeError(`"${kernel}" not implemented for 'Bool'`);
}

/** A new tensor of `shape` written by `run`, or zeros when the product is an empty sum (k = 0). */
function product(shape: readonly number[], dtype: DType, k: number, run: (out: Tensor) => void): Tensor {
  return k === 0 ? filled(shape, 0, dtype) : filledBy(Tensor._empty(shape, dtype), run);
}

/** Matrix product of two 2-D tensors (MmBackward0). */
export function mm(input: Tensor, mat2: Tensor): Tensor {
  checkTensor(input, "mm", "input");
  checkTensor(mat2, "mm", "mat2");
  if (input.ndim !== 2) throw new RangeError("self must be a matrix");
  if (mat2.ndim !== 2) throw new RangeError("mat2 must be a matrix");
  const [m, k] = input.shape as [number, number];
  const [k2, n] = mat2.shape as [number, number];
  if (k !== k2) throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  checkSameDType(input, mat2);
  checkNotBool(input.dtype, "addmm_impl_cpu_", m * n === 0);
  const out = product([m, n], input.dtype, k, (o) => gemmInto(input, mat2, o, "mm"));
  return record("mm", out, [input, mat2]);
}

/** Batched matrix product of two 3-D tensors with the same batch size (BmmBackward0). */
export function bmm(input: Tensor, mat2: Tensor): Tensor {
  checkTensor(input, "bmm", "input");
  checkTensor(mat2, "bmm", "mat2");
  if (input.ndim !== 3) throw new RangeError("batch1 must be a 3D tensor");
  if (mat2.ndim !== 3) throw new RangeError("batch2 must be a 3D tensor");
  const [b, m, k] = input.shape as [number, number, number];
  const [b2, k2, n] = mat2.shape as [number, number, number];
  if (b2 !== b || k2 !== k) {
    throw new RangeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${b}, ${k}] but got: [${b2}, ${k2}].`,
    );
  }
  checkSameDType(input, mat2);
  checkNotBool(input.dtype, "bmm", b * m * n === 0);
  const out = product([b, m, n], input.dtype, k, (o) => gemmInto(input, mat2, o, "bmm"));
  return record("bmm", out, [input, mat2]);
}

/** Matrix-vector product (MvBackward0). */
export function mv(input: Tensor, vec: Tensor): Tensor {
  checkTensor(input, "mv", "input");
  checkTensor(vec, "mv", "vec");
  if (input.ndim !== 2 || vec.ndim !== 1) {
    throw new RangeError(`vector + matrix @ vector expected, got 1, ${input.ndim}, ${vec.ndim}`);
  }
  const [m, k] = input.shape as [number, number];
  if (vec.shape[0] !== k) throw new RangeError(`size mismatch, got ${m}, ${m}x${k},${vec.shape[0]}`);
  checkSameDType(input, vec);
  checkNotBool(input.dtype, "addmv_impl_cpu", m === 0);
  const out = product([m], input.dtype, k, (o) => gemvInto(input, vec, o, "mv"));
  return record("mv", out, [input, vec]);
}

/** Inner product of two 1-D tensors, a 0-d result (DotBackward0). */
export function dot(input: Tensor, other: Tensor): Tensor {
  checkTensor(input, "dot", "input");
  checkTensor(other, "dot", "tensor");
  if (input.ndim !== 1 || other.ndim !== 1) {
    throw new RangeError(`1D tensors expected, but got ${input.ndim}D and ${other.ndim}D tensors`);
  }
  if (input.dtype !== other.dtype) {
    throw new TypeError(
      `dot : expected both vectors to have same dtype, but found ${scalarTypeName[input.dtype]} and ${scalarTypeName[other.dtype]}`,
    );
  }
  const n = input.shape[0]!,
    n2 = other.shape[0]!;
  if (n !== n2) {
    throw new RangeError(
      `inconsistent tensor size, expected tensor [${n}] and src [${n2}] to have the same number of elements, but got ${n} and ${n2} elements respectively`,
    );
  }
  checkNotBool(input.dtype, "dot", false);
  const out = product([], input.dtype, n, (o) => dotInto(input, other, o, "dot"));
  return record("dot", out, [input, other]);
}

/** Outer product: PyTorch 1.13 computes it as input.reshape(n, 1) * vec2 (MulBackward0 over ReshapeAliasBackward0). */
export function outer(input: Tensor, vec2: Tensor): Tensor {
  checkTensor(input, "outer", "input");
  checkTensor(vec2, "outer", "vec2");
  if (input.ndim !== 1) throw new RangeError(`outer: Expected 1-D argument self, but got ${input.ndim}-D`);
  if (vec2.ndim !== 1) throw new RangeError(`outer: Expected 1-D argument vec2, but got ${vec2.ndim}-D`);
  return scoped(() => mul(reshape(input, [input.shape[0]!, 1]), vec2));
}

// ---- matmul ---------------------------------------------------------------------

/** A contiguous view with a new shape of a fresh result nobody else sees (at::_unsafe_view, UnsafeViewBackward0). */
export function unsafeView(input: Tensor, shape: readonly number[]): Tensor {
  return record("unsafeView", input._view(shape, contiguousStrides(shape), input._offset), [input], {
    shape: input.shape,
  });
}

/** squeeze_(dim) on a fresh result: recorded as the in-place squeeze (SqueezeBackward3). */
function squeezeInPlace(input: Tensor, dim: number): Tensor {
  const shape = input.shape.slice(),
    strides = input._strides.slice();
  shape.splice(dim, 1);
  strides.splice(dim, 1);
  return record("squeezeInPlace", input._view(shape, strides, input._offset), [input], { shape: input.shape, dim });
}

/**
 * Whether matmul folds the batch dims of `t` into the rows of one mm/mv
 * (PyTorch's should_fold): `t` is >= 3-D and the other operand 1-D or 2-D,
 * unless `t` is a batch of transposed matrices, which bmm handles without a copy.
 */
function shouldFold(t: Tensor, otherDim: number): boolean {
  if (t.ndim < 3 || (otherDim !== 1 && otherDim !== 2)) return false;
  const [s0, , s2] = t._strides;
  return !(t.ndim === 3 && otherDim === 2 && s2 !== 1 && s0 === t.shape[1]! * t.shape[2]!);
}

/**
 * torch.matmul: dot for 1-D · 1-D, mv for 2-D · 1-D, mm for 2-D · 2-D (a 1-D
 * left operand is a row that is removed afterwards), and for more dims either
 * one mm/mv over the folded batch or bmm over broadcast batch dims.
 */
export function matmul(input: Tensor, other: Tensor): Tensor {
  checkTensor(input, "matmul", "input");
  checkTensor(other, "matmul", "other");
  const d1 = input.ndim,
    d2 = other.ndim;
  if (d1 === 0 || d2 === 0) {
    throw new RangeError(`both arguments to matmul need to be at least 1D, but they are ${d1}D and ${d2}D`);
  }
  if (d1 === 1 && d2 === 1) return dot(input, other);
  if (d1 === 2 && d2 === 1) return mv(input, other);
  if (d1 === 2 && d2 === 2) return mm(input, other);
  // Intermediate handles are freed at the end (also when a check throws); the graph keeps what backward needs.
  return scoped(() => {
    if (d1 === 1 && d2 === 2) return squeezeInPlace(mm(unsqueeze(input, 0), other), 0);
    if (shouldFold(input, d2) || shouldFold(other, d1)) return foldedMatmul(input, other);
    return batchedMatmul(input, other);
  });
}

/** The batch of the >= 3-D operand folded into the rows of a single mm or mv. */
function foldedMatmul(input: Tensor, other: Tensor): Tensor {
  const d1 = input.ndim,
    d2 = other.ndim;
  // (A · B) = (B^T · A^T)^T: with the big operand on the right, fold its transpose.
  const flip = d2 > d1;
  const t1 = flip ? transpose(other, -2, -1) : input;
  const t2 = !flip ? other : d1 === 2 ? t(input) : input;
  const sizes1 = t1.shape;
  const outShape = sizes1.slice(0, -1);
  const folded = numelOf(outShape);
  const t1Folded = reshape(t1, [folded, sizes1[sizes1.length - 1]!]);
  if (t2.ndim === 2) {
    outShape.push(t2.shape[1]!);
    const product = mm(t1Folded, t2);
    const result = unsafeView(product, outShape);
    if (!flip) return result;
    const back = transpose(result, -2, -1);
    // When the transpose is contiguous already (PyTorch counts empty tensors as contiguous), it is the result.
    return back.numel() === 0 ? back : contiguous(back);
  }
  return unsafeView(mv(t1Folded, t2), outShape);
}

/** b1 x n x m1 times b2 x m2 x p: both expanded to the broadcast batch, flattened to 3-D, one bmm. */
function batchedMatmul(input: Tensor, other: Tensor): Tensor {
  const d1 = input.ndim,
    d2 = other.ndim;
  const n = d1 > 1 ? input.shape[d1 - 2]! : 1;
  const m1 = input.shape[d1 - 1]!;
  const m2 = d2 > 1 ? other.shape[d2 - 2]! : other.shape[0]!;
  const p = d2 > 1 ? other.shape[d2 - 1]! : 1;
  const batch = broadcastShapes(input.shape.slice(0, Math.max(d1 - 2, 0)), other.shape.slice(0, Math.max(d2 - 2, 0)));
  const batchSize = numelOf(batch);
  const lhs = reshape(expand(input, [...batch, n, m1]), [batchSize, n, m1]);
  const vectorRhs = d2 === 1;
  let rhs: Tensor;
  if (vectorRhs) {
    const flat = reshape(expand(other, [...batch, m2]), [batchSize, m2]);
    rhs = unsqueeze(flat, 2);
  } else {
    rhs = reshape(expand(other, [...batch, m2, p]), [batchSize, m2, p]);
  }
  const outShape = [...batch];
  if (d1 > 1) outShape.push(n);
  if (d2 > 1) outShape.push(p);
  let product = bmm(lhs, rhs);
  if (vectorRhs) product = squeezeInPlace(product, 2);
  return unsafeView(product, outShape);
}

declare module "../tensor.js" {
  interface Tensor {
    /**
     * Tensor.matmul: the matrix product of self and other, with PyTorch's 1-D,
     * 2-D and batched broadcasting rules (`@` in Python).
     */
    matmul(other: Tensor): Tensor;
    /** Tensor.mm: the matrix product of two 2-D tensors. */
    mm(mat2: Tensor): Tensor;
    /** Tensor.bmm: the batched matrix product of two 3-D tensors with the same batch size. */
    bmm(mat2: Tensor): Tensor;
    /** Tensor.mv: the product of a 2-D matrix and a 1-D vector. */
    mv(vec: Tensor): Tensor;
    /** Tensor.dot: the inner product of two 1-D tensors, as a 0-d tensor. */
    dot(other: Tensor): Tensor;
    /** Tensor.outer: the outer product of two 1-D tensors. */
    outer(vec2: Tensor): Tensor;
  }
}

addMethodsOf({ matmul, mm, bmm, mv, dot, outer });
