// torch.autograd.functional: jacobian, vjp, jvp, hessian, hvp, vhp. Like
// torch/autograd/functional.py these add no machinery of their own: each is a
// thin layer over autograd.grad (jvp and hvp use the double-backward trick).
//
// Inputs and outputs may be one tensor or an array of tensors; results keep
// PyTorch's structure (a tensor for tensor-in/tensor-out, arrays otherwise).
// Results are detached unless createGraph is set; everything else made along
// the way is freed.

import { checkBooleanOption, checkOptionsObject, kindOf } from "../args.js";
import { Tensor } from "../tensor.js";
import { tidy } from "../memory.js";
import { grad } from "./grad.js";
import { enableGrad } from "./gradMode.js";
import { zerosLike } from "../ops/creation.js";
import { reshape, view } from "../ops/views.js";
import { stackRows } from "./functionalStack.js";

/** One tensor or an array of them (PyTorch's tensor-or-tuple arguments). */
export type Tensors = Tensor | readonly Tensor[];

/** The keyword arguments of the autograd.functional functions: `{ createGraph, strict }`. */
export interface FunctionalOptions {
  /** create_graph: record the computation, so the result can be differentiated again (default false). */
  createGraph?: boolean;
  /** Throw when an output does not depend on an input, instead of giving zeros (default false). */
  strict?: boolean;
}

/**
 * The keyword arguments of autograd.functional.jacobian: `{ createGraph,
 * strict, vectorize, strategy }` (only "reverse-mode").
 */
export interface JacobianOptions extends FunctionalOptions {
  /** Accepted for API parity; torchlet always computes row by row. */
  vectorize?: boolean;
  /** Only "reverse-mode" (PyTorch's default) is supported. */
  strategy?: "reverse-mode";
}

const asArray = (v: Tensors, what: string): Tensor[] => {
  const list = v instanceof Tensor ? [v] : Array.isArray(v) ? Array.from(v) : null;
  if (list === null || list.some((t) => !(t instanceof Tensor))) {
    throw new TypeError(`The ${what} given to the function must be either a Tensor or an array of Tensors`);
  }
  return list;
};

const JACOBIAN_KEYS = ["createGraph", "strict", "vectorize", "strategy"];
const FUNCTIONAL_KEYS = ["createGraph", "strict"];

/** The user function and the options, checked (PyTorch's keyword names in camelCase). */
function checkCall<O extends FunctionalOptions>(
  name: string,
  fn: unknown,
  opts: unknown,
  keys: readonly string[],
): Partial<O> {
  if (typeof fn !== "function") throw new TypeError(`${name}(): func must be a function, but got ${kindOf(fn)}`);
  const o = checkOptionsObject<O>(opts, name, keys);
  checkBooleanOption(o.createGraph, name, "createGraph");
  checkBooleanOption(o.strict, name, "strict");
  return o;
}

/** Inputs as the user function sees them: leaves that require grad (or graph-connected views under createGraph). */
function prepareInputs(inputs: readonly Tensor[], createGraph: boolean): Tensor[] {
  return inputs.map((t) => {
    t._check();
    if (createGraph && t.requiresGrad) return view(t, t.shape);
    return t.detach().requiresGrad_(true);
  });
}

function callFn(fn: (...args: Tensor[]) => Tensors, inputs: Tensor[], what: string): Tensor[] {
  const out = enableGrad(() => fn(...inputs));
  return asArray(out, `outputs of the user-provided function (${what})`);
}

/** The gradient of unused inputs (strict=false): zeros, as PyTorch. */
function orZeros(g: Tensor | null, like: Tensor, strict: boolean, what: string): Tensor {
  if (g !== null) return g;
  if (strict)
    throw new Error(
      `The output of the user-provided function is independent of input ${what}. This is not allowed in strict mode.`,
    );
  return zerosLike(like);
}

const finish = (t: Tensor, createGraph: boolean): Tensor => (createGraph ? t : t.detach());

function shapeResult<T>(items: T[], isTensor: boolean): T | T[] {
  return isTensor ? items[0]! : items;
}

/**
 * The Jacobian of `fn` at `inputs`: for output i and input j, a tensor of
 * shape [...out_i.shape, ...in_j.shape].
 */
export function jacobian(
  fn: (...args: Tensor[]) => Tensors,
  inputs: Tensors,
  opts: JacobianOptions = {},
): Tensor | Tensor[] | Tensor[][] {
  opts = checkCall<JacobianOptions>("jacobian", fn, opts, JACOBIAN_KEYS);
  const createGraph = opts.createGraph ?? false;
  const strict = opts.strict ?? false;
  const inputIsTensor = inputs instanceof Tensor;
  return tidy(() => {
    const ins = prepareInputs(asArray(inputs, "inputs"), createGraph);
    const rawOut = enableGrad(() => fn(...ins));
    const outputIsTensor = rawOut instanceof Tensor;
    const outs = asArray(rawOut, "outputs of the user-provided function");
    const perOutput = outs.map((out) => {
      const n = out.numel();
      const rows: Tensor[][] = ins.map(() => []);
      const flat = reshape(out, [-1]);
      for (let k = 0; k < n; k++) {
        const gs = out.requiresGrad
          ? grad(flat.select(0, k), ins, null, { retainGraph: true, createGraph, allowUnused: true })
          : ins.map(() => null);
        gs.forEach((g, j) => rows[j]!.push(orZeros(g, ins[j]!, strict, `${j}`)));
      }
      return ins.map((inp, j) => {
        const jac = stackRows(rows[j]!, n, inp.shape);
        return finish(reshape(jac, [...out.shape, ...inp.shape]), createGraph);
      });
    });
    if (outputIsTensor && inputIsTensor) return perOutput[0]![0]!;
    if (outputIsTensor) return perOutput[0]!;
    if (inputIsTensor) return perOutput.map((r) => r[0]!);
    return perOutput;
  }) as Tensor | Tensor[] | Tensor[][];
}

/** The arguments of vjp and jvp: a function, its inputs, the vector v (optional for one-element inputs), the options. */
type VectorProductArgs = [
  fn: (...args: Tensor[]) => Tensors,
  inputs: Tensors,
  v?: Tensors | null,
  opts?: FunctionalOptions,
];

/** [fn(inputs), vᵀ·J]: `v` may be omitted when the output has one element. */
export function vjp(...[fn, inputs, v, opts = {}]: VectorProductArgs): [Tensors, Tensors] {
  const o = checkCall<FunctionalOptions>("vjp", fn, opts, FUNCTIONAL_KEYS);
  const createGraph = o.createGraph ?? false;
  const inputIsTensor = inputs instanceof Tensor;
  return tidy(() => {
    const ins = prepareInputs(asArray(inputs, "inputs"), createGraph);
    const rawOut = enableGrad(() => fn(...ins));
    const outs = asArray(rawOut, "outputs of the user-provided function");
    const vs = v === undefined || v === null ? outs.map((o) => checkScalar(o, "vjp")) : asArray(v, "v");
    const gs = grad(outs, ins, vs, { createGraph, retainGraph: createGraph, allowUnused: true });
    const res = gs.map((g, j) => finish(orZeros(g, ins[j]!, o.strict ?? false, `${j}`), createGraph));
    const outRes = outs.map((o) => finish(o, createGraph));
    return [shapeResult(outRes, rawOut instanceof Tensor), shapeResult(res, inputIsTensor)] as [Tensors, Tensors];
  });
}

function checkScalar(o: Tensor, fn: string): null {
  if (o.numel() !== 1) {
    throw new Error(
      `The vector v can only be None if the user-provided function returns a single Tensor with a single element.`,
    );
  }
  void fn;
  return null;
}

/** [fn(inputs), J·v] by the double-backward trick (two reverse passes). */
export function jvp(...[fn, inputs, v, opts = {}]: VectorProductArgs): [Tensors, Tensors] {
  const o = checkCall<FunctionalOptions>("jvp", fn, opts, FUNCTIONAL_KEYS);
  const createGraph = o.createGraph ?? false;
  return tidy(() => {
    const inList = asArray(inputs, "inputs");
    const ins = prepareInputs(inList, createGraph);
    const vs = v === undefined || v === null ? inList.map((t) => (t.numel() === 1 ? null : badV())) : asArray(v, "v");
    const rawOut = enableGrad(() => fn(...ins));
    const outs = asArray(rawOut, "outputs of the user-provided function");
    // u is a dummy cotangent: g(u) = uᵀ·J is linear in u, so d(g(u)·v)/du = J·v.
    const us = outs.map((o) => zerosLike(o).requiresGrad_(true));
    const gIn = grad(outs, ins, us, { createGraph: true, allowUnused: true }).map((g, j) => g ?? zerosLike(ins[j]!));
    const res = enableGrad(() => grad(gIn, us, vs, { createGraph, allowUnused: true })).map((g, i) =>
      finish(g ?? zerosLike(outs[i]!), createGraph),
    );
    const outRes = outs.map((o) => finish(o, createGraph));
    return [shapeResult(outRes, rawOut instanceof Tensor), shapeResult(res, rawOut instanceof Tensor)] as [
      Tensors,
      Tensors,
    ];
  });
}

function badV(): never {
  throw new Error(
    "The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.",
  );
}

/** The Hessian of a scalar function: the Jacobian of its gradient. */
export function hessian(
  fn: (...args: Tensor[]) => Tensor,
  inputs: Tensors,
  opts: JacobianOptions = {},
): Tensor | Tensor[][] {
  opts = checkCall<JacobianOptions>("hessian", fn, opts, JACOBIAN_KEYS);
  const inputIsTensor = inputs instanceof Tensor;
  const gradFn = (...xs: Tensor[]): Tensors => {
    const out = fn(...xs);
    if (!(out instanceof Tensor) || out.numel() !== 1) {
      throw new Error("The Tensor returned by the function given to hessian should contain a single element");
    }
    const gs = grad(out.reshape([]), xs, null, { createGraph: true, allowUnused: true }).map(
      (g, j) => g ?? zerosLike(xs[j]!),
    );
    return inputIsTensor ? gs[0]! : gs;
  };
  return jacobian(gradFn, inputs, opts) as Tensor | Tensor[][];
}

/** The arguments of vhp and hvp: a scalar function, its inputs, the vector v, the options. */
type HessianVectorArgs = [fn: (...args: Tensor[]) => Tensor, inputs: Tensors, v: Tensors, opts?: FunctionalOptions];

/**
 * vhp and hvp: [fn(inputs), product], where `product(jac, ins, v,
 * createGraph)` makes the Hessian-vector product from the gradient `jac`
 * (built with a graph of its own).
 */
function hessianVector(
  name: "vhp" | "hvp",
  product: (jac: Tensor[], ins: Tensor[], v: Tensor[], createGraph: boolean) => (Tensor | null)[],
  ...[fn, inputs, v, opts = {}]: HessianVectorArgs
): [Tensor, Tensors] {
  opts = checkCall<FunctionalOptions>(name, fn, opts, FUNCTIONAL_KEYS);
  const createGraph = opts.createGraph ?? false;
  const inputIsTensor = inputs instanceof Tensor;
  return tidy(() => {
    const ins = prepareInputs(asArray(inputs, "inputs"), createGraph);
    const out = scalarOut(fn, ins, name);
    const jac = grad(out, ins, null, { createGraph: true, allowUnused: true }).map((g, j) => g ?? zerosLike(ins[j]!));
    const res = product(jac, ins, asArray(v, "v"), createGraph).map((g, j) =>
      finish(g ?? zerosLike(ins[j]!), createGraph),
    );
    return [finish(out, createGraph), shapeResult(res, inputIsTensor)] as [Tensor, Tensors];
  });
}

/** [fn(inputs), vᵀ·H] for a scalar function. */
export function vhp(...args: HessianVectorArgs): [Tensor, Tensors] {
  return hessianVector(
    "vhp",
    (jac, ins, v, createGraph) => enableGrad(() => grad(jac, ins, v, { createGraph, allowUnused: true })),
    ...args,
  );
}

/** [fn(inputs), H·v] for a scalar function, by double backward. */
export function hvp(...args: HessianVectorArgs): [Tensor, Tensors] {
  return hessianVector(
    "hvp",
    (jac, ins, v, createGraph) => {
      // u is a dummy vector: uᵀ·H is linear in u, so differentiating it again by u gives H·v.
      const us = jac.map((j) => zerosLike(j).requiresGrad_(true));
      const back = enableGrad(() => grad(jac, ins, us, { createGraph: true, allowUnused: true })).map(
        (g, j) => g ?? zerosLike(ins[j]!),
      );
      return enableGrad(() => grad(back, us, v, { createGraph, allowUnused: true }));
    },
    ...args,
  );
}

function scalarOut(fn: (...args: Tensor[]) => Tensor, ins: Tensor[], name: string): Tensor {
  const out = callFn(fn, ins, name);
  if (out.length !== 1 || out[0]!.numel() !== 1) {
    throw new Error(`The function given to ${name} should return a single Tensor with a single element`);
  }
  return out[0]!;
}
