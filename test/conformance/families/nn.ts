// nn.functional (test/golden/gen_nn.py): activations, linear, layerNorm,
// embedding, seeded dropout; values, printed forms, the backward graph and
// grads; modules' seeded init, forward and backward; PyTorch's messages.
// test/nn.functional.test.ts runs these cases under vitest; the other module
// cases stay in test/nn.modules.test.ts.

import { fromJson, make, observe } from "../values.js";
import type { NnCase, NnGraph } from "../goldenCases.js";
import type { Family, Observed, Tensor, TensorJson, Torch, Value } from "../types.js";
import { errorPrograms, fromGolden, type Golden } from "./fromGolden.js";

type Node = NonNullable<Tensor["gradFn"]>;

/** The nn.functional call a case names, on the inputs made from its args. */
function applyOp(torch: Torch, c: NnCase, xs: (Tensor | null)[]): Tensor {
  const F = torch.nn.functional;
  const kw = c.kwargs ?? {};
  const [a, b, d] = xs;
  switch (c.op) {
    case "gelu":
      return F.gelu(a!, kw.approximate ? { approximate: kw.approximate as "tanh" } : {});
    case "silu":
      return F.silu(a!);
    case "relu":
      return F.relu(a!);
    case "softmax":
      return F.softmax(a!, kw.dim as number);
    case "log_softmax":
      return F.logSoftmax(a!, kw.dim as number);
    case "linear":
      return F.linear(a!, b!, d ?? null);
    case "layer_norm":
      return F.layerNorm(a!, kw.normalized_shape as number[], {
        weight: b ?? null,
        bias: d ?? null,
        eps: (kw.eps as number) ?? 1e-5,
      });
    case "embedding":
      return F.embedding(a!, b!, { paddingIdx: (kw.padding_idx as number) ?? null });
    case "dropout":
      return F.dropout(a!, { p: kw.p as number });
  }
  throw new Error(`unknown op ${c.op}`);
}

/** The graph under a grad_fn, as gen_nn.py writes it. */
const graphOf = (n: Node | null, depth = 0): NnGraph =>
  n === null || depth > 8 ? null : [n.name(), n.nextFunctions.map(([m]) => graphOf(m, depth + 1))];

/**
 * PyTorch's float32 gelu evaluates erf with approximations good to ~1e-7
 * absolute (oneDNN's for contiguous inputs, ATen's vectorised one
 * otherwise); torchlet's erf is accurate, so the 4 printed digits of tiny
 * values can differ.
 */
const approxErf = (g: Golden): boolean =>
  g.op === "gelu" &&
  (g.out as { dtype?: string } | undefined)?.dtype === "float32" &&
  (g.kwargs as { approximate?: string } | undefined)?.approximate === undefined;

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as NnCase;
  const args = c.args!;
  const made = args.map((a) => (a === null ? null : make(torch, a.spec, a.grad)));
  if (c.seed != null) torch.manualSeed(c.seed);
  const out = applyOp(
    torch,
    c,
    made.map((m) => (m === null ? null : m[1])),
  );
  const obs: Observed = { out: observe(out), grad_fn: out.gradFn?.name() ?? "NoneType" };
  if (!approxErf(g)) obs.printed = String(out);
  if (out.gradFn) obs.graph = graphOf(out.gradFn) as Value;
  if (c.grads === undefined) return obs;
  const leaves = made.filter((m, i) => m !== null && args[i]!.grad).map((m) => m![0]);
  const gradOut = c.grad_out ? make(torch, c.grad_out)[1] : null;
  const grads = torch.autograd.grad(out, leaves, gradOut, { allowUnused: true });
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

// ---- modules (gen_nn.py's module_* cases) ----

type Module = InstanceType<Torch["nn"]["Module"]>;

const stateOf = (m: Module): Value => Object.entries(m.stateDict()).map(([k, v]) => [k, observe(v)]);

/** Modules made under a case's seed: their state dict and printed form. */
const inits: Record<string, (torch: Torch, args: unknown[]) => Module> = {
  module_linear_init_seed0: (torch, a) => new torch.nn.Linear(a[0] as number, a[1] as number),
  module_linear_nobias_init_seed3: (torch, a) => new torch.nn.Linear(a[0] as number, a[1] as number, { bias: false }),
  module_linear_float64_seed4: (torch, a) => new torch.nn.Linear(a[0] as number, a[1] as number, { dtype: "float64" }),
  module_embedding_seed1: (torch, a) => new torch.nn.Embedding(a[0] as number, a[1] as number, { paddingIdx: 3 }),
  module_layernorm: (torch, a) => new torch.nn.LayerNorm(a[0] as number[], { eps: 1e-6 }),
};

function runInit(torch: Torch, g: Golden): Observed {
  if (g.seed !== undefined) torch.manualSeed(g.seed as number);
  const m = inits[String(g.name)]!(torch, g.args as unknown[]);
  try {
    return { state: stateOf(m), repr: String(m) };
  } finally {
    m.dispose();
  }
}

/** The module of each module_forward_* case, by its kind, as made under manual_seed(100). */
const forwardModules: Record<string, (torch: Torch) => Module> = {
  Linear: (torch) => new torch.nn.Linear(4, 3),
  Linear_nobias_3d: (torch) => new torch.nn.Linear(4, 3, { bias: false }),
  ReLU: (torch) => new torch.nn.ReLU(),
  GELU: (torch) => new torch.nn.GELU(),
  GELU_tanh: (torch) => new torch.nn.GELU({ approximate: "tanh" }),
  SiLU: (torch) => new torch.nn.SiLU(),
  Tanh: (torch) => new torch.nn.Tanh(),
  Sigmoid: (torch) => new torch.nn.Sigmoid(),
  Softmax: (torch) => new torch.nn.Softmax(1),
  LogSoftmax: (torch) => new torch.nn.LogSoftmax(0),
  Dropout: (torch) => new torch.nn.Dropout(0.4),
  LayerNorm: (torch) => new torch.nn.LayerNorm(4),
  Flatten: (torch) => new torch.nn.Flatten(),
  Identity: (torch) => new torch.nn.Identity(),
  Embedding: (torch) => new torch.nn.Embedding(6, 3, { paddingIdx: 1 }),
};

/** A module's state, forward (under manual_seed(101)) and backward for a fixed upstream grad. */
function runForward(torch: Torch, g: Golden): Observed {
  const c = g as unknown as {
    kind: string;
    input?: TensorJson;
    indices?: number[][];
    grad_out: TensorJson;
    grad_input?: TensorJson;
    grads: [string, TensorJson][];
  };
  torch.manualSeed(100);
  const make = forwardModules[c.kind];
  if (!make) return { state: `no module for kind ${c.kind} in families/nn.ts` };
  const m = make(torch);
  try {
    const obs: Observed = { state: stateOf(m) };
    const x = c.input ? fromJson(torch, c.input, true) : torch.tensor(c.indices!);
    torch.manualSeed(101);
    const y = (m as unknown as { call(x: Tensor): Tensor }).call(x);
    obs.out = observe(y);
    obs.grad_fn = y.gradFn?.name() ?? "NoneType";
    y.backward(fromJson(torch, c.grad_out));
    if (c.grad_input !== undefined) obs.grad_input = x.grad ? observe(x.grad) : null;
    const params = new Map(m.namedParameters());
    obs.grads = c.grads.map(([name]) => [name, params.get(name)?.grad ? observe(params.get(name)!.grad!) : null]);
    m.zeroGrad();
    return obs;
  } finally {
    m.dispose();
  }
}

/** gen_nn.py's error cases, the same calls in torchlet's spelling. */
const errors: Record<string, (torch: Torch) => unknown> = {
  err_gelu_approximate: (torch) => torch.nn.functional.gelu(torch.zeros(2), { approximate: "foo" as "tanh" }),
  err_linear_shapes: (torch) => torch.nn.functional.linear(torch.zeros(3, 4), torch.zeros(5, 3), torch.zeros(5)),
  err_layer_norm_shape: (torch) => torch.nn.functional.layerNorm(torch.zeros(3, 4), [5]),
  err_embedding_index: (torch) => torch.nn.functional.embedding(torch.tensor([10]), torch.zeros(5, 3)),
  err_embedding_float_index: (torch) =>
    torch.nn.functional.embedding(torch.tensor([1], { dtype: "float32" }), torch.zeros(5, 3)),
  err_dropout_p: (torch) => torch.nn.functional.dropout(torch.zeros(3), { p: 1.5 }),
  err_init_fan: (torch) => torch.nn.init.xavierUniform_(torch.empty(3)),
  err_init_gain: (torch) => torch.nn.init.calculateGain("foo" as "relu"),
  err_init_mode: (torch) => torch.nn.init.kaimingUniform_(torch.empty(3, 4), { mode: "foo" as "fan_in" }),
};

export const nn: Family = (golden) => [
  ...fromGolden(golden, run, {
    compare: (g) =>
      ["out", "grad_fn", "graph", "grads", ...(approxErf(g) ? [] : ["printed"])].filter(
        (k) => k !== "graph" || g.grad_fn !== "NoneType",
      ),
    skip: (g) => g.op === undefined || g.error !== undefined,
    tol: (g) =>
      (g.out as { dtype?: string } | undefined)?.dtype === "float64"
        ? { rtol: 1e-10, atol: 1e-12 }
        : { rtol: 1e-5, atol: 2e-6 },
  }),
  ...fromGolden(golden, runInit, {
    compare: ["state", "repr"],
    skip: (g) => !(String(g.name) in inits),
    tol: () => ({ rtol: 0, atol: 0 }),
  }),
  ...fromGolden(golden, runForward, {
    compare: ["state", "out", "grad_fn", "grad_input", "grads"],
    skip: (g) => !String(g.name).startsWith("module_forward_"),
    tol: () => ({ rtol: 1e-5, atol: 1e-6 }),
  }),
  // PyTorch says "torch.FloatTensor" where torchlet has no tensor types: compared up to that word.
  ...errorPrograms(golden, errors, { message: (m) => m.replace(/torch\.\w+Tensor instead.*/, "") }),
];
