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
    throw new TypeError(`${fn}(): dim must be an integer, but got ${typeof dim === "string" ? `"${dim}"` : typeof dim === "number" ? dim : kindOf(dim)}`);
  }
}

/** max(x, 0) elementwise. */
export class ReLU extends Module {
  override forward(input: Tensor): Tensor {
    return relu(input);
  }
  protected override _getName(): string {
    return "ReLU";
  }
}

/** x * Phi(x), exact (approximate "none", the default) or with the tanh approximation. */
export class GELU extends Module {
  readonly approximate: "none" | "tanh";
  constructor(opts: { approximate?: "none" | "tanh" } = {}) {
    super();
    this.approximate = checkOptionsObject<{ approximate: "none" | "tanh" }>(opts, "GELU", ["approximate"]).approximate ?? "none";
    if (this.approximate !== "none" && this.approximate !== "tanh") throw new RangeError("approximate argument must be either none or tanh.");
  }
  override forward(input: Tensor): Tensor {
    return gelu(input, { approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
  protected override _getName(): string {
    return "GELU";
  }
}

/** x * sigmoid(x). */
export class SiLU extends Module {
  override forward(input: Tensor): Tensor {
    return silu(input);
  }
  protected override _getName(): string {
    return "SiLU";
  }
}

/** tanh elementwise. */
export class Tanh extends Module {
  override forward(input: Tensor): Tensor {
    return tanh(input);
  }
  protected override _getName(): string {
    return "Tanh";
  }
}

/** 1 / (1 + exp(-x)) elementwise. */
export class Sigmoid extends Module {
  override forward(input: Tensor): Tensor {
    return sigmoid(input);
  }
  protected override _getName(): string {
    return "Sigmoid";
  }
}

/** softmax along `dim`. */
export class Softmax extends Module {
  constructor(readonly dim: number) {
    super();
    checkDim(dim, "Softmax");
  }
  override forward(input: Tensor): Tensor {
    return softmax(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
  protected override _getName(): string {
    return "Softmax";
  }
}

/** log(softmax) along `dim`. */
export class LogSoftmax extends Module {
  constructor(readonly dim: number) {
    super();
    checkDim(dim, "LogSoftmax");
  }
  override forward(input: Tensor): Tensor {
    return logSoftmax(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
  protected override _getName(): string {
    return "LogSoftmax";
  }
}
