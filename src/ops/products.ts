// Products beyond matmul: addmm, addmv, baddbmm (beta * input + alpha *
// product), cross, tensordot and kron. The first four record their own
// nodes (PyTorch's grad_fn names); tensordot and kron are compositions, as
// in PyTorch.

import { Tensor } from "../tensor.js";
import { addMethodsOf } from "../methods.js";
import { normDim, showShape } from "../shape.js";
import { record } from "../autograd/function.js";
import type { OpName } from "../autograd/registry.js";
import { noGrad } from "../autograd/gradMode.js";
import { scoped } from "../memory.js";
import { castTo, checkTensor } from "./launch.js";
import { add, mul, pow, sub } from "./binary.js";
import { abs, sqrt } from "./unary.js";
import { sum } from "./reduce.js";
import { amax } from "./extrema.js";
import { ne } from "./compare.js";
import { isFloating, messageTypeName } from "../dtype.js";
import { bmm, mm, mv, unsafeView } from "./linalg.js";
import { expand, permute, reshape, select, unsqueeze } from "./views.js";
import { stack } from "./movement.js";
import { broadcastShapes } from "../shape.js";
import { checkOptionsObject } from "../args.js";

/** Options of addmm, addmv and baddbmm: out = beta * input + alpha * product. */
export interface ScaleOptions {
  /** The factor of input (default 1; 0 ignores it, NaN included). */
  beta?: number;
  /** The factor of the product (default 1). */
  alpha?: number;
}

function scales(fn: string, opts: unknown): { beta: number; alpha: number } {
  const o = checkOptionsObject<ScaleOptions>(opts, fn, ["beta", "alpha"]);
  for (const k of ["beta", "alpha"] as const)
    if (o[k] !== undefined && typeof o[k] !== "number")
      throw new TypeError(`${fn}(): argument '${k}' must be Number, not ${typeof o[k]}`);
  return { beta: o.beta ?? 1, alpha: o.alpha ?? 1 };
}

/** beta * input + alpha * product, without a graph; beta 0 ignores input (NaN included), as PyTorch. */
function scaledSum(
  input: Tensor,
  product: () => Tensor,
  beta: number,
  alpha: number,
  shape: readonly number[],
): Tensor {
  return noGrad(() =>
    scoped(() => {
      const p = alpha === 1 ? product() : mul(product(), alpha);
      if (beta === 0) return expand(p, shape).contiguous();
      const b = beta === 1 ? input : mul(input, beta);
      return add(b, p);
    }),
  );
}

/** PyTorch's expand check of input against the product's shape. */
function checkBroadcast(input: Tensor, shape: readonly number[]): void {
  const lead = shape.length - input.shape.length;
  const bad = lead < 0 ? -1 : input.shape.findIndex((s, k) => s !== 1 && s !== shape[lead + k]);
  if (lead < 0 || bad >= 0)
    throw new RangeError(
      `The expanded size of the tensor (${shape[lead + bad]}) must match the existing size (${input.shape[bad]}) at non-singleton dimension ${lead + bad}.  Target sizes: ${showShape(shape)}.  Tensor sizes: ${showShape(input.shape)}`,
    );
}

/**
 * One of addmm, addmv, baddbmm: beta * input + alpha * product(a, b), its
 * operands' names, and `shape`, which checks them and gives the product's shape.
 */
interface ScaledProduct {
  fn: string;
  op: OpName;
  names: readonly [string, string];
  shape: (a: Tensor, b: Tensor, input: Tensor) => number[];
  product: (a: Tensor, b: Tensor) => Tensor;
}

/** Runs `spec`: the arguments checked, input broadcast to the product's shape, recorded as its op. */
function addScaled(spec: ScaledProduct, input: Tensor, a: Tensor, b: Tensor, opts: ScaleOptions | undefined): Tensor {
  checkTensor(input, spec.fn, "input");
  checkTensor(a, spec.fn, spec.names[0]);
  checkTensor(b, spec.fn, spec.names[1]);
  const { beta, alpha } = scales(spec.fn, opts);
  const shape = spec.shape(a, b, input);
  checkBroadcast(input, shape);
  const out = scaledSum(input, () => spec.product(a, b), beta, alpha, shape);
  return record(spec.op, out, [input, a, b], { beta, alpha });
}

function mmShape(mat1: Tensor, mat2: Tensor): number[] {
  if (mat1.shape.length !== 2) throw new RangeError(`mat1 must be a matrix, got ${mat1.shape.length}-D tensor`);
  if (mat2.shape.length !== 2) throw new RangeError(`mat2 must be a matrix, got ${mat2.shape.length}-D tensor`);
  if (mat1.shape[1] !== mat2.shape[0])
    throw new RangeError(
      `mat1 and mat2 shapes cannot be multiplied (${mat1.shape[0]}x${mat1.shape[1]} and ${mat2.shape[0]}x${mat2.shape[1]})`,
    );
  return [mat1.shape[0]!, mat2.shape[1]!];
}

function mvShape(mat: Tensor, vec: Tensor, input: Tensor): number[] {
  if (mat.shape.length !== 2 || vec.shape.length !== 1 || mat.shape[1] !== vec.shape[0])
    throw new RangeError(`size mismatch, got ${input.shape[0] ?? ""}, ${mat.shape.join("x")},${vec.shape.join("x")}`);
  return [mat.shape[0]!];
}

function bmmShape(batch1: Tensor, batch2: Tensor): number[] {
  if (batch1.shape.length !== 3) throw new RangeError("batch1 must be a 3D tensor");
  if (batch2.shape.length !== 3) throw new RangeError("batch2 must be a 3D tensor");
  const [bs, , k] = batch1.shape as [number, number, number];
  if (batch2.shape[0] !== bs || batch2.shape[1] !== k)
    throw new RangeError(
      `Expected size for first two dimensions of batch2 tensor to be: [${bs}, ${k}] but got: [${batch2.shape[0]}, ${batch2.shape[1]}].`,
    );
  return [bs, batch1.shape[1]!, batch2.shape[2]!];
}

const ADDMM: ScaledProduct = { fn: "addmm", op: "addmmScaled", names: ["mat1", "mat2"], shape: mmShape, product: mm };
const ADDMV: ScaledProduct = { fn: "addmv", op: "addmv", names: ["mat", "vec"], shape: mvShape, product: mv };
const BADDBMM: ScaledProduct = {
  fn: "baddbmm",
  op: "baddbmm",
  names: ["batch1", "batch2"],
  shape: bmmShape,
  product: bmm,
};

/** torch.addmm: beta * input + alpha * (mat1 @ mat2), input broadcast to the result (AddmmBackward0). */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, opts?: ScaleOptions): Tensor {
  return addScaled(ADDMM, input, mat1, mat2, opts);
}

/** torch.addmv: beta * input + alpha * (mat @ vec) (AddmvBackward0). */
export function addmv(input: Tensor, mat: Tensor, vec: Tensor, opts?: ScaleOptions): Tensor {
  return addScaled(ADDMV, input, mat, vec, opts);
}

/** torch.baddbmm: beta * input + alpha * (batch1 @ batch2), batched (BaddbmmBackward0). */
export function baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, opts?: ScaleOptions): Tensor {
  return addScaled(BADDBMM, input, batch1, batch2, opts);
}

/** The cross product along `dim` of broadcast operands, without a graph. */
export function crossOf(a: Tensor, b: Tensor, dim: number): Tensor {
  return noGrad(() =>
    scoped(() => {
      const shape = broadcastShapes(a.shape, b.shape);
      const A = expand(a, shape),
        B = expand(b, shape);
      const c = (t: Tensor, i: number): Tensor => select(t, dim, i);
      return stack(
        [
          sub(mul(c(A, 1), c(B, 2)), mul(c(A, 2), c(B, 1))),
          sub(mul(c(A, 2), c(B, 0)), mul(c(A, 0), c(B, 2))),
          sub(mul(c(A, 0), c(B, 1)), mul(c(A, 1), c(B, 0))),
        ],
        dim,
      );
    }),
  );
}

/**
 * torch.cross: the cross product of 3-vectors along `dim` (default: the
 * first dim of size 3, as torch.cross; linalg.cross uses -1), operands
 * broadcast (LinalgCrossBackward0).
 */
export function cross(input: Tensor, other: Tensor, opts: { dim?: number } = {}): Tensor {
  checkTensor(input, "cross", "input");
  checkTensor(other, "cross", "other");
  const o = checkOptionsObject<{ dim?: number }>(opts, "cross", ["dim"]);
  const shape = broadcastShapes(input.shape, other.shape);
  let d: number;
  if (o.dim === undefined) {
    d = input.shape.findIndex((s) => s === 3);
    if (d < 0) throw new RangeError("no dimension of size 3 in input");
  } else d = normDim(o.dim, shape.length);
  if (input.shape[d] !== 3 || other.shape[d] !== 3)
    throw new RangeError(
      `linalg.cross: inputs dimension ${d} must have length 3. Got ${input.shape[d]} and ${other.shape[d]}`,
    );
  return record("cross", crossOf(input, other, d), [input, other], { dim: d });
}

/**
 * torch.tensordot: sums of products over dims `dims` ([dimsA, dimsB], or a
 * count n: the last n of a with the first n of b), as a matrix product of
 * the permuted, flattened operands.
 */
export function tensordot(
  a: Tensor,
  b: Tensor,
  dims: number | readonly [readonly number[], readonly number[]] = 2,
): Tensor {
  checkTensor(a, "tensordot", "a");
  checkTensor(b, "tensordot", "b");
  let da: number[], db: number[];
  if (typeof dims === "number") {
    if (!Number.isInteger(dims) || dims < 0) throw new RangeError("tensordot expects dims >= 0, but got dims=" + dims);
    if (dims > a.shape.length || dims > b.shape.length)
      throw new RangeError("tensordot expects dims < ndim_a or ndim_b, but got dims=" + dims);
    da = Array.from({ length: dims }, (_, i) => a.shape.length - dims + i);
    db = Array.from({ length: dims }, (_, i) => i);
  } else {
    if (!Array.isArray(dims) || dims.length !== 2 || !Array.isArray(dims[0]) || !Array.isArray(dims[1]))
      throw new TypeError("tensordot(): argument 'dims' must be an int or a pair of lists of ints");
    da = dims[0].map((d) => normDim(d, a.shape.length));
    db = dims[1].map((d) => normDim(d, b.shape.length));
  }
  if (da.length !== db.length) throw new RangeError("both dimension lists should have same length");
  da.forEach((d, i) => {
    if (a.shape[d] !== b.shape[db[i]!])
      throw new RangeError(
        `contracted dimensions need to match, but first has size ${a.shape[d]} in dim ${d} and second has size ${b.shape[db[i]!]} in dim ${db[i]}`,
      );
  });
  const freeA = a.shape.map((_, d) => d).filter((d) => !da.includes(d));
  const freeB = b.shape.map((_, d) => d).filter((d) => !db.includes(d));
  const size = (t: Tensor, ds: number[]): number => ds.reduce((acc, d) => acc * t.shape[d]!, 1);
  return scoped(() => {
    const A = reshape(permute(a, [...freeA, ...da]), [size(a, freeA), size(a, da)]);
    const B = reshape(permute(b, [...db, ...freeB]), [size(b, db), size(b, freeB)]);
    return reshape(mm(A, B), [...freeA.map((d) => a.shape[d]!), ...freeB.map((d) => b.shape[d]!)]);
  });
}

/** torch.kron: the Kronecker product (UnsafeViewBackward0, as PyTorch composes it). */
export function kron(a: Tensor, b: Tensor): Tensor {
  checkTensor(a, "kron", "input");
  checkTensor(b, "kron", "other");
  const nd = Math.max(a.shape.length, b.shape.length);
  const pad = (t: Tensor): number[] => [...new Array<number>(nd - t.shape.length).fill(1), ...t.shape];
  const sa = pad(a),
    sb = pad(b);
  return scoped(() => {
    // a as [a0, 1, a1, 1, ...] times b as [1, b0, 1, b1, ...], then each pair of dims merged.
    let A = reshape(a, sa);
    let B = reshape(b, sb);
    for (let d = nd - 1; d >= 0; d--) {
      A = unsqueeze(A, d + 1);
      B = unsqueeze(B, d);
    }
    const p = mul(A, B).contiguous();
    return unsafeView(
      p,
      sa.map((s, d) => s * sb[d]!),
    );
  });
}

/** The p-norm distances of every row of x1 to every row of x2 ([..., P, R]), without a graph. */
function pairwise(x1: Tensor, x2: Tensor, p: number): Tensor {
  return noGrad(() =>
    scoped(() => {
      const d = abs(sub(unsqueeze(x1, -2), unsqueeze(x2, -3)));
      if (p === 2) return sqrt(sum(mul(d, d), { dim: -1 }));
      if (p === 1) return sum(d, { dim: -1 });
      if (p === Infinity) return amax(d, { dim: -1 });
      if (p === 0) return sum(castTo(ne(d, 0), x1.dtype), { dim: -1 });
      return pow(sum(pow(d, p), { dim: -1 }), 1 / p);
    }),
  );
}

/**
 * torch.cdist: the p-norm distance (default p = 2; p >= 0, Infinity
 * allowed) between each row of x1 [..., P, M] and each of x2 [..., R, M],
 * batch dims broadcast (CdistBackward0). Always the direct formula (PyTorch
 * switches to a matmul form for p = 2 past 25 rows, with other rounding).
 */
export function cdist(x1: Tensor, x2: Tensor, opts: { p?: number } = {}): Tensor {
  checkTensor(x1, "cdist", "x1");
  checkTensor(x2, "cdist", "x2");
  const o = checkOptionsObject<{ p?: number }>(opts, "cdist", ["p"]);
  const p = o.p ?? 2;
  if (typeof p !== "number" || Number.isNaN(p))
    throw new TypeError(`cdist(): argument 'p' must be float, not ${typeof p}`);
  if (x1.shape.length < 2) throw new RangeError(`cdist only supports at least 2D tensors, X1 got: ${x1.shape.length}D`);
  if (x2.shape.length < 2) throw new RangeError(`cdist only supports at least 2D tensors, X2 got: ${x2.shape.length}D`);
  const m1 = x1.shape[x1.shape.length - 1]!,
    m2 = x2.shape[x2.shape.length - 1]!;
  if (m1 !== m2) throw new RangeError(`X1 and X2 must have the same number of columns. X1: ${m1} X2: ${m2}`);
  // PyTorch checks the dtypes before p, X1's first, naming them as C++ does ('Long').
  for (const [name, x] of [["X1", x1] as const, ["X2", x2] as const])
    if (!isFloating(x.dtype))
      throw new TypeError(`cdist only supports floating-point dtypes, ${name} got: ${messageTypeName[x.dtype]}`);
  if (p < 0) throw new RangeError("cdist only supports non-negative p values");
  return record("cdist", pairwise(x1, x2, p), [x1, x2], { p });
}

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.addmm: see torch.addmm. */
    addmm(mat1: Tensor, mat2: Tensor, opts?: ScaleOptions): Tensor;
    /** Tensor.addmv: see torch.addmv. */
    addmv(mat: Tensor, vec: Tensor, opts?: ScaleOptions): Tensor;
    /** Tensor.baddbmm: see torch.baddbmm. */
    baddbmm(batch1: Tensor, batch2: Tensor, opts?: ScaleOptions): Tensor;
    /** Tensor.cross: see torch.cross. */
    cross(other: Tensor, opts?: { dim?: number }): Tensor;
    /** Tensor.kron: see torch.kron. */
    kron(other: Tensor): Tensor;
  }
}

addMethodsOf({ addmm, addmv, baddbmm, cross, kron });
