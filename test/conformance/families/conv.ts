// The convolutions (test/golden/gen_conv.py): F.conv1d/2d and
// F.convTranspose1d/2d (values, printed forms, grad_fn and graph, grads),
// the modules (seeded init and repr, forward and backward with every
// padding mode, output_size) and PyTorch's messages. test/conv.test.ts runs
// these cases under vitest and adds double backward and gradchecks.

import { fromJson, make, observe } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch, Value } from "../types.js";
import { errorPrograms, fromGolden, type Golden } from "./fromGolden.js";

type Node = NonNullable<Tensor["gradFn"]>;
type Module = InstanceType<Torch["nn"]["Module"]>;
type Spec = Parameters<typeof make>[1];

/** A functional case as gen_conv.py writes it. */
interface ConvCase {
  op: "conv1d" | "conv2d" | "conv_transpose1d" | "conv_transpose2d";
  args: ({ spec: Spec; grad: boolean } | null)[];
  kwargs: Record<string, unknown>;
  grad_out: Spec;
  grads?: TensorJson[];
}

/** PyTorch's keyword arguments in torchlet's spelling. */
function options(kw: Record<string, unknown>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kw)) o[k === "output_padding" ? "outputPadding" : k] = v;
  return o;
}

/** The call a functional case names. */
export function applyConv(torch: Torch, c: ConvCase, xs: (Tensor | null)[]): Tensor {
  const F = torch.nn.functional;
  const [x, w, b] = xs;
  const o = options(c.kwargs);
  switch (c.op) {
    case "conv1d":
      return F.conv1d(x!, w!, b ?? null, o);
    case "conv2d":
      return F.conv2d(x!, w!, b ?? null, o);
    case "conv_transpose1d":
      return F.convTranspose1d(x!, w!, b ?? null, o);
    case "conv_transpose2d":
      return F.convTranspose2d(x!, w!, b ?? null, o);
  }
}

const graphOf = (n: Node | null, depth = 0): Value =>
  n === null || depth > 8 ? null : [n.name(), n.nextFunctions.map(([m]) => graphOf(m, depth + 1))];

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as ConvCase;
  const made = c.args.map((a) => (a === null ? null : make(torch, a.spec, a.grad)));
  const out = applyConv(
    torch,
    c,
    made.map((m) => (m === null ? null : m[1])),
  );
  const obs: Observed = { out: observe(out), printed: String(out), grad_fn: out.gradFn?.name() ?? "NoneType" };
  if (out.gradFn) obs.graph = graphOf(out.gradFn);
  if (c.grads === undefined) return obs;
  const leaves = made.filter((m, i) => m !== null && c.args[i]!.grad).map((m) => m![0]);
  const grads = torch.autograd.grad(out, leaves, make(torch, c.grad_out)[1]);
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

// ---- modules ----

/** The modules gen_conv.py makes, by kind, in torchlet's spelling. */
export const convModules: Record<string, (torch: Torch) => Module> = {
  conv1d: (t) => new t.nn.Conv1d(3, 4, 3),
  conv2d: (t) => new t.nn.Conv2d(1, 6, 5),
  conv2d_options: (t) =>
    new t.nn.Conv2d(4, 6, [3, 2], { stride: [2, 1], padding: [1, 0], dilation: 2, groups: 2, bias: false }),
  conv2d_same_reflect: (t) => new t.nn.Conv2d(2, 3, 3, { padding: "same", paddingMode: "reflect" }),
  conv2d_circular: (t) => new t.nn.Conv2d(2, 2, 3, { padding: 1, paddingMode: "circular" }),
  conv2d_float64: (t) => new t.nn.Conv2d(2, 3, 2, { dtype: "float64" }),
  conv_transpose1d: (t) => new t.nn.ConvTranspose1d(3, 2, 4, { stride: 2 }),
  conv_transpose2d: (t) => new t.nn.ConvTranspose2d(4, 6, 3, { stride: 2, padding: 1, outputPadding: 1, groups: 2 }),
  conv_transpose2d_nobias_dilation: (t) => new t.nn.ConvTranspose2d(2, 3, [2, 3], { dilation: [2, 1], bias: false }),
  conv1d_valid_replicate: (t) => new t.nn.Conv1d(2, 2, 2, { padding: "valid", paddingMode: "replicate" }),
};

/** The modules of the module_forward_* cases, made under manual_seed(100). */
const forwardModules: Record<string, (torch: Torch) => Module> = {
  conv2d_zeros: (t) => new t.nn.Conv2d(2, 3, 3, { padding: 1 }),
  conv2d_reflect: (t) => new t.nn.Conv2d(2, 3, 3, { padding: [1, 2], paddingMode: "reflect" }),
  conv2d_replicate: (t) => new t.nn.Conv2d(2, 3, 3, { stride: 2, padding: 2, paddingMode: "replicate" }),
  conv2d_circular: (t) => new t.nn.Conv2d(2, 3, [3, 2], { padding: [1, 1], paddingMode: "circular" }),
  conv2d_same_reflect_even: (t) => new t.nn.Conv2d(2, 2, [2, 4], { padding: "same", paddingMode: "reflect" }),
  conv1d_reflect: (t) => new t.nn.Conv1d(2, 3, 3, { padding: 2, paddingMode: "reflect" }),
  conv1d_circular: (t) => new t.nn.Conv1d(2, 3, 3, { padding: 1, paddingMode: "circular" }),
  conv1d_unbatched: (t) => new t.nn.Conv1d(2, 3, 3, { padding: 1 }),
  conv1d_replicate: (t) => new t.nn.Conv1d(2, 2, 2, { padding: 1, paddingMode: "replicate" }),
  conv_transpose2d: (t) => new t.nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1, outputPadding: 1 }),
  conv_transpose1d: (t) => new t.nn.ConvTranspose1d(2, 3, 3, { stride: 2 }),
};

const stateOf = (m: Module): Value => Object.entries(m.stateDict()).map(([k, v]) => [k, observe(v)]);

function runInit(torch: Torch, g: Golden): Observed {
  torch.manualSeed(g.seed as number);
  const m = convModules[String(g.kind)]!(torch);
  try {
    return { state: stateOf(m), repr: String(m) };
  } finally {
    m.dispose();
  }
}

function runForward(torch: Torch, g: Golden): Observed {
  const c = g as unknown as { kind: string; input: TensorJson; grad_out: TensorJson; grads: [string, TensorJson][] };
  torch.manualSeed(100);
  const m = forwardModules[c.kind]!(torch);
  try {
    const x = fromJson(torch, c.input, true);
    const y = (m as unknown as { call(x: Tensor): Tensor }).call(x);
    const obs: Observed = { state: stateOf(m), out: observe(y), grad_fn: y.gradFn?.name() ?? "NoneType" };
    y.backward(fromJson(torch, c.grad_out));
    obs.grad_input = x.grad ? observe(x.grad) : null;
    const params = new Map(m.namedParameters());
    obs.grads = c.grads.map(([name]) => [name, params.get(name)?.grad ? observe(params.get(name)!.grad!) : null]);
    return obs;
  } finally {
    m.dispose();
  }
}

function runOutputSize(torch: Torch, g: Golden): Observed {
  torch.manualSeed(100);
  const m = new torch.nn.ConvTranspose2d(2, 2, 3, { stride: 2 });
  try {
    const y = m.forward(fromJson(torch, g.input as TensorJson), [8, 8]);
    return { state: stateOf(m), out: observe(y) };
  } finally {
    m.dispose();
  }
}

const z = (torch: Torch, ...s: number[]) => torch.zeros(s);
const x4 = (torch: Torch) => torch.zeros(2, 3, 8, 8);
/** Zeros of a dtype. */
const zd = (torch: Torch, dtype: string, ...s: number[]) => torch.zeros(s, { dtype: dtype as "int64" });

/** gen_conv.py's error cases, the same calls in torchlet's spelling. */
const errors: Record<string, (torch: Torch) => unknown> = {
  err_conv2d_channels: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 2, 3, 3)),
  err_conv2d_kernel_too_large: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 9, 9)),
  err_conv2d_kernel_too_large_padded: (t) =>
    t.nn.functional.conv2d(z(t, 1, 3, 2, 2), z(t, 4, 3, 3, 3), null, { padding: [1, 0] }),
  err_conv1d_kernel_too_large: (t) => t.nn.functional.conv1d(z(t, 2, 3, 8), z(t, 4, 3, 11)),
  err_conv2d_groups_channels: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 3, 3), null, { groups: 2 }),
  err_conv2d_groups_divisible: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 1, 3, 3), null, { groups: 3 }),
  err_conv2d_groups_at_least: (t) => t.nn.functional.conv2d(x4(t), z(t, 0, 3, 3, 3)),
  err_conv2d_groups_nonpositive: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 3, 3), null, { groups: 0 }),
  err_conv2d_weight_dims: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 3)),
  err_conv1d_weight_dims: (t) => t.nn.functional.conv1d(z(t, 2, 3, 8), z(t, 4, 3, 3, 3)),
  err_conv2d_bias_size: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 3, 3), z(t, 3)),
  err_conv1d_bias_dims: (t) => t.nn.functional.conv1d(z(t, 2, 3, 8), z(t, 4, 3, 3), z(t, 4, 1)),
  err_conv2d_stride_zero: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 3, 3), null, { stride: 0 }),
  err_conv2d_padding_negative: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 3, 3), null, { padding: [1, -1] }),
  err_conv2d_dilation_zero: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 3, 3), null, { dilation: 0 }),
  err_conv2d_same_strided: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 3, 3), null, { padding: "same", stride: 2 }),
  err_conv2d_padding_string: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 3, 3), null, { padding: "foo" as "same" }),
  err_conv2d_input_dims: (t) => t.nn.functional.conv2d(z(t, 3, 8), z(t, 4, 3, 3, 3)),
  err_conv1d_input_dims: (t) => t.nn.functional.conv1d(z(t, 1, 2, 3, 8), z(t, 4, 3, 3)),
  err_conv2d_stride_length: (t) => t.nn.functional.conv2d(x4(t), z(t, 4, 3, 3, 3), null, { stride: [1, 1, 1] }),
  err_conv1d_padding_length: (t) => t.nn.functional.conv1d(z(t, 2, 3, 8), z(t, 4, 3, 3), null, { padding: [1, 1] }),
  err_conv2d_dtype: (t) => t.nn.functional.conv2d(x4(t), t.zeros([4, 3, 3, 3], { dtype: "float64" })),
  err_conv1d_bias_dtype: (t) =>
    t.nn.functional.conv1d(z(t, 2, 3, 8), z(t, 4, 3, 3), t.zeros([4], { dtype: "float64" })),
  err_conv_transpose2d_output_padding: (t) =>
    t.nn.functional.convTranspose2d(x4(t), z(t, 3, 4, 3, 3), null, { stride: 2, outputPadding: 2 }),
  err_conv_transpose1d_output_padding: (t) =>
    t.nn.functional.convTranspose1d(z(t, 2, 3, 8), z(t, 3, 4, 3), null, { stride: 2, outputPadding: 2 }),
  err_conv_transpose2d_output_padding_negative: (t) =>
    t.nn.functional.convTranspose2d(x4(t), z(t, 3, 4, 3, 3), null, { outputPadding: -1 }),
  err_conv_transpose2d_channels: (t) => t.nn.functional.convTranspose2d(x4(t), z(t, 4, 4, 3, 3)),
  err_conv_transpose2d_groups: (t) => t.nn.functional.convTranspose2d(x4(t), z(t, 3, 4, 3, 3), null, { groups: 2 }),
  err_conv_transpose2d_bias: (t) => t.nn.functional.convTranspose2d(x4(t), z(t, 3, 4, 3, 3), z(t, 3)),
  err_conv_transpose2d_padding_string: (t) =>
    t.nn.functional.convTranspose2d(x4(t), z(t, 3, 4, 3, 3), null, { padding: "same" as unknown as number }),
  err_conv_transpose2d_output_too_small: (t) =>
    t.nn.functional.convTranspose2d(x4(t), z(t, 3, 4, 3, 3), null, { padding: 5 }),
  err_conv_transpose1d_output_too_small: (t) =>
    t.nn.functional.convTranspose1d(z(t, 2, 3, 8), z(t, 3, 4, 3), null, { padding: 5 }),
  err_conv_transpose2d_input_dims: (t) => t.nn.functional.convTranspose2d(z(t, 8, 8), z(t, 3, 4, 3, 3)),
  err_conv2d_bool: (t) => t.nn.functional.conv2d(zd(t, "bool", 2, 3, 8, 8), zd(t, "bool", 4, 3, 3, 3)),
  err_conv1d_bool_float_weight: (t) => t.nn.functional.conv1d(zd(t, "bool", 2, 3, 8), z(t, 4, 3, 3)),
  err_conv_transpose1d_bool: (t) => t.nn.functional.convTranspose1d(zd(t, "bool", 2, 3, 8), zd(t, "bool", 3, 4, 3)),
  err_conv2d_half: (t) => t.nn.functional.conv2d(zd(t, "float16", 2, 3, 8, 8), z(t, 4, 3, 3, 3)),
  err_conv_transpose2d_int32: (t) =>
    t.nn.functional.convTranspose2d(zd(t, "int32", 2, 3, 8, 8), zd(t, "int32", 3, 4, 3, 3)),
  err_conv_transpose2d_uint8: (t) => t.nn.functional.convTranspose2d(zd(t, "uint8", 2, 3, 8, 8), z(t, 3, 4, 3, 3)),
  err_conv2d_int32_dilated: (t) =>
    t.nn.functional.conv2d(zd(t, "int32", 2, 3, 8, 8), zd(t, "int32", 4, 3, 3, 3), null, { dilation: 2 }),
  err_conv1d_uint8_dilated_bias: (t) =>
    t.nn.functional.conv1d(zd(t, "uint8", 2, 3, 8), zd(t, "uint8", 4, 3, 3), z(t, 4), { dilation: 2 }),
  err_conv2d_int64_float_weight: (t) => t.nn.functional.conv2d(zd(t, "int64", 2, 3, 8, 8), z(t, 4, 3, 3, 3)),
  err_conv2d_int32_int64_weight: (t) => t.nn.functional.conv2d(zd(t, "int32", 2, 3, 8, 8), zd(t, "int64", 4, 3, 3, 3)),
  err_conv2d_float_int64_weight: (t) => t.nn.functional.conv2d(x4(t), zd(t, "int64", 4, 3, 3, 3)),
  err_conv2d_int64_float_bias: (t) =>
    t.nn.functional.conv2d(zd(t, "int64", 2, 3, 8, 8), zd(t, "int64", 4, 3, 3, 3), z(t, 4)),
  err_conv_transpose2d_int64_int32_bias: (t) =>
    t.nn.functional.convTranspose2d(zd(t, "int64", 2, 3, 8, 8), zd(t, "int64", 3, 4, 3, 3), zd(t, "int32", 4)),
  err_module_padding_mode: (t) => new t.nn.Conv2d(2, 2, 3, { paddingMode: "foo" as "zeros" }),
  err_module_groups_in: (t) => new t.nn.Conv2d(3, 2, 3, { groups: 2 }),
  err_module_groups_out: (t) => new t.nn.Conv2d(2, 3, 3, { groups: 2 }),
  err_module_same_strided: (t) => new t.nn.Conv2d(2, 3, 3, { padding: "same", stride: 2 }),
  err_module_padding_string: (t) => new t.nn.Conv2d(2, 3, 3, { padding: "foo" as "same" }),
  err_module_transpose_padding_mode: (t) => new t.nn.ConvTranspose2d(2, 3, 3, { paddingMode: "reflect" as "zeros" }),
  err_module_output_size: (t) => {
    const m = new t.nn.ConvTranspose2d(2, 2, 3, { stride: 2 });
    try {
      return m.forward(t.zeros(1, 2, 3, 3), [20, 20]);
    } finally {
      m.dispose();
    }
  },
};

const f64 = (g: Golden): boolean => (g.out as { dtype?: string } | undefined)?.dtype === "float64";

export const conv: Family = (golden) => [
  ...fromGolden(golden, run, {
    compare: (g) =>
      ["out", "printed", "grad_fn", "graph", "grads"].filter((k) => k !== "graph" || g.grad_fn !== "NoneType"),
    skip: (g) => g.op === undefined,
    // Sums of products of multiples of 1/64: exact in float32 whatever the order, but the relaxed build fuses.
    tol: (g) => (f64(g) ? { rtol: 1e-10, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-5 }),
  }),
  ...fromGolden(golden, runInit, {
    compare: ["state", "repr"],
    skip: (g) => !String(g.name).startsWith("module_init_"),
    tol: () => ({ rtol: 0, atol: 0 }),
  }),
  ...fromGolden(golden, runForward, {
    compare: ["state", "out", "grad_fn", "grad_input", "grads"],
    skip: (g) => !String(g.name).startsWith("module_forward_"),
    tol: () => ({ rtol: 1e-5, atol: 1e-5 }),
  }),
  ...fromGolden(golden, runOutputSize, {
    compare: ["state", "out"],
    skip: (g) => g.name !== "module_conv_transpose2d_output_size",
    tol: () => ({ rtol: 1e-5, atol: 1e-5 }),
  }),
  // Python prints the set of padding modes in hash order, which changes from run to run.
  ...errorPrograms(golden, errors, { message: (m) => m.replace(/^padding_mode must be one of \{[^}]*\}, /, "") }),
];
