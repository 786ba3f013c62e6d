// Logic ops: any, all, the float predicates (isnan, isinf, isposinf,
// isneginf, isfinite, isreal), logical_and/or/xor/not, bitwise_and/or/xor/
// not and the shifts, isclose, allclose and equal. None is differentiable:
// results are bool or integer tensors (or JS booleans) without a grad_fn,
// as in PyTorch, and the in-place forms only bump the version counter.
//
// Logical ops and predicates run the compare kernels (a value is true when
// it is not 0; NaN is true; logical_and/or/xor are compare ops of their
// own); any/all reduce bools with the max/min kernels. Bitwise ops have
// their own int32/int64 kernels (assembly/exports/logic.ts); uint8, int8
// and int16 compute in int32 and wrap back (src/ops/wide.ts), bool runs
// the logical ops.

import { Tensor } from "../tensor.js";
import { addMethods, addMethodsOf } from "../methods.js";
import { scoped } from "../memory.js";
import { isFloating, itemSize, scalarTypeName, type DType } from "../dtype.js";
import { broadcastShapes, sameShape, showShape } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { noGrad } from "../autograd/gradMode.js";
import { pyType } from "../args.js";
import {
  assertNoInternalOverlap,
  castTo,
  checkCast,
  checkTensor,
  checkTensorLike,
  copyInto,
  filledBy,
  launch,
  resultTypeOf,
  toDType,
} from "./launch.js";
import { eq, ne, le, lt } from "./compare.js";
import { filled } from "./creation.js";
import { unaryForward } from "./unary.js";
import { add, mul, sub } from "./binary.js";
import { checkOptions, oneDim, reduceArgs, reducedDims, reduceInto, reduceNew } from "./reduce.js";
import { isNarrow, throughWide, wideOf, widened } from "./wide.js";

/** A required tensor argument; a JS number there gets PyTorch's "must be Tensor, not int". */
function tensorArg(v: unknown, op: string, arg: string, position: number): asserts v is Tensor {
  if (typeof v === "number" || typeof v === "boolean")
    throw new TypeError(`${op}(): argument '${arg}' (position ${position}) must be Tensor, not ${pyType(v)}`);
  checkTensor(v, op, arg);
}

/** `t` as bools (itself when it is bool): nonzero is true, NaN too. */
const truth = (t: Tensor): Tensor => (t.dtype === "bool" ? t : ne(t, 0));

// ---- predicates --------------------------------------------------------------------------------

type Predicate = "isnan" | "isinf" | "isposinf" | "isneginf" | "isfinite" | "isreal";

function predicate(op: Predicate, input: unknown): Tensor {
  checkTensor(input, op, "input");
  // Integers and bools are never NaN or infinite (and every real tensor is real).
  if (!isFloating(input.dtype) || op === "isreal")
    return filled(input.shape, op === "isfinite" || op === "isreal" ? 1 : 0, "bool");
  return scoped(() => {
    const x = widened(input).t;
    if (op === "isnan") return ne(x, x);
    if (op === "isposinf") return eq(x, Infinity);
    if (op === "isneginf") return eq(x, -Infinity);
    const a = unaryForward("abs", x, x.dtype);
    // |NaN| < inf is false, so isfinite needs no NaN test of its own.
    return op === "isinf" ? eq(a, Infinity) : lt(a, Infinity);
  });
}

/** torch.isnan: where `input` is NaN, as a bool tensor (all false for integers and bools). */
export const isnan = (input: Tensor): Tensor => predicate("isnan", input);
/** torch.isinf: where `input` is +inf or -inf, as a bool tensor. */
export const isinf = (input: Tensor): Tensor => predicate("isinf", input);
/** torch.isposinf: where `input` is +inf, as a bool tensor. */
export const isposinf = (input: Tensor): Tensor => predicate("isposinf", input);
/** torch.isneginf: where `input` is -inf, as a bool tensor. */
export const isneginf = (input: Tensor): Tensor => predicate("isneginf", input);
/** torch.isfinite: where `input` is neither NaN nor infinite, as a bool tensor (all true for integers and bools). */
export const isfinite = (input: Tensor): Tensor => predicate("isfinite", input);
/** torch.isreal: all true (torchlet has no complex dtypes), as a bool tensor of input's shape. */
export const isreal = (input: Tensor): Tensor => predicate("isreal", input);

// ---- logical ops --------------------------------------------------------------------------------

type Logical = "logical_and" | "logical_or" | "logical_xor";

/**
 * The bool result of a logical op of two tensors, broadcast, computed in
 * their promoted dtype: widened where it is narrow (nonzero stays nonzero),
 * and one-byte dtypes (bool, uint8, int8) read as bytes by the u8 kernel.
 */
function logicalOf(op: Logical, a: Tensor, b: Tensor): Tensor {
  // Two SIMD compares to bool cost less than a cast to the common dtype.
  if (a.dtype !== b.dtype && itemSize[a.dtype] + itemSize[b.dtype] > 2)
    return scoped(() => logicalOf(op, truth(a), truth(b)));
  const dtype = resultTypeOf([a, b]);
  const kernelDType: DType = itemSize[dtype] === 1 ? "bool" : wideOf(dtype);
  const fn = abi.kernel(op, kernelDType);
  return scoped(() => {
    const read = (t: Tensor): Tensor =>
      t.dtype === kernelDType || (kernelDType === "bool" && itemSize[t.dtype] === 1) ? t : castTo(t, kernelDType);
    const A = read(a),
      B = read(b);
    return filledBy(Tensor._empty(broadcastShapes(a.shape, b.shape), "bool"), (out) => launch(fn, out, [A, B], []));
  });
}

function logical(op: Logical, input: unknown, other: unknown): Tensor {
  tensorArg(input, op, "input", 1);
  tensorArg(other, op, "other", 2);
  return logicalOf(op, input, other);
}

/** The in-place frame: self's shape must hold the broadcast result, which is converted into self's dtype. */
function writeResult(self: Tensor, result: () => Tensor): Tensor {
  assertNoInternalOverlap(self);
  const r = result();
  try {
    checkInPlaceShape(self, r.shape);
    copyInto(self, r);
  } finally {
    r.dispose();
  }
  self._vc.value++;
  return self;
}

function checkInPlaceShape(self: Tensor, shape: readonly number[]): void {
  const b = broadcastShapes(self.shape, shape);
  if (!sameShape(b, self.shape))
    throw new RangeError(
      `output with shape ${showShape(self.shape)} doesn't match the broadcast shape ${showShape(b)}`,
    );
}

function logicalInPlace(op: Logical, self: Tensor, other: unknown): Tensor {
  checkTensor(self, `${op}_`, "self");
  tensorArg(other, `${op}_`, "other", 1);
  checkInPlaceShape(self, broadcastShapes(self.shape, other.shape));
  return writeResult(self, () => logicalOf(op, self, other));
}

function logicalNotOf(input: Tensor): Tensor {
  return eq(input, input.dtype === "bool" ? false : 0);
}

/** torch.logical_and: both nonzero, elementwise and broadcast, as a bool tensor (any dtypes; NaN counts as true). */
export const logicalAnd = (input: Tensor, other: Tensor): Tensor => logical("logical_and", input, other);
/** torch.logical_or: either nonzero, elementwise and broadcast, as a bool tensor. */
export const logicalOr = (input: Tensor, other: Tensor): Tensor => logical("logical_or", input, other);
/** torch.logical_xor: exactly one nonzero, elementwise and broadcast, as a bool tensor. */
export const logicalXor = (input: Tensor, other: Tensor): Tensor => logical("logical_xor", input, other);
/** torch.logical_not: where `input` is 0, as a bool tensor (NaN is not 0). */
export function logicalNot(input: Tensor): Tensor {
  tensorArg(input, "logical_not", "input", 1);
  return logicalNotOf(input);
}

// ---- bitwise ops --------------------------------------------------------------------------------

type Bitwise = "bitwise_and" | "bitwise_or" | "bitwise_xor" | "bitwise_left_shift" | "bitwise_right_shift";

/** The name PyTorch's "not implemented" message gives each op's CPU kernel. */
const cpuName: Record<Bitwise | "bitwise_not", string> = {
  bitwise_and: "bitwise_and_cpu",
  bitwise_or: "bitwise_or_cpu",
  bitwise_xor: "bitwise_xor_cpu",
  bitwise_left_shift: "lshift_cpu",
  bitwise_right_shift: "rshift_cpu",
  bitwise_not: "bitwise_not_cpu",
};

const logicalTwin: Partial<Record<Bitwise, Logical>> = {
  bitwise_and: "logical_and",
  bitwise_or: "logical_or",
  bitwise_xor: "logical_xor",
};

/** PyTorch's refusal of floats (and of bools for the shifts). */
function checkBitwiseDType(op: Bitwise | "bitwise_not", dtype: DType): void {
  const shift = op === "bitwise_left_shift" || op === "bitwise_right_shift";
  if (isFloating(dtype) || (shift && dtype === "bool"))
    throw new TypeError(`"${cpuName[op]}" not implemented for '${scalarTypeName[dtype]}'`);
}

/** Writes `a op b` (broadcast to out's shape, computed in out's dtype) into out. */
function bitwiseInto(op: Bitwise, out: Tensor, a: Tensor | number | boolean, b: Tensor | number | boolean): void {
  const dtype = out.dtype;
  checkBitwiseDType(op, dtype);
  const A = toDType(a, dtype);
  const B = toDType(b, dtype);
  try {
    if (dtype === "bool") {
      const r = logicalOf(logicalTwin[op]!, A.t, B.t);
      try {
        copyInto(out, r);
      } finally {
        r.dispose();
      }
    } else if (isNarrow(dtype)) {
      // The operands wrapped to the small dtype (a JS -1 is 255 in uint8), then widened exactly.
      const wa = widened(A.t),
        wb = widened(B.t);
      try {
        throughWide(out, (w) => launch(abi.kernel(op, w.dtype), w, [wa.t, wb.t], [0]));
      } finally {
        if (wa.owned) wa.t.dispose();
        if (wb.owned) wb.t.dispose();
      }
    } else launch(abi.kernel(op, dtype, cpuName[op]), out, [A.t, B.t], [0]);
  } finally {
    if (A.owned) A.t.dispose();
    if (B.owned) B.t.dispose();
  }
}

const shapeOf = (v: Tensor | number | boolean): readonly number[] => (v instanceof Tensor ? v.shape : []);

function bitwise(op: Bitwise, input: unknown, other: unknown): Tensor {
  checkTensorLike(input, op, "input");
  checkTensorLike(other, op, "other");
  if (!(input instanceof Tensor) && !(other instanceof Tensor))
    throw new TypeError(`${op}(): at least one of 'input' and 'other' must be a Tensor, but got two numbers`);
  const dtype = resultTypeOf([input, other]);
  checkBitwiseDType(op, dtype);
  const shape = broadcastShapes(shapeOf(input), shapeOf(other));
  return filledBy(Tensor._empty(shape, dtype), (out) => bitwiseInto(op, out, input, other));
}

function bitwiseInPlace(op: Bitwise, self: Tensor, other: unknown): Tensor {
  checkTensor(self, `${op}_`, "self");
  checkTensorLike(other, `${op}_`, "other");
  checkInPlaceShape(self, shapeOf(other));
  const dtype = resultTypeOf([self, other]);
  checkCast(dtype, self.dtype);
  checkBitwiseDType(op, dtype);
  return writeResult(self, () =>
    filledBy(Tensor._empty(self.shape, dtype), (out) => bitwiseInto(op, out, self, other)),
  );
}

function bitwiseNotOf(input: Tensor): Tensor {
  checkBitwiseDType("bitwise_not", input.dtype);
  if (input.dtype === "bool") return logicalNotOf(input);
  return unaryForward("bitwise_not", input, input.dtype, 0, 0, cpuName.bitwise_not);
}

/** torch.bitwise_and: `input & other` of integer or bool tensors (or JS numbers), broadcast, in their promoted dtype. */
export const bitwiseAnd = (input: Tensor | number, other: Tensor | number | boolean): Tensor =>
  bitwise("bitwise_and", input, other);
/** torch.bitwise_or: `input | other` of integer or bool tensors, broadcast. */
export const bitwiseOr = (input: Tensor | number, other: Tensor | number | boolean): Tensor =>
  bitwise("bitwise_or", input, other);
/** torch.bitwise_xor: `input ^ other` of integer or bool tensors, broadcast. */
export const bitwiseXor = (input: Tensor | number, other: Tensor | number | boolean): Tensor =>
  bitwise("bitwise_xor", input, other);
/**
 * torch.bitwise_left_shift: `input << other` of integer tensors, broadcast.
 * Counts are taken modulo the computing width (32, or 64 for int64), as
 * PyTorch 1.13's CPU kernels do.
 */
export const bitwiseLeftShift = (input: Tensor | number, other: Tensor | number): Tensor =>
  bitwise("bitwise_left_shift", input, other);
/** torch.bitwise_right_shift: `input >> other` of integer tensors (arithmetic for signed ones), broadcast. */
export const bitwiseRightShift = (input: Tensor | number, other: Tensor | number): Tensor =>
  bitwise("bitwise_right_shift", input, other);
/** torch.bitwise_not: `~input` of an integer tensor, logical not of a bool one. */
export function bitwiseNot(input: Tensor): Tensor {
  checkTensor(input, "bitwise_not", "input");
  return bitwiseNotOf(input);
}

// ---- any, all --------------------------------------------------------------------------------

function anyAll(kind: "any" | "all", input: unknown, args: readonly unknown[]): Tensor {
  checkTensor(input, kind, "input");
  const o = reduceArgs(args, kind);
  const whole = o.dim === undefined || o.dim === null;
  const dims = whole ? reducedDims(input, null) : oneDim(input, o.dim, kind);
  const keepdim = o.keepdim ?? false;
  // PyTorch 1.13 keeps uint8 for uint8 input; every other dtype gives bool.
  const dtype: DType = input.dtype === "uint8" ? "uint8" : "bool";
  const n = dims.reduce((acc, d) => acc * input.shape[d]!, 1);
  return scoped(() => {
    const b = truth(input);
    const r = reduceNew(b, dims, keepdim, "bool", (out) => {
      if (n === 0) launch(abi.kernel("fill", "bool"), out, [], [kind === "all" ? 1 : 0]);
      else reduceInto(kind === "any" ? "max" : "min", b, dims, { out }, kind);
    });
    return dtype === "bool" ? r : castTo(r, dtype);
  });
}

/** The call forms of any and all: `f(x)`, `f(x, dim, keepdim?)`, `f(x, dim, opts)`, `f(x, opts)`. */
export interface AnyAll {
  (input: Tensor, opts?: { dim?: number | null; keepdim?: boolean }): Tensor;
  (input: Tensor, dim: number | null, opts?: { keepdim?: boolean }): Tensor;
  (input: Tensor, dim: number | null, keepdim: boolean): Tensor;
}

/** The method forms of any and all: `x.f()`, `x.f(dim, keepdim?)`, `x.f(dim, opts)`, `x.f(opts)`. */
export interface AnyAllMethod {
  (opts?: { dim?: number | null; keepdim?: boolean }): Tensor;
  (dim: number | null, opts?: { keepdim?: boolean }): Tensor;
  (dim: number | null, keepdim: boolean): Tensor;
}

/**
 * torch.any: whether any element is nonzero (NaN counts), over everything
 * or along one `dim` (1.13 takes no list). bool, or uint8 for uint8 input
 * as in PyTorch 1.13; false over no elements.
 */
export const any: AnyAll = (input: Tensor, ...args: unknown[]): Tensor => anyAll("any", input, args);
/** torch.all: whether every element is nonzero, as torch.any; true over no elements. */
export const all: AnyAll = (input: Tensor, ...args: unknown[]): Tensor => anyAll("all", input, args);

// ---- isclose, allclose, equal ------------------------------------------------------------------

/** Keyword arguments of isclose and allclose. */
export interface IscloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Count NaN as equal to NaN (default false). */
  equalNan?: boolean;
}

/** C++'s spelling of a double in PyTorch's messages (-1, -0.5, nan). */
const cppDouble = (v: number): string => (Number.isNaN(v) ? "nan" : String(v));

function iscloseOf(fn: string, input: unknown, other: unknown, opts: unknown): Tensor {
  tensorArg(input, fn, "input", 1);
  tensorArg(other, fn, "other", 2);
  const o = checkOptions<IscloseOptions>(opts, fn, ["rtol", "atol", "equalNan"]);
  const rtol = o.rtol ?? 1e-5,
    atol = o.atol ?? 1e-8,
    equalNan = o.equalNan ?? false;
  if (typeof rtol !== "number")
    throw new TypeError(`${fn}(): argument 'rtol' must be a number, but got ${pyType(rtol)}`);
  if (typeof atol !== "number")
    throw new TypeError(`${fn}(): argument 'atol' must be a number, but got ${pyType(atol)}`);
  if (typeof equalNan !== "boolean")
    throw new TypeError(`${fn}(): argument 'equalNan' must be a boolean, but got ${pyType(equalNan)}`);
  if (input.dtype !== other.dtype)
    throw new TypeError(`${scalarTypeName[input.dtype]} did not match ${scalarTypeName[other.dtype]}`);
  if (!(rtol >= 0)) throw new RangeError(`rtol must be greater than or equal to zero, but got ${cppDouble(rtol)}`);
  if (!(atol >= 0)) throw new RangeError(`atol must be greater than or equal to zero, but got ${cppDouble(atol)}`);
  // PyTorch's formula, step for step: |self - other| <= atol + |rtol * other|, or equal
  // (NaN equal to NaN with equalNan).
  return noGrad(() =>
    scoped(() => {
      let close = eq(input, other);
      if (equalNan && isFloating(input.dtype))
        close = logicalOf("logical_or", close, logicalOf("logical_and", ne(input, input), ne(other, other)));
      if (rtol === 0 && atol === 0) return close;
      // PyTorch 1.13 compares integers and bools in the default float dtype (2^24 + 1 is close to 2^24).
      const self = isFloating(input.dtype) ? input : castTo(input, "float32");
      const that = isFloating(other.dtype) ? other : castTo(other, "float32");
      const scaled = mul(that, rtol);
      const allowed = add(unaryForward("abs", scaled, scaled.dtype), atol);
      const diff = sub(self, that);
      const actual = unaryForward("abs", diff, diff.dtype);
      return logicalOf("logical_or", close, logicalOf("logical_and", isfinite(actual), le(actual, allowed)));
    }),
  );
}

/**
 * torch.isclose: where |input - other| <= atol + rtol * |other| (or the
 * two are equal), broadcast, as a bool tensor. Both tensors must have the
 * same dtype, as in PyTorch.
 */
export const isclose = (input: Tensor, other: Tensor, opts?: IscloseOptions): Tensor =>
  iscloseOf("isclose", input, other, opts);

/** torch.allclose: whether isclose holds everywhere, as a JS boolean. */
export function allclose(input: Tensor, other: Tensor, opts?: IscloseOptions): boolean {
  const r = scoped(() => anyAll("all", iscloseOf("allclose", input, other, opts), []));
  try {
    return r.item() as boolean;
  } finally {
    r.dispose();
  }
}

/**
 * torch.equal: whether the two tensors have the same shape and equal
 * elements (compared after type promotion; NaN is not equal to NaN), as a
 * JS boolean.
 */
export function equal(input: Tensor, other: Tensor): boolean {
  tensorArg(input, "equal", "input", 1);
  tensorArg(other, "equal", "other", 2);
  if (!sameShape(input.shape, other.shape)) return false;
  if (input.numel() === 0) return true;
  const r = noGrad(() => scoped(() => anyAll("all", eq(input, other), [])));
  try {
    return r.item() as boolean;
  } finally {
    r.dispose();
  }
}

// ---- methods ---------------------------------------------------------------------------------

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.any: see torch.any. */
    any: AnyAllMethod;
    /** Tensor.all: see torch.all. */
    all: AnyAllMethod;
    /** Tensor.isnan: see torch.isnan. */
    isnan(): Tensor;
    /** Tensor.isinf: see torch.isinf. */
    isinf(): Tensor;
    /** Tensor.isposinf: see torch.isposinf. */
    isposinf(): Tensor;
    /** Tensor.isneginf: see torch.isneginf. */
    isneginf(): Tensor;
    /** Tensor.isfinite: see torch.isfinite. */
    isfinite(): Tensor;
    /** Tensor.isreal: see torch.isreal. */
    isreal(): Tensor;
    /** Tensor.logicalAnd: see torch.logical_and. */
    logicalAnd(other: Tensor): Tensor;
    /** Tensor.logicalAnd_: self = logical_and(self, other), as 0/1 in self's dtype; returns self. */
    logicalAnd_(other: Tensor): Tensor;
    /** Tensor.logicalOr: see torch.logical_or. */
    logicalOr(other: Tensor): Tensor;
    /** Tensor.logicalOr_: self = logical_or(self, other), as 0/1 in self's dtype; returns self. */
    logicalOr_(other: Tensor): Tensor;
    /** Tensor.logicalXor: see torch.logical_xor. */
    logicalXor(other: Tensor): Tensor;
    /** Tensor.logicalXor_: self = logical_xor(self, other), as 0/1 in self's dtype; returns self. */
    logicalXor_(other: Tensor): Tensor;
    /** Tensor.logicalNot: see torch.logical_not. */
    logicalNot(): Tensor;
    /** Tensor.logicalNot_: self = logical_not(self), as 0/1 in self's dtype; returns self. */
    logicalNot_(): Tensor;
    /** Tensor.bitwiseAnd: see torch.bitwise_and. */
    bitwiseAnd(other: Tensor | number | boolean): Tensor;
    /** Tensor.bitwiseAnd_: self &= other (the result must fit self's dtype); returns self. */
    bitwiseAnd_(other: Tensor | number | boolean): Tensor;
    /** Tensor.bitwiseOr: see torch.bitwise_or. */
    bitwiseOr(other: Tensor | number | boolean): Tensor;
    /** Tensor.bitwiseOr_: self |= other; returns self. */
    bitwiseOr_(other: Tensor | number | boolean): Tensor;
    /** Tensor.bitwiseXor: see torch.bitwise_xor. */
    bitwiseXor(other: Tensor | number | boolean): Tensor;
    /** Tensor.bitwiseXor_: self ^= other; returns self. */
    bitwiseXor_(other: Tensor | number | boolean): Tensor;
    /** Tensor.bitwiseLeftShift: see torch.bitwise_left_shift. */
    bitwiseLeftShift(other: Tensor | number): Tensor;
    /** Tensor.bitwiseLeftShift_: self <<= other; returns self. */
    bitwiseLeftShift_(other: Tensor | number): Tensor;
    /** Tensor.bitwiseRightShift: see torch.bitwise_right_shift. */
    bitwiseRightShift(other: Tensor | number): Tensor;
    /** Tensor.bitwiseRightShift_: self >>= other; returns self. */
    bitwiseRightShift_(other: Tensor | number): Tensor;
    /** Tensor.bitwiseNot: see torch.bitwise_not. */
    bitwiseNot(): Tensor;
    /** Tensor.bitwiseNot_: self = ~self; returns self. */
    bitwiseNot_(): Tensor;
    /** Tensor.isclose: see torch.isclose. */
    isclose(other: Tensor, opts?: IscloseOptions): Tensor;
    /** Tensor.allclose: see torch.allclose. */
    allclose(other: Tensor, opts?: IscloseOptions): boolean;
    /** Tensor.equal: see torch.equal. */
    equal(other: Tensor): boolean;
  }
}

addMethodsOf({ any, all, isnan, isinf, isposinf, isneginf, isfinite, isreal, isclose, allclose, equal });
addMethodsOf({ logicalAnd, logicalOr, logicalXor, logicalNot });
addMethodsOf({ bitwiseAnd, bitwiseOr, bitwiseXor, bitwiseLeftShift, bitwiseRightShift, bitwiseNot });

/** The in-place binary methods: each names its op. */
const inPlaceOps = {
  logicalAnd_: ["logical_and", logicalInPlace],
  logicalOr_: ["logical_or", logicalInPlace],
  logicalXor_: ["logical_xor", logicalInPlace],
  bitwiseAnd_: ["bitwise_and", bitwiseInPlace],
  bitwiseOr_: ["bitwise_or", bitwiseInPlace],
  bitwiseXor_: ["bitwise_xor", bitwiseInPlace],
  bitwiseLeftShift_: ["bitwise_left_shift", bitwiseInPlace],
  bitwiseRightShift_: ["bitwise_right_shift", bitwiseInPlace],
} as const;
addMethods(
  Object.fromEntries(
    Object.entries(inPlaceOps).map(([name, [op, write]]) => [
      name,
      function (this: Tensor, other: unknown) {
        return (write as (op: string, self: Tensor, other: unknown) => Tensor)(op, this, other);
      },
    ]),
  ) as Pick<Tensor, keyof typeof inPlaceOps>,
);
addMethods({
  logicalNot_() {
    checkTensor(this, "logical_not_", "self");
    return writeResult(this, () => logicalNotOf(this));
  },
  bitwiseNot_() {
    checkTensor(this, "bitwise_not_", "self");
    checkBitwiseDType("bitwise_not", this.dtype);
    return writeResult(this, () => bitwiseNotOf(this));
  },
});
