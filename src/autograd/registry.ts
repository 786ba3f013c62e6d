// The gradient rules as data: what a rule is, the names of the ops that have
// one, and the registry the rules files (./rules/*.ts) fill when they load.
// This module imports nothing at run time, so ops can record nodes without
// importing the rules, whose formulas are written with ops.

import type { Tensor } from "../tensor.js";
import type { Node } from "./node.js";
import type { Geometry } from "./viewTracking.js";

export const NOT_DIFFERENTIABLE = "not differentiable" as const;
export type NotDifferentiable = typeof NOT_DIFFERENTIABLE;

/**
 * The grad w.r.t. one input: gets the grad of the (first) output, the saved
 * values, the grads of all outputs (for multi-output ops) and the input's
 * position. Temporaries it makes are freed by the engine (function.ts).
 */
export type Formula<S = any> = (
  grad: Tensor,
  saved: S,
  grads: readonly (Tensor | null)[],
  input: number,
) => Tensor | null;

/**
 * One input or output a rule keeps for backward: an input by position, the
 * (first) output, or an input kept only when input `neededBy` requires grad
 * (its formula is the only one that reads it, as PyTorch's codegen decides).
 */
export type SaveSpec = number | "result" | { readonly input: number; readonly neededBy: number };

/** The saved inputs of a binary op's rule that keeps both. */
export interface SelfOther {
  self: Tensor;
  other: Tensor;
}

/** A rule that keeps self and other, with one grad per input as a function of (grad, self, other). */
export function selfOtherRule(
  name: string,
  grads: readonly ((g: Tensor, self: Tensor, other: Tensor) => Tensor)[],
): Rule<SelfOther> {
  return { name, save: { self: 0, other: 1 }, grads: grads.map((f) => (g, s: SelfOther) => f(g, s.self, s.other)) };
}

export interface Rule<S = any> {
  /** PyTorch's grad_fn class name, e.g. "AddBackward0". */
  name: string;
  /** One formula per input of the op, in order; or one formula for every input (it gets the position). */
  grads: readonly (Formula<S> | NotDifferentiable)[] | Formula<S>;
  /**
   * Formulas of the same shape used when no graph of the backward is built
   * (createGraph off): one fused kernel where `grads` composes ops.
   */
  fused?: readonly (Formula<S> | NotDifferentiable)[] | Formula<S>;
  /** What backward reads of the op's inputs and output, by name; `record` keeps these. */
  save?: { readonly [name: string]: SaveSpec };
  /** Outputs that get no grad_fn (such as the indices of max). */
  nonDifferentiableOutputs?: readonly number[];
}

export type ElementwiseOp =
  | "add"
  | "sub"
  | "rsub"
  | "mul"
  | "div"
  | "divRounded"
  | "pow"
  | "powTensor"
  | "powScalarBase"
  | "remainder"
  | "remainderScalar"
  | "remainderScalarSelf"
  | "maximum"
  | "minimum"
  | "neg"
  | "abs"
  | "sign"
  | "sqrt"
  | "rsqrt"
  | "exp"
  | "log"
  | "log1p"
  | "expm1"
  | "erf"
  | "sin"
  | "cos"
  | "tanh"
  | "sigmoid"
  | "relu"
  | "reciprocal"
  | "floor"
  | "ceil"
  | "trunc"
  | "round"
  | "clamp"
  | "clampTensor"
  | "clone"
  | "toCopy"
  | "where"
  | "zero"
  | "fill"
  | "fillTensor"
  | "copy"
  | "gradCopy"
  | "uniform"
  | "normal"
  | "bernoulli";

export type ReduceOp =
  | "sum"
  | "sumDim"
  | "mean"
  | "meanDim"
  | "prod"
  | "prodDim"
  | "maxAll"
  | "minAll"
  | "maxDim"
  | "minDim"
  | "amax"
  | "amin"
  | "var"
  | "std"
  | SoftmaxOp;

/** The reductions of rules/softmax.ts: softmax, log_softmax, logsumexp and the norms. */
export type SoftmaxOp = "softmax" | "logSoftmax" | "logsumexp" | "norm" | "normDtype";

export type ViewOp =
  | "view"
  | "reshapeAlias"
  | "unsafeView"
  | "unsqueeze"
  | "squeeze"
  | "squeezeDim"
  | "transpose"
  | "t"
  | "permute"
  | "expand"
  | "slice"
  | "select"
  | "sliceBackward"
  | "selectBackward"
  | "asStrided";

export type LinalgOp = "mm" | "bmm" | "mv" | "dot" | "squeezeInPlace";

export type MovementOp =
  "cat" | "stack" | "split" | "splitWithSizes" | "unbind" | "indexSelect" | "indexAdd" | "gather" | "scatterAdd";

export type IndexingOp =
  | "scatter"
  | "scatterValue"
  | "scatterLegacyReduce"
  | "scatterAddTo"
  | "scatterReduce"
  | "indexAddTo"
  | "indexCopy"
  | "indexFill"
  | "indexFillTensor"
  | "take"
  | "maskedSelect"
  | "maskedScatter"
  | "index"
  | "indexDim"
  | "indexPut"
  | "poisson"
  | "normalTensorFloat"
  | "normalFloatTensor"
  | "normalTensorTensor";

export type NnOp =
  | "binaryCrossEntropyWithLogits"
  | "binaryCrossEntropy"
  | "mseLoss"
  | "smoothL1Loss"
  | "huberLoss"
  | "nllLoss"
  | "nllLoss2d"
  | "crossEntropyLogSoftmax"
  | "divScalar"
  | "gelu"
  | "silu"
  | "addmm"
  | "layerNorm"
  | "embedding";

export type ConvOp = "convolution" | "convolutionBackward";

export type PoolOp =
  | "maxPool2d"
  | "avgPool2d"
  | "avgPool2dBackward"
  | "adaptiveMaxPool2d"
  | "adaptiveAvgPool2d"
  | "adaptiveAvgPool2dBackward"
  | "constantPadNd"
  | "reflectionPad1d"
  | "reflectionPad2d"
  | "reflectionPad3d"
  | "replicationPad1d"
  | "replicationPad2d"
  | "replicationPad3d"
  | "upsampleNearest1d"
  | "upsampleNearest2d"
  | "upsampleLinear1d"
  | "upsampleBilinear2d"
  | "pixelShuffle"
  | "pixelUnshuffle"
  | "im2col"
  | "col2im"
  | "maxUnpool2d";

/** Masking, triangles, scans, sorting and selection, and shape ops of issue 17 (src/ops/seq*.ts). */
export type SeqOp =
  | "maskedFill"
  | "maskedFillTensor"
  | "tril"
  | "triu"
  | "cumsum"
  | "cumprod"
  | "logcumsumexp"
  | "cummax"
  | "cummin"
  | "flip"
  | "roll"
  | "repeat"
  | "sort"
  | "sortStable"
  | "topk"
  | "kthvalue"
  | "medianAll"
  | "medianDim"
  | "mode"
  | "rot90"
  | "diagonal"
  | "diagonalBackward"
  | "diagEmbed"
  | "diag"
  | "addmmScaled"
  | "addmv"
  | "baddbmm"
  | "cross"
  | "cdist";

/** The ops behind the margin and probabilistic losses (rules/toolkit.ts). */
export type ToolkitOp = "clampMin" | "xlogy" | "logSigmoid" | "softMarginLoss" | "multiMarginLoss" | "ctcLoss";

export type NormOp = "batchNorm" | "groupNorm";

/** Contractions with a rule of their own (rules/contraction.ts). */
export type ContractionOp = "trace";

/** pack_padded_sequence (rules/packed.ts). */
export type PackedOp = "packPaddedSequence";

/** The unary math ops of issue 17 (src/ops/unaryMath.ts, rules/unaryMath.ts). */
export type UmathOp =
  | "erfc"
  | "erfinv"
  | "tan"
  | "asin"
  | "acos"
  | "atan"
  | "sinh"
  | "cosh"
  | "asinh"
  | "acosh"
  | "atanh"
  | "log2"
  | "log10"
  | "exp2"
  | "lgamma"
  | "digamma"
  | "polygamma"
  | "sinc"
  | "deg2rad"
  | "rad2deg"
  | "logit"
  | "frac"
  | "asinhInplace"
  | "acoshInplace"
  | "atanhInplace"
  | "polygammaInplace";

/** The fused recurrent steps of nn.LSTM and nn.GRU (rules/rnn.ts). */
export type RnnOp = "lstmCell" | "gruCell" | "lstmLayer" | "gruLayer";
/** The binary math ops (src/ops/binaryMath.ts); torch.xlogy of two tensors is ToolkitOp's "xlogy". */
export type BmathOp =
  | "atan2"
  | "fmod"
  | "fmodScalar"
  | "hypot"
  | "logaddexp"
  | "logaddexp2"
  | "xlogyScalarSelf"
  | "xlogyScalarOther"
  | "copysign"
  | "copysignScalar"
  | "fmax"
  | "fmin"
  | "lerpScalar"
  | "lerpTensor"
  | "nanToNum"
  | "floorDivide"
  | "heaviside";
/** The activations of rules/activation2.ts (src/nn/functional/activation2.ts, activation3.ts). */
export type ActivationOp =
  | "leakyRelu"
  | "leakyReluResult"
  | "elu"
  | "eluResult"
  | "celu"
  | "celuResult"
  | "softplus"
  | "hardtanh"
  | "hardtanhResult"
  | "hardsigmoid"
  | "hardswish"
  | "mish"
  | "logSigmoidKernel"
  | "softshrink"
  | "hardshrink"
  | "threshold"
  | "thresholdResult"
  | "rreluWithNoise"
  | "rreluWithNoiseResult"
  | "rreluNoise"
  | "rreluNoiseInplace"
  | "glu"
  | "prelu";

/** torch.special's own functions (src/special/). */
export type SpecialOp =
  | "specialErfcx"
  | "specialNdtri"
  | "specialLogNdtr"
  | "specialNdtr"
  | "i0"
  | "specialI0e"
  | "specialI1"
  | "specialI1e"
  | "specialEntr"
  | "specialXlog1py"
  | "specialXlog1pyScalarSelf"
  | "specialXlog1pyScalarOther"
  | "specialZeta"
  | "specialZetaScalarSelf"
  | "specialZetaScalarOther"
  | "mvlgamma"
  | "roundDecimals";
/** The fused attention of F.scaledDotProductAttention (rules/attention.ts). */
export type AttentionOp = "scaledDotProductFlashAttention";

export type OpName =
  | ElementwiseOp
  | ReduceOp
  | ViewOp
  | LinalgOp
  | MovementOp
  | NnOp
  | ConvOp
  | PoolOp
  | SeqOp
  | IndexingOp
  | ToolkitOp
  | NormOp
  | ContractionOp
  | PackedOp
  | UmathOp
  | RnnOp
  | BmathOp
  | ActivationOp
  | SpecialOp
  | AttentionOp;

/** A family's rules: the mapped type makes a missing entry a compile error. */
export type RuleTable<K extends OpName> = { readonly [P in K]: Rule };

/** Every op's rule, filled by the rules files as they load (./derivatives.ts loads them all). */
export const rules = {} as { [P in OpName]: Rule };

/** Adds a family's rules to the registry and returns the table. */
export function register<K extends OpName>(table: RuleTable<K>): RuleTable<K> {
  Object.assign(rules, table);
  return table;
}

/**
 * The backward of CopySlices (copySlices.ts), the node a base gets when one
 * of its views is modified in place: the grads of the base and of the
 * in-place op's other inputs, given the op's own node `fn`. Written with
 * ops, so rules/views.ts registers it, as the rules.
 */
export type CopySlicesBackward = (
  g: Tensor,
  base: Geometry,
  view: Geometry,
  fn: Node,
  inputs: number,
  createGraph: boolean,
) => (Tensor | null)[];

export const engineRules: { copySlices: CopySlicesBackward | null } = { copySlices: null };

/** The rule of `op`; an Error when its rules file was never loaded (it is, through the package's index). */
export function ruleOf(op: OpName): Rule {
  const rule = rules[op];
  if (rule === undefined)
    throw new Error(`no gradient rule registered for "${op}": import torchlet's index, which loads them`);
  return rule;
}
