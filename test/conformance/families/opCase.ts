// The shape most data-driven golden cases share: an op name, inputs made as
// common.py's make() makes them, JSON arguments, and either the error PyTorch
// raised or the values and grads of a weighted sum of the outputs.

import { errorOf, fromJson, make, observe, observeOrNull, sumOfProducts, type InputSpec } from "../values.js";
import type { Observed, Tensor, TensorJson, Torch } from "../types.js";
import type { Golden } from "./fromGolden.js";

/** A golden case that applies one op (the generator's `op`, `inputs`, `args`). */
export interface OpCase<A> {
  op: string;
  inputs: InputSpec[];
  args: A;
  error?: string;
  grads?: (TensorJson | null)[];
  weights?: TensorJson[];
}

/** A family's op, applied as a torchlet user writes it. */
export type ApplyOp<A, R> = (torch: Torch, op: string, inputs: Tensor[], args: A) => R;

/** [leaf, input] pairs, as make() returns them. */
export type Made = [Tensor, Tensor][];

/**
 * An error case's message (`{ error }`), or the case's op applied to its made
 * inputs, those for which `withGrad` holds requiring grad.
 */
export function applyCase<A, R>(
  torch: Torch,
  c: OpCase<A>,
  apply: ApplyOp<A, R>,
  withGrad: (s: InputSpec) => boolean,
): { error: string } | { made: Made; out: R } {
  if (c.error !== undefined)
    return {
      error: errorOf(() =>
        apply(
          torch,
          c.op,
          c.inputs.map((s) => make(torch, s)[1]),
          c.args,
        ),
      ),
    };
  const made = c.inputs.map((s) => make(torch, s, withGrad(s)));
  return {
    made,
    out: apply(
      torch,
      c.op,
      made.map((m) => m[1]),
      c.args,
    ),
  };
}

/** `obs` with the grads of `loss` for the made leaves that require grad (null where unused). */
export function withGrads(torch: Torch, obs: Observed, loss: Tensor, made: Made): Observed {
  const leaves = made.filter((m) => m[0].requiresGrad).map((m) => m[0]);
  const grads = torch.autograd.grad(loss, leaves, null, { allowUnused: true });
  return { ...obs, grads: grads.map(observeOrNull) };
}

/** sum(outs[k] * weights[k]) over k: the loss a case's golden weights backpropagate. */
export const weightedLoss = (torch: Torch, outs: readonly Tensor[], weights: readonly TensorJson[]): Tensor =>
  sumOfProducts(
    outs,
    weights.map((w) => fromJson(torch, w)),
  );

/** The dtype of a case's first input. */
export const firstDtype = (g: Golden): unknown => (g.inputs as InputSpec[] | undefined)?.[0]?.dtype;

/**
 * A result's tensors, and `one`, which gives per-output values as the golden
 * files hold them: one value for a tensor, an array for a list of tensors.
 */
export function perOutput(out: Tensor | Tensor[]): { outs: Tensor[]; one: <T>(v: T[]) => T | T[] } {
  const list = Array.isArray(out);
  return { outs: list ? out : [out], one: (v) => (list ? v : v[0]!) };
}

/** What the nn-style cases record of a result: its values, printed form and grad_fn's name ("NoneType" without one). */
export const observeNn = (out: Tensor): Observed => ({
  out: observe(out),
  printed: String(out),
  grad_fn: out.gradFn?.name() ?? "NoneType",
});

/** `obs` with the grads of `out` for `leaves` (null where unused), backpropagating the case's grad_out when it has one. */
export function withGradsOf(
  torch: Torch,
  obs: Observed,
  out: Tensor,
  leaves: Tensor[],
  gradOut: InputSpec | undefined,
): Observed {
  const grads = torch.autograd.grad(out, leaves, gradOut ? make(torch, gradOut)[1] : null, { allowUnused: true });
  return { ...obs, grads: grads.map(observeOrNull) };
}
