// torchlet: PyTorch's tensors and autograd on WebAssembly. The public barrel.
// One block per family; each names exactly what is public.

import "./autograd/tensorMethods.js";
import "./disposable.js"; // declares Symbol.dispose for consumers without lib ESNext.Disposable
import "./autograd/derivatives.js"; // the gradient rules register themselves as they load

// ---- core ----
export { init, backendInfo, type InitOptions, type BackendInfo, type WasmSource } from "./wasm/loader.js";
export { Tensor, type TensorLike, type Hook } from "./tensor.js";
export type { DType } from "./dtype.js";
export { promoteTypes } from "./dtype.js";
export { resultType, iinfo, finfo, type ToOptions, type IInfo, type FInfo } from "./ops/dtypes.js";
export { tidy, dispose, memory, setLeakCheck, type MemoryInfo } from "./memory.js";

// ---- printing ----
export { setPrintOptions, type PrintOptions, type SetPrintOptions } from "./print.js";

// ---- creation ----
export {
  zeros,
  ones,
  empty,
  full,
  eye,
  zerosLike,
  onesLike,
  fullLike,
  emptyLike,
  type CreationOptions,
  type SizeArgs,
} from "./ops/creation.js";
export { tensor, fromArray, type TensorData, type TypedArray } from "./ops/fromData.js";
export { arange, linspace } from "./ops/ranges.js";

// ---- random ----
export {
  Generator,
  defaultGenerator,
  manualSeed,
  seed,
  initialSeed,
  getRngState,
  setRngState,
  type Seed,
} from "./ops/generator.js";
export { rand, randn, randLike, randnLike, type RandomOptions, type SampleOptions } from "./ops/random.js";
export { randint, randintLike, randperm } from "./ops/randint.js";
export { bernoulli, type BernoulliOptions } from "./ops/bernoulli.js";

// ---- elementwise ----
export { add, sub, mul, div, pow, remainder, maximum, minimum } from "./ops/binary.js";
export {
  neg,
  abs,
  sign,
  sqrt,
  rsqrt,
  exp,
  log,
  log1p,
  expm1,
  erf,
  sin,
  cos,
  tanh,
  sigmoid,
  relu,
  reciprocal,
  square,
  floor,
  ceil,
  trunc,
  round,
  clone,
} from "./ops/unary.js";
export { clamp } from "./ops/clamp.js";
export { eq, ne, lt, le, gt, ge, where } from "./ops/compare.js";
import "./ops/inplace.js"; // the in-place methods: zero_, fill_, copy_, add_, ..., clamp_, exp_, relu_, ...
import "./ops/intCasts.js"; // Tensor.long(), Tensor.int()

// ---- reductions ----
export { sum, mean, prod, type ReduceOptions, type Reduction, type ReductionMethod } from "./ops/reduce.js";
export { max, min, amax, amin, argmax, argmin, type Extremum, type ValuesIndices } from "./ops/extrema.js";
export { variance as var, std, type VarOptions } from "./ops/variance.js";
export { softmax, logSoftmax, logsumexp } from "./ops/softmax.js";
export { norm, type NormOrder, type NormOptions } from "./ops/norm.js";

// ---- views and movement ----
export {
  view,
  reshape,
  flatten,
  unsqueeze,
  squeeze,
  transpose,
  t,
  permute,
  expand,
  expandAs,
  contiguous,
  narrow,
  slice,
  select,
} from "./ops/views.js";
export { cat, stack, split, chunk, unbind, type DimArg } from "./ops/movement.js";
export { indexSelect, gather } from "./ops/indexing.js";
export { maskedFill, tril, triu } from "./ops/masking.js";
export {
  cumsum,
  cumprod,
  logcumsumexp,
  cummax,
  cummin,
  diff,
  type ScanOptions,
  type DiffOptions,
} from "./ops/scans.js";
export { flip, roll, tile } from "./ops/reshaping.js";
export {
  movedim,
  moveaxis,
  swapaxes,
  swapdims,
  unflatten,
  atleast1d,
  atleast2d,
  atleast3d,
  meshgrid,
  rot90,
  repeatInterleave,
  diagonal,
  diag,
  diagEmbed,
  type DiagonalOptions,
} from "./ops/rearrange.js";
export { addmm, addmv, baddbmm, cross, tensordot, kron, cdist, type ScaleOptions } from "./ops/products.js";
export {
  sort,
  argsort,
  topk,
  kthvalue,
  median,
  mode,
  unique,
  searchsorted,
  bucketize,
  type SortOptions,
  type TopkOptions,
  type KeepdimOptions,
  type UniqueOptions,
  type SearchOptions,
} from "./ops/sorting.js";
export {
  scatter,
  scatterAdd,
  scatterReduce,
  indexAdd,
  indexCopy,
  indexFill,
  type ScatterOptions,
  type ScatterReduction,
  type ScatterReduceOptions,
  type IndexAddOptions,
} from "./ops/scatter.js";
export { take, takeAlongDim, maskedSelect, maskedScatter, nonzero, type NonzeroOptions } from "./ops/take.js";
export { indexPut, type IndexItem, type IndexPutOptions } from "./ops/advancedIndex.js";
export { multinomial, poisson, normal, type MultinomialOptions } from "./ops/sampling.js";
export {
  atan2,
  arctan2,
  fmod,
  floorDivide,
  hypot,
  logaddexp,
  logaddexp2,
  xlogy,
  copysign,
  fmax,
  fmin,
  heaviside,
  lerp,
  nanToNum,
  type NanToNumOptions,
} from "./ops/binaryMath.js";
import "./ops/binaryMathInplace.js"; // atan2_, fmod_, lerp_, nan_to_num_, ... and the Tensor methods

// ---- linear algebra ----
export { matmul, mm, bmm, mv, dot, outer } from "./ops/linalg.js";
export { einsum, type Sublist } from "./ops/einsum.js";
export { trace } from "./ops/trace.js";
export { uniqueConsecutive, type UniqueConsecutiveOptions } from "./ops/uniqueDim.js";
export { chainMatmul } from "./ops/multiDot.js";
/** torch.linalg: multiDot (linalg.multi_dot). */
export * as linalg from "./linalg/index.js";

// ---- autograd ----
export { noGrad, enableGrad, setGradEnabled, isGradEnabled } from "./autograd/gradMode.js";
export { Node } from "./autograd/node.js";
/**
 * torch.autograd: grad, backward, Function, gradcheck, the functional API
 * (jacobian, hessian, ...) and the graph as a picture (toDot, toSvg).
 */
export * as autograd from "./autograd/api.js";

// ---- nn, optim, serialization ----
/** torch.nn: Module and the layers, Parameter, the losses, nn.functional, nn.init and nn.utils. */
export * as nn from "./nn/index.js";
/** torch.optim: the Optimizer base class, SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam, ASGD, LBFGS and optim.lrScheduler. */
export * as optim from "./optim/index.js";
/** torch.utils: utils.data (Dataset, DataLoader, samplers, collation). */
export * as utils from "./utils/index.js";
export { save, load, loadMetadata, type SaveOptions } from "./serialization/safetensors.js";
export { saveCheckpoint, loadCheckpoint, type CheckpointParts, type Checkpoint } from "./serialization/checkpoint.js";

// ---- logic ----
export {
  any,
  all,
  isnan,
  isinf,
  isposinf,
  isneginf,
  isfinite,
  isreal,
  logicalAnd,
  logicalOr,
  logicalXor,
  logicalNot,
  bitwiseAnd,
  bitwiseOr,
  bitwiseXor,
  bitwiseNot,
  bitwiseLeftShift,
  bitwiseRightShift,
  isclose,
  allclose,
  equal,
  type AnyAll,
  type AnyAllMethod,
  type IscloseOptions,
} from "./ops/logic.js";
export {
  erfc,
  erfinv,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  asinh,
  acosh,
  atanh,
  log2,
  log10,
  exp2,
  lgamma,
  digamma,
  polygamma,
  sinc,
  deg2rad,
  rad2deg,
  logit,
  frac,
  type LogitOptions,
} from "./ops/unaryMath.js";

// ---- torch.special ----
/** torch.special: erfcx, ndtr, ndtri, logNdtr, i0, i0e, i1, i1e, entr, xlog1py, zeta, multigammaln and the aliases (expit, gammaln, psi, ...). */
export * as special from "./special/index.js";
export { i0 } from "./special/ops.js";
import "./special/activationMethods.js"; // Tensor.hardshrink and Tensor.prelu
