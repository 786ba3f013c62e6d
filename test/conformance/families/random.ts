// Random ops (test/golden/gen_random.py): for a seed, the same numbers as
// PyTorch CPU. mt19937 and its transforms run in wasm, so every runtime must
// give the same bits. The golden error cases are programs written only in
// test/random.test.ts; this suite runs the seeded calls, which
// test/random.test.ts runs too.

import { observe } from "../values.js";
import type { RandomCall, RandomCase } from "../goldenCases.js";
import type { DType, Family, Observed, Tensor, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

type Gen = InstanceType<Torch["Generator"]>;

function emptyView(torch: Torch, shape: number[], dtype: DType, layout: string | undefined): Tensor {
  if (layout === "t") return torch.empty([...shape].reverse(), { dtype }).t();
  if (layout === "slice") return torch.empty([...shape.slice(0, -1), shape[shape.length - 1]! * 2], { dtype }).slice(-1, null, null, 2);
  return torch.empty(shape, { dtype });
}

/** One call of a random case, drawing from `generator` when given, else from the global generator. */
function applyCall(torch: Torch, [op, args, kw]: RandomCall, generator: Gen | undefined): Tensor | Tensor[] {
  const g = generator === undefined ? {} : { generator };
  const dtype = kw.dtype;
  const view = () => emptyView(torch, kw.shape!, dtype ?? "float32", kw.layout);
  switch (op) {
    case "rand": return torch.rand(args as number[], { dtype, ...g });
    case "randn": return torch.randn(args as number[], { dtype, ...g });
    case "randint": return torch.randint(args[0] as number, args[1] as number, args[2] as number[], { dtype, ...g });
    case "randperm": return torch.randperm(args[0] as number, { dtype, ...g });
    case "uniform_": return view().uniform_(args[0] as number, args[1] as number, g);
    case "normal_": return view().normal_(args[0] as number, args[1] as number, g);
    case "bernoulli_": return args.length === 0 ? view().bernoulli_(undefined, g) : view().bernoulli_(args[0] as number, g);
    case "bernoulli": {
      const probs = torch.rand(kw.shape!, { dtype, ...g });
      return [probs, torch.bernoulli(probs, g)];
    }
    case "randLike": return torch.randLike(view());
    case "randnLike": return torch.randnLike(view());
    case "linear": {
      // nn.Linear.reset_parameters: kaiming_uniform_(weight, a=sqrt(5)), then the bias.
      const [fanIn, fanOut] = args as [number, number];
      const bound = Math.sqrt(3) * (Math.sqrt(2 / (1 + 5)) / Math.sqrt(fanIn));
      return [torch.empty(fanOut, fanIn).uniform_(-bound, bound), torch.empty(fanOut).uniform_(-1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn))];
    }
  }
  throw new Error(`unknown op ${op}`);
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as RandomCase;
  const gen = c.generator ? (c.seed === null ? new torch.Generator() : new torch.Generator().manualSeed(c.seed)) : undefined;
  if (!c.generator) torch.manualSeed(c.seed!);
  const outputs = c.calls.map((k) => {
    const out = applyCall(torch, k, gen);
    return Array.isArray(out) ? out.map(observe) : observe(out);
  });
  return { outputs };
}

/** float64 normals may differ from PyTorch's by 2 ulps (test/random.test.ts says why); all else is bit-exact. */
export const isF64Normal = (c: RandomCall): boolean => (c[0] === "randn" || c[0] === "normal_" || c[0] === "randnLike") && c[2].dtype === "float64";
const f64Normal = (g: Golden): boolean => ((g.calls as RandomCall[] | undefined) ?? []).some(isF64Normal);

export const random: Family = (golden) =>
  fromGolden(golden, run, {
    compare: ["outputs"],
    // Errors, and the autograd cases of in-place sampling (test/random.test.ts), are not draws.
    skip: (g) => g.error !== undefined || g.kind !== undefined,
    tol: (g) => (f64Normal(g) ? { rtol: 5e-16, atol: 0 } : { rtol: 0, atol: 0 }),
  });
