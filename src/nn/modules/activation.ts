// Activation modules: thin wrappers over the functional forms.

import type { Tensor } from "../../tensor.js";
import { relu, sigmoid, tanh } from "../../ops/unary.js";
import { softmax, logSoftmax } from "../../ops/softmax.js";
import { Module } from "../module.js";
import { gelu, silu } from "../functional/activation.js";
import { checkOptionsObject, kindOf } from "../../args.js";

/** Softmax's dim: an integer, or absent (softmax() then asks for one, as PyTorch's implicit dim is deprecated). */
function checkDim(dim: unknown, fn: string): void {
  if (dim !== undefined && dim !== null && !(typeof dim === "number" && Number.isInteger(dim))) {
    throw new TypeError(
      `${fn}(): dim must be an integer, but got ${typeof dim === "string" ? `"${dim}"` : typeof dim === "number" ? dim : kindOf(dim)}`,
    );
  }
}

/** A module without options that applies one function (ReLU, Tanh, ...). */
export interface PointwiseModule extends Module {
  forward(input: Tensor): Tensor;
}

/** A module that applies one function along `dim` (Softmax, LogSoftmax). */
export interface AlongDimModule extends PointwiseModule {
  readonly dim: number;
}

/**
 * A module class without options that applies `fn`. Its name is set here, not
 * taken from the class: bundlers may rename classes, and the printed form uses it.
 */
export function pointwise(name: string, fn: (input: Tensor) => Tensor): new () => PointwiseModule {
  const cls = class extends Module {
    override forward(input: Tensor): Tensor {
      return fn(input);
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

/** A module class that applies `fn` along its `dim`. */
function alongDim(name: string, fn: (input: Tensor, dim: number) => Tensor): new (dim: number) => AlongDimModule {
  const cls = class extends Module {
    constructor(readonly dim: number) {
      super();
      checkDim(dim, name);
    }
    override forward(input: Tensor): Tensor {
      return fn(input, this.dim);
    }
    override extraRepr(): string {
      return `dim=${this.dim}`;
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

/** max(x, 0) elementwise. */
export const ReLU = pointwise("ReLU", relu);
export type ReLU = InstanceType<typeof ReLU>;

/** x * Phi(x), exact (approximate "none", the default) or with the tanh approximation. */
export class GELU extends Module {
  protected static override readonly _pyName: string = "GELU";
  /** "none" (exact, the default) or "tanh" (the tanh approximation). */
  readonly approximate: "none" | "tanh";
  constructor(opts: { approximate?: "none" | "tanh" } = {}) {
    super();
    this.approximate =
      checkOptionsObject<{ approximate: "none" | "tanh" }>(opts, "GELU", ["approximate"]).approximate ?? "none";
    if (this.approximate !== "none" && this.approximate !== "tanh")
      throw new RangeError("approximate argument must be either none or tanh.");
  }
  override forward(input: Tensor): Tensor {
    return gelu(input, { approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** x * sigmoid(x). */
export const SiLU = pointwise("SiLU", silu);
export type SiLU = InstanceType<typeof SiLU>;

/** tanh elementwise. */
export const Tanh = pointwise("Tanh", tanh);
export type Tanh = InstanceType<typeof Tanh>;

/** 1 / (1 + exp(-x)) elementwise. */
export const Sigmoid = pointwise("Sigmoid", sigmoid);
export type Sigmoid = InstanceType<typeof Sigmoid>;

/** softmax along `dim`. */
export const Softmax = alongDim("Softmax", softmax);
export type Softmax = InstanceType<typeof Softmax>;

/** log(softmax) along `dim`. */
export const LogSoftmax = alongDim("LogSoftmax", logSoftmax);
export type LogSoftmax = InstanceType<typeof LogSoftmax>;
