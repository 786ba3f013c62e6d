// The autograd side of Tensor: backward, .grad, retainGrad, registerHook,
// detach, .data.

import { Tensor, type Hook } from "../tensor.js";
import { addMethods, addProperties } from "../methods.js";
import { sameShape, showShape } from "../shape.js";
import { runBackward } from "./engine.js";
import { accumulatorOf } from "./function.js";
import { checkLeaks, disown } from "../memory.js";
import { checkOptionsObject, optionalArgs } from "../args.js";

export interface BackwardOptions {
  retainGraph?: boolean;
  createGraph?: boolean;
  inputs?: Tensor | readonly Tensor[];
}

const backwardKeys = new Set(["retainGraph", "createGraph", "inputs"]);

function checkBackwardOptions(o: unknown): BackwardOptions {
  const opts = checkOptionsObject<BackwardOptions>(o, "backward", [...backwardKeys]);
  for (const k of ["retainGraph", "createGraph"] as const) {
    if (opts[k] !== undefined && typeof opts[k] !== "boolean")
      throw new TypeError(`backward(): ${k} must be a boolean`);
  }
  return opts;
}

let warnedNonLeafGrad = false;

declare module "../tensor.js" {
  interface Tensor {
    /**
     * Computes the gradient of this tensor w.r.t. the graph leaves and adds it
     * into their .grad. `gradient` is required unless this is a scalar.
     */
    backward(gradient?: Tensor | null, opts?: BackwardOptions): void;
    /** backward with the gradient among the options (PyTorch's keyword argument). */
    backward(opts: BackwardOptions & { gradient?: Tensor | null }): void;
    /** The accumulated gradient: null until a backward reaches this leaf (or a retainGrad() non-leaf). */
    grad: Tensor | null;
    /** Keep .grad for this non-leaf tensor during backward. */
    retainGrad(): void;
    /** Tensor.retains_grad: whether `retainGrad()` was called on this non-leaf tensor. */
    readonly retainsGrad: boolean;
    /** Calls `hook(grad)` when this tensor's gradient is computed; a returned tensor replaces it. */
    registerHook(hook: Hook): { remove(): void };
    /** A new tensor sharing storage, cut from the graph (requiresGrad false). */
    detach(): Tensor;
    /** Cuts this tensor from the graph in place. */
    detach_(): Tensor;
    /** The same storage without history; assigning copies the values' storage in. */
    data: Tensor;
  }
}

addMethods({
  backward(
    ...args: [gradient?: Tensor | null, opts?: BackwardOptions] | [opts: BackwardOptions & { gradient?: Tensor | null }]
  ): void {
    this._check();
    const { gradient, ...rest } = optionalArgs(args, "backward", ["gradient"], [...backwardKeys]);
    const o = checkBackwardOptions(rest);
    if (gradient !== undefined && gradient !== null && !(gradient instanceof Tensor)) {
      throw new TypeError(`backward(): gradient must be a Tensor or null, but got ${typeof gradient}`);
    }
    const only =
      o.inputs === undefined
        ? null
        : o.inputs instanceof Tensor
          ? [o.inputs]
          : Array.isArray(o.inputs)
            ? Array.from(o.inputs)
            : null;
    if ((o.inputs !== undefined && only === null) || (only !== null && only.some((t) => !(t instanceof Tensor)))) {
      throw new TypeError("backward(): inputs must be a Tensor or an array of Tensors");
    }
    if (only !== null && only.length === 0) throw new RangeError("'inputs' argument to backward() cannot be empty.");
    const createGraph = o.createGraph ?? false;
    checkLeaks();
    runBackward([this], [gradient ?? null], {
      retainGraph: o.retainGraph ?? createGraph,
      createGraph,
      capture: null,
      only,
      allowUnused: true,
    });
  },
  retainGrad(): void {
    this._check();
    if (!this.requiresGrad) throw new Error("can't retain_grad on Tensor that has requires_grad=False");
    if (this._gradFn === null || this._retainsGrad) return;
    this._retainsGrad = true;
    const node = this._gradFn;
    node._retain ??= new Map();
    node._retain.set(this._outputNr, this);
  },
  registerHook(hook: Hook) {
    this._check();
    if (typeof hook !== "function") throw new TypeError("registerHook(hook): hook must be a function");
    if (!this.requiresGrad) throw new Error("cannot register a hook on a tensor that doesn't require gradient");
    // A leaf's hooks live on its AccumulateGrad, made here if need be: a view made under noGrad requires grad
    // (through its base) but no op reaches that node until requiresGrad_(true), so its hooks wait until then.
    const fn = this._gradFn;
    const node = fn ?? accumulatorOf(this);
    const nr = fn !== null ? this._outputNr : 0;
    node._addHook(nr, hook);
    return {
      remove(): void {
        const list = node._hooks?.get(nr);
        if (list) {
          const i = list.indexOf(hook);
          if (i >= 0) list.splice(i, 1);
        }
      },
    };
  },
  detach(): Tensor {
    this._check();
    return this._view(this.shape, this._strides, this._offset);
  },
  detach_(): Tensor {
    this._check();
    if (this._viewOf !== null) {
      throw new Error(
        "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, " +
          "and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be " +
          "called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in " +
          "torch/optim/optimizer.py as the solution.",
      );
    }
    const node = this._gradFn;
    this._gradFn = null;
    this._requiresGrad = false;
    if (node !== null) {
      this._h.node = null;
      node.release();
    }
    return this;
  },
});

addProperties({
  grad: {
    get(): Tensor | null {
      if (this._grad === null && this._gradFn !== null && !this._retainsGrad && !warnedNonLeafGrad) {
        warnedNonLeafGrad = true;
        console.warn(
          "UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad " +
            "attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be " +
            "populated for a non-leaf Tensor, use .retainGrad() on the non-leaf Tensor.",
        );
      }
      return this._grad;
    },
    set(value: Tensor | null) {
      this._check();
      if (value !== null && !(value instanceof Tensor)) throw new TypeError("assigned grad must be a Tensor or null");
      if (value !== null) {
        value._check();
        if (value.dtype !== this.dtype)
          throw new TypeError(`assigned grad has data of a different type (${value.dtype}, expected ${this.dtype})`);
        if (!sameShape(value.shape, this.shape)) {
          throw new RangeError(
            `assigned grad has data of a different size (${showShape(value.shape)}, expected ${showShape(this.shape)})`,
          );
        }
      }
      const prev = this._grad;
      this._grad = value === null ? null : value._own();
      // The program may still hold the previous grad (`g = x.grad; x.grad = null`): release it to
      // the current tidy scope (or the GC) instead of disposing it.
      if (prev !== null && prev !== value) disown(prev);
    },
  },
  retainsGrad: {
    get() {
      return this._retainsGrad;
    },
  },
  data: {
    get(): Tensor {
      this._check();
      // Shares storage but not the version counter: in-place changes through .data are not tracked.
      const d = this._view(this.shape, this._strides, this._offset);
      d._vc = { value: 0 };
      return d;
    },
    set(value: Tensor) {
      this._check();
      if (!(value instanceof Tensor)) throw new TypeError("data must be set to a Tensor");
      value._check();
      if (value.dtype !== this.dtype)
        throw new TypeError(`data set to a tensor of dtype ${value.dtype}, expected ${this.dtype}`);
      value._st.retain();
      this._st.release();
      this._st = value._st;
      this._h.storage = value._st;
      (this as { shape: readonly number[] }).shape = value.shape;
      this._strides = value._strides.slice();
      this._offset = value._offset;
    },
  },
});
