// nn ops on the half dtypes (test/golden/gen_nn_dtypes.py): bfloat16 forward
// values of convolutions, pooling, normalization, losses, linear, embedding
// and resampling (PyTorch computes them in float32 and rounds), float16
// refusals in PyTorch's words, and a bfloat16 CNN run from a state dict.

import { errorOf, fromJson, observe } from "../values.js";
import type { Family, Observed, Tensor, TensorJson, Torch, Value } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

interface NnDtypeCase {
  op: string;
  inputs: TensorJson[];
  kwargs: Record<string, unknown>;
  state?: Record<string, TensorJson>;
}

type Out = Tensor | Tensor[];

/** The keyword arguments the generator writes (each case has those of its op). */
interface Kw {
  kernelSize: number;
  outputSize: number[];
  normalizedShape: number[];
  numGroups: number;
  training: boolean;
  [option: string]: unknown;
}

/** The op a case names, in torchlet's spelling. */
function apply(torch: Torch, c: NnDtypeCase, xs: Tensor[]): Out {
  const F = torch.nn.functional;
  // The kwargs are the generator's, in torchlet's spelling; each op reads its own.
  const kw = c.kwargs as unknown as Kw;
  const opts = c.kwargs as never;
  const [a, b, d] = xs as [Tensor, Tensor, Tensor];
  switch (c.op) {
    case "conv1d":
      return F.conv1d(a, b, d ?? null, opts);
    case "conv2d":
      return F.conv2d(a, b, d ?? null, opts);
    case "convTranspose2d":
      return F.convTranspose2d(a, b, null, opts);
    case "maxPool2d": {
      const { kernelSize, ...o } = kw;
      return F.maxPool2d(a, kernelSize, o as never) as Out;
    }
    case "maxPool1d":
      return F.maxPool1d(a, kw.kernelSize) as Out;
    case "avgPool2d": {
      const { kernelSize, ...o } = kw;
      return F.avgPool2d(a, kernelSize, o as never);
    }
    case "avgPool1d":
      return F.avgPool1d(a, kw.kernelSize);
    case "adaptiveAvgPool2d":
      return F.adaptiveAvgPool2d(a, kw.outputSize);
    case "adaptiveMaxPool2d":
      return F.adaptiveMaxPool2d(a, kw.outputSize);
    case "batchNorm":
      return F.batchNorm(a, b, d, { weight: xs[3]!, bias: xs[4]!, training: kw.training });
    case "layerNorm":
      return F.layerNorm(a, kw.normalizedShape, { weight: b, bias: d });
    case "groupNorm":
      return F.groupNorm(a, kw.numGroups, { weight: b, bias: d });
    case "instanceNorm":
      return F.instanceNorm(a);
    case "linear":
      return F.linear(a, b, d);
    case "embedding":
      return F.embedding(a, b);
    case "crossEntropy":
      return F.crossEntropy(a, b);
    case "nllLoss":
      return F.nllLoss(a, b, opts);
    case "interpolate":
      return F.interpolate(a, opts);
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

/** The small CNN of the generator, in bfloat16, loaded from PyTorch's state dict. */
function cnn(torch: Torch, c: NnDtypeCase, x: Tensor): Tensor {
  const nn = torch.nn;
  const net = new nn.Sequential(
    new nn.Conv2d(1, 4, 3),
    new nn.BatchNorm2d(4),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(4 * 3 * 3, 5),
  );
  try {
    net.to("bfloat16");
    net.loadStateDict(Object.fromEntries(Object.entries(c.state!).map(([k, v]) => [k, fromJson(torch, v)])));
    net.eval();
    return net.call(x) as Tensor;
  } finally {
    net.dispose();
  }
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as NnDtypeCase;
  const xs = c.inputs.map((j) => fromJson(torch, j));
  if (g.error !== undefined) return { error: errorOf(() => apply(torch, c, xs)) };
  const out = c.op === "cnn" ? cnn(torch, c, xs[0]!) : apply(torch, c, xs);
  const obs: Observed = { out: Array.isArray(out) ? out.map(observe) : observe(out) };
  if (g.after !== undefined) obs.after = [observe(xs[1]!), observe(xs[2]!)] as Value;
  return obs;
}

/**
 * PyTorch's bfloat16 normalization kernels round intermediates (the centred
 * values among them) to bfloat16; torchlet computes them in float32 and
 * rounds once, so outputs of size about 1 differ by up to 2 bfloat16 ulps.
 */
const NORMS = new Set(["batchNorm", "layerNorm", "groupNorm", "instanceNorm"]);

export const nnDtypes: Family = (golden) =>
  fromGolden(golden, run, {
    compare: ["out", "after", "error"],
    tol: (g) => (NORMS.has(String(g.op)) && g.error === undefined ? { atol: 2 ** -5, rtol: 2 ** -7 } : undefined),
  });
