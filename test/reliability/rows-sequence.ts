// Rows: sequence models: F.scaledDotProductAttention,
// F.multiHeadAttentionForward, nn.MultiheadAttention, the transformer layers
// and stacks, and the recurrent layers and cells.

import * as torch from "../../src/index.js";
import { J } from "./harness.js";
import { c, fn, none, type Case } from "./table.js";

const { nn } = torch;
const Fn = nn.functional;

const m = (name: string, call: (mod: any, ...a: unknown[]) => unknown, args: () => unknown[], cases: Case[] = []) =>
  fn(name, call as never, args, cases, { receiver: true });
const x = (...s: number[]) => torch.randn(s);

fn(
  "nn.functional.scaledDotProductAttention",
  Fn.scaledDotProductAttention,
  () => [x(2, 3, 4), x(2, 5, 4), x(2, 5, 6), { isCausal: false, scale: 0.5, dropoutP: 0 }],
  [
    c(
      "mask with isCausal",
      (f) => f(x(3, 4), x(3, 4), x(3, 4), { isCausal: true, attnMask: torch.ones([3, 3], { dtype: "bool" }) }),
      RangeError,
      /Explicit attn_mask should not be set when is_causal=True/,
    ),
    c("query and key sizes differ", (f) => f(x(3, 4), x(3, 5), x(3, 4)), RangeError, /must have the same last dim/),
    c("key and value lengths differ", (f) => f(x(3, 4), x(3, 4), x(2, 4)), RangeError, /same number of keys/),
    c(
      "dtypes differ",
      (f) => f(x(3, 4), torch.randn([3, 4], { dtype: "float64" }), x(3, 4)),
      TypeError,
      /Expected query, key, and value to have the same dtype/,
    ),
    c("1-D query", (f) => f(x(4), x(3, 4), x(3, 4)), RangeError, /query must be at least 2-D/),
    c("dropout above 1", (f) => f(x(3, 4), x(3, 4), x(3, 4), { dropoutP: 1.5 }), RangeError, /dropout probability/),
    c("query disposed", (f) => f(J.disposed, x(3, 3), x(3, 3)), Error, /was disposed/),
  ],
);

fn(
  "nn.functional.multiHeadAttentionForward",
  Fn.multiHeadAttentionForward,
  () => {
    const q = x(3, 2, 4);
    return [q, q, q, 4, 2, x(12, 4), x(12), 0, x(4, 4), x(4), { needWeights: false }];
  },
  [
    c(
      "embed dim differs from the query's",
      (f) => f(x(3, 2, 4), x(3, 2, 4), x(3, 2, 4), 6, 2, x(18, 6), null, 0, x(6, 6), null),
      RangeError,
      /was expecting embedding dimension of 6, but got 4/,
    ),
    c(
      "heads do not divide the embedding",
      (f) => f(x(3, 2, 4), x(3, 2, 4), x(3, 2, 4), 4, 3, x(12, 4), null, 0, x(4, 4), null),
      RangeError,
      /embed_dim 4 not divisible by num_heads 3/,
    ),
    c(
      "no in-projection weight",
      (f) => f(x(3, 2, 4), x(3, 2, 4), x(3, 2, 4), 4, 2, null, null, 0, x(4, 4), null),
      TypeError,
      /use_separate_proj_weight is False but in_proj_weight is None/,
    ),
  ],
);

fn(
  "new nn.MultiheadAttention",
  (...a: unknown[]) => new nn.MultiheadAttention(...(a as [number, number])),
  () => [8, 2, { dropout: 0.1, batchFirst: true, kdim: 4, vdim: 4 }],
  [
    c("heads do not divide the embedding", (f) => f(10, 3), RangeError, /embed_dim must be divisible by num_heads/),
    c("zero heads", (f) => f(8, 0), TypeError, /num_heads must be a positive integer, but got 0/),
    c("unknown option", (f) => f(8, 2, { batch_first: true }), TypeError, /unknown option "batch_first"/),
  ],
);
fn(
  "new nn.NonDynamicallyQuantizableLinear",
  (...a: unknown[]) => new nn.NonDynamicallyQuantizableLinear(...(a as [number, number])),
  () => [3, 2],
  [c("negative in features", (f) => f(-1, 2), TypeError, /in_features must be a non-negative integer/)],
);
const mha = () => new nn.MultiheadAttention(4, 2);
m(
  "nn.MultiheadAttention.forward",
  (mod, ...a) => mod.forward(...a),
  () => {
    const q = x(3, 2, 4);
    return [mha(), q, q, q, { needWeights: true }];
  },
  [
    c(
      "embedding of the wrong size",
      (f, [mod, a]) => f(mod, a, a, a),
      RangeError,
      /was expecting embedding dimension of 4, but got 6/,
      () => [mha(), x(3, 2, 6)],
    ),
    c(
      "2-D mask of the wrong shape",
      (f, [mod, a, mask]) => f(mod, a, a, a, { attnMask: mask }),
      RangeError,
      /The shape of the 2D attn_mask is torch.Size\(\[3, 4\]\), but should be \(3, 3\)/,
      () => [mha(), x(3, 2, 4), x(3, 4)],
    ),
    c(
      "query disposed",
      (f, [mod, a]) => f(mod, J.disposed, a, a),
      Error,
      /was disposed/,
      () => [mha(), x(3, 2, 4)],
    ),
  ],
);
for (const g of [
  "inProjWeight",
  "inProjBias",
  "qProjWeight",
  "kProjWeight",
  "vProjWeight",
  "outProj",
  "biasK",
  "biasV",
])
  fn(
    `nn.MultiheadAttention.${g}`,
    (mod: any) => mod[g],
    () => [mha()],
    [],
    { receiver: true, none: "a getter" },
  );
none(["nn.MultiheadAttention.resetParameters"], "no arguments");

const layerCases = (cls: "TransformerEncoderLayer" | "TransformerDecoderLayer") => [
  c(
    "activation tanh",
    (f: any) => f(8, 2, { activation: "tanh" }),
    RangeError,
    /activation should be relu\/gelu, not tanh/,
  ),
  c("zero heads", (f: any) => f(8, 0), TypeError, new RegExp(`${cls}\\(\\): nhead must be a positive integer`)),
  c("unknown option", (f: any) => f(8, 2, { dim_feedforward: 4 }), TypeError, /unknown option "dim_feedforward"/),
];
fn(
  "new nn.TransformerEncoderLayer",
  (...a: unknown[]) => new nn.TransformerEncoderLayer(...(a as [number, number])),
  () => [8, 2, { dimFeedforward: 16, dropout: 0, activation: "gelu", normFirst: true, batchFirst: true }],
  layerCases("TransformerEncoderLayer"),
);
fn(
  "new nn.TransformerDecoderLayer",
  (...a: unknown[]) => new nn.TransformerDecoderLayer(...(a as [number, number])),
  () => [8, 2, { dimFeedforward: 16, dropout: 0 }],
  layerCases("TransformerDecoderLayer"),
);
const enc = () => new nn.TransformerEncoderLayer(4, 2, { dimFeedforward: 8 });
const dec = () => new nn.TransformerDecoderLayer(4, 2, { dimFeedforward: 8 });
/** A one-layer stack of `layer()`'s copy (the layer itself freed). */
const stackOf = (layer: typeof enc | typeof dec): any => {
  const l = layer();
  const stack =
    l instanceof nn.TransformerEncoderLayer
      ? new nn.TransformerEncoder(l, 1)
      : new nn.TransformerDecoder(l as never, 1);
  l.dispose();
  return stack;
};
fn(
  "new nn.TransformerEncoder",
  (...a: unknown[]) => new nn.TransformerEncoder(...(a as [any, number])),
  () => [enc(), 2],
  [c("layer not a module", (f) => f({}, 2), TypeError, /the layer must be a Module/)],
);
fn(
  "new nn.TransformerDecoder",
  (...a: unknown[]) => new nn.TransformerDecoder(...(a as [any, number])),
  () => [dec(), 2],
  [
    c(
      "negative layer count",
      (f, [layer]) => f(layer, -1),
      TypeError,
      /num_layers must be a non-negative integer/,
      () => [dec()],
    ),
  ],
);
m(
  "nn.TransformerEncoderLayer.forward",
  (mod, ...a) => mod.forward(...a),
  () => [enc(), x(3, 2, 4), {}],
  [
    c(
      "features of the wrong size",
      (f, [mod, a]) => f(mod, a),
      RangeError,
      /was expecting embedding dimension of 4, but got 6/,
      () => [enc(), x(3, 2, 6)],
    ),
  ],
);
m(
  "nn.TransformerDecoderLayer.forward",
  (mod, ...a) => mod.forward(...a),
  () => [dec(), x(3, 2, 4), x(5, 2, 4), {}],
  [
    c(
      "memory of another batch",
      (f, [mod, a, b]) => f(mod, a, b),
      RangeError,
      /key_padding_mask|shape|batch|size/,
      () => [dec(), x(3, 2, 4), x(5, 3, 4)],
    ),
  ],
);
m(
  "nn.TransformerEncoder.forward",
  (mod, ...a) => mod.forward(...a),
  () => [stackOf(enc), x(3, 2, 4), {}],
  [
    c(
      "snake_case option",
      (f, [mod, a]) => f(mod, a, { src_key_padding_mask: null }),
      TypeError,
      /unknown option "src_key_padding_mask"/,
      () => [stackOf(enc), x(3, 2, 4)],
    ),
  ],
);
m(
  "nn.TransformerDecoder.forward",
  (mod, ...a) => mod.forward(...a),
  () => [stackOf(dec), x(3, 2, 4), x(5, 2, 4), {}],
  [
    c(
      "memory disposed",
      (f, [mod, a]) => f(mod, a, J.disposed),
      Error,
      /was disposed/,
      () => [stackOf(dec), x(3, 2, 4)],
    ),
  ],
);
for (const [cls, g] of [
  ["TransformerEncoderLayer", "selfAttn"],
  ["TransformerDecoderLayer", "selfAttn"],
  ["TransformerDecoderLayer", "multiheadAttn"],
] as const)
  fn(
    `nn.${cls}.${g}`,
    (mod: any) => mod[g],
    () => [cls === "TransformerEncoderLayer" ? enc() : dec()],
    [],
    {
      receiver: true,
      none: "a getter",
    },
  );

// ---- recurrent layers -----------------------------------------------------------------------------

for (const cls of ["RNN", "LSTM", "GRU"] as const) {
  fn(
    `new nn.${cls}`,
    (...a: unknown[]) => new nn[cls](...(a as [number, number])),
    () => [3, 4, { numLayers: 2, bidirectional: true, batchFirst: true, dropout: 0.1 }],
    [
      c("negative hidden size", (f) => f(3, -4), TypeError, /hidden_size must be an integer >= 0, but got -4/),
      c(
        "dropout above 1",
        (f) => f(3, 4, { dropout: 1.5 }),
        RangeError,
        /dropout should be a number in range \[0, 1\]/,
      ),
      c("zero layers", (f) => f(3, 4, { numLayers: 0 }), TypeError, /num_layers must be an integer >= 1, but got 0/),
      c(
        "absurd layer count",
        (f) => f(3, 4, { numLayers: 2 ** 40 }),
        RangeError,
        /num_layers 1099511627776 is more than/,
      ),
      c("snake_case option", (f) => f(3, 4, { num_layers: 2 }), TypeError, /unknown option "num_layers"/),
    ],
  );
}
const seq = () => x(5, 2, 3);
m(
  "nn.RNN.forward",
  (mod, ...a) => mod.forward(...a),
  () => [new nn.RNN(3, 4), seq(), x(1, 2, 4)],
  [
    c("input of the wrong size", (f) => f(new nn.RNN(3, 4), x(5, 2, 6)), RangeError, /Expected 3, got 6/),
    c("2-D h0 for a batch", (f) => f(new nn.RNN(3, 4), x(5, 2, 3), x(2, 4)), RangeError, /hx should also be 3-D/),
  ],
);
m(
  "nn.GRU.forward",
  (mod, ...a) => mod.forward(...a),
  () => [new nn.GRU(3, 4), seq(), x(1, 2, 4)],
  [
    c(
      "h0 of the wrong shape",
      (f) => f(new nn.GRU(3, 4), x(5, 2, 3), x(1, 3, 4)),
      RangeError,
      /Expected hidden size \(1, 2, 4\), got \[1, 3, 4\]/,
    ),
  ],
);
m(
  "nn.LSTM.forward",
  (mod, ...a) => mod.forward(...a),
  () => [new nn.LSTM(3, 4), seq(), [x(1, 2, 4), x(1, 2, 4)]],
  [
    c(
      "h0 without c0",
      (f) => f(new nn.LSTM(3, 4), x(5, 2, 3), x(1, 2, 4)),
      TypeError,
      /hx must be an array \[h0, c0\]/,
    ),
    c(
      "c0 of the wrong shape",
      (f) => f(new nn.LSTM(3, 4), x(5, 2, 3), [x(1, 2, 4), x(1, 2, 5)]),
      RangeError,
      /Expected hidden\[1\] size/,
    ),
  ],
);
for (const cls of ["RNNCell", "LSTMCell", "GRUCell"] as const) {
  fn(
    `new nn.${cls}`,
    (...a: unknown[]) => new nn[cls](...(a as [number, number])),
    () => [3, 4, { bias: false }],
    [c("negative input size", (f) => f(-3, 4), TypeError, /input_size must be an integer >= 0, but got -3/)],
  );
}
none(["nn.RNNCell.extraRepr"], "no arguments");
m(
  "nn.RNNCell.forward",
  (mod, ...a) => mod.forward(...a),
  () => [new nn.RNNCell(3, 4), x(2, 3), x(2, 4)],
  [
    c(
      "3-D input",
      (f) => f(new nn.RNNCell(3, 4), x(1, 2, 3)),
      RangeError,
      /Expected input to be 1-D or 2-D but received 3-D tensor/,
    ),
  ],
);
m(
  "nn.GRUCell.forward",
  (mod, ...a) => mod.forward(...a),
  () => [new nn.GRUCell(3, 4), x(2, 3), x(2, 4)],
  [
    c(
      "input of the wrong size",
      (f) => f(new nn.GRUCell(3, 4), x(2, 5)),
      RangeError,
      /input has inconsistent input_size: got 5 expected 3/,
    ),
  ],
);
m(
  "nn.LSTMCell.forward",
  (mod, ...a) => mod.forward(...a),
  () => [new nn.LSTMCell(3, 4), x(2, 3), [x(2, 4), x(2, 4)]],
  [
    c(
      "states not a pair",
      (f) => f(new nn.LSTMCell(3, 4), x(2, 3), x(2, 4)),
      TypeError,
      /hx must be an array \[h, c\]/,
    ),
  ],
);

fn(
  "nn.utils.rnn.padSequence",
  nn.utils.rnn.padSequence,
  () => [[x(3, 2), x(1, 2)], { batchFirst: true, paddingValue: 0 }],
  [
    c("no sequences", (f) => f([]), RangeError, /received an empty list of sequences/),
    c("trailing dims differ", (f) => f([x(3, 2), x(3, 4)]), RangeError, /trailing dims must be \[2\]/),
    c("not an array", (f) => f(x(3, 2)), TypeError, /sequences must be an array of tensors/),
  ],
);
