// The loss modules (test/golden/gen_loss_modules.py): each module with its
// options, as PyTorch prints it, its stateDict (weight and pos_weight are
// buffers), and its output and input grad on fixed inputs.

import { camel, errorOf, fromJson, observe } from "../values.js";
import type { Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";

export interface LossModuleCase {
  name: string;
  module: string;
  kwargs: Record<string, unknown>;
  tensors: Record<string, TensorJson>;
  input: TensorJson;
  target: TensorJson;
  repr?: string;
  stateKeys?: string[];
  state?: TensorJson[];
  output?: TensorJson;
  grad?: TensorJson;
  error?: string;
}

type LossModule = {
  call(x: Tensor, y: Tensor): Tensor;
  toString(): string;
  stateDict(): Record<string, Tensor>;
  dispose(): void;
};

/** The case's module, its keyword arguments and tensors in torchlet's spelling (pos_weight -> posWeight). */
export function lossModuleOf(torch: Torch, c: LossModuleCase): LossModule {
  const Cls = (torch.nn as unknown as Record<string, new (o: object) => LossModule>)[c.module]!;
  const opts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.kwargs)) opts[camel(k)] = v;
  for (const [k, v] of Object.entries(c.tensors)) opts[camel(k)] = fromJson(torch, v);
  return new Cls(opts);
}

export function runLossModule(torch: Torch, c: LossModuleCase): Observed {
  if (c.error !== undefined) {
    return { error: errorOf(() => lossModuleOf(torch, c).call(fromJson(torch, c.input), fromJson(torch, c.target))) };
  }
  const m = lossModuleOf(torch, c);
  try {
    const x = fromJson(torch, c.input, true);
    const out = m.call(x, fromJson(torch, c.target));
    out.sum().backward();
    const sd = m.stateDict();
    return {
      repr: String(m),
      stateKeys: Object.keys(sd),
      state: Object.values(sd).map((t) => observe(t)),
      output: observe(out),
      grad: observe(x.grad!),
    };
  } finally {
    m.dispose();
  }
}

export const lossModules = (golden: Parameters<typeof fromGolden>[0]) =>
  fromGolden(golden, (torch: Torch, g: Golden) => runLossModule(torch, g as unknown as LossModuleCase), {
    compare: (g) => (g.error !== undefined ? ["error"] : ["repr", "stateKeys", "state", "output", "grad"]),
    tol: (g) => (g.error !== undefined ? undefined : sumTol((g as unknown as LossModuleCase).input.dtype)),
  });
