// nn.functional (test/golden/gen_nn.py): activations, linear, layerNorm,
// embedding, seeded dropout; values, printed forms, the backward graph and
// grads; PyTorch's messages. test/nn.functional.test.ts runs these cases
// under vitest; module cases stay in test/nn.modules.test.ts.

import { make, observe } from "../values.js";
import type { NnCase, NnGraph } from "../goldenCases.js";
import type { Family, Observed, Tensor, Torch, Value } from "../types.js";
import { errorPrograms, fromGolden, type Golden } from "./fromGolden.js";

type Node = NonNullable<Tensor["gradFn"]>;

/** The nn.functional call a case names, on the inputs made from its args. */
function applyOp(torch: Torch, c: NnCase, xs: (Tensor | null)[]): Tensor {
  const F = torch.nn.functional;
  const kw = c.kwargs ?? {};
  const [a, b, d] = xs;
  switch (c.op) {
    case "gelu": return F.gelu(a!, kw.approximate ? { approximate: kw.approximate as "tanh" } : {});
    case "silu": return F.silu(a!);
    case "relu": return F.relu(a!);
    case "softmax": return F.softmax(a!, kw.dim as number);
    case "log_softmax": return F.logSoftmax(a!, kw.dim as number);
    case "linear": return F.linear(a!, b!, d ?? null);
    case "layer_norm": return F.layerNorm(a!, kw.normalized_shape as number[], { weight: b ?? null, bias: d ?? null, eps: (kw.eps as number) ?? 1e-5 });
    case "embedding": return F.embedding(a!, b!, { paddingIdx: (kw.padding_idx as number) ?? null });
    case "dropout": return F.dropout(a!, { p: kw.p as number });
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
  g.op === "gelu" && (g.out as { dtype?: string } | undefined)?.dtype === "float32" && (g.kwargs as { approximate?: string } | undefined)?.approximate === undefined;

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as NnCase;
  const args = c.args!;
  const made = args.map((a) => (a === null ? null : make(torch, a.spec, a.grad)));
  if (c.seed != null) torch.manualSeed(c.seed);
  const out = applyOp(torch, c, made.map((m) => (m === null ? null : m[1])));
  const obs: Observed = { out: observe(out), grad_fn: out.gradFn?.name() ?? "NoneType" };
  if (!approxErf(g)) obs.printed = String(out);
  if (out.gradFn) obs.graph = graphOf(out.gradFn) as Value;
  if (c.grads === undefined) return obs;
  const leaves = made.filter((m, i) => m !== null && args[i]!.grad).map((m) => m![0]);
  const gradOut = c.grad_out ? make(torch, c.grad_out)[1] : null;
  const grads = torch.autograd.grad(out, leaves, gradOut, { allowUnused: true });
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

/** gen_nn.py's error cases, the same calls in torchlet's spelling. */
const errors: Record<string, (torch: Torch) => unknown> = {
  err_gelu_approximate: (torch) => torch.nn.functional.gelu(torch.zeros(2), { approximate: "foo" as "tanh" }),
  err_linear_shapes: (torch) => torch.nn.functional.linear(torch.zeros(3, 4), torch.zeros(5, 3), torch.zeros(5)),
  err_layer_norm_shape: (torch) => torch.nn.functional.layerNorm(torch.zeros(3, 4), [5]),
  err_embedding_index: (torch) => torch.nn.functional.embedding(torch.tensor([10]), torch.zeros(5, 3)),
  err_embedding_float_index: (torch) => torch.nn.functional.embedding(torch.tensor([1], { dtype: "float32" }), torch.zeros(5, 3)),
  err_dropout_p: (torch) => torch.nn.functional.dropout(torch.zeros(3), { p: 1.5 }),
  err_init_fan: (torch) => torch.nn.init.xavierUniform_(torch.empty(3)),
  err_init_gain: (torch) => torch.nn.init.calculateGain("foo" as "relu"),
  err_init_mode: (torch) => torch.nn.init.kaimingUniform_(torch.empty(3, 4), { mode: "foo" as "fan_in" }),
};

export const nn: Family = (golden) => [
  ...fromGolden(golden, run, {
    compare: (g) => ["out", "grad_fn", "graph", "grads", ...(approxErf(g) ? [] : ["printed"])].filter((k) => k !== "graph" || g.grad_fn !== "NoneType"),
    skip: (g) => g.op === undefined || g.error !== undefined,
    tol: (g) => ((g.out as { dtype?: string } | undefined)?.dtype === "float64" ? { rtol: 1e-10, atol: 1e-12 } : { rtol: 1e-5, atol: 2e-6 }),
  }),
  // PyTorch says "torch.FloatTensor" where torchlet has no tensor types: compared up to that word.
  ...errorPrograms(golden, errors, { message: (m) => m.replace(/torch\.\w+Tensor instead.*/, "") }),
];
