// Between torchlet tensors and the golden files' JSON form (test/golden/common.py).

import type { Num, Tensor, TensorJson, Torch, Value } from "./types.js";

/** A golden element as a number: "nan" / "inf" / "-inf" spelled out, a bool tensor's true/false as 1/0. */
export const decode = (v: Num): number =>
  v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : Number(v);

const encode = (v: number): Num => (Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : v);

/** A tensor as JSON, the way common.py writes PyTorch's (bools stay booleans). */
export function observe(t: Tensor): TensorJson {
  // toArray() gives float16 and bfloat16 as raw bits; tolist() gives their values.
  const half = t.dtype === "float16" || t.dtype === "bfloat16";
  const flat = half
    ? (t.reshape(-1).tolist() as number[])
    : Array.from(t.toArray() as ArrayLike<number | bigint>, Number); // int64 as the nearest double, as JSON holds it
  return {
    shape: [...t.shape],
    dtype: t.dtype,
    data: t.dtype === "bool" ? flat.map((v) => v !== 0) : flat.map(encode),
  };
}

/** observe() for an optional tensor (null for a missing grad). */
export const observeOrNull = (t: Tensor | null | undefined): TensorJson | null => (t ? observe(t) : null);

export const isTensorJson = (v: unknown): v is TensorJson =>
  v !== null &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  Array.isArray((v as TensorJson).shape) &&
  Array.isArray((v as TensorJson).data);

/** The tensor a JSON value describes (contiguous). */
export function fromJson(torch: Torch, j: TensorJson, requiresGrad = false): Tensor {
  return torch.fromArray(j.data.map(decode), j.shape, { dtype: j.dtype, requiresGrad });
}

/** An input spec of common.py: a base tensor and the layout that makes the op's input from it. */
export interface InputSpec extends TensorJson {
  baseShape: number[];
  layout: "contiguous" | "t" | "expand" | "slice";
  step?: number;
}

/** [leaf, input] for an input spec, as common.py's make(). */
export function make(torch: Torch, spec: InputSpec, requiresGrad = false): [Tensor, Tensor] {
  const base = torch.fromArray(spec.data.map(decode), spec.baseShape, { dtype: spec.dtype, requiresGrad });
  switch (spec.layout) {
    case "t":
      return [base, base.t()];
    case "expand":
      return [base, base.expand(spec.shape)];
    case "slice":
      return [base, base.slice(0, null, null, spec.step ?? 2)];
    default:
      return [base, base];
  }
}

/** Whether a tensor of this dtype can require grad. */
export const isFloat = (dtype: string): boolean => dtype === "float32" || dtype === "float64";

/** sum(as[k] * bs[k]) over k, each product summed to a scalar: the loss that backpropagates golden weights. */
export function sumOfProducts(as: readonly Tensor[], bs: readonly Tensor[]): Tensor {
  return as.map((a, k) => a.mul(bs[k]!).sum()).reduce((acc, t) => acc.add(t));
}

/** A Python keyword argument's name (weight_decay) as torchlet spells the option (weightDecay). */
export const camel = (k: string): string => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Python's spelling of a boolean, as the golden files print them. */
export const py = (b: boolean): string => (b ? "True" : "False");

/** The message `fn` throws, or a note that it did not throw. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return "(no error was thrown)";
}

export type { Value };
