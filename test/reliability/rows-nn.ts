// Rows: nn.functional, nn.init, nn.Parameter, the modules and their methods,
// the optimizers, save and load.

import * as torch from "../../src/index.js";
import { F, J, keepAside } from "./harness.js";
import { c, fn, none, type Call, type Case } from "./table.js";
import { logits, methodRow, mlp, noArgsRow, optimOptionCases, optimParams, unknownKey } from "./cases.js";

const { nn, optim } = torch;
const Fn = nn.functional;
const classes = () => torch.tensor([2, 0]);

const tensorArgCases = (name: string, arg: string, call: (f: Call, t: unknown) => unknown): Case[] => [
  c(`${arg} disposed`, (f) => call(f, J.disposed), Error, /was disposed/),
  c(`${arg} of an earlier init()`, (f) => call(f, J.stale), Error, /earlier torchlet instance/),
  c(
    `${arg} not a tensor`,
    (f) => call(f, [1, 2, 3]),
    TypeError,
    new RegExp(`${name}\\(\\): argument '${arg}' must be a Tensor`),
  ),
];

/** zeroGrad given PyTorch's snake_case option name, on the receiver `make()` (a module or an optimizer). */
const snakeSetToNone = (make: () => unknown): Case =>
  c(
    "unknown option",
    (f) => f(make(), { set_to_none: true } as never),
    TypeError,
    /zeroGrad\(\): unknown option "set_to_none" \(expected setToNone\)/,
  );

// ---- nn.functional ---------------------------------------------------------------------

const reductionCase = (run: (f: Call, o: unknown) => unknown): Case =>
  c("unknown reduction", (f) => run(f, { reduction: "avg" }), RangeError, /avg is not a valid value for reduction/);

fn(
  "nn.functional.crossEntropy",
  Fn.crossEntropy,
  () => [logits(), classes(), { weight: torch.ones(3), ignoreIndex: -100, reduction: "sum", labelSmoothing: 0.1 }],
  [
    ...tensorArgCases("crossEntropy", "input", (f, t) => f(t as never, classes())),
    ...tensorArgCases("crossEntropy", "target", (f, t) => f(F.b, t as never)),
    c(
      "batch sizes differ",
      (f) => f(F.b, torch.tensor([0, 1, 2])),
      RangeError,
      /Expected input batch_size \(2\) to match target batch_size \(3\)./,
    ),
    c("class index out of range", (f) => f(F.b, torch.tensor([0, 3])), RangeError, /Target 3 is out of bounds./),
    c(
      "float targets of the wrong shape",
      (f) => f(F.b, torch.zeros(2, 2)),
      RangeError,
      /0D or 1D target tensor expected, multi-target not supported/,
    ),
    c(
      "weight of the wrong size",
      (f) => f(F.b, classes(), { weight: torch.ones(2) }),
      RangeError,
      /weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: \[2\]/,
    ),
    c(
      "label smoothing above 1",
      (f) => f(F.b, classes(), { labelSmoothing: 2 }),
      RangeError,
      /label_smoothing must be between 0.0 and 1.0. Got: 2/,
    ),
    c(
      "label smoothing not a number",
      (f) => f(F.b, classes(), { labelSmoothing: "0.1" }),
      TypeError,
      /crossEntropy\(\): argument 'label_smoothing' must be a number, but got string/,
    ),
    c("0-d input", (f) => f(F.s, classes()), RangeError, /Expected 1 or more dimensions \(got 0\)/),
    reductionCase((f, o) => f(F.b, classes(), o as never)),
    unknownKey("crossEntropy", (f, o) => f(F.b, classes(), o as never)),
  ],
);
fn(
  "nn.functional.nllLoss",
  Fn.nllLoss,
  () => [logits(), classes(), { weight: torch.ones(3), ignoreIndex: 0, reduction: "mean" }],
  [
    ...tensorArgCases("nllLoss", "input", (f, t) => f(t as never, classes())),
    c(
      "integer input",
      (f) => f(F.idx.unsqueeze(0), torch.tensor([0])),
      TypeError,
      /"nll_loss_out_frame" not implemented for 'Long'/,
    ),
    c("float target", (f) => f(F.b, torch.zeros(2)), TypeError, /expected scalar type Long but found Float/),
    c("target out of range", (f) => f(F.b, torch.tensor([-1, 0])), RangeError, /Target -1 is out of bounds./),
    reductionCase((f, o) => f(F.b, classes(), o as never)),
    unknownKey("nllLoss", (f, o) => f(F.b, classes(), o as never)),
  ],
);
fn(
  "nn.functional.binaryCrossEntropyWithLogits",
  Fn.binaryCrossEntropyWithLogits,
  () => [logits(), F.p, { weight: torch.ones(3), posWeight: torch.ones(3), reduction: "none" }],
  [
    ...tensorArgCases("binaryCrossEntropyWithLogits", "input", (f, t) => f(t as never, F.p)),
    c(
      "target of another shape",
      (f) => f(F.b, torch.zeros(3)),
      RangeError,
      /Target size \(torch.Size\(\[3\]\)\) must be the same as input size \(torch.Size\(\[2, 3\]\)\)/,
    ),
    c(
      "weight that does not broadcast",
      (f) => f(F.b, F.p, { weight: torch.ones(4) }),
      RangeError,
      /must match the size of tensor/,
    ),
    reductionCase((f, o) => f(F.b, F.p, o as never)),
    unknownKey("binaryCrossEntropyWithLogits", (f, o) => f(F.b, F.p, o as never)),
  ],
);
fn(
  "nn.functional.binaryCrossEntropy",
  Fn.binaryCrossEntropy,
  () => [
    torch.tensor(
      [
        [0.2, 0.5, 0.9],
        [0.3, 0.6, 0.1],
      ],
      { requiresGrad: true },
    ),
    F.p,
    { weight: torch.ones(3), reduction: "sum" },
  ],
  [
    ...tensorArgCases("binaryCrossEntropy", "input", (f, t) => f(t as never, F.p)),
    c("input outside [0, 1]", (f) => f(F.b, F.p), RangeError, /all elements of input should be between 0 and 1/),
    c(
      "target of another shape",
      (f) => f(F.p, torch.zeros(3)),
      RangeError,
      /Using a target size \(torch.Size\(\[3\]\)\) that is different to the input size \(torch.Size\(\[2, 3\]\)\) is deprecated. Please ensure they have the same size./,
    ),
    reductionCase((f, o) => f(F.p, F.p, o as never)),
  ],
);
for (const name of ["mseLoss", "l1Loss", "smoothL1Loss", "huberLoss"] as const) {
  const opts =
    name === "smoothL1Loss"
      ? { reduction: "sum", beta: 0.5 }
      : name === "huberLoss"
        ? { reduction: "sum", delta: 2 }
        : { reduction: "sum" };
  fn(`nn.functional.${name}`, Fn[name], () => [logits(), F.b, opts], [
    ...tensorArgCases(name, "input", (f, t) => f(t as never, F.b)),
    ...tensorArgCases(name, "target", (f, t) => f(F.b, t as never)),
    c(
      "shapes that do not broadcast",
      (f) => f(F.b, torch.zeros(4)),
      RangeError,
      /The size of tensor a \(3\) must match the size of tensor b \(4\) at non-singleton dimension 1/,
    ),
    c(
      "integer input and target",
      (f) => f(F.idx, F.idx),
      TypeError,
      name === "l1Loss"
        ? /mean\(\): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long/
        : /not implemented for 'Long'/,
    ),
    reductionCase((f, o) => f(F.b, F.b, o as never)),
    unknownKey(name, (f, o) => f(F.b, F.b, o as never)),
    ...(name === "smoothL1Loss"
      ? [
          c(
            "negative beta",
            (f) => f(F.b, F.b, { beta: -1 }),
            RangeError,
            /smooth_l1_loss does not support negative values for beta./,
          ),
        ]
      : []),
    ...(name === "huberLoss"
      ? [
          c(
            "delta 0",
            (f) => f(F.b, F.b, { delta: 0 }),
            RangeError,
            /huber_loss does not support non-positive values for delta./,
          ),
        ]
      : []),
  ]);
}
fn("nn.functional.linear", Fn.linear, () => [logits(), torch.ones(4, 3, { requiresGrad: true }), torch.ones(4)], [
  ...tensorArgCases("linear", "input", (f, t) => f(t as never, F.w.t())),
  ...tensorArgCases("linear", "weight", (f, t) => f(F.b, t as never)),
  c("in features differ", (f) => f(F.b, F.w), RangeError, /mat1 and mat2 shapes cannot be multiplied \(2x3 and 4x3\)/),
  c(
    "bias of the wrong size",
    (f) => f(F.b, F.w.t(), torch.zeros(3)),
    RangeError,
    /The expanded size of the tensor \(3\) must match|must match the size/,
  ),
  c("bias not a tensor", (f) => f(F.b, F.w.t(), 1 as never), TypeError, /linear\(\): argument 'bias' must be a Tensor/),
  c(
    "bias not a tensor, as an option",
    (f) => f(F.b, F.w.t(), { bias: 1 } as never),
    TypeError,
    /linear\(\): argument 'bias' must be a Tensor/,
  ),
  c(
    "unknown option",
    (f) => f(F.b, F.w.t(), { b: torch.zeros(4) } as never),
    TypeError,
    /linear\(\): unknown option "b" \(expected bias\)/,
  ),
]);
fn(
  "nn.functional.dropout",
  Fn.dropout,
  () => [logits(), { p: 0.5, training: true, generator: new torch.Generator(9) }],
  [
    ...tensorArgCases("dropout", "input", (f, t) => f(t as never)),
    c("p above 1", (f) => f(F.b, { p: 1.5 }), RangeError, /dropout probability has to be between 0 and 1, but got 1.5/),
    c(
      "p not a number",
      (f) => f(F.b, { p: "0.5" }),
      TypeError,
      /dropout\(\): argument 'p' must be a number, but got string/,
    ),
    c(
      "training not a boolean",
      (f) => f(F.b, { training: "no" }),
      TypeError,
      /dropout\(\): argument 'training' must be bool, but got string/,
    ),
    c(
      "inplace not a boolean",
      (f) => f(F.b, { inplace: 1 }),
      TypeError,
      /dropout\(\): argument 'inplace' must be bool, but got number/,
    ),
    c("integer input", (f) => f(F.idx), TypeError, /dropout\(\): expected a floating point input, but got int64/),
    unknownKey("dropout", (f, o) => f(F.b, o as never)),
  ],
);
fn(
  "nn.functional.layerNorm",
  Fn.layerNorm,
  () => [logits(), [3], { weight: torch.ones(3), bias: torch.zeros(3), eps: 1e-5 }],
  [
    ...tensorArgCases("layerNorm", "input", (f, t) => f(t as never, [3])),
    c(
      "shape that does not end the input's",
      (f) => f(F.b, [2]),
      RangeError,
      /Given normalized_shape=\[2\], expected input with shape \[\*, 2\], but got input of size\[2, 3\]/,
    ),
    c(
      "empty normalized shape",
      (f) => f(F.b, []),
      RangeError,
      /Expected normalized_shape to be at least 1-dimensional/,
    ),
    c(
      "weight of the wrong shape",
      (f) => f(F.b, [3], { weight: torch.ones(2) }),
      RangeError,
      /Expected weight to be of same shape as normalized_shape, but got weight of shape \[2\] and normalized_shape = \[3\]/,
    ),
    c(
      "eps not a number",
      (f) => f(F.b, [3], { eps: "1e-5" }),
      TypeError,
      /layerNorm\(\): argument 'eps' must be a number, but got string/,
    ),
    c("normalized shape with a non-integer", (f) => f(F.b, [1.5]), TypeError, /layerNorm\(\): .*normalized_shape.*/),
    unknownKey("layerNorm", (f, o) => f(F.b, [3], o as never)),
  ],
);
fn(
  "nn.functional.embedding",
  Fn.embedding,
  () => [classes(), torch.ones(3, 2, { requiresGrad: true }), { paddingIdx: 0 }],
  [
    ...tensorArgCases("embedding", "input", (f, t) => f(t as never, F.w)),
    ...tensorArgCases("embedding", "weight", (f, t) => f(F.idx, t as never)),
    c(
      "float indices",
      (f) => f(F.b, F.w),
      TypeError,
      /Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead \(while checking arguments for embedding\)/,
    ),
    c("index out of range", (f) => f(torch.tensor([3]), F.w), RangeError, /index out of range in self/),
    c("weight not 2-D", (f) => f(F.idx, torch.zeros(3)), RangeError, /'weight' must be 2-D/),
    c(
      "padding index out of range",
      (f) => f(F.idx, F.w, { paddingIdx: 3 }),
      RangeError,
      /Padding_idx must be within num_embeddings/,
    ),
    unknownKey("embedding", (f, o) => f(F.idx, F.w, o as never)),
  ],
);
fn("nn.functional.gelu", Fn.gelu, () => [logits(), { approximate: "tanh" }], [
  ...tensorArgCases("gelu", "input", (f, t) => f(t as never)),
  c(
    "unknown approximation",
    (f) => f(F.b, { approximate: "erf" }),
    RangeError,
    /approximate argument must be either none or tanh./,
  ),
  c("integer input", (f) => f(F.idx), TypeError, /"GeluKernelImpl" not implemented for 'Long'/),
  unknownKey("gelu", (f, o) => f(F.b, o as never)),
]);
fn("nn.functional.silu", Fn.silu, () => [logits()], [
  ...tensorArgCases("silu", "input", (f, t) => f(t as never)),
  c("integer input", (f) => f(F.idx), TypeError, /not implemented for 'Long'/),
]);
fn(
  "nn.functional.relu",
  Fn.relu,
  () => [logits()],
  [c("bool input", (f) => f(F.mask), TypeError, /Boolean inputs not supported for relu/)],
  { sameAs: "torch.relu" },
);
fn(
  "nn.functional.softmax",
  Fn.softmax,
  () => [logits(), 1],
  [c("dim out of range", (f) => f(F.b, 2), RangeError, /Dimension out of range/)],
  { sameAs: "torch.softmax" },
);
fn(
  "nn.functional.logSoftmax",
  Fn.logSoftmax,
  () => [logits(), 1],
  [c("dim missing", (f) => f(F.b, undefined as never), TypeError, /missing 1 required positional argument: "dim"/)],
  { sameAs: "torch.logSoftmax" },
);

// ---- nn.init ------------------------------------------------------------------------------

const weight = () => torch.zeros(3, 4);
fn("nn.init.calculateGain", nn.init.calculateGain, () => ["leaky_relu", 0.2], [
  c("unknown nonlinearity", (f) => f("swish"), RangeError, /Unsupported nonlinearity swish/),
  c("slope not a number", (f) => f("leaky_relu", "0.1" as never), TypeError, /negative_slope 0.1 not a valid number/),
  c(
    "unknown option",
    (f) => f("leaky_relu", { slope: 0.1 } as never),
    TypeError,
    /calculateGain\(\): unknown option "slope" \(expected param\)/,
  ),
  c("nonlinearity not a string", (f) => f(1 as never), RangeError, /Unsupported nonlinearity 1/),
]);
fn("nn.init.calculateFanInAndFanOut", nn.init.calculateFanInAndFanOut, () => [weight()], [
  c(
    "1-D tensor",
    (f) => f(torch.zeros(3)),
    RangeError,
    /Fan in and fan out can not be computed for tensor with fewer than 2 dimensions/,
  ),
  ...tensorArgCases("calculateFanInAndFanOut", "tensor", (f, t) => f(t as never)),
]);
fn("nn.init.uniform_", nn.init.uniform_, () => [weight(), -1, 1, { generator: new torch.Generator(1) }], [
  c(
    "a > b",
    (f) => f(weight(), 1, -1),
    RangeError,
    /uniform_ expects to return a \[from, to\) range, but found from=1 > to=-1/,
  ),
  c("unknown option", (f) => f(weight(), 0, 1, { seed: 1 } as never), TypeError, /uniform_\(\): unknown option "seed"/),
  c(
    "options before a bound",
    (f) => f(weight(), { a: 0 } as never, 1),
    TypeError,
    /uniform_\(\): the options object must be the last argument/,
  ),
]);
fn("nn.init.normal_", nn.init.normal_, () => [weight(), 0, 2, { generator: new torch.Generator(1) }], [
  c("negative std", (f) => f(weight(), 0, -1), RangeError, /normal expects std >= 0.0, but found std -1/),
  c(
    "negative std as an option",
    (f) => f(weight(), { std: -1 }),
    RangeError,
    /normal expects std >= 0.0, but found std -1/,
  ),
  c(
    "std given twice",
    (f) => f(weight(), 0, 1, { std: 2 } as never),
    TypeError,
    /normal_\(\): got multiple values for argument 'std'/,
  ),
]);
fn("nn.init.constant_", nn.init.constant_, () => [weight(), 3], [
  c(
    "value not a number",
    (f) => f(weight(), "3" as never),
    TypeError,
    /fill_\(\): argument 'value' must be a Tensor or a number, but got string/,
  ),
  ...tensorArgCases("constant_", "tensor", (f, t) => f(t as never, 1)),
]);
fn(
  "nn.init.zeros_",
  nn.init.zeros_,
  () => [weight()],
  tensorArgCases("zeros_", "tensor", (f, t) => f(t as never)),
);
fn(
  "nn.init.ones_",
  nn.init.ones_,
  () => [weight()],
  tensorArgCases("ones_", "tensor", (f, t) => f(t as never)),
);
for (const name of ["xavierUniform_", "xavierNormal_"] as const) {
  fn(`nn.init.${name}`, nn.init[name], () => [weight(), { gain: 2, generator: new torch.Generator(1) }], [
    c(
      "1-D tensor",
      (f) => f(torch.zeros(3)),
      RangeError,
      /Fan in and fan out can not be computed for tensor with fewer than 2 dimensions/,
    ),
    c(
      "gain not a number",
      (f) => f(weight(), "2" as never),
      TypeError,
      new RegExp(`${name}\\(\\): gain must be a number`),
    ),
    c(
      "unknown option",
      (f) => f(weight(), { gian: 2 } as never),
      TypeError,
      new RegExp(`${name}\\(\\): unknown option "gian"`),
    ),
    ...tensorArgCases(name, "tensor", (f, t) => f(t as never)),
  ]);
}
for (const name of ["kaimingUniform_", "kaimingNormal_"] as const) {
  fn(
    `nn.init.${name}`,
    nn.init[name],
    () => [weight(), { a: 0.1, mode: "fan_out", nonlinearity: "leaky_relu", generator: new torch.Generator(1) }],
    [
      c(
        "unknown mode",
        (f) => f(weight(), { mode: "fan_avg" }),
        RangeError,
        /Mode fan_avg not supported, please use one of \['fan_in', 'fan_out'\]/,
      ),
      c(
        "mode not a string",
        (f) => f(weight(), { mode: 1 as never }),
        TypeError,
        new RegExp(`${name}\\(\\): mode must be a string`),
      ),
      c(
        "unknown nonlinearity",
        (f) => f(weight(), { nonlinearity: "swish" as never }),
        RangeError,
        /Unsupported nonlinearity swish/,
      ),
      c(
        "unknown option",
        (f) => f(weight(), { gain: 2 } as never),
        TypeError,
        new RegExp(`${name}\\(\\): unknown option "gain"`),
      ),
      ...tensorArgCases(name, "tensor", (f, t) => f(t as never)),
    ],
  );
}

// ---- Parameter, modules ----------------------------------------------------------------------

fn("nn.Parameter", nn.Parameter, () => [torch.zeros(2), true], [
  c(
    "integer data",
    (f) => f(torch.zeros(2, { dtype: "int32" })),
    TypeError,
    /only Tensors of floating point dtype can require gradients/,
  ),
  c(
    "requiresGrad not a boolean",
    (f) => f(torch.zeros(2), "yes" as never),
    TypeError,
    /requiresGrad_\(flag\): flag must be a boolean, but got string/,
  ),
  c("an owned tensor with a bad flag", (f) => f(F.model.weight, 1 as never), TypeError, /flag must be a boolean/),
  ...tensorArgCases("Parameter", "data", (f, t) => f(t as never)),
]);
fn("nn.isParameter", nn.isParameter, () => [F.model.weight], [], {
  none: "a predicate: any value gives true or false",
});

fn(
  "new nn.Linear",
  (...a: unknown[]) => new nn.Linear(...(a as [number, number])),
  () => [3, 2, { bias: true, dtype: "float64" }],
  [
    c("negative in features", (f) => f(-1, 2), TypeError, /in_features must be a non-negative integer, but got -1/),
    c(
      "non-integer out features",
      (f) => f(2, 1.5),
      TypeError,
      /out_features must be a non-negative integer, but got 1.5/,
    ),
    c(
      "integer dtype",
      (f) => f(2, 2, { dtype: "int32" }),
      TypeError,
      /only Tensors of floating point dtype can require gradients/,
    ),
    c(
      "unknown dtype",
      (f) => f(2, 2, { dtype: "complex64" as never }),
      TypeError,
      /dtype must be one of "float32", "float64", "int64", "int32", "bool", .*but got "complex64"/,
    ),
    c("bias not a boolean", (f) => f(2, 2, { bias: "no" as never }), TypeError, /Linear\(\): bias must be a boolean/),
    c(
      "unknown option",
      (f) => f(2, 2, { biases: false } as never),
      TypeError,
      /Linear\(\): unknown option "biases" \(expected bias, dtype\)/,
    ),
    c(
      "more weights than wasm memory holds",
      (f) => f(40000, 40000),
      RangeError,
      /out of memory: could not allocate 6400000000 bytes/,
    ),
    c(
      "more weights than torchlet's element limit",
      (f) => f(65536, 65536),
      RangeError,
      /tensor of shape \[65536, 65536\] has 4294967296 elements, more than torchlet's limit of 2147418112/,
    ),
  ],
);
fn(
  "new nn.Embedding",
  (...a: unknown[]) => new nn.Embedding(...(a as [number, number])),
  () => [4, 2, { paddingIdx: -1, dtype: "float64" }],
  [
    c("negative count", (f) => f(-1, 2), TypeError, /num_embeddings must be a non-negative integer, but got -1/),
    c(
      "padding index out of range",
      (f) => f(3, 2, { paddingIdx: 3 }),
      RangeError,
      /Padding_idx must be within num_embeddings/,
    ),
    c(
      "padding index not an integer",
      (f) => f(3, 2, { paddingIdx: 0.5 }),
      TypeError,
      /Embedding\(\): paddingIdx must be an integer/,
    ),
    c("unknown option", (f) => f(3, 2, { padding: 0 } as never), TypeError, /Embedding\(\): unknown option "padding"/),
  ],
);
fn(
  "new nn.LayerNorm",
  (...a: unknown[]) => new nn.LayerNorm(...(a as [number])),
  () => [[3], { eps: 1e-5, elementwiseAffine: true, bias: true, dtype: "float64" }],
  [
    c("negative size", (f) => f(-1), RangeError, /negative dimension -1/),
    c("size not a number", (f) => f("3" as never), TypeError, /LayerNorm\(\): .*normalized_shape/),
    c("eps not a number", (f) => f(3, { eps: "1e-5" as never }), TypeError, /LayerNorm\(\): eps must be a number/),
    c(
      "integer dtype",
      (f) => f(3, { dtype: "int32" }),
      TypeError,
      /only Tensors of floating point dtype can require gradients/,
    ),
    c("unknown option", (f) => f(3, { affine: false } as never), TypeError, /LayerNorm\(\): unknown option "affine"/),
  ],
);
fn(
  "new nn.Dropout",
  (p?: unknown, o?: unknown) => new nn.Dropout(p as number, o as never),
  () => [0.2, { inplace: false }],
  [
    c("p above 1", (f) => f(2), RangeError, /dropout probability has to be between 0 and 1, but got 2/),
    c(
      "p below 0 in the options",
      (f) => f({ p: -0.5 }),
      RangeError,
      /dropout probability has to be between 0 and 1, but got -0.5/,
    ),
    c("p a string", (f) => f("0.5" as never), TypeError, /Dropout\(\): p must be a number, but got the string "0.5"/),
    c(
      "p a string in the options",
      (f) => f({ p: "0.1" }),
      TypeError,
      /Dropout\(\): p must be a number, but got the string "0.1"/,
    ),
    c(
      "inplace not a boolean",
      (f) => f(0.1, { inplace: 1 }),
      TypeError,
      /Dropout\(\): inplace must be a boolean, but got number/,
    ),
    c("options given twice", (f) => f({ p: 0.1 }, { inplace: true }), TypeError, /Dropout\(\): options given twice/),
    c("unknown option", (f) => f({ q: 0.1 }), TypeError, /Dropout\(\): unknown option "q"/),
  ],
);
fn(
  "new nn.Flatten",
  (...a: unknown[]) => new nn.Flatten(...(a as [number, number])),
  () => [0, -1],
  [
    c("start dim not an integer", (f) => f(0.5), TypeError, /Flatten\(\): start_dim must be an integer, but got 0.5/),
    c(
      "end dim given twice",
      (f) => f(0, -1, { endDim: 1 }),
      TypeError,
      /Flatten\(\): got multiple values for argument 'endDim'/,
    ),
  ],
);
fn(
  "new nn.GELU",
  (o?: unknown) => new nn.GELU(o as never),
  () => [{ approximate: "tanh" }],
  [
    c(
      "unknown approximation",
      (f) => f({ approximate: "fast" as never }),
      RangeError,
      /approximate argument must be either none or tanh./,
    ),
    c("unknown option", (f) => f({ approx: "tanh" } as never), TypeError, /GELU\(\): unknown option "approx"/),
  ],
);
for (const name of ["Softmax", "LogSoftmax"] as const) {
  fn(
    `new nn.${name}`,
    (d?: unknown) => new nn[name](d as number),
    () => [1],
    [
      c(
        "dim not an integer",
        (f) => f("1" as never),
        TypeError,
        new RegExp(`${name}\\(\\): dim must be an integer, but got "1"`),
      ),
    ],
  );
}
for (const name of ["ReLU", "SiLU", "Tanh", "Sigmoid", "Identity", "Module"] as const) {
  fn(
    `new nn.${name}`,
    () => new nn[name](),
    () => [],
    [],
    { none: "takes no arguments" },
  );
}
fn(
  "new nn.Sequential",
  (...a: unknown[]) => new nn.Sequential(...(a as [])),
  () => [new nn.ReLU(), new nn.Tanh()],
  [
    c("an element that is not a Module", (f) => f(new nn.ReLU(), 5 as never), TypeError, /5 is not a Module subclass/),
    c("a named child that is not a Module", (f) => f({ a: F.b } as never), TypeError, /is not a Module subclass/),
  ],
);

// Module methods, each called on a fresh model (sweeps put junk in the arguments only).
const m = methodRow<InstanceType<typeof nn.Module>>;
m(
  "nn.Module.forward",
  (mod, x) => (mod as InstanceType<typeof nn.Linear>).forward(x as never),
  () => [new nn.Linear(3, 2), F.b],
  [
    c(
      "a Module without forward",
      (f) => f(new nn.Module(), F.b),
      Error,
      /Module \[Module\] is missing the required "forward" function/,
    ),
    c(
      "input of the wrong size",
      (f) => f(F.model, torch.zeros(2, 2)),
      RangeError,
      /mat1 and mat2 shapes cannot be multiplied \(2x2 and 3x3\)/,
    ),
  ],
);
m(
  "nn.Module.call",
  (mod, x) => (mod as InstanceType<typeof nn.Linear>).call(x as never),
  () => [new nn.Linear(3, 2), F.b],
  [c("input disposed", (f) => f(F.model, J.disposed), Error, /was disposed/)],
);
m(
  "nn.Module.registerParameter",
  (mod, n, p) => mod.registerParameter(n as string, p as never),
  () => [new nn.Module(), "w", torch.zeros(2)],
  [
    c("name with a dot", (f) => f(new nn.Module(), "a.b", torch.zeros(1)), Error, /parameter name can't contain "."/),
    c(
      "name not a string",
      (f) => f(new nn.Module(), 1 as never, torch.zeros(1)),
      TypeError,
      /parameter name should be a string. Got number/,
    ),
    c(
      "an existing attribute",
      (f) => f(new nn.Module(), "train", torch.zeros(1)),
      Error,
      /attribute 'train' already exists/,
    ),
    c(
      "not a tensor",
      (f) => f(new nn.Module(), "w", [1] as never),
      TypeError,
      /cannot assign 'Array' object to parameter 'w' \(torch.nn.Parameter or None required\)/,
    ),
  ],
);
m(
  "nn.Module.registerBuffer",
  (mod, n, t, o) => mod.registerBuffer(n as string, t as never, o as never),
  () => [new nn.Module(), "running", torch.zeros(2), { persistent: false }],
  [
    c(
      "not a tensor",
      (f) => f(new nn.Module(), "b", 5 as never),
      TypeError,
      /cannot assign 'number' object to buffer 'b' \(torch Tensor or None required\)/,
    ),
    c("empty name", (f) => f(new nn.Module(), "", torch.zeros(1)), Error, /buffer name can't be empty string ""/),
    c(
      "unknown option",
      (f) => f(new nn.Module(), "b", torch.zeros(1), { persist: true } as never),
      TypeError,
      /registerBuffer\(\): unknown option "persist" \(expected persistent\)/,
    ),
  ],
);
for (const name of ["registerModule", "addModule"] as const) {
  m(
    `nn.Module.${name}`,
    (mod, n, sub) => mod[name](n as string, sub as never),
    () => [new nn.Module(), "sub", new nn.ReLU()],
    [
      c("not a module", (f) => f(new nn.Module(), "sub", F.b as never), TypeError, /is not a Module subclass/),
      c("name with a dot", (f) => f(new nn.Module(), "a.b", new nn.ReLU()), Error, /module name can't contain "."/),
    ],
  );
}
for (const name of ["namedParameters", "parameters", "namedBuffers", "buffers"] as const) {
  m(
    `nn.Module.${name}`,
    (mod, o) => mod[name](o as never),
    () => [mlp(), { recurse: true }],
    [
      c(
        "unknown option",
        (f) => f(mlp(), { recursive: false } as never),
        TypeError,
        new RegExp(`${name}\\(\\): unknown option "recursive"`),
      ),
    ],
  );
}
m(
  "nn.Module.namedModules",
  (mod, p) => mod.namedModules(p as string),
  () => [mlp(), "net"],
  [c("prefix not a string", (f) => f(mlp(), 1 as never), TypeError, /namedModules\(\): prefix must be a string/)],
);
m(
  "nn.Module.apply",
  (mod, f) => mod.apply(f as never),
  () => [mlp(), () => undefined],
  [c("fn not a function", (f) => f(mlp(), 1 as never), TypeError, /apply\(fn\): fn must be a function/)],
);
m(
  "nn.Module.train",
  (mod, v) => mod.train(v as boolean),
  () => [mlp(), false],
  [
    c("mode not a boolean", (f) => f(mlp(), 1 as never), TypeError, /training mode is expected to be boolean/),
    c(
      "mode not a boolean, as an option",
      (f) => f(mlp(), { mode: 1 } as never),
      TypeError,
      /training mode is expected to be boolean/,
    ),
    c(
      "unknown option",
      (f) => f(mlp(), { training: false } as never),
      TypeError,
      /train\(\): unknown option "training" \(expected mode\)/,
    ),
  ],
);
m(
  "nn.Module.requiresGrad_",
  (mod, v) => mod.requiresGrad_(v as boolean),
  () => [mlp(), false],
  [c("flag not a boolean", (f) => f(mlp(), "no" as never), TypeError, /requiresGrad_\(flag\): flag must be a boolean/)],
);
m(
  "nn.Module.zeroGrad",
  (mod, o) => mod.zeroGrad(o as never),
  () => [mlp(), { setToNone: false }],
  [
    snakeSetToNone(mlp),
    c(
      "setToNone not a boolean",
      (f) => f(mlp(), { setToNone: 0 } as never),
      TypeError,
      /zeroGrad\(\): setToNone must be a boolean/,
    ),
  ],
);
m(
  "nn.Module.stateDict",
  (mod, o) => mod.stateDict(o as never),
  () => [mlp(), { prefix: "m.", keepVars: false }],
  [
    c(
      "unknown option",
      (f) => f(mlp(), { keep_vars: true } as never),
      TypeError,
      /stateDict\(\): unknown option "keep_vars"/,
    ),
  ],
);
m(
  "nn.Module.loadStateDict",
  (mod, sd, o) => mod.loadStateDict(sd as never, o as never),
  () => {
    const other = keepAside(mlp());
    return [mlp(), other.stateDict(), { strict: true }];
  },
  [
    c(
      "a missing key (nothing is copied)",
      (f) => f(F.model, { weight: torch.zeros(3, 3) }),
      Error,
      /Error\(s\) in loading state_dict for Linear:\n\tMissing key\(s\) in state_dict: "bias"./,
    ),
    c(
      "an unexpected key",
      (f) => f(F.model, { weight: torch.zeros(3, 3), bias: torch.zeros(3), extra: torch.zeros(1) }),
      Error,
      /Unexpected key\(s\) in state_dict: "extra"./,
    ),
    c(
      "a size mismatch after a good key (nothing is copied)",
      (f) => f(F.model, { weight: torch.zeros(3, 3), bias: torch.zeros(4) }),
      Error,
      /size mismatch for bias: copying a param with shape torch.Size\(\[4\]\) from checkpoint, the shape in current model is torch.Size\(\[3\]\)./,
    ),
    c(
      "a value that is not a tensor",
      (f) => f(F.model, { weight: torch.zeros(3, 3), bias: [0, 0, 0] } as never),
      Error,
      /While copying the parameter named "bias", expected torch.Tensor or Tensor-like object from checkpoint but received object/,
    ),
    c(
      "a disposed tensor (nothing is copied)",
      (f) => f(F.model, { weight: torch.zeros(3, 3), bias: J.disposed }),
      Error,
      /was disposed/,
    ),
    c("not an object", (f) => f(F.model, null as never), TypeError, /Expected state_dict to be dict-like, got null./),
    c(
      "unknown option",
      (f) => f(F.model, F.model.stateDict(), { strictly: true } as never),
      TypeError,
      /loadStateDict\(\): unknown option "strictly" \(expected strict\)/,
    ),
  ],
  { dictArgs: [1] },
);
m(
  "nn.Sequential.at",
  (mod, i) => (mod as InstanceType<typeof nn.Sequential>).at(i as number),
  () => [mlp(), -1],
  [
    c("index out of range", (f) => f(mlp(), 3), RangeError, /index 3 is out of range/),
    c("index not an integer", (f) => f(mlp(), 0.5), TypeError, /at\(\): index must be an integer, but got 0.5/),
  ],
);
m(
  "nn.Sequential.append",
  (mod, x) => (mod as InstanceType<typeof nn.Sequential>).append(x as never),
  () => [mlp(), new nn.Tanh()],
  [c("not a module", (f) => f(mlp(), F.b as never), TypeError, /is not a Module subclass/)],
);
m(
  "nn.Sequential.forward",
  (mod, x) => (mod as InstanceType<typeof nn.Sequential>).forward(x as never),
  () => [mlp(), F.b],
  [
    c(
      "input of the wrong size",
      (f) => f(mlp(), torch.zeros(2, 2)),
      RangeError,
      /mat1 and mat2 shapes cannot be multiplied \(2x2 and 3x4\)/,
    ),
  ],
);
for (const cls of [
  "Dropout",
  "Embedding",
  "Flatten",
  "GELU",
  "Identity",
  "LayerNorm",
  "Linear",
  "LogSoftmax",
  "ReLU",
  "SiLU",
  "Sigmoid",
  "Softmax",
  "Tanh",
] as const) {
  const make = (): InstanceType<typeof nn.Module> => {
    switch (cls) {
      case "Embedding":
        return new nn.Embedding(3, 2);
      case "LayerNorm":
        return new nn.LayerNorm(3);
      case "Linear":
        return new nn.Linear(3, 2);
      case "Softmax":
      case "LogSoftmax":
        return new nn[cls](1);
      default:
        return new nn[cls]();
    }
  };
  const input = () =>
    cls === "Embedding"
      ? torch.tensor([[0, 2]])
      : torch.tensor(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          { dtype: "float32" },
        );
  m(
    `nn.${cls}.forward`,
    (mod, x) => (mod as InstanceType<typeof nn.Linear>).forward(x as never),
    () => [make(), input()],
    [c("input disposed", (f) => f(make(), J.disposed), Error, /was disposed/)],
  );
}
none(
  [
    "nn.Module.extraRepr",
    "nn.Module.namedChildren",
    "nn.Module.children",
    "nn.Module.modules",
    "nn.Module.eval",
    "nn.Module.dispose",
    "nn.Module.toString",
    "nn.Sequential.length",
    "nn.Linear.resetParameters",
    "nn.Embedding.resetParameters",
    "nn.Dropout.extraRepr",
    "nn.Embedding.extraRepr",
    "nn.Flatten.extraRepr",
    "nn.GELU.extraRepr",
    "nn.LayerNorm.extraRepr",
    "nn.Linear.extraRepr",
    "nn.LogSoftmax.extraRepr",
    "nn.Softmax.extraRepr",
  ],
  "no arguments",
);

// ---- optim -------------------------------------------------------------------------------------------

const params = optimParams;
const optimizerCases = (name: "SGD" | "Adam" | "AdamW"): Case[] => {
  return [
    c(
      "params a tensor",
      (f) => f(F.b),
      TypeError,
      /params argument given to the optimizer should be an iterable of Tensors or dicts, but got Tensor/,
    ),
    c(
      "params null",
      (f) => f(null),
      TypeError,
      /params argument given to the optimizer should be an iterable of Tensors or dicts, but got null/,
    ),
    c("empty params", (f) => f([]), RangeError, /optimizer got an empty parameter list/),
    c("a non-leaf param", (f) => f([F.a.mul(2)]), Error, /can't optimize a non-leaf Tensor/),
    c("a disposed param", (f) => f([J.disposed]), Error, /was disposed/),
    c(
      "a number among the params",
      (f) => f([F.a, 1]),
      TypeError,
      /optimizer can only optimize Tensors, but one of the params is number/,
    ),
    c(
      "a param in two groups",
      (f) => f([{ params: [F.a] }, { params: [F.a] }]),
      Error,
      /some parameters appear in more than one parameter group/,
    ),
    ...optimOptionCases(name),
    c(
      "an option of the wrong type in a group",
      (f) => f([{ params: params(), lr: "0.1" }]),
      TypeError,
      new RegExp(`${name}\\(\\): lr must be a number, but got string`),
    ),
    ...(name === "SGD"
      ? [
          c(
            "nesterov without momentum",
            (f) => f(params(), { nesterov: true }),
            RangeError,
            /Nesterov momentum requires a momentum and zero dampening/,
          ),
          c("negative momentum", (f) => f(params(), { momentum: -0.5 }), RangeError, /Invalid momentum value: -0.5/),
          c(
            "nesterov not a boolean",
            (f) => f(params(), { nesterov: 1, momentum: 0.9 }),
            TypeError,
            /SGD\(\): nesterov must be a boolean, but got number/,
          ),
        ]
      : [
          c("beta of 1", (f) => f(params(), { betas: [0.9, 1] }), RangeError, /Invalid beta parameter at index 1: 1/),
          c(
            "betas not a pair",
            (f) => f(params(), { betas: 0.9 }),
            TypeError,
            new RegExp(`${name}\\(\\): betas must be a pair of numbers`),
          ),
          c("negative eps", (f) => f(params(), { eps: -1 }), RangeError, /Invalid epsilon value: -1/),
        ]),
  ];
};
fn(
  "new optim.SGD",
  (p: unknown, o: unknown) => new optim.SGD(p as never, o as never),
  () => [params(), { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0.1, nesterov: true, maximize: false }],
  optimizerCases("SGD"),
);
fn(
  "new optim.Adam",
  (p: unknown, o: unknown) => new optim.Adam(p as never, o as never),
  () => [params(), { lr: 0.1, betas: [0.8, 0.9], eps: 1e-6, weightDecay: 0.1, amsgrad: true, maximize: false }],
  optimizerCases("Adam"),
);
fn(
  "new optim.AdamW",
  (p: unknown, o: unknown) => new optim.AdamW(p as never, o as never),
  () => [params(), { lr: 0.1, betas: [0.8, 0.9], eps: 1e-6, weightDecay: 0.1, amsgrad: false, maximize: true }],
  optimizerCases("AdamW"),
);
fn(
  "new optim.Optimizer",
  (p: unknown, d: unknown) => new (optim.Optimizer as unknown as new (p: unknown, d: unknown) => unknown)(p, d),
  null,
  [
    c(
      "the abstract base constructed directly",
      (f) => f(params(), {}),
      TypeError,
      /Optimizer is abstract: use optim.SGD, optim.Adam or optim.AdamW/,
    ),
  ],
);

/** A fresh Adam over fresh parameters that have grads. */
function trained(): InstanceType<typeof optim.Adam> {
  const ps = params();
  for (const p of ps) p.grad = torch.ones(p.shape);
  return new optim.Adam(ps, { lr: 0.1 });
}
/** An optimizer stepped once over a [3] parameter with a grad, its state then changed by `change` (optimizer.state is public). */
function changedState(
  kind: "SGD" | "Adam" | "AdamW",
  change: (s: Record<string, unknown>, opt: { state: Map<unknown, unknown> }, p: torch.Tensor) => void,
): () => unknown[] {
  return () => {
    const p = torch.ones(3, { requiresGrad: true });
    p.grad = torch.ones(3);
    const opt =
      kind === "SGD"
        ? new optim.SGD([p], { lr: 0.1, momentum: 0.9 })
        : new optim[kind]([p], { lr: 0.1, amsgrad: true });
    opt.step();
    change(opt.state.get(p) as Record<string, unknown>, opt as never, p);
    return [opt];
  };
}
/** The optimizer's state `key` replaced by zeros of `dtype` (`head`: the start of the message, a regex). */
const wrongDtype = (kind: "SGD" | "Adam", key: string, dtype: "float64" | "int32", head = ""): Case =>
  c(
    `${kind} ${key} of ${dtype}`,
    (f, [opt]) => f(opt),
    TypeError,
    new RegExp(`${head}state "${key}" has dtype ${dtype}, but its parameter has dtype float32`),
    changedState(kind, (s) => {
      s[key] = torch.zeros(3, { dtype });
    }),
  );
const stateCases: Case[] = [
  c(
    "SGD momentumBuffer of 4 elements for 3 (nothing is updated)",
    (f, [opt]) => f(opt),
    RangeError,
    /SGD.step\(\): state "momentumBuffer" has shape \[4\], but its parameter has shape \[3\] \(The size of tensor a \(4\) must match the size of tensor b \(3\) at non-singleton dimension 0\)/,
    changedState("SGD", (s) => {
      s.momentumBuffer = torch.zeros(4);
    }),
  ),
  c(
    "SGD momentumBuffer of 2 elements for 3",
    (f, [opt]) => f(opt),
    RangeError,
    /state "momentumBuffer" has shape \[2\], but its parameter has shape \[3\]/,
    changedState("SGD", (s) => {
      s.momentumBuffer = torch.zeros(2);
    }),
  ),
  c(
    "SGD momentumBuffer of another rank",
    (f, [opt]) => f(opt),
    RangeError,
    /state "momentumBuffer" has shape \[1, 3\], but its parameter has shape \[3\]$/,
    changedState("SGD", (s) => {
      s.momentumBuffer = torch.zeros(1, 3);
    }),
  ),
  wrongDtype("SGD", "momentumBuffer", "float64", "SGD.step\\(\\): "),
  wrongDtype("SGD", "momentumBuffer", "int32"),
  c(
    "SGD momentumBuffer expanded from one element (not contiguous)",
    (f, [opt]) => f(opt),
    RangeError,
    /state "momentumBuffer" must be contiguous \(its strides are \[0\]\)/,
    changedState("SGD", (s) => {
      s.momentumBuffer = torch.zeros(1).expand(3);
    }),
  ),
  c(
    "SGD momentumBuffer a number",
    (f, [opt]) => f(opt),
    TypeError,
    /state "momentumBuffer" must be a Tensor, but got number/,
    changedState("SGD", (s) => {
      s.momentumBuffer = 5;
    }),
  ),
  c(
    "SGD momentumBuffer disposed",
    (f, [opt]) => f(opt),
    Error,
    /was disposed and can no longer be used/,
    changedState("SGD", (s) => {
      (s.momentumBuffer as torch.Tensor).dispose();
    }),
  ),
  c(
    "SGD state replaced by a number",
    (f, [opt]) => f(opt),
    TypeError,
    /SGD.step\(\): the state of a parameter must be an object, but got number/,
    changedState("SGD", (_s, opt, p) => {
      opt.state.set(p, 5);
    }),
  ),
  c(
    "Adam expAvg of 4 elements for 3",
    (f, [opt]) => f(opt),
    RangeError,
    /Adam.step\(\): state "expAvg" has shape \[4\], but its parameter has shape \[3\]/,
    changedState("Adam", (s) => {
      s.expAvg = torch.zeros(4);
    }),
  ),
  c(
    "Adam expAvgSq of 2 elements for 3",
    (f, [opt]) => f(opt),
    RangeError,
    /state "expAvgSq" has shape \[2\]/,
    changedState("Adam", (s) => {
      s.expAvgSq = torch.zeros(2);
    }),
  ),
  c(
    "AdamW maxExpAvgSq of 5 elements for 3",
    (f, [opt]) => f(opt),
    RangeError,
    /AdamW.step\(\): state "maxExpAvgSq" has shape \[5\]/,
    changedState("AdamW", (s) => {
      s.maxExpAvgSq = torch.zeros(5);
    }),
  ),
  c(
    "AdamW expAvg a transposed view",
    (f, [opt]) => f(opt),
    RangeError,
    /state "expAvg" has shape \[3, 1\]/,
    changedState("AdamW", (s) => {
      s.expAvg = torch.zeros(1, 3).t();
    }),
  ),
  wrongDtype("Adam", "expAvgSq", "float64"),
  c(
    "Adam step a string",
    (f, [opt]) => f(opt),
    TypeError,
    /Adam.step\(\): state "step" must be a non-negative integer, but got string/,
    changedState("Adam", (s) => {
      s.step = "1";
    }),
  ),
  c(
    "Adam step negative",
    (f, [opt]) => f(opt),
    TypeError,
    /state "step" must be a non-negative integer, but got -1/,
    changedState("Adam", (s) => {
      s.step = -1;
    }),
  ),
  c(
    "Adam step fractional",
    (f, [opt]) => f(opt),
    TypeError,
    /state "step" must be a non-negative integer, but got 1.5/,
    changedState("Adam", (s) => {
      s.step = 1.5;
    }),
  ),
  c(
    "Adam expAvg deleted",
    (f, [opt]) => f(opt),
    TypeError,
    /Adam.step\(\): the state of a parameter has a step count but no expAvg/,
    changedState("Adam", (s) => {
      delete s.expAvg;
    }),
  ),
];

const o = (
  name: string,
  call: (opt: InstanceType<typeof optim.Adam>, ...a: unknown[]) => unknown,
  args: () => unknown[],
  cases: Case[],
  extra = {},
) => methodRow(name, call, args, cases, { keeps: true, ...extra });
o(
  "optim.Optimizer.step",
  (opt, cl) => opt.step(cl as never),
  () => [trained(), () => 1],
  [
    c(
      "closure not a function",
      (f) => f(trained(), 1 as never),
      TypeError,
      /step\(closure\): closure must be a function/,
    ),
    c(
      "a parameter disposed since (nothing is updated)",
      (f, [opt]) => f(opt),
      Error,
      /was disposed/,
      () => {
        const q = torch.ones(1, { requiresGrad: true });
        const opt = new optim.SGD([F.a, q], { lr: 0.1 });
        q.grad = torch.ones(1);
        q.dispose();
        return [opt];
      },
    ),
    c(
      "lr changed to a string between steps (nothing is updated)",
      (f, [opt]) => f(opt),
      TypeError,
      /SGD\(\): lr must be a number, but got string/,
      () => {
        const opt = new optim.SGD([F.a], { lr: 0.1 });
        (opt.paramGroups[0] as { lr: unknown }).lr = "fast";
        return [opt];
      },
    ),
    ...stateCases,
  ],
);
o(
  "optim.Optimizer.zeroGrad",
  (opt, x) => opt.zeroGrad(x as never),
  () => [trained(), { setToNone: true }],
  [snakeSetToNone(trained)],
);
o(
  "optim.Optimizer.addParamGroup",
  (opt, g) => opt.addParamGroup(g as never),
  () => [trained(), { params: [torch.ones(1, { requiresGrad: true })], lr: 0.5 }],
  [
    c("not a group", (f) => f(trained(), 5 as never), TypeError, /param group must be a dict/),
    c(
      "a parameter already in a group",
      (f) => f(F.opt, { params: [F.model.weight] }),
      Error,
      /some parameters appear in more than one parameter group/,
    ),
    c(
      "invalid lr",
      (f) => f(F.opt, { params: [torch.ones(1, { requiresGrad: true })], lr: -2 }),
      RangeError,
      /Invalid learning rate: -2/,
    ),
    c(
      "params not iterable",
      (f) => f(F.opt, { params: 5 }),
      TypeError,
      /optimizer params must be an iterable of Tensors, but got number/,
    ),
  ],
  { dictArgs: [1] },
);
o(
  "optim.Optimizer.stateDict",
  (opt) => torch.tidy(() => void opt.stateDict()),
  () => [trained()],
  [],
  { none: "no arguments" },
);
o(
  "optim.Optimizer.loadStateDict",
  (opt, sd) => opt.loadStateDict(sd as never),
  () => {
    const opt = trained();
    opt.step();
    return [opt, opt.stateDict()];
  },
  [
    c(
      "a different number of groups",
      (f) => f(F.opt, { state: {}, paramGroups: [] }),
      RangeError,
      /loaded state dict has a different number of parameter groups/,
    ),
    c(
      "a group of another size",
      (f) => f(F.opt, { state: {}, paramGroups: [{ params: [0] }] } as never),
      RangeError,
      /loaded state dict contains a parameter group that doesn't match the size of optimizer's group/,
    ),
    c(
      "state of another shape (nothing is loaded)",
      (f) =>
        f(F.opt, {
          state: { 0: { momentumBuffer: torch.zeros(2) } },
          paramGroups: [{ ...F.opt.paramGroups[0]!, params: [0, 1] }],
        } as never),
      RangeError,
      /loaded state dict: state "momentumBuffer" of parameter 0 has shape \[2\], but the parameter has shape \[3, 3\]/,
    ),
    c(
      "an invalid option (nothing is loaded)",
      (f) => f(F.opt, { state: {}, paramGroups: [{ ...F.opt.paramGroups[0]!, lr: -1, params: [0, 1] }] } as never),
      RangeError,
      /Invalid learning rate: -1/,
    ),
    c(
      "not a state dict",
      (f) => f(F.opt, null as never),
      TypeError,
      /loadStateDict\(\): expected an optimizer state dict \{ state, paramGroups \}, but got null/,
    ),
  ],
  { dictArgs: [1] },
);
noArgsRow<InstanceType<typeof optim.Adam>>("optim.Optimizer.dispose", (opt) => opt.dispose(), trained, { keeps: true });

// ---- save and load --------------------------------------------------------------------------

fn(
  "torch.save",
  torch.save,
  () => [{ w: F.b, i: F.idx }, { metadata: { format: "pt" } }],
  [
    c(
      "not an object of tensors",
      (f) => f(F.b as never),
      TypeError,
      /save\(tensors\): expected a plain object of named tensors \(a stateDict\)/,
    ),
    c(
      "a value that is not a tensor",
      (f) => f({ w: 1 } as never),
      TypeError,
      /save\(\): "w" is not a Tensor \(got number\)/,
    ),
    c("a disposed tensor", (f) => f({ w: J.disposed }), Error, /was disposed/),
    c(
      "metadata value not a string",
      (f) => f({ w: F.b }, { metadata: { v: 1 } as never }),
      TypeError,
      /save\(\): metadata values must be strings, but "v" is number/,
    ),
    c(
      "unknown option",
      (f) => f({ w: F.b }, { meta: {} } as never),
      TypeError,
      /save\(\): unknown option "meta" \(expected metadata\)/,
    ),
    c(
      "a tensor named __metadata__ (load would read it as the metadata)",
      (f) => f({ __metadata__: F.b }),
      TypeError,
      /save\(\): "__metadata__" is reserved for the metadata; it cannot name a tensor/,
    ),
  ],
  { dictArgs: [0] },
);
/** A safetensors file with this header text and `data` bytes after it. */
function fileWith(header: string, data = 0): Uint8Array {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + h.length + data);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  return out;
}
const saved = () => torch.save({ w: F.b, i: F.idx });
fn("torch.load", torch.load, () => [saved()], [
  c(
    "not bytes",
    (f) => f("file.safetensors" as never),
    TypeError,
    /load\(bytes\): expected a Uint8Array or an ArrayBuffer/,
  ),
  c("too short", (f) => f(new Uint8Array(3)), RangeError, /safetensors: .*(short|header)/i),
  c(
    "header length past the end",
    (f) => f(new Uint8Array([255, 0, 0, 0, 0, 0, 0, 0, 123])),
    RangeError,
    /safetensors: .*header/i,
  ),
  c(
    "truncated data (the tensors read so far are freed)",
    (f) => f(saved().subarray(0, saved().length - 4)),
    RangeError,
    /safetensors: /,
  ),
  c(
    "an entry of 2^31 elements or more (0 bytes: a size past the limit beside a 0)",
    (f) => f(fileWith('{"x":{"dtype":"F32","shape":[1099511627776,0],"data_offsets":[0,0]}}')),
    RangeError,
    /tensor of shape \[1099511627776, 0\] has a size of 1099511627776, more than torchlet's limit/,
  ),
  c(
    "a size of 1e300",
    (f) => f(fileWith('{"x":{"dtype":"F32","shape":[1e300,0],"data_offsets":[0,0]}}')),
    TypeError,
    /safetensors: the entry of "x" is not \{dtype, shape, data_offsets\}/,
  ),
  c(
    "a header nested 100,000 deep",
    (f) => f(fileWith("[".repeat(100_000) + "]".repeat(100_000))),
    TypeError,
    /safetensors: the header is not (valid JSON|a JSON object)/,
  ),
  c(
    "a __proto__ entry that is not a tensor's",
    (f) => f(fileWith('{"__proto__":{"dtype":"F32"}}')),
    TypeError,
    /safetensors: the entry of "__proto__" is not \{dtype, shape, data_offsets\}/,
  ),
]);
fn("torch.loadMetadata", torch.loadMetadata, () => [torch.save({ w: F.b }, { metadata: { a: "b" } })], [
  c("not bytes", (f) => f(5 as never), TypeError, /loadMetadata\(bytes\): expected a Uint8Array or an ArrayBuffer/),
]);
