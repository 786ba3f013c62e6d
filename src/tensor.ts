// Tensor: a handle to wasm storage (refcounted, shared by views) plus shape,
// strides, storage offset and dtype, and the autograd fields. Ops are added to
// the prototype by the files under src/ops/ (each declares its methods by
// augmenting this class's interface), so this file holds only what every op
// needs.

import type { DType, AnyTypedArray } from "./dtype.js";
import { isFloating, itemSize, torchName } from "./dtype.js";
import { checkNumel, contiguousStrides, isContiguous, numelOf, showShape, normDim, type Shape } from "./shape.js";
import {
  Storage,
  allocStorage,
  countTensor,
  releaseRecord,
  track,
  watch,
  unwatch,
  loosen,
  tighten,
  type HandleRecord,
} from "./memory.js";
import * as abi from "./wasm/abi.js";
import { readNumbers } from "./half.js";
import type { Node } from "./autograd/node.js";
import type { ViewBase, ViewOf } from "./autograd/viewTracking.js";
import { formatTensor } from "./print.js";

/** Shared by a tensor and its views; bumped by every in-place op. */
export interface VersionCounter {
  value: number;
}

/** A tensor hook (Tensor.registerHook): called with the gradient; a returned tensor replaces it. */
export type Hook = (grad: Tensor) => Tensor | void | undefined;

/**
 * torch.Tensor: an n-dimensional array of one dtype in wasm memory, with
 * autograd. Made by the creation functions (`tensor`, `zeros`, `fromArray`,
 * ...), never with `new`; methods are camelCase (`indexSelect` for
 * index_select) and keyword arguments go in a trailing options object. Free it
 * with `dispose()` or `tidy`, see the README.
 */
export class Tensor {
  /** @internal */ _st: Storage;
  /** Tensor.shape: the size of each dim (torch.Size as a read-only array). */
  readonly shape: readonly number[];
  /** @internal strides in elements */ _strides: readonly number[];
  /** @internal storage offset in elements */ _offset: number;
  /**
   * Tensor.dtype: the element type, a string ("float32", "float64", "int64",
   * "int32" or "bool") where PyTorch has torch.float32.
   */
  readonly dtype: DType;
  /** @internal */ _vc: VersionCounter;
  /** @internal leaf flag set by the user */ _requiresGrad = false;
  /** @internal */ _grad: Tensor | null = null;
  /** @internal the grad_fn as set; read it through `_gradFn` (a stale view's is regenerated) */ _fn: Node | null =
    null;
  /** @internal which output of its grad_fn this tensor is */ _outputNr = 0;
  /** @internal */ _retainsGrad = false;
  /** @internal */ _hooks: Hook[] | null = null;
  /** @internal the AccumulateGrad node of a leaf, made on first use; reached only while _requiresGrad is set (edgeOf) */ _accumulator: Node | null =
    null;
  /** @internal owned by something that outlives tidy scopes */ _owned = false;
  /** @internal */ _disposed = false;
  /** @internal what the finalizer releases */ _h: HandleRecord;
  /** @internal registered with the FinalizationRegistry (see track in memory.ts) */ _watched = false;
  /** @internal a view made by a view op: its base and geometry (src/autograd/viewTracking.ts) */ _viewOf: ViewOf | null =
    null;
  /** @internal as a base: what its views know of it, made with the first view */ _viewBase: ViewBase | null = null;

  /** @internal Use the creation functions (torch.tensor, torch.zeros, ...). */
  constructor(
    st: Storage,
    shape: readonly number[],
    strides: readonly number[],
    offset: number,
    dtype: DType,
    vc?: VersionCounter,
  ) {
    // PyTorch's torch.Tensor(data) is a constructor; here it is internal, and a stray call must not make a broken handle.
    if (!(st instanceof Storage))
      throw new TypeError(
        "new Tensor() is internal: make tensors with torch.tensor(data), torch.zeros(size), torch.fromArray(values, shape), ...",
      );
    // Every tensor passes here (views and expand too), so no kernel ever sees 2^31 elements or more.
    checkNumel(shape);
    this._st = st;
    // Nothing a user can reach may alias geometry that kernels trust (PyTorch's torch.Size is immutable).
    // shape is frozen in place: every caller passes an array it made (public ops copy the sizes they are
    // given) or another tensor's frozen shape; a frozen copy made here cost 0.5 us more per tensor.
    // strides are copied in and handed out as frozen copies.
    this.shape = Object.freeze(shape as number[]);
    this._strides = strides.slice();
    this._offset = offset;
    this.dtype = dtype;
    this._vc = vc ?? { value: 0 };
    this._h = { storage: st, node: null, view: null, loose: false };
    countTensor(1);
    if (!track(this)) this._escape();
  }

  /** @internal A new contiguous tensor with uninitialised storage. */
  static _empty(shape: Shape, dtype: DType): Tensor {
    const n = checkNumel(shape);
    const st = allocStorage(n * itemSize[dtype]);
    return new Tensor(st, shape, contiguousStrides(shape), 0, dtype);
  }

  /** @internal A handle viewing this tensor's storage with new geometry (a view). */
  _view(shape: readonly number[], strides: readonly number[], offset: number): Tensor {
    this._check();
    // Made before the storage is retained: the constructor refuses geometry past MAX_NUMEL.
    const t = new Tensor(this._st, shape, strides, offset, this.dtype, this._vc);
    this._st.retain();
    return t;
  }

  /** @internal Throws when the handle cannot be used: disposed, or made by an earlier init(). */
  _check(): void {
    if (this._disposed) {
      throw new Error(
        `this tensor (shape ${showShape(this.shape)}, ${this.dtype}) was disposed and can no longer be used`,
      );
    }
    const r = abi.runtime();
    if (this._st.generation !== r.generation) {
      throw new Error(
        `this tensor belongs to an earlier torchlet instance (init generation ${this._st.generation}; ` +
          `the current one is ${r.generation}) and can no longer be used`,
      );
    }
  }

  /** @internal Byte address of element 0 (after the storage offset). */
  _addr(): number {
    this._check();
    return this._st.ptr + this._offset * itemSize[this.dtype];
  }

  /** Tensor.stride() as a read-only array: the step in elements between neighbours along each dim. */
  get strides(): readonly number[] {
    return Object.freeze(this._strides.slice());
  }

  /** Tensor.ndim: the number of dims. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Tensor.dim(): the number of dims. */
  dim(): number {
    return this.shape.length;
  }

  /** Tensor.numel(): the number of elements. */
  numel(): number {
    return numelOf(this.shape);
  }

  /** torch.Size as an array, or the size of one dim (negative allowed). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return this.shape.slice();
    if (this.shape.length === 0) throw new RangeError(`Dimension specified as ${dim} but tensor has no dimensions`);
    return this.shape[normDim(dim, this.shape.length)]!;
  }

  /** Tensor.stride(): the strides in elements as an array, or the stride of one dim (negative allowed). */
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this._strides.slice();
    return this._strides[normDim(dim, this.shape.length)]!;
  }

  /** Tensor.storage_offset(): where element 0 is in the storage, in elements. */
  storageOffset(): number {
    return this._offset;
  }

  /** Tensor.is_contiguous(): whether the elements are laid out in row-major order with no gaps. */
  isContiguous(): boolean {
    return isContiguous(this.shape, this._strides);
  }

  /** Whether `dispose()` freed this handle (torchlet only: PyTorch frees by reference counting). */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** The version counter PyTorch exposes as `_version`. */
  get _version(): number {
    return this._vc.value;
  }

  // ---- autograd fields (the engine in src/autograd/ gives them behaviour) ----

  /**
   * @internal The grad_fn. A view whose version changed since its grad_fn was
   * set (its base or another view of it was modified in place) gets a new
   * AsStridedBackward0 here, as PyTorch regenerates it on access.
   */
  get _gradFn(): Node | null {
    const v = this._viewOf;
    if (v !== null && v.version !== this._vc.value) return v.refresh(this);
    return this._fn;
  }

  /** @internal */
  set _gradFn(node: Node | null) {
    this._fn = node;
  }

  /** Tensor.grad_fn: the backward node that made this tensor, null for a leaf. */
  get gradFn(): Node | null {
    return this._gradFn;
  }

  /**
   * Tensor.is_leaf: true when the tensor has no grad_fn (made by the user, or
   * by an op under noGrad or on tensors not requiring grad).
   */
  get isLeaf(): boolean {
    return this._gradFn === null;
  }

  /** Tensor.requires_grad: whether gradients are recorded for this tensor; settable on leaves, as in PyTorch. */
  get requiresGrad(): boolean {
    // A view requires grad when its base does (PyTorch's DifferentiableViewMeta), even one made under noGrad
    // or before the base required grad: a leaf then, with no grad_fn and no accumulator of its own.
    return this._requiresGrad || this._fn !== null || (this._viewOf !== null && this._viewOf.base.requiresGrad());
  }

  set requiresGrad(flag: boolean) {
    this.requiresGrad_(flag);
  }

  /** Tensor.requires_grad_(): sets requiresGrad on a leaf (floating dtypes only), in place; returns self. */
  requiresGrad_(flag = true): this {
    this._check();
    if (typeof flag !== "boolean")
      throw new TypeError(`requiresGrad_(flag): flag must be a boolean, but got ${typeof flag}`);
    if (this._gradFn !== null) {
      if (flag) return this;
      throw new Error(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable " +
          "in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    if (flag && !isFloating(this.dtype)) {
      throw new TypeError(`only Tensors of floating point dtype can require gradients (got ${torchName[this.dtype]})`);
    }
    this._requiresGrad = flag;
    return this;
  }

  // ---- values out ----------------------------------------------------------

  /**
   * A typed-array copy of the values in row-major order: Float32Array,
   * Float64Array, BigInt64Array (int64, every value exact), Int32Array,
   * Int16Array, Int8Array, Uint8Array (uint8, and bool as 0/1 bytes), or
   * Uint16Array (float16 and bfloat16 as their raw bits, which
   * fromArray(bits, shape, { dtype }) takes back).
   */
  toArray(): AnyTypedArray {
    this._check();
    const n = this.numel();
    const out = new (arrayCtor(this.dtype))(n);
    if (n === 0) return out;
    if (isContiguous(this.shape, this._strides)) {
      out.set(abi.view(this.dtype, this._addr(), n) as never);
      return out;
    }
    const src = abi.view(this.dtype, this._st.ptr, this._st.nbytes / itemSize[this.dtype]);
    const shape = this.shape,
      strides = this._strides,
      nd = shape.length;
    const idx = new Array<number>(nd).fill(0);
    let off = this._offset;
    for (let i = 0; i < n; i++) {
      (out as Float64Array)[i] = src[off] as number;
      for (let d = nd - 1; d >= 0; d--) {
        if (++idx[d]! < shape[d]!) {
          off += strides[d]!;
          break;
        }
        off -= strides[d]! * (shape[d]! - 1);
        idx[d] = 0;
      }
    }
    return out;
  }

  /**
   * The value of a one-element tensor, like tensor.item(): a number, or a
   * boolean for bool tensors. An int64 value is a number when it is exact
   * (|v| <= 2^53); past that item() throws a RangeError (read such values
   * exactly with toArray(), a BigInt64Array). The type cannot see the dtype, so it is
   * `number` unless the caller says otherwise: `mask.item<boolean>()`, or a
   * boolean-typed target (`const ok: boolean = mask.item()`).
   */
  item<T extends number | boolean = number>(): T;
  item(): number | boolean {
    this._check();
    const n = this.numel();
    if (n !== 1) {
      throw new RangeError(`a Tensor with ${n} elements cannot be converted to Scalar`);
    }
    const raw = abi.view(this.dtype, this._addr(), 1) as AnyTypedArray;
    if (raw instanceof BigInt64Array) return exactNumber(raw[0]!, "item");
    const v = readNumbers(this.dtype, raw)[0]!;
    return this.dtype === "bool" ? v !== 0 : v;
  }

  /**
   * Nested arrays of numbers (booleans for bool tensors), like
   * tensor.tolist(). int64 values are numbers when exact (|v| <= 2^53);
   * past that tolist() throws a RangeError, as item() does.
   */
  tolist(): unknown {
    const raw = this.toArray();
    const flat =
      raw instanceof BigInt64Array ? Array.from(raw, (v) => exactNumber(v, "tolist")) : readNumbers(this.dtype, raw);
    const asBool = this.dtype === "bool";
    const shape = this.shape;
    let pos = 0;
    const build = (d: number): unknown => {
      if (d === shape.length) {
        const v = flat[pos++]!;
        return asBool ? v !== 0 : v;
      }
      const out: unknown[] = [];
      for (let i = 0; i < shape[d]!; i++) out.push(build(d + 1));
      return out;
    };
    return build(0);
  }

  /** PyTorch's printed form: `tensor([1., 2.], requires_grad=True)`. */
  toString(): string {
    if (this._disposed) return `tensor(<disposed>, shape=${showShape(this.shape)}, dtype=${this.dtype})`;
    return formatTensor({
      values: this.dtype === "int64" ? (this.toArray() as BigInt64Array) : readNumbers(this.dtype, this.toArray()),
      shape: this.shape,
      dtype: this.dtype,
      gradFn: this._gradFn === null ? null : this._gradFn._typeName,
      requiresGrad: this.requiresGrad,
    });
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /**
   * `String(t)` and template literals give the printed form; arithmetic
   * coercion (`t + 2`, `t * 1`, `+t`) would silently give a string or NaN,
   * so it throws as Python does for `"a" + tensor`.
   */
  [Symbol.toPrimitive](hint: "string" | "number" | "default"): string {
    if (hint === "string") return this.toString();
    throw new TypeError(
      "a Tensor cannot be converted to a JavaScript primitive: use t.add(2) (or torch.add(t, 2)) for arithmetic, " +
        "t.item() for the number in a one-element tensor, String(t) for its printed form",
    );
  }

  /** `JSON.stringify(t)` writes the nested list, as `t.tolist()`. */
  toJSON(): unknown {
    return this.tolist();
  }

  // ---- lifetime ------------------------------------------------------------

  /**
   * Frees this handle now. Storage shared with views is freed with the last
   * handle. A leaf's .grad goes with it. Disposing twice is harmless.
   */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this._viewBase?.baseDisposed(this);
    if (this._watched) unwatch(this);
    releaseRecord(this._h);
    this._gradFn = null;
    const g = this._grad;
    this._grad = null;
    if (g !== null && g._owned) g.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * @internal Marks this handle as owned (a grad, a parameter, state): tidy
   * leaves it alone. `watch` false is for owners that always free what they
   * own (a graph node its saved tensors, the engine its grads in flight), so
   * the FinalizationRegistry need not.
   */
  _own(watch = true): this {
    this._owned = true;
    tighten(this._h);
    if (watch) this._escape();
    return this;
  }

  /** @internal The handle may outlive every tidy scope: the FinalizationRegistry is now its safety net. */
  _escape(): void {
    if (this._disposed) return;
    if (!this._owned) loosen(this._h);
    if (this._watched) return;
    this._watched = true;
    watch(this, this._h);
  }
}

function arrayCtor(d: DType): new (n: number) => AnyTypedArray {
  if (d === "float32") return Float32Array;
  if (d === "float64") return Float64Array;
  if (d === "int64") return BigInt64Array;
  if (d === "int32") return Int32Array;
  if (d === "int16") return Int16Array;
  if (d === "int8") return Int8Array;
  if (d === "float16" || d === "bfloat16") return Uint16Array;
  return Uint8Array;
}

/** An int64 value as a JS number, or a RangeError when no number holds it exactly. */
function exactNumber(v: bigint, fn: string): number {
  if (v > 9007199254740992n || v < -9007199254740992n) {
    throw new RangeError(
      `${fn}(): the int64 value ${v} is beyond 2^53, where JavaScript numbers are not exact; read it with toArray() (a BigInt64Array)`,
    );
  }
  return Number(v);
}

/** Anything an op accepts where PyTorch accepts a tensor or a Python number. */
export type TensorLike = Tensor | number | boolean;
