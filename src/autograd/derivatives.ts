// THE table of gradient rules, in the spirit of PyTorch's derivatives.yaml:
// one entry per differentiable op (keyed by torchlet's op variant), with
// PyTorch's grad_fn name and one formula per input, or an explicit
// NOT_DIFFERENTIABLE marker. The families live in ./rules/*.ts; the mapped
// type below makes a missing entry a compile error.
//
// A formula gets the gradient w.r.t. the (first) output, the saved values,
// and all output gradients (for multi-output ops). It is written with
// torchlet's own ops, so with createGraph the backward pass is itself
// recorded and can be differentiated again. Formulas never undo
// broadcasting: the engine sums each result down to its input's shape.

import type { Tensor } from "../tensor.js";
import { elementwiseRules, type ElementwiseOp } from "./rules/elementwise.js";
import { reduceRules, type ReduceOp } from "./rules/reduce.js";
import { viewRules, type ViewOp } from "./rules/views.js";
import { linalgRules, type LinalgOp } from "./rules/linalg.js";
import { movementRules, type MovementOp } from "./rules/movement.js";
import { nnRules, type NnOp } from "./rules/nn.js";

export const NOT_DIFFERENTIABLE = "not differentiable" as const;

export type Formula<S = any> = (grad: Tensor, saved: S, grads: readonly (Tensor | null)[]) => Tensor | null;

export interface Rule<S = any> {
  /** PyTorch's grad_fn class name, e.g. "AddBackward0". */
  name: string;
  /** One entry per input edge of the op, in order. */
  grads: readonly (Formula<S> | typeof NOT_DIFFERENTIABLE)[];
  /** Outputs that get no grad_fn (such as the indices of max). */
  nonDifferentiableOutputs?: readonly number[];
}

export type RuleTable<K extends string> = { readonly [P in K]: Rule };

export type OpName = ElementwiseOp | ReduceOp | ViewOp | LinalgOp | MovementOp | NnOp;

export const derivatives: RuleTable<OpName> = {
  ...elementwiseRules,
  ...reduceRules,
  ...viewRules,
  ...linalgRules,
  ...movementRules,
  ...nnRules,
};
