// The normalisation ops and modules (test/golden/gen_norm.py): batchNorm
// (training and eval, the running stats after the call), groupNorm,
// instanceNorm, localResponseNorm with their grads and grad_fn names; the
// modules over three training steps (outputs, input grads, parameter grads,
// the state dict with running stats and num_batches_tracked), then eval;
// reprs, state-dict keys and PyTorch's messages.
// test/nn.norm.test.ts runs these cases under vitest.

import { fromJson, make, observe } from "../values.js";
import type { InputSpec } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch, Value } from "../types.js";
import { errorPrograms, fromGolden, type Golden } from "./fromGolden.js";

interface NormCase {
  name: string;
  op: string;
  args: ({ spec: InputSpec; grad: boolean; running?: boolean } | null)[];
  kwargs: Record<string, unknown>;
  grad_out: TensorJson;
  grads?: (TensorJson | null)[];
}

type Module = InstanceType<Torch["nn"]["Module"]>;

/** The F call a case names, on its inputs (F's argument order). */
function applyOp(torch: Torch, c: NormCase, xs: (Tensor | null)[]): Tensor {
  const F = torch.nn.functional;
  const kw = c.kwargs;
  const num = (k: string): number | undefined => kw[k] as number | undefined;
  switch (c.op) {
    case "batch_norm":
      return F.batchNorm(xs[0]!, xs[1]!, xs[2]!, {
        weight: xs[3],
        bias: xs[4],
        training: (kw.training as boolean | undefined) ?? false,
        momentum: num("momentum"),
        eps: num("eps"),
      });
    case "group_norm":
      return F.groupNorm(xs[0]!, kw.num_groups as number, { weight: xs[1], bias: xs[2], eps: num("eps") });
    case "instance_norm":
      return F.instanceNorm(xs[0]!, {
        runningMean: xs[1],
        runningVar: xs[2],
        weight: xs[3],
        bias: xs[4],
        useInputStats: kw.use_input_stats as boolean | undefined,
        momentum: num("momentum"),
        eps: num("eps"),
      });
    case "local_response_norm":
      return F.localResponseNorm(xs[0]!, kw.size as number, { alpha: num("alpha"), beta: num("beta"), k: num("k") });
  }
  throw new Error(`unknown op ${c.op}`);
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as NormCase;
  const made = c.args.map((a) => {
    if (a === null) return null;
    if (a.running) {
      const [base] = make(torch, a.spec);
      return [base, base] as [Tensor, Tensor];
    }
    return make(torch, a.spec, a.grad);
  });
  const out = applyOp(
    torch,
    c,
    made.map((m) => (m === null ? null : m[1])),
  );
  const obs: Observed = { out: observe(out), grad_fn: out.gradFn?.name() ?? "NoneType" };
  const running = made.filter((m, i) => m !== null && c.args[i]!.running).map((m) => observe(m![0]));
  if (running.length > 0) obs.running = running;
  if (c.grads === undefined) return obs;
  const leaves = made.filter((m, i) => m !== null && c.args[i]!.grad).map((m) => m![0]);
  const grads = torch.autograd.grad(out, leaves, fromJson(torch, c.grad_out), { allowUnused: true });
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

/** The module of each module_* case, as gen_norm.py makes it. */
export const normModules: Record<string, (torch: Torch) => Module> = {
  BatchNorm1d: (torch) => new torch.nn.BatchNorm1d(4),
  BatchNorm1d_3d: (torch) => new torch.nn.BatchNorm1d(4, { momentum: 0.3 }),
  BatchNorm1d_cumulative: (torch) => new torch.nn.BatchNorm1d(4, { momentum: null }),
  BatchNorm2d: (torch) => new torch.nn.BatchNorm2d(3),
  BatchNorm2d_no_affine: (torch) => new torch.nn.BatchNorm2d(3, { affine: false, eps: 1e-3 }),
  BatchNorm2d_no_stats: (torch) => new torch.nn.BatchNorm2d(3, { trackRunningStats: false }),
  BatchNorm2d_float64: (torch) => new torch.nn.BatchNorm2d(3, { dtype: "float64" }),
  InstanceNorm1d: (torch) => new torch.nn.InstanceNorm1d(4),
  InstanceNorm1d_unbatched: (torch) => new torch.nn.InstanceNorm1d(4, { affine: true }),
  InstanceNorm2d_tracked: (torch) => new torch.nn.InstanceNorm2d(3, { affine: true, trackRunningStats: true }),
  GroupNorm: (torch) => new torch.nn.GroupNorm(2, 4),
  GroupNorm_no_affine: (torch) => new torch.nn.GroupNorm(4, 4, { affine: false }),
  LocalResponseNorm: (torch) => new torch.nn.LocalResponseNorm(3, { alpha: 0.01 }),
};

const stateOf = (m: Module): Value => Object.entries(m.stateDict()).map(([k, v]) => [k, observe(v)]);

/** Three training steps (forward, backward), then eval: what gen_norm.py records. */
function runModule(torch: Torch, g: Golden): Observed {
  const c = g as unknown as {
    kind: string;
    steps: [string, TensorJson][][];
    eval_input: TensorJson;
  };
  const m = normModules[c.kind]!(torch);
  try {
    const call = (x: Tensor): Tensor => (m as unknown as { call(x: Tensor): Tensor }).call(x);
    const steps: Value[] = [];
    let gradFn = "";
    for (const step of c.steps) {
      const rec = Object.fromEntries(step);
      const x = fromJson(torch, rec.input!, true);
      const y = call(x);
      gradFn = y.gradFn?.name() ?? "NoneType";
      y.backward(fromJson(torch, rec.grad_out!));
      steps.push([
        ["input", observe(x)],
        ["out", observe(y)],
        ["grad_out", rec.grad_out!],
        ["grad_input", x.grad ? observe(x.grad) : null],
      ]);
    }
    const grads = m.namedParameters().map(([n, p]) => [n, p.grad ? observe(p.grad) : null]);
    const state = stateOf(m);
    m.eval();
    const ye = call(fromJson(torch, c.eval_input, true));
    const obs: Observed = {
      steps,
      grads: grads as Value,
      state,
      eval_out: observe(ye),
      grad_fn: gradFn,
      eval_grad_fn: ye.gradFn?.name() ?? "NoneType",
      repr: String(m),
    };
    m.zeroGrad();
    return obs;
  } finally {
    m.dispose();
  }
}

/** gen_norm.py's module_reprs, built the same way. */
function runReprs(torch: Torch): Observed {
  const nn = torch.nn;
  const made: Record<string, Module> = {
    BatchNorm2d: new nn.BatchNorm2d(6),
    BatchNorm1d_momentum_none: new nn.BatchNorm1d(4, { momentum: null }),
    BatchNorm1d_opts: new nn.BatchNorm1d(8, { eps: 1e-3, momentum: 0.01, affine: false, trackRunningStats: false }),
    InstanceNorm2d: new nn.InstanceNorm2d(3),
    InstanceNorm1d_affine: new nn.InstanceNorm1d(3, { affine: true, trackRunningStats: true }),
    GroupNorm: new nn.GroupNorm(2, 4),
    GroupNorm_opts: new nn.GroupNorm(3, 6, { eps: 1e-4, affine: false }),
    LocalResponseNorm: new nn.LocalResponseNorm(2),
    LocalResponseNorm_opts: new nn.LocalResponseNorm(5, { alpha: 0.001, beta: 0.5, k: 2 }),
    Sequential: new nn.Sequential(new nn.BatchNorm2d(3), new nn.GroupNorm(1, 3)) as unknown as Module,
  };
  try {
    return { reprs: Object.fromEntries(Object.entries(made).map(([k, m]) => [k, String(m)])) };
  } finally {
    for (const m of Object.values(made)) m.dispose();
  }
}

/** gen_norm.py's module_state_keys. */
function runStateKeys(torch: Torch): Observed {
  const nn = torch.nn;
  const made: Record<string, Module> = {
    BatchNorm2d: new nn.BatchNorm2d(3),
    BatchNorm2d_no_affine: new nn.BatchNorm2d(3, { affine: false }),
    BatchNorm2d_no_stats: new nn.BatchNorm2d(3, { trackRunningStats: false }),
    InstanceNorm2d: new nn.InstanceNorm2d(3),
    InstanceNorm2d_tracked: new nn.InstanceNorm2d(3, { affine: true, trackRunningStats: true }),
    GroupNorm: new nn.GroupNorm(1, 3),
  };
  try {
    return {
      keys: Object.fromEntries(
        Object.entries(made).map(([k, m]) => {
          const sd = m.stateDict();
          const keys = Object.keys(sd);
          for (const t of Object.values(sd)) t.dispose();
          return [k, keys];
        }),
      ),
    };
  } finally {
    for (const m of Object.values(made)) m.dispose();
  }
}

/** Calls a module made for an error case, and frees it (its parameters are owned, so tidy keeps them). */
function callOnce(m: Module, x: Tensor): unknown {
  try {
    return (m as unknown as { call(x: Tensor): Tensor }).call(x);
  } finally {
    m.dispose();
  }
}

/** gen_norm.py's error cases, the same calls in torchlet's spelling. */
const errors: Record<string, (torch: Torch) => unknown> = {
  err_batch_norm_one_value: (t) => t.nn.functional.batchNorm(t.zeros(1, 3), t.zeros(3), t.ones(3), { training: true }),
  err_batch_norm_one_value_3d: (t) => t.nn.functional.batchNorm(t.zeros(1, 3, 1), null, null, { training: true }),
  err_batch_norm_running_mean: (t) => t.nn.functional.batchNorm(t.zeros(2, 3), t.zeros(4), t.ones(3)),
  err_batch_norm_running_var: (t) => t.nn.functional.batchNorm(t.zeros(2, 3), t.zeros(3), t.ones(4)),
  err_batch_norm_weight: (t) => t.nn.functional.batchNorm(t.zeros(2, 3), t.zeros(3), t.ones(3), { weight: t.ones(4) }),
  err_batch_norm_bias: (t) => t.nn.functional.batchNorm(t.zeros(2, 3), t.zeros(3), t.ones(3), { bias: t.ones(2) }),
  err_batch_norm_eval_no_stats: (t) => t.nn.functional.batchNorm(t.zeros(2, 3), null, null, { training: false }),
  err_batch_norm_int: (t) =>
    t.nn.functional.batchNorm(t.zeros([2, 3], { dtype: "int32" }), t.zeros(3), t.ones(3), { training: true }),
  err_batch_norm_mixed_dtype: (t) =>
    t.nn.functional.batchNorm(t.zeros(2, 3), t.zeros([3], { dtype: "float64" }), t.ones([3], { dtype: "float64" }), {
      training: true,
    }),
  err_batchnorm1d_dim: (t) => callOnce(new t.nn.BatchNorm1d(3), t.zeros(2, 3, 4, 5)),
  err_batchnorm2d_dim: (t) => callOnce(new t.nn.BatchNorm2d(3), t.zeros(2, 3, 4)),
  err_batchnorm1d_one_value: (t) => callOnce(new t.nn.BatchNorm1d(3), t.zeros(1, 3)),
  err_batchnorm2d_channels: (t) => callOnce(new t.nn.BatchNorm2d(3), t.zeros(2, 4, 2, 2)),
  err_group_norm_groups: (t) => t.nn.functional.groupNorm(t.zeros(2, 6, 3), 4),
  err_group_norm_weight: (t) => t.nn.functional.groupNorm(t.zeros(2, 6, 3), 3, { weight: t.ones(5) }),
  err_group_norm_bias: (t) => t.nn.functional.groupNorm(t.zeros(2, 6, 3), 3, { bias: t.ones(2, 3) }),
  err_groupnorm_module: (t) => new t.nn.GroupNorm(4, 6),
  err_instance_norm_spatial: (t) => t.nn.functional.instanceNorm(t.zeros(2, 3)),
  err_instance_norm_spatial_3d: (t) => t.nn.functional.instanceNorm(t.zeros(2, 3, 1)),
  err_instancenorm1d_dim: (t) => callOnce(new t.nn.InstanceNorm1d(3), t.zeros(2, 3, 4, 5)),
  err_instancenorm2d_dim: (t) => callOnce(new t.nn.InstanceNorm2d(3), t.zeros(2, 3)),
  err_instancenorm2d_affine_channels: (t) =>
    callOnce(new t.nn.InstanceNorm2d(3, { affine: true }), t.zeros(2, 4, 3, 3)),
  err_batch_norm_1d_input: (t) => t.nn.functional.batchNorm(t.zeros(3), null, null, { training: true }),
  err_batch_norm_1d_input_stats: (t) => t.nn.functional.batchNorm(t.zeros(3), t.zeros(3), t.ones(3)),
  err_local_response_norm_dim: (t) => t.nn.functional.localResponseNorm(t.zeros(2, 3), 2),
};

const tolOf = (g: Golden) =>
  (g.out as { dtype?: string } | undefined)?.dtype === "float64" ||
  (g.eval_out as { dtype?: string } | undefined)?.dtype === "float64"
    ? { rtol: 1e-10, atol: 1e-12 }
    : { rtol: 1e-5, atol: 1e-5 };

export const norm: Family = (golden) => [
  ...fromGolden(golden, run, {
    compare: ["out", "grad_fn", "grads", "running"],
    skip: (g) => g.op === undefined,
    tol: tolOf,
  }),
  ...fromGolden(golden, runModule, {
    compare: ["steps", "grads", "state", "eval_out", "grad_fn", "eval_grad_fn", "repr"],
    skip: (g) => g.kind === undefined,
    tol: tolOf,
  }),
  ...fromGolden(golden, runReprs, { compare: ["reprs"], skip: (g) => g.name !== "module_reprs" }),
  ...fromGolden(golden, runStateKeys, { compare: ["keys"], skip: (g) => g.name !== "module_state_keys" }),
  ...errorPrograms(golden, errors),
];
