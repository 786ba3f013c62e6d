// Optimizers (test/golden/gen_optim.py): SGD, Adam and AdamW for five steps
// with fixed gradients; the parameters after every step and the final state,
// bit for bit (their wasm kernels emulate PyTorch's float32 fma, which is
// where engines could part). Error and API cases stay in test/optim.test.ts.

import { camel, fromJson, observe, optionsOf } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch, Value } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";


function run(torch: Torch, g: Golden): Observed {
  const params = (g.start as TensorJson[]).map((s) => torch.nn.Parameter(fromJson(torch, s)));
  const groups = g.groups as { idx: number[]; opts: Record<string, unknown> }[] | null;
  const Cls = torch.optim[g.optimizer as "SGD" | "Adam" | "AdamW"] as unknown as new (p: unknown, o: unknown) => {
    step(): void;
    zeroGrad(): void;
    state: Map<Tensor, Record<string, unknown>>;
    dispose(): void;
  };
  const opt = new Cls(groups ? groups.map((x) => ({ params: x.idx.map((i) => params[i]!), ...optionsOf(x.opts) })) : params, optionsOf((g.kwargs ?? {}) as Record<string, unknown>));
  try {
    const history = (g.grads as TensorJson[][]).map((stepGrads) => {
      params.forEach((p, i) => (p.grad = fromJson(torch, stepGrads[i]!)));
      opt.step();
      const seen = params.map((p) => observe(p));
      opt.zeroGrad();
      return seen;
    });
    const state = (g.state as Record<string, unknown>[]).map((want, i) => {
      const got = opt.state.get(params[i]!) ?? {};
      return Object.fromEntries(
        Object.keys(want).map((k) => {
          const v = got[camel(k)];
          return [k, typeof v === "number" ? v : v ? observe(v as Tensor) : null];
        }),
      ) as Value;
    });
    return { history, state };
  } finally {
    opt.dispose();
    params.forEach((p) => p.dispose());
  }
}

export const optim: Family = (golden) =>
  fromGolden(golden, run, { compare: ["history", "state"], skip: (g) => g.error !== undefined, tol: () => ({ rtol: 0, atol: 0 }) });
