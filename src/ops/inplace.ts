// In-place ops: zero_, fill_, copy_, add_, sub_, mul_, div_, pow_, clamp_ and
// the unary ones (exp_, relu_, ...). Each follows PyTorch's order of checks:
// autograd first (check_inplace: views that may not be modified in place, a
// leaf, a view of a leaf), then shapes, then dtypes (the result must be
// castable to the destination), then memory overlap. The write bumps the
// version counter the tensor shares with its views and saved handles; with
// grad recording on, the tensor's grad_fn becomes the op's node, whose edge
// for `self` leads to the node that made the old value. When the tensor is a
// view, that node goes into a CopySlices that becomes its base's grad_fn
// (src/autograd/copySlices.ts), as in PyTorch.

import { checkNarrowSupport, isNarrow } from "./wide.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { addMethods, addMethodsOf } from "../methods.js";
import { cppTypeName, isFloating, messageTypeName, type DType } from "../dtype.js";
import { broadcastShapes, sameShape, showShape } from "../shape.js";
import * as abi from "../wasm/abi.js";
import { record } from "../autograd/function.js";
import { ruleOf, type OpName } from "../autograd/registry.js";
import { isGradEnabled } from "../autograd/gradMode.js";
import { rebaseHistory } from "../autograd/copySlices.js";
import { rebaseMessage } from "../autograd/viewTracking.js";
import {
  assertNoInternalOverlap,
  assertNoPartialOverlap,
  canCast,
  castTo,
  checkCast,
  checkTensor,
  checkTensorLike,
  copyInto,
  launch,
  mayAlias,
  resultTypeOf,
} from "./launch.js";
import {
  binaryInto,
  checkAlpha,
  checkRoundingMode,
  checkSubBool,
  powKernel,
  shapeOf,
  type AlphaOptions,
  type DivOptions,
} from "./binary.js";
import { clone, recomputesFar, unaryDType, unaryForward, unaryKernel, unarySpecs, type UnarySpec } from "./unary.js";
import { clampArgs, clampBounds, type ClampArgs } from "./clamp.js";
import { checkOptionsObject } from "../args.js";
import { fillValue } from "./creation.js";

/**
 * PyTorch's check_inplace, when autograd records (grad mode, and self or an
 * operand requires grad; a view requires grad when its base does): a view
 * made by an op returning several views or in no-grad mode may not be
 * modified in place, nor a leaf that requires grad, nor a view of one.
 */
function checkInplace(self: Tensor, others: readonly (Tensor | null)[]): void {
  if (!isGradEnabled()) return;
  const vo = self._viewOf;
  const selfGrad = self.requiresGrad || (vo !== null && vo.base.requiresGrad());
  if (!selfGrad && !others.some((t) => t !== null && t.requiresGrad)) return;
  if (vo !== null) {
    if (vo.creation !== "default") throw new Error(rebaseMessage(self, false));
    if (selfGrad && vo.base.isLeaf())
      throw new Error("a view of a leaf Variable that requires grad is being used in an in-place operation.");
  }
  if (selfGrad && self.isLeaf)
    throw new Error("a leaf Variable that requires grad is being used in an in-place operation.");
}

/** The operand broadcast to self's shape must not grow it (PyTorch's "output with shape ..." check). */
function checkShape(self: Tensor, other: readonly number[]): void {
  const b = broadcastShapes(self.shape, other);
  if (!sameShape(b, self.shape)) {
    throw new RangeError(
      `output with shape ${showShape(self.shape)} doesn't match the broadcast shape ${showShape(b)}`,
    );
  }
}

/** Whether the op records a node: grad mode, a floating destination, and something requiring grad. */
function recording(self: Tensor, others: readonly (Tensor | null)[]): boolean {
  return (
    isGradEnabled() && isFloating(self.dtype) && (self.requiresGrad || others.some((t) => t !== null && t.requiresGrad))
  );
}

/**
 * A copy of self's current values for a rule that needs them after the write
 * (PyTorch's original_self = self.clone(), recorded, so double backward
 * reaches what self was computed from).
 */
const original = (self: Tensor): Tensor => clone(self);

/** An operand safe to read while self is written: copied first when their memory may interleave. */
function readable(self: Tensor, v: TensorLike): { v: TensorLike; owned: boolean } {
  if (v instanceof Tensor && mayAlias(self, v)) return { v: castTo(v, v.dtype), owned: true };
  return { v, owned: false };
}

/**
 * The first checks of an in-place op with one operand, in PyTorch's order
 * (arguments, autograd, shapes); the operand if it is a tensor, else null.
 */
function checkOperand(fn: string, self: Tensor, other: TensorLike, name: string): Tensor | null {
  checkTensor(self, fn, "self");
  checkTensorLike(other, fn, name);
  const o = other instanceof Tensor ? other : null;
  checkInplace(self, [o]);
  checkShape(self, shapeOf(other));
  return o;
}

/**
 * Runs `write` with `other` safe to read while self is written (see
 * readable); on an error, frees `selfCopy`, the old self kept for the rule.
 */
function writeWith(self: Tensor, other: TensorLike, selfCopy: Tensor | null, write: (other: TensorLike) => void): void {
  const r = readable(self, other);
  try {
    write(r.v);
  } catch (e) {
    selfCopy?.dispose();
    throw e;
  } finally {
    if (r.owned) (r.v as Tensor).dispose();
  }
}

/** Runs `compute` into self, or into a temporary of `dtype` converted into self when the dtypes differ. */
function writeInto(self: Tensor, dtype: DType, compute: (out: Tensor) => void): void {
  if (dtype === self.dtype) {
    compute(self);
    return;
  }
  const tmp = Tensor._empty(self.shape, dtype);
  try {
    compute(tmp);
    copyInto(self, tmp);
  } finally {
    tmp.dispose();
  }
}

/**
 * Bumps the version and records the node. Rules that save their inputs
 * record first, so an input that is self itself was saved at the old
 * version (backward then fails as in PyTorch); rules that save the result
 * record after the bump. On a view, the node then goes into the base's
 * CopySlices.
 */
function commit(self: Tensor, rec: (() => void) | null, savesResult = false): Tensor {
  if (rec === null) {
    self._vc.value++;
    return self;
  }
  if (savesResult) self._vc.value++;
  const before = self._gradFn; // (regenerated first, if a stale view)
  rec();
  if (!savesResult) self._vc.value++;
  const fn = self._fn;
  if (self._viewOf !== null && fn !== null && fn !== before) rebaseHistory(self, fn);
  return self;
}

/** Records `op` on self (whose grad_fn becomes the node), then frees the handles only the node needs now. */
function recordOn(
  op: OpName,
  self: Tensor,
  inputs: readonly (TensorLike | null)[],
  saved: Record<string, unknown>,
  temps: readonly (Tensor | null)[] = [],
): void {
  try {
    record(op, self, inputs, saved);
  } finally {
    for (const t of temps) t?.dispose();
  }
}

/**
 * For in-place fills that do not read self (uniform_, normal_, bernoulli_):
 * the autograd checks before the write, and after it the version bump and,
 * when recording, `op`'s node (a zero gradient for the old value).
 */
export function inPlaceFill(self: Tensor, op: "uniform" | "normal" | "bernoulli", write: () => void): Tensor {
  checkInplace(self, []);
  write();
  return commit(self, recording(self, []) ? () => recordOn(op, self, [self], {}) : null);
}

/**
 * The frame of an in-place op written in another file (scatter_, index_add_,
 * ...): PyTorch's autograd and overlap checks, `write` into self, the version
 * bump and, when recording, `op`'s node on self with `inputs` (self first).
 * `saved` runs before the write (a rule that needs self's old values clones
 * them there); its tensors are the node's alone afterwards.
 */
export function inPlaceOp(
  self: Tensor,
  others: readonly (Tensor | null)[],
  write: () => void,
  op: OpName,
  inputs: readonly (TensorLike | null)[],
  saved: () => Record<string, unknown> = () => ({}),
  savesResult = false,
): Tensor {
  checkInplace(self, others);
  assertNoInternalOverlap(self);
  const rec = recording(self, others);
  const keep = rec ? saved() : {};
  const temps = Object.values(keep).filter((v): v is Tensor => v instanceof Tensor);
  try {
    write();
  } catch (e) {
    for (const t of temps) t.dispose();
    throw e;
  }
  return commit(self, rec ? () => recordOn(op, self, inputs, keep, temps) : null, savesResult);
}

// ---- fill, zero, copy ----------------------------------------------------------

function fillWith(self: Tensor, v: number): void {
  if (self.numel() > 0) launch(abi.kernel("fill", self.dtype), self, [], [v]);
}

/** Sets every element to 0 (ZeroBackward0). */
export function zero_(self: Tensor): Tensor {
  checkTensor(self, "zero_", "self");
  checkInplace(self, []);
  fillWith(self, 0);
  return commit(self, recording(self, []) ? () => recordOn("zero", self, [self], {}) : null);
}

/** Sets every element to `value`: a number or a 0-d tensor (FillBackward2 / FillBackward3). */
export function fill_(self: Tensor, value: TensorLike): Tensor {
  checkTensor(self, "fill_", "self");
  checkTensorLike(value, "fill_", "value");
  const vt = value instanceof Tensor ? value : null;
  if (vt !== null && vt.shape.length !== 0) {
    throw new RangeError(
      `fill_ only supports 0-dimension value tensor but got tensor with ${vt.shape.length} dimensions.`,
    );
  }
  checkInplace(self, [vt]);
  fillWith(self, fillValue(Number(vt === null ? value : vt.item()), self.dtype));
  if (!recording(self, [vt])) return commit(self, null);
  return commit(self, () =>
    vt === null ? recordOn("fill", self, [self], {}) : recordOn("fillTensor", self, [self, vt], {}),
  );
}

/** Copies `src` (broadcast to self's shape, converted to self's dtype) into self (CopyBackwards). */
export function copy_(self: Tensor, src: TensorLike): Tensor {
  const s = checkOperand("copy_", self, src, "src");
  assertNoInternalOverlap(self);
  if (s !== null) assertNoPartialOverlap(self, s);
  if (s === null) fillWith(self, Number(src));
  else {
    const r = readable(self, s);
    try {
      copyInto(self, r.v as Tensor);
    } finally {
      if (r.owned) (r.v as Tensor).dispose();
    }
  }
  return commit(self, recording(self, [s]) ? () => recordOn("copy", self, [self, s], {}) : null);
}

// ---- arithmetic ----------------------------------------------------------------

type Arith = "add" | "sub" | "mul" | "div";

/** self = self <op> other, computed in the op's result dtype and stored in self's. */
function arith_(kind: Arith, self: Tensor, other: TensorLike, alphaArg: unknown, divOpts?: DivOptions): Tensor {
  const name = `${kind}_`;
  const o = checkOperand(name, self, other, "other");
  if (kind === "sub") checkSubBool(self, other);
  const mode = kind === "div" ? checkRoundingMode(divOpts, "div_") : null;
  let dtype = resultTypeOf([self, other]);
  if (kind === "div" && mode === null && !isFloating(dtype)) dtype = "float32";
  checkCast(dtype, self.dtype);
  const alpha = kind === "add" || kind === "sub" ? checkAlpha(alphaArg, dtype, name) : 1;
  assertNoInternalOverlap(self);
  if (o !== null) assertNoPartialOverlap(self, o);

  const rec = recording(self, [o]);
  // mul and div need the old self for other's grad (PyTorch's original_self).
  const selfCopy = rec && (kind === "mul" || kind === "div") && o !== null && o.requiresGrad ? original(self) : null;
  const kernel = kind === "div" && mode !== null ? (mode === "trunc" ? "div_trunc" : "div_floor") : kind;
  // Kernels have no bool form: bool sums and products run in int32.
  writeWith(self, other, selfCopy, (v) =>
    writeInto(self, dtype === "bool" ? "int32" : dtype, (out) =>
      binaryInto(kernel, out, self, v, alpha, kind === "div" && mode !== null ? `div_${mode}_cpu` : kind),
    ),
  );
  if (!rec) return commit(self, null);
  return commit(self, () => {
    if (kind === "add" || kind === "sub") recordOn(kind, self, [self, o], { alpha });
    else if (kind === "mul") recordOn("mul", self, [self, other], { self: selfCopy }, [selfCopy]);
    else if (mode !== null) recordOn("divRounded", self, [self, o], {});
    else recordOn("div", self, [self, other], { self: selfCopy }, [selfCopy]);
  });
}

export const add_ = (self: Tensor, other: TensorLike, opts?: AlphaOptions): Tensor =>
  arith_("add", self, other, checkOptionsObject<AlphaOptions>(opts, "add_", ["alpha"]).alpha);
export const sub_ = (self: Tensor, other: TensorLike, opts?: AlphaOptions): Tensor =>
  arith_("sub", self, other, checkOptionsObject<AlphaOptions>(opts, "sub_", ["alpha"]).alpha);
export const mul_ = (self: Tensor, other: TensorLike): Tensor => arith_("mul", self, other, undefined);
export const div_ = (self: Tensor, other: TensorLike, opts?: DivOptions): Tensor =>
  arith_("div", self, other, undefined, opts);

/** self = self ** exponent (PowBackward0 for a number, PowBackward1 for a tensor). */
export function pow_(self: Tensor, exponent: TensorLike): Tensor {
  const e = checkOperand("pow_", self, exponent, "exponent");
  const dtype = resultTypeOf([self, exponent]);
  checkCast(dtype, self.dtype);
  if (e === null && !isFloating(dtype) && Number(exponent) < 0)
    throw new RangeError("Integers to negative integer powers are not allowed.");
  assertNoInternalOverlap(self);
  if (e !== null) assertNoPartialOverlap(self, e);
  const rec = recording(self, [e]);
  const selfCopy = rec ? original(self) : null;
  writeWith(self, exponent, selfCopy, (v) => {
    if (e === null && isFloating(dtype)) {
      const p = Number(exponent);
      launch(abi.kernel(powKernel(p), dtype, "pow"), self, [self], [p, 0]);
    } else writeInto(self, dtype, (out) => binaryInto("pow", out, self, v));
  });
  if (!rec) return commit(self, null);
  if (e === null)
    return commit(self, () =>
      recordOn("pow", self, [self], { self: selfCopy, exponent: Number(exponent) }, [selfCopy]),
    );
  return commit(self, () => recordOn("powTensor", self, [self, e], { self: selfCopy }, [selfCopy]), true);
}

/** Limits self's values to [min, max] in place (ClampBackward1); number bounds only. */
export function clamp_(self: Tensor, ...args: ClampArgs): Tensor {
  checkTensor(self, "clamp_", "self");
  const { min, max } = clampBounds(args, "clamp_");
  checkInplace(self, []);
  const { lo, hi, dtype, nanFill } = clampArgs(self, min, max, "clamp_");
  if (lo instanceof Tensor || hi instanceof Tensor)
    throw new TypeError("clamp_(): tensor bounds are not supported in place yet; use clamp()");
  if (!canCast(dtype, self.dtype)) {
    // PyTorch's clamp_ names the destination by its C++ type here (int64_t as "long int").
    const lower = self.dtype === "int64" ? "long int" : cppTypeName[self.dtype];
    throw new TypeError(`result type ${messageTypeName[dtype]} can't be cast to the desired output type ${lower}`);
  }
  checkNarrowSupport("clamp", self.dtype);
  assertNoInternalOverlap(self);
  const rec = recording(self, []);
  const selfCopy = rec ? original(self) : null;
  if (nanFill) fillWith(self, NaN);
  else if (isNarrow(self.dtype)) {
    // The small dtypes clamp in their wide dtype (unaryForward), then land in self.
    const r = unaryForward("clamp", self, self.dtype, lo ?? -Infinity, hi ?? Infinity);
    copyInto(self, r);
    r.dispose();
  } else launch(abi.kernel("clamp", self.dtype), self, [self], [lo ?? -Infinity, hi ?? Infinity]);
  return commit(
    self,
    rec ? () => recordOn("clamp", self, [self], { self: selfCopy, min: lo, max: hi }, [selfCopy]) : null,
  );
}

// ---- unary ---------------------------------------------------------------------

/** self = f(self) for a unary op (its result must fit self's dtype: exp_ of an int tensor is refused). */
function unary_(spec: UnarySpec, self: Tensor): Tensor {
  return unaryParam_(spec, self, 0, {});
}

/**
 * unary_ with the kernel's parameter `p` (polygamma's n, logit's eps) and
 * what the rule reads besides self (`extra`, saved as they are).
 */
export function unaryParam_(spec: UnarySpec, self: Tensor, p: number, extra: Record<string, unknown>): Tensor {
  checkTensor(self, `${spec.name}_`, "self");
  checkInplace(self, []);
  const dtype = unaryDType(spec, self.dtype);
  checkCast(dtype, self.dtype);
  assertNoInternalOverlap(self);
  const rec = recording(self, []);
  const op = spec.inplaceOp ?? spec.op;
  const save = ruleOf(op).save ?? {};
  const selfCopy = rec && "self" in save ? original(self) : null;
  const kernel = unaryKernel(spec, dtype);
  if (recomputesFar(kernel, dtype)) {
    // Out of place first: large arguments are recomputed from the input (see unaryForward).
    const tmp = unaryForward(kernel, self, dtype, p);
    copyInto(self, tmp);
    tmp.dispose();
  } else launch(abi.kernel(kernel, dtype, spec.torchOp ?? spec.name), self, [self], [p, 0]);
  if (!rec) return commit(self, null);
  return commit(
    self,
    () => recordOn(op, self, [self], "self" in save ? { self: selfCopy, ...extra } : extra, [selfCopy]),
    "result" in save,
  );
}

/** self = self * self (PowBackward0, as square). */
export function square_(self: Tensor): Tensor {
  return pow_(self, 2);
}

type UnaryName = keyof typeof unarySpecs;
const unaryNames = Object.keys(unarySpecs) as UnaryName[];

declare module "../tensor.js" {
  interface Tensor {
    /** Tensor.zero_: fills self with zeros, in place; returns self. */
    zero_(): Tensor;
    /** Tensor.fill_: fills self with `value` (a number or a 0-d tensor), in place; returns self. */
    fill_(value: TensorLike): Tensor;
    /**
     * Tensor.copy_: copies `src`'s values into self (broadcast, cast to self's
     * dtype), in place; returns self. No `non_blocking` option.
     */
    copy_(src: TensorLike): Tensor;
    /** Tensor.add_: self += alpha * other, in place; returns self. Keyword: `{ alpha }`. */
    add_(other: TensorLike, opts?: AlphaOptions): Tensor;
    /** Tensor.sub_: self -= alpha * other, in place; returns self. Keyword: `{ alpha }`. */
    sub_(other: TensorLike, opts?: AlphaOptions): Tensor;
    /** Tensor.mul_: self *= other, in place; returns self. */
    mul_(other: TensorLike): Tensor;
    /** Tensor.div_: self /= other, in place; `{ roundingMode: "trunc" | "floor" }` rounds. Returns self. */
    div_(other: TensorLike, opts?: DivOptions): Tensor;
    /** Tensor.pow_: self **= exponent, in place; returns self. */
    pow_(exponent: TensorLike): Tensor;
    /** Tensor.clamp_: in-place `torch.clamp` (min and max positional or in the options); returns self. */
    clamp_(...args: ClampArgs): Tensor;
    /** Tensor.square_: self *= self, in place; returns self. */
    square_(): Tensor;
    /** Tensor.neg_: in-place `torch.neg`; returns self. */
    neg_(): Tensor;
    /** Tensor.abs_: in-place `torch.abs`; returns self. */
    abs_(): Tensor;
    /** Tensor.sign_: in-place `torch.sign`; returns self. */
    sign_(): Tensor;
    /** Tensor.sqrt_: in-place `torch.sqrt` (a floating self only, as in PyTorch); returns self. */
    sqrt_(): Tensor;
    /** Tensor.rsqrt_: in-place `torch.rsqrt`; returns self. */
    rsqrt_(): Tensor;
    /** Tensor.exp_: in-place `torch.exp`; returns self. */
    exp_(): Tensor;
    /** Tensor.log_: in-place `torch.log`; returns self. */
    log_(): Tensor;
    /** Tensor.log1p_: in-place `torch.log1p`; returns self. */
    log1p_(): Tensor;
    /** Tensor.expm1_: in-place `torch.expm1`; returns self. */
    expm1_(): Tensor;
    /** Tensor.sin_: in-place `torch.sin`; returns self. */
    sin_(): Tensor;
    /** Tensor.cos_: in-place `torch.cos`; returns self. */
    cos_(): Tensor;
    /** Tensor.tanh_: in-place `torch.tanh`; returns self. */
    tanh_(): Tensor;
    /** Tensor.sigmoid_: in-place `torch.sigmoid`; returns self. */
    sigmoid_(): Tensor;
    /** Tensor.relu_: in-place `torch.relu`; returns self. */
    relu_(): Tensor;
    /** Tensor.reciprocal_: in-place `torch.reciprocal`; returns self. */
    reciprocal_(): Tensor;
    /** Tensor.floor_: in-place `torch.floor`; returns self. */
    floor_(): Tensor;
    /** Tensor.ceil_: in-place `torch.ceil`; returns self. */
    ceil_(): Tensor;
    /** Tensor.trunc_: in-place `torch.trunc`; returns self. */
    trunc_(): Tensor;
    /** Tensor.round_: in-place `torch.round`; returns self. */
    round_(): Tensor;
    /** Tensor.erf_: in-place `torch.erf`; returns self. */
    erf_(): Tensor;
  }
}

addMethodsOf({ zero_, fill_, copy_, add_, sub_, mul_, div_, pow_, clamp_, square_ });
addMethods(
  Object.fromEntries(
    unaryNames.map((name) => {
      const spec: UnarySpec = unarySpecs[name];
      return [
        `${name}_`,
        function (this: Tensor) {
          return unary_(spec, this);
        },
      ];
    }),
  ) as Pick<Tensor, `${UnaryName}_`>,
);

/**
 * An in-place op computed out of place (masked_fill_, tril_, triu_): the
 * autograd checks, self's shape against the operand's, `compute()` (self's
 * new values as a new tensor of its shape and dtype) copied into self, and,
 * when recording, `op`'s node on self with `inputs` (self first) and `saved`.
 */
export function inPlaceFrom(
  self: Tensor,
  operandShape: readonly number[],
  others: readonly (Tensor | null)[],
  compute: () => Tensor,
  op: OpName,
  inputs: readonly (TensorLike | null)[],
  saved: Record<string, unknown>,
): Tensor {
  checkInplace(self, others);
  checkShape(self, operandShape);
  assertNoInternalOverlap(self);
  const values = compute();
  try {
    copyInto(self, values);
  } finally {
    values.dispose();
  }
  return commit(self, recording(self, others) ? () => recordOn(op, self, inputs, saved) : null);
}
