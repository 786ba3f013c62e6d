// The shape of the module cases (attention, rnn): a module built after
// manualSeed(seed) as the generator built it, its initial state and repr,
// a forward pass, and grads of the inputs and of every parameter.

import { observe, observeOrNull } from "../values.js";
import type { Observed, Tensor, Torch, Value } from "../types.js";

/** What these cases use of an nn.Module. */
export interface CaseModule {
  train(mode?: boolean): unknown;
  stateDict(): Record<string, Tensor>;
  namedParameters(): [string, Tensor][];
  dispose(): void;
}

/**
 * Builds the module after manualSeed(seed), sets train or eval mode, and
 * runs `body` with the initial state dict and repr recorded; disposes of
 * the module after.
 */
export function runModuleCase<M extends CaseModule>(
  torch: Torch,
  c: { seed: number; train: boolean },
  build: () => M,
  body: (m: M, obs: Observed) => Observed,
): Observed {
  torch.manualSeed(c.seed);
  const m = build();
  try {
    m.train(c.train);
    const obs: Observed = { state: Object.entries(m.stateDict()).map(([k, t]) => [k, observe(t)]), repr: String(m) };
    return body(m, obs);
  } finally {
    m.dispose();
  }
}

/**
 * `obs` with the parameter names (names), and the grads of `out` (times
 * `gradOut`, if given) for `inputs` (grad_inputs) and for each parameter
 * (grads, by name); null where unused.
 */
export function recordGrads(
  torch: Torch,
  obs: Observed,
  m: CaseModule,
  out: Tensor,
  inputs: Tensor[],
  gradOut: Tensor | null,
): Observed {
  const params = m.namedParameters();
  obs.names = params.map(([n]) => n);
  const grads = torch.autograd.grad(out, [...inputs, ...params.map(([, p]) => p)], gradOut, { allowUnused: true });
  obs.grad_inputs = grads.slice(0, inputs.length).map((t) => observeOrNull(t));
  obs.grads = params.map(([n], i) => [n, observeOrNull(grads[inputs.length + i])] as Value);
  return obs;
}
