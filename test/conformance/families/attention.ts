// Attention (test/golden/gen_attention.py): F.scaledDotProductAttention
// against PyTorch 2.x's documented definition (run in 1.13 ops), and
// nn.MultiheadAttention and the transformer layers and stacks of 1.13: their
// seeded init, outputs, attention weights, grads, printed forms and messages.

import { fromJson, isTensorJson, observe, observeOrNull } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { errorPrograms, fromGolden, type Golden } from "./fromGolden.js";
import { recordGrads, runModuleCase } from "./moduleCase.js";

interface ModuleDesc {
  kind: string;
  args?: unknown[];
  opts?: Record<string, unknown>;
  layer?: ModuleDesc;
  numLayers?: number;
  norm?: ModuleDesc | null;
}

type AnyModule = {
  call(...args: unknown[]): unknown;
  train(mode?: boolean): unknown;
  stateDict(): Record<string, Tensor>;
  namedParameters(): [string, Tensor][];
  dispose(): void;
  toString(): string;
};

/** The module a description names, built as the generator built it. */
function build(torch: Torch, d: ModuleDesc): AnyModule {
  const nn = torch.nn as unknown as Record<string, new (...args: unknown[]) => AnyModule>;
  if (d.kind === "TransformerEncoder" || d.kind === "TransformerDecoder") {
    const layer = build(torch, d.layer!);
    try {
      const norm = d.norm ? build(torch, d.norm) : null;
      return new nn[d.kind]!(layer, d.numLayers, { norm });
    } finally {
      layer.dispose(); // the stack holds deep copies
    }
  }
  return new nn[d.kind]!(...(d.args ?? []), d.opts ?? {});
}

const tensorOrValue = (torch: Torch, v: unknown): unknown => (isTensorJson(v) ? fromJson(torch, v as TensorJson) : v);

function runSdpa(torch: Torch, g: Golden): Observed {
  const c = g as unknown as {
    q: TensorJson;
    k: TensorJson;
    v: TensorJson;
    mask: TensorJson | null;
    opts: Record<string, unknown>;
    seed: number | null;
    grad_out?: TensorJson;
    layout?: "heads";
  };
  const [q, k, v] = [c.q, c.k, c.v].map((j) => fromJson(torch, j, true)) as [Tensor, Tensor, Tensor];
  const attnMask = c.mask ? fromJson(torch, c.mask) : null;
  if (c.seed !== null) torch.manualSeed(c.seed);
  // layout "heads": [..., T, H, E] leaves seen through transpose(-3, -2), as q, k, v split from one projection
  const [qs, ks, vs] = c.layout === "heads" ? [q, k, v].map((t) => t.transpose(-3, -2)) : [q, k, v];
  const out = torch.nn.functional.scaledDotProductAttention(qs!, ks!, vs!, { attnMask, ...c.opts });
  if (!c.grad_out) return { out: observe(out) };
  const grads = torch.autograd.grad(out, [q, k, v], fromJson(torch, c.grad_out));
  return { out: observe(out), grads: grads.map((t) => observe(t!)) };
}

function runModule(torch: Torch, g: Golden): Observed {
  const c = g as unknown as {
    module: ModuleDesc;
    call: (TensorJson | { same: number })[];
    kwargs: Record<string, unknown>;
    seed: number;
    forward_seed: number;
    train: boolean;
    tuple_out: boolean;
    grad_out: TensorJson;
    grads: [string, TensorJson][];
  };
  return runModuleCase(
    torch,
    c,
    () => build(torch, c.module),
    (m, obs) => {
      const inputs: Tensor[] = [];
      const leaves: Tensor[] = [];
      for (const s of c.call) {
        if ("same" in s) inputs.push(inputs[s.same]!);
        else {
          const t = fromJson(torch, s, true);
          inputs.push(t);
          leaves.push(t);
        }
      }
      const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, tensorOrValue(torch, v)]));
      torch.manualSeed(c.forward_seed);
      const res = m.call(...inputs, kwargs);
      const [out, weights] = c.tuple_out ? (res as [Tensor, Tensor | null]) : [res as Tensor, null];
      obs.out = observe(out);
      obs.weights = observeOrNull(weights);
      return recordGrads(torch, obs, m, out, leaves, fromJson(torch, c.grad_out));
    },
  );
}

function runReprs(torch: Torch): Observed {
  const nn = torch.nn;
  const made = {
    mha: new nn.MultiheadAttention(8, 2),
    mha_kdim: new nn.MultiheadAttention(8, 2, { kdim: 4, vdim: 4 }),
    encoder_layer: new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16 }),
    encoder_layer_gelu_module: new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, activation: new nn.GELU() }),
    encoder: (() => {
      const layer = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16 });
      const enc = new nn.TransformerEncoder(layer, 2, { norm: new nn.LayerNorm(8) });
      layer.dispose();
      return enc;
    })(),
    decoder_layer: new nn.TransformerDecoderLayer(8, 2, { dimFeedforward: 16 }),
  };
  const reprs = Object.fromEntries(Object.entries(made).map(([k, m]) => [k, String(m)]));
  for (const m of Object.values(made)) m.dispose();
  return { reprs };
}

/** Calls an nn.MultiheadAttention(8, 2) on zeros of the given shapes, freeing the module after. */
function mha(torch: Torch, q: number[], k: number[], v: number[], opts: object = {}): unknown {
  const m = new torch.nn.MultiheadAttention(8, 2);
  try {
    return m.forward(torch.zeros(q), torch.zeros(k), torch.zeros(v), opts);
  } finally {
    m.dispose();
  }
}

/** gen_attention.py's error cases, the same calls in torchlet's spelling. */
const errors: Record<string, (torch: Torch) => unknown> = {
  err_mha_divisible: (torch) => new torch.nn.MultiheadAttention(10, 3),
  err_mha_embed_dim: (torch) => mha(torch, [3, 2, 6], [3, 2, 6], [3, 2, 6]),
  err_mha_4d_query: (torch) => mha(torch, [1, 3, 2, 8], [1, 3, 2, 8], [1, 3, 2, 8]),
  err_mha_key_value_shape: (torch) => mha(torch, [3, 2, 8], [4, 2, 8], [5, 2, 8]),
  err_mha_2d_mask_shape: (torch) => mha(torch, [3, 2, 8], [3, 2, 8], [3, 2, 8], { attnMask: torch.zeros(3, 4) }),
  err_mha_3d_mask_shape: (torch) => mha(torch, [3, 2, 8], [3, 2, 8], [3, 2, 8], { attnMask: torch.zeros(2, 3, 3) }),
  err_mha_batched_key_dims: (torch) => mha(torch, [3, 2, 8], [3, 8], [3, 8]),
  err_mha_padding_dims: (torch) =>
    mha(torch, [3, 2, 8], [3, 2, 8], [3, 2, 8], { keyPaddingMask: torch.zeros([2, 3, 1], { dtype: "bool" }) }),
  err_mha_padding_shape: (torch) =>
    mha(torch, [3, 2, 8], [3, 2, 8], [3, 2, 8], { keyPaddingMask: torch.zeros([2, 4], { dtype: "bool" }) }),
  err_mha_int_mask: (torch) =>
    mha(torch, [3, 2, 8], [3, 2, 8], [3, 2, 8], { attnMask: torch.zeros([3, 3], { dtype: "int32" }) }),
  err_encoder_activation: (torch) => new torch.nn.TransformerEncoderLayer(8, 2, { activation: "tanh" as "relu" }),
};

/** Float32 sums in another order than PyTorch's (bmm, softmax, layer norm). */
const tol = (g: Golden) =>
  (g.out as { dtype?: string } | undefined)?.dtype === "float64"
    ? { rtol: 1e-10, atol: 1e-12 }
    : { rtol: 1e-4, atol: 1e-5 };

export const attention: Family = (golden) => [
  ...fromGolden(golden, runSdpa, { compare: ["out", "grads"], skip: (g) => g.kind !== "sdpa", tol }),
  ...fromGolden(golden, runModule, {
    compare: ["state", "repr", "out", "weights", "names", "grad_inputs", "grads"],
    skip: (g) => g.kind !== "module",
    tol,
  }),
  ...fromGolden(golden, (torch) => runReprs(torch), { compare: ["reprs"], skip: (g) => g.kind !== "reprs" }),
  ...errorPrograms(golden, errors),
];
