// The samplers (test/golden/gen_sampling.py): for a seed, PyTorch CPU's
// draws from multinomial, poisson, normal with tensors and
// WeightedRandomSampler; each case calls its op twice, so how far a call
// advances the generator is checked too.

import { errorOf, fromJson, observe } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

interface Args {
  input?: TensorJson;
  n?: number;
  replacement?: boolean;
  mean?: TensorJson | number;
  std?: TensorJson | number;
  weights?: number[];
}

type Gen = InstanceType<Torch["Generator"]>;

/** The op a case names, drawing from `generator` when given, else from the default one. */
function applyOp(torch: Torch, op: string, a: Args, generator: Gen | undefined): Tensor {
  const g = generator === undefined ? {} : { generator };
  const arg = (v: TensorJson | number) => (typeof v === "number" ? v : fromJson(torch, v));
  const input = () => {
    const x = fromJson(torch, a.input!);
    return (a.input as { layout?: string }).layout === "t" ? x.t() : x;
  };
  switch (op) {
    case "multinomial":
      return torch.multinomial(input(), a.n!, { replacement: a.replacement ?? false, ...g });
    case "poisson":
      return torch.poisson(input(), g);
    case "normal":
      return torch.normal(arg(a.mean!), arg(a.std!), g);
    case "sampler": {
      const s = new torch.utils.data.WeightedRandomSampler(a.weights!, a.n!, {
        replacement: a.replacement ?? true,
        ...g,
      });
      return torch.tensor([...s]);
    }
  }
  throw new Error(`unknown op ${op}`);
}

function run(torch: Torch, g: Golden): Observed {
  const a = g.args as Args;
  const op = String(g.op);
  if (g.error !== undefined) return { error: errorOf(() => applyOp(torch, op, a, undefined)) };
  const seed = g.seed as number;
  let gen: Gen | undefined;
  if (g.generator) gen = new torch.Generator(seed);
  else torch.manualSeed(seed);
  const outs = (g.outs as unknown[]).map(() => observe(applyOp(torch, op, a, gen)));
  return { outs };
}

export const sampling: Family = (golden) => fromGolden(golden, run, { compare: ["outs", "error"] });
