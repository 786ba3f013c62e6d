// The activations of test/golden/gen_activations2.py: leaky_relu, elu,
// selu, celu, softplus, softsign, hardtanh, relu6, hardsigmoid, hardswish,
// mish, logsigmoid, tanhshrink, softshrink, hardshrink, threshold, glu,
// prelu, softmin, rrelu (eval) and their in-place forms: values, printed
// forms, grad_fn names, grads, small dtypes, PyTorch's messages, and the
// modules' printed forms, outputs and state dicts.
// test/nn.activations2.test.ts runs these under vitest, with gradchecks.

import { camel, errorOf, make, observe } from "../values.js";
import type { InputSpec } from "../values.js";
import type { Family, Observed, Tensor, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";
import { observeNn, withGradsOf } from "./opCase.js";

type AnyFn = (...args: unknown[]) => Tensor;

/** A case of activations2.json. */
export interface ActCase {
  name: string;
  op?: string;
  args?: { spec: InputSpec; grad: boolean }[];
  pos?: number[];
  kwargs?: Record<string, unknown>;
  inplace_on_clone?: boolean;
  leaf_grad?: boolean;
  grad_out?: InputSpec;
  grads?: unknown[];
  cast?: string;
  values?: number[];
  module?: string;
  input?: InputSpec;
  error?: string;
}

const options = (kwargs: Record<string, unknown> | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.entries(kwargs ?? {}).map(([k, v]) => [camel(k), v]));

/** F.<op> in torchlet's spelling; `leaves` are the args that require grad. */
export function applyAct(torch: Torch, c: ActCase, leafGrad = false): { out: Tensor; leaves: Tensor[] } {
  const made = c.args!.map((a) => make(torch, a.spec, a.grad || leafGrad));
  const xs = made.map((m) => m[1]);
  if (c.inplace_on_clone) xs[0] = xs[0]!.clone();
  const fn = (torch.nn.functional as unknown as Record<string, AnyFn>)[camel(c.op!)]!;
  const out = fn(...xs, ...(c.pos ?? []), options(c.kwargs));
  return { out, leaves: made.filter((_, i) => c.args![i]!.grad).map((m) => m[0]) };
}

/** The op on values cast to a small dtype. */
function castCase(torch: Torch, c: ActCase): Observed {
  const fn = (torch.nn.functional as unknown as Record<string, AnyFn>)[camel(c.op!)]!;
  const go = (): Tensor => fn(torch.tensor(c.values!).to(c.cast as "float32"), ...(c.pos ?? []), options(c.kwargs));
  if (c.error !== undefined) return { error: errorOf(go) };
  const out = go();
  return { out: observe(out), printed: String(out) };
}

/** nn.<module>(kwargs) in eval mode on the case's input. */
export function makeModule(torch: Torch, c: ActCase): { forward(x: Tensor): Tensor } & object {
  const nn = torch.nn as unknown as Record<
    string,
    new (...a: unknown[]) => { forward(x: Tensor): Tensor; eval(): void }
  >;
  const kw = options(c.kwargs);
  const m =
    c.module === "Threshold"
      ? new nn.Threshold!(kw.threshold, kw.value, kw.inplace === undefined ? {} : { inplace: kw.inplace })
      : new nn[c.module!]!(kw);
  m.eval();
  return m;
}

function moduleCase(torch: Torch, c: ActCase): Observed {
  const m = makeModule(torch, c) as {
    forward(x: Tensor): Tensor;
    stateDict(): Record<string, Tensor>;
    dispose(): void;
  };
  try {
    const x = make(torch, c.input!)[1];
    const out = m.forward(x);
    const sd = m.stateDict();
    return {
      repr: String(m),
      out: observe(out),
      state_keys: Object.keys(sd),
      state: Object.values(sd).map(observe),
    };
  } finally {
    m.dispose(); // its parameters belong to it, not to the case's tidy
  }
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as ActCase;
  if (c.module !== undefined) return moduleCase(torch, c);
  if (c.cast !== undefined) return castCase(torch, c);
  if (c.error !== undefined) return { error: errorOf(() => applyAct(torch, c, c.leaf_grad)) };
  const { out, leaves } = applyAct(torch, c);
  const obs = observeNn(out);
  if (c.grads === undefined) return obs;
  return withGradsOf(torch, obs, out, leaves, c.grad_out!);
}

export const activations2: Family = (golden) =>
  fromGolden(golden, run, {
    compare: ["out", "printed", "grad_fn", "grads", "error", "repr", "state_keys", "state"],
  });
