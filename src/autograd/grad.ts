// torch.autograd.grad: gradients of outputs w.r.t. inputs, returned instead of
// accumulated into .grad.

import { Tensor } from "../tensor.js";
import { runBackward } from "./engine.js";
import { checkBooleanOption, checkOptionsObject, optionalArgs } from "../args.js";

/** The keyword arguments of torch.autograd.grad, camelCase: `{ retainGraph, createGraph, allowUnused }`. */
export interface GradOptions {
  /** retain_graph: keep the graph's saved tensors, so a second backward can run (default: createGraph). */
  retainGraph?: boolean;
  /** create_graph: record the backward pass, for higher-order derivatives (default false). */
  createGraph?: boolean;
  /** allow_unused: give null for an input the outputs do not depend on, instead of throwing (default false). */
  allowUnused?: boolean;
}

const gradKeys = new Set(["retainGraph", "createGraph", "allowUnused"]);

const asList = (v: Tensor | readonly (Tensor | null)[] | null | undefined, what: string): (Tensor | null)[] => {
  if (v === undefined || v === null) return [];
  if (v instanceof Tensor) return [v];
  if (!Array.isArray(v)) throw new TypeError(`autograd.grad(): ${what} must be a Tensor or an array of Tensors`);
  return Array.from(v);
};

/**
 * Returns d(outputs)/d(inputs) weighted by gradOutputs (required for
 * non-scalar outputs), one entry per input; null for an unused input when
 * allowUnused is set.
 */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  ...args:
    | [gradOutputs?: Tensor | readonly (Tensor | null)[] | null, opts?: GradOptions]
    | [opts: GradOptions & { gradOutputs?: Tensor | readonly (Tensor | null)[] | null }]
): (Tensor | null)[] {
  const { gradOutputs, ...rest } = optionalArgs(args, "autograd.grad", ["gradOutputs"], [...gradKeys]);
  const opts = checkOptionsObject<GradOptions>(rest, "autograd.grad", [...gradKeys]);
  for (const k of gradKeys) checkBooleanOption(opts[k as keyof GradOptions], "autograd.grad", k);
  const outs = asList(outputs, "outputs") as Tensor[];
  const ins = asList(inputs, "inputs") as Tensor[];
  for (const t of [...outs, ...ins])
    if (!(t instanceof Tensor)) throw new TypeError("autograd.grad(): expected Tensors");
  if (ins.length === 0) throw new RangeError("grad requires non-empty inputs.");
  const gos = asList(gradOutputs as Tensor | readonly (Tensor | null)[] | null | undefined, "gradOutputs");
  if (gos.length > 0 && gos.length !== outs.length) {
    throw new RangeError(`grad_outputs should be a sequence of length ${outs.length}, got ${gos.length}`);
  }
  const createGraph = opts.createGraph ?? false;
  return runBackward(
    outs,
    outs.map((_, i) => gos[i] ?? null),
    {
      retainGraph: opts.retainGraph ?? createGraph,
      createGraph,
      capture: ins,
      only: null,
      allowUnused: opts.allowUnused ?? false,
    },
  );
}
