// The shape of golden files' cases (the JSON test/golden/gen_<family>.py
// writes), one interface per family, for the vitest file and the conformance
// family that both read it. Cases only a vitest file reads are described
// there (random.json's in-place sampling grads); programs that read their
// case by key (autograd, nn's module cases, training) need no interface.

import type { DType, Num, TensorJson } from "./types.js";
import type { InputSpec } from "./values.js";

/** test/golden/parity.json (gen_parity.py): one case per optimizer run, and one "batches" case with the data. */
export interface ParityCase {
  name: string;
  optimizer?:
    "SGD" | "Adam" | "AdamW" | "RMSprop" | "Adagrad" | "Adadelta" | "Adamax" | "NAdam" | "RAdam" | "ASGD" | "LBFGS";
  /** The optimizer's keyword arguments in Python's spelling (weight_decay). */
  kwargs?: Record<string, unknown>;
  losses?: number[];
  final?: [string, TensorJson][];
  xs?: TensorJson[];
  targets?: number[][];
}

/** test/golden/optim.json (gen_optim.py): five steps of an optimizer from fixed grads, or an error case. */
export interface OptimCase {
  name: string;
  optimizer?:
    "SGD" | "Adam" | "AdamW" | "RMSprop" | "Adagrad" | "Adadelta" | "Adamax" | "NAdam" | "RAdam" | "ASGD" | "LBFGS";
  /** The optimizer's keyword arguments in Python's spelling (weight_decay). */
  kwargs?: Record<string, unknown>;
  /** Parameter groups: indices into `start`, and each group's own keyword arguments. */
  groups?: { idx: number[]; opts: Record<string, unknown> }[] | null;
  dtype?: "float32" | "float64";
  start?: TensorJson[];
  grads?: TensorJson[][];
  history?: TensorJson[][];
  /** Each parameter's optimizer state after the last step, keys in Python's spelling. */
  state?: Record<string, TensorJson | number>[];
  error?: string;
}

/** A reduce case's positional or keyword argument ("inf" / "-inf" spelled out). */
export type ReduceArg = number | string | boolean | null | number[];

/** A named reduce input: a spec, permuted when perm is given. */
export type ReduceSpec = InputSpec & { perm?: number[] };

/** test/golden/reduce.json (gen_reduce.py): torch.<op>(input, ...args, kwargs), and one case "inputs" holding the named inputs. */
export interface ReduceCase {
  name: string;
  op: string;
  input: string;
  args: ReduceArg[];
  kwargs: Record<string, ReduceArg>;
  out?: TensorJson;
  values?: TensorJson;
  indices?: TensorJson;
  gradFn?: string | null;
  gout?: TensorJson;
  grad?: TensorJson | null;
  printed?: string;
  error?: string;
  errorType?: string;
  specs?: Record<string, ReduceSpec>;
}

/** test/golden/safetensors.json (gen_safetensors.py): one case per fixture file. */
export interface SafetensorsCase {
  name: string;
  file: string;
  metadata: Record<string, string> | null;
  /** Whether saving the loaded tensors gives back the file's bytes. */
  writable: boolean;
  order: string[];
  tensors: [string, TensorJson][] | null;
  error: string | null;
}

/** The arguments of a views or movement case's op (test/golden/shape_cases.py). */
export interface ShapeArgs {
  shape?: number[];
  dim?: number;
  dim0?: number;
  dim1?: number;
  dims?: number[];
  start?: number | null;
  end?: number | null;
  step?: number;
  length?: number;
  index?: TensorJson | number;
  indexT?: boolean;
  repeat?: number;
  split?: number | number[];
  chunks?: number;
}

/** test/golden/views.json and movement.json (gen_views.py, gen_movement.py, through shape_cases.py). */
export interface ShapeCase {
  name: string;
  op: string;
  inputs: InputSpec[];
  args: ShapeArgs;
  out?: TensorJson | TensorJson[];
  str?: string | string[];
  gradFn?: string | null | (string | null)[];
  isSelf?: boolean;
  next?: [string | null, number][];
  weights?: TensorJson[];
  grads?: (TensorJson | null)[];
  gradGradFn?: (string | null)[];
  vs?: TensorJson[];
  ggW?: TensorJson[];
  error?: string;
  errorType?: string;
}

/** An operand of an elementwise or in-place case: a tensor spec, a Python number or bool, or None. */
export type Operand = InputSpec | { num: Num } | { bool: boolean } | { none: true };

/** test/golden/creation.json (gen_creation.py): an op case (arange, linspace, tensor, full, eye), a *Like layout case, or an error. */
export interface CreationCase {
  name: string;
  op?: string;
  args?: unknown[];
  dtype?: DType | null;
  /** torch.tensor's data, "nan" / "inf" / "-inf" spelled out. */
  data?: unknown;
  kwargs?: { dtype?: DType; requires_grad?: boolean };
  out?: TensorJson;
  layout?: string;
  shape?: number[];
  strides?: number[];
  error?: string;
}

/** test/golden/print.json (gen_print.py): a tensor rebuilt from its values, printed under print options in Python's spelling. */
export interface PrintCase {
  name: string;
  values: Num[];
  shape: number[];
  dtype: DType;
  /** A leaf, a leaf that requires grad, or the result of mul(1) on one (so it has a grad_fn). */
  how: "leaf" | "requires_grad" | "mul1";
  options: {
    precision?: number;
    threshold?: number;
    edgeitems?: number;
    linewidth?: number;
    sci_mode?: boolean;
    profile?: "default" | "short" | "full";
  } | null;
  repr: string;
}

/** What an elementwise or in-place case recorded of its result: value, printed form, grad_fn and edges, the grads of a weighted sum, or the error. */
interface OpResult {
  out?: TensorJson;
  str?: string;
  gradFn?: string | null;
  next?: [string | null, number][];
  weight?: TensorJson;
  grads?: (TensorJson | null)[];
  error?: string;
}

/** test/golden/elementwise.json (gen_elementwise.py): an op case or an error case. */
export interface OpCase extends OpResult {
  name: string;
  kind: "op" | "error";
  op: string;
  inputs: Operand[];
  args: { alpha?: number; roundingMode?: "trunc" | "floor" };
  /** Whether the float inputs require grad. */
  grad?: boolean;
  gradError?: string;
  vs?: TensorJson[];
  gg?: (TensorJson | null)[];
}

/** test/golden/elementwise.json's value sweeps: a math function over many values, within 2 ulp of PyTorch. */
export interface SweepCase {
  name: string;
  kind: "sweep";
  op: string;
  dtype: "float32" | "float64";
  x: TensorJson;
  out: TensorJson;
  /** PyTorch's results element by element (its scalar path; `out` is its vectorised one); float32 sweeps only. */
  outScalar?: TensorJson;
}

/** test/golden/inplace.json's method cases (gen_inplace.py): op_ on a self that `mode` makes. */
export interface InplaceCase extends OpResult {
  name: string;
  kind: "inplace";
  op: string;
  target: InputSpec;
  inputs: Operand[];
  args: { alpha?: number; rounding_mode?: "trunc" | "floor" };
  mode: "plain" | "leaf" | "leaf_nograd" | "nonleaf" | "view_leaf" | "view_nonleaf";
  /** Whether float operands require grad. */
  argGrad?: boolean;
  version?: number;
}

/** An input of a linalg case: a spec, transposed in its last two dims when mT. */
export interface LinalgSpec extends InputSpec {
  mT?: boolean;
}

/** test/golden/linalg.json (gen_linalg.py); `chain` is a graph as linalg.ts's chainOf writes it. */
export interface LinalgCase {
  name: string;
  op: "matmul" | "mm" | "bmm" | "mv" | "dot" | "outer";
  inputs: LinalgSpec[];
  out?: TensorJson;
  str?: string;
  chain?: string;
  w?: TensorJson;
  grads?: TensorJson[];
  gradChain?: string[];
  vs?: TensorJson[];
  gg?: (TensorJson | null)[];
  error?: string;
}

/** A grad_fn graph as gen_nn.py writes it: [name, next functions], cut at depth 8. */
export type NnGraph = [string, (NnGraph | null)[]] | null;

/**
 * test/golden/losses.json (gen_losses.py): binary_cross_entropy_with_logits
 * cases (op "bce_with_logits": input, target, opts) and the other losses'
 * (args, kwargs, grads); keyword names in Python's spelling.
 */
export interface LossCase {
  name: string;
  op: string;
  input: InputSpec;
  target: InputSpec;
  opts: Record<string, InputSpec | string>;
  grad_input?: TensorJson;
  grad_target?: TensorJson;
  args?: { spec: InputSpec; grad: boolean }[];
  kwargs?: Record<string, number | string | null | { tensor: InputSpec }>;
  grads?: (TensorJson | null)[];
  grad_out?: InputSpec;
  out?: TensorJson;
  printed?: string;
  grad_fn?: string;
  error?: string;
  errorType?: string;
}

/** test/golden/nn.json (gen_nn.py): an nn.functional op case (kwargs in Python's spelling), or an error program's message. */
export interface NnCase {
  name: string;
  op?: string;
  args?: ({ spec: InputSpec; grad: boolean } | null)[];
  kwargs?: Record<string, unknown>;
  out?: TensorJson;
  grads?: (TensorJson | null)[];
  grad_out?: InputSpec;
  grad_fn?: string;
  graph?: NnGraph;
  printed?: string;
  seed?: number | null;
  error?: string;
}

/** One call of a random case: the op, its positional arguments, and dtype / shape / layout (of the tensor an in-place op fills). */
export type RandomCall = [string, unknown[], { dtype?: DType; shape?: number[]; layout?: string }];

/** test/golden/random.json (gen_random.py): seeded calls and their outputs (cases with an error or a kind are programs in test/random.test.ts). */
export interface RandomCase {
  name: string;
  kind?: "inplaceGrad";
  seed: number | null;
  /** Whether the calls draw from a torch.Generator (seeded with `seed`, or unseeded when null) rather than the global one. */
  generator: boolean;
  calls: RandomCall[];
  outputs: (TensorJson | TensorJson[])[];
  error?: string;
}

/** One cell of test/golden/tour.json (gen_tour.py), which holds `cells` in place of cases: what the cell prints in PyTorch. */
export interface TourCell {
  name: string;
  output: string;
}

/** An argument of a view program's step: a number, a tensor's name as "$name", a shape, None, or keyword options. */
export type ViewArg = number | string | number[] | null | Record<string, number>;

/** One step of a view program (["let", name, op, src, ...args], ["inplace", op, target, ...args], ["nograd", step], ...). */
export type ViewStep = [string, ...unknown[]];

/** What gen_inplace.py's observe() records of a tensor. */
export interface ViewObservation {
  out: TensorJson;
  str: string;
  version: number;
  requiresGrad: boolean;
  isLeaf: boolean;
  gradFn: string | null;
  gradFnStr: string | null;
  /** next_functions as [name, input nr]; present when gradFn is. */
  next?: [string | null, number][];
}

/**
 * A view program: the "views" cases of test/golden/inplace.json (gen_inplace.py)
 * and all of nograd_views.json (gen_nograd_views.py), run by
 * families/viewSteps.ts (whose header lists what they observe).
 */
export interface ViewCase {
  name: string;
  kind: "views";
  tensors: Record<string, { spec: InputSpec; grad?: boolean }>;
  steps: ViewStep[];
  observe: string[];
  loss: string | null;
  double: boolean;
  obs?: ViewObservation[];
  weight?: TensorJson;
  grads?: (TensorJson | null)[];
  /** For double cases: the weights of the grads that require grad, and the second derivatives. */
  vs?: TensorJson[];
  gg?: (TensorJson | null)[];
  error?: string;
  /** The step that raises `error`; steps.length when autograd.grad of the loss raises it. */
  errorStep?: number;
  /** Tensors whose .grad is recorded after the steps, as dotGrad. */
  gradOf?: string[];
  dotGrad?: (TensorJson | null)[];
  /** By hook id (["hook", tensor, id, scale?] steps): the grads the hook saw during the steps, in order. */
  hookGrads?: Record<string, TensorJson[]>;
}
