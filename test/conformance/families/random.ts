// Random ops (test/golden/gen_random.py): for a seed, the same numbers as
// PyTorch CPU. mt19937 and its transforms run in wasm, so every runtime must
// give the same bits; in-place sampling in the autograd graph; PyTorch's
// messages. test/random.test.ts runs these cases under vitest.

import { observe } from "../values.js";
import type { RandomCall, RandomCase } from "../goldenCases.js";
import type { DType, Family, Observed, Tensor, Torch } from "../types.js";
import { errorPrograms, fromGolden, type Golden } from "./fromGolden.js";

type Gen = InstanceType<Torch["Generator"]>;

function emptyView(torch: Torch, shape: number[], dtype: DType, layout: string | undefined): Tensor {
  if (layout === "t") return torch.empty([...shape].reverse(), { dtype }).t();
  if (layout === "slice")
    return torch.empty([...shape.slice(0, -1), shape[shape.length - 1]! * 2], { dtype }).slice(-1, null, null, 2);
  return torch.empty(shape, { dtype });
}

/** One call of a random case, drawing from `generator` when given, else from the global generator. */
function applyCall(torch: Torch, [op, args, kw]: RandomCall, generator: Gen | undefined): Tensor | Tensor[] {
  const g = generator === undefined ? {} : { generator };
  const dtype = kw.dtype;
  const view = () => emptyView(torch, kw.shape!, dtype ?? "float32", kw.layout);
  switch (op) {
    case "rand":
      return torch.rand(args as number[], { dtype, ...g });
    case "randn":
      return torch.randn(args as number[], { dtype, ...g });
    case "randint":
      return torch.randint(args[0] as number, args[1] as number, args[2] as number[], { dtype, ...g });
    case "randperm":
      return torch.randperm(args[0] as number, { dtype, ...g });
    case "uniform_":
      return view().uniform_(args[0] as number, args[1] as number, g);
    case "normal_":
      return view().normal_(args[0] as number, args[1] as number, g);
    case "bernoulli_":
      return args.length === 0 ? view().bernoulli_(undefined, g) : view().bernoulli_(args[0] as number, g);
    case "bernoulli": {
      const probs = torch.rand(kw.shape!, { dtype, ...g });
      return [probs, torch.bernoulli(probs, g)];
    }
    case "randLike":
      return torch.randLike(view());
    case "randnLike":
      return torch.randnLike(view());
    case "linear": {
      // nn.Linear.reset_parameters: kaiming_uniform_(weight, a=sqrt(5)), then the bias.
      const [fanIn, fanOut] = args as [number, number];
      const bound = Math.sqrt(3) * (Math.sqrt(2 / (1 + 5)) / Math.sqrt(fanIn));
      return [
        torch.empty(fanOut, fanIn).uniform_(-bound, bound),
        torch.empty(fanOut).uniform_(-1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)),
      ];
    }
  }
  throw new Error(`unknown op ${op}`);
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as RandomCase;
  const gen = c.generator
    ? c.seed === null
      ? new torch.Generator()
      : new torch.Generator().manualSeed(c.seed)
    : undefined;
  if (!c.generator) torch.manualSeed(c.seed!);
  const outputs = c.calls.map((k) => {
    const out = applyCall(torch, k, gen);
    return Array.isArray(out) ? out.map(observe) : observe(out);
  });
  return { outputs };
}

/** float64 normals may differ from PyTorch's by 2 ulps (test/random.test.ts says why); all else is bit-exact. */
export const isF64Normal = (c: RandomCall): boolean =>
  (c[0] === "randn" || c[0] === "normal_" || c[0] === "randnLike") && c[2].dtype === "float64";
const f64Normal = (g: Golden): boolean => ((g.calls as RandomCall[] | undefined) ?? []).some(isF64Normal);

/** In-place sampling of a non-leaf (gen_random.py's "inplaceGrad" cases): its grad_fn and edges, version, and the zero grad the old value gets. */
function runInplaceGrad(torch: Torch, g: Golden): Observed {
  const c = g as unknown as { op: "uniform_" | "normal_" | "bernoulli_"; args: number[] };
  const x = torch.ones(3, { requiresGrad: true });
  const y = x.mul(2);
  const out = (y[c.op] as (...a: number[]) => Tensor)(...c.args);
  const fn = y.gradFn!;
  const obs: Observed = {
    gradFn: out === y ? fn.name() : "a tensor other than self",
    next: fn.nextFunctions.map(([n, nr]) => [n?.name() ?? null, nr]),
    version: y._version,
  };
  y.sum().backward();
  return { ...obs, grad: observe(x.grad!) };
}

/** gen_random.py's error cases, the same calls in torchlet's spelling. */
const errors: Record<string, (torch: Torch) => unknown> = {
  "rand int32": (torch) => torch.rand(3, { dtype: "int64" }),
  "randn int32": (torch) => torch.randn(3, { dtype: "int64" }),
  "rand bool": (torch) => torch.rand(3, { dtype: "bool" }),
  "randint from == to": (torch) => torch.randint(5, 5, [3]),
  "randint high 0": (torch) => torch.randint(0, [3]),
  "randint to out of int32": (torch) => torch.randint(0, 2 ** 31 + 1, [2], { dtype: "int32" }),
  "randint from out of int32": (torch) => torch.randint(-(2 ** 31) - 1, 0, [2], { dtype: "int32" }),
  "randint bool high 3": (torch) => torch.randint(0, 3, [3], { dtype: "bool" }),
  "uniform_ from > to": (torch) => torch.empty(3).uniform_(1.5, 0.25),
  "uniform_ to inf": (torch) => torch.empty(3).uniform_(0, Infinity),
  "uniform_ range overflow": (torch) => torch.empty(3).uniform_(-3e38, 3e38),
  "uniform_ int": (torch) => torch.empty(3, { dtype: "int64" }).uniform_(0, 1),
  "normal_ negative std": (torch) => torch.empty(3).normal_(0, -1),
  "normal_ int": (torch) => torch.empty(3, { dtype: "int64" }).normal_(0, 1),
  "uniform_ expanded": (torch) => torch.zeros(1, 3).expand(2, 3).uniform_(),
  "uniform_ leaf requires grad": (torch) => torch.zeros(3, { requiresGrad: true }).uniform_(),
  "randperm bool": (torch) => torch.randperm(3, { dtype: "bool" }),
  "rand negative size": (torch) => torch.rand(2, -1),
  "manual_seed overflow": (torch) => torch.manualSeed(2n ** 64n),
  "bernoulli_ p 1.5": (torch) => torch.empty(3).bernoulli_(1.5),
  "bernoulli probs out of range": (torch) => torch.bernoulli(torch.tensor([0.5, 1.5])),
  "bernoulli int probs": (torch) => torch.bernoulli(torch.tensor([1, 0])),
};

export const random: Family = (golden) => [
  ...fromGolden(golden, run, {
    compare: ["outputs"],
    // Errors and the autograd cases of in-place sampling (below) are not draws.
    skip: (g) => g.error !== undefined || g.kind !== undefined,
    tol: (g) => (f64Normal(g) ? { rtol: 5e-16, atol: 0 } : { rtol: 0, atol: 0 }),
  }),
  ...fromGolden(golden, runInplaceGrad, {
    compare: ["gradFn", "next", "version", "grad"],
    skip: (g) => g.kind !== "inplaceGrad",
    tol: () => ({ rtol: 0, atol: 0 }),
  }),
  // torchlet says what PyTorch says, without PyTorch's "(Could this error message be improved? ...)" footer.
  ...errorPrograms(golden, errors, {
    message: (m) => m.replace(/\s+\(Could this error message be improved\?.*$/, ""),
  }),
];
