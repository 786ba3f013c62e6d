// Creation ops (test/golden/gen_creation.py): arange and linspace bit for
// bit, torch.tensor's dtype inference, full, eye; the strides of *Like
// results; PyTorch's messages. test/creation.test.ts runs these cases too.

import { decode, observe } from "../values.js";
import type { CreationCase } from "../goldenCases.js";
import type { Family, Num, Observed, Tensor, Torch } from "../types.js";
import { errorPrograms, fromGolden, type Golden } from "./fromGolden.js";

const ops = new Set(["arange", "linspace", "tensor", "full", "eye"]);

/** JSON data back to JS values ("nan" and "inf" strings to numbers). */
const revive = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(revive) : typeof v === "string" ? decode(v as Num) : v;

/** The creation op a case names (arange, linspace, tensor, full or eye), as a user writes it. */
export function applyOp(torch: Torch, c: CreationCase): Tensor {
  const args = c.args as number[];
  const dtype = c.dtype ?? undefined;
  switch (c.op) {
    // One to three numbers: the cast only picks an overload for the spread.
    case "arange":
      return dtype
        ? torch.arange(...(args as [number, number]), { dtype })
        : torch.arange(...(args as [number, number]));
    case "linspace":
      return torch.linspace(args[0]!, args[1]!, args[2]!, { dtype: dtype! });
    case "tensor":
      return torch.tensor(revive(c.data) as Parameters<Torch["tensor"]>[0], {
        dtype: c.kwargs?.dtype,
        requiresGrad: c.kwargs?.requires_grad,
      });
    case "full": {
      const [size, value] = c.args as [number[], number | boolean];
      return torch.full(size, value);
    }
    case "eye":
      return dtype
        ? torch.eye(args[0]!, args[1] ?? args[0]!, { dtype })
        : args.length === 1
          ? torch.eye(args[0]!)
          : torch.eye(args[0]!, args[1]!);
  }
  throw new Error(`unknown op ${String(c.op)}`);
}

const run = (torch: Torch, g: Golden): Observed => ({ out: observe(applyOp(torch, g as unknown as CreationCase)) });

/** The input a *Like layout case names, as gen_creation.py makes it. */
function layoutOf(torch: Torch, layout: string | undefined): Tensor {
  if (layout === "t") return torch.zeros(3, 4).t();
  if (layout === "slice") return torch.zeros(2, 6).slice(1, null, null, 2);
  if (layout === "expand") return torch.zeros(1, 3).expand(2, 3);
  return torch.zeros(2, 3, 4).permute(2, 0, 1);
}

/**
 * A *Like layout case (preserve_format): the input's shape, and the strides
 * every *Like function gives its result (PyTorch's zeros_like's; a function
 * that differs is named).
 */
function runLike(torch: Torch, g: Golden): Observed {
  const x = layoutOf(torch, (g as unknown as CreationCase).layout);
  const likes: [string, Tensor][] = [
    ...(
      [
        ["zerosLike", torch.zerosLike],
        ["onesLike", torch.onesLike],
        ["emptyLike", torch.emptyLike],
        ["randLike", torch.randLike],
        ["randnLike", torch.randnLike],
      ] as const
    ).map(([n, f]): [string, Tensor] => [n, f(x)]),
    ["fullLike", torch.fullLike(x, 7, { dtype: "int32" })],
  ];
  const key = (t: Tensor) => JSON.stringify([t.shape, t.stride()]);
  const odd = likes.filter(([, y]) => key(y) !== key(likes[0]![1])).map(([n]) => n);
  return {
    shape: [...x.shape],
    strides: odd.length ? `${odd.join(", ")} differ from zerosLike` : likes[0]![1].stride(),
  };
}

/** gen_creation.py's error cases, the same calls in torchlet's spelling. */
const errors: Record<string, (torch: Torch) => unknown> = {
  ragged: (torch) =>
    torch.tensor([
      [1, 2, 3],
      [4, 5],
    ]),
  "ragged empty": (torch) => torch.tensor([[1], []]),
  // @ts-expect-error null is not tensor data (the call is checked at run time too)
  "none value": (torch) => torch.tensor([null]),
  "zeros negative": (torch) => torch.zeros(2, -1),
  "zeros negative list": (torch) => torch.zeros([3, -2]),
  "full int overflow": (torch) => torch.full([2], 2 ** 40, { dtype: "int32" }),
  "full nan int": (torch) => torch.full([2], NaN, { dtype: "int32" }),
  "full float overflow": (torch) => torch.full([2], 1e40),
  "tensor int32 overflow": (torch) => torch.tensor([2 ** 40], { dtype: "int32" }),
  "eye negative n": (torch) => torch.eye(-1),
  "eye negative m": (torch) => torch.eye(2, -1),
  "arange step 0": (torch) => torch.arange(0, 1, 0),
  "arange wrong sign": (torch) => torch.arange(0, 1, -1),
  "arange inf": (torch) => torch.arange(0, Infinity),
  "arange nan start": (torch) => torch.arange(NaN, 1),
  "arange nan step": (torch) => torch.arange(0, 1, NaN),
  "arange bool": (torch) => torch.arange(5, { dtype: "bool" }),
  "linspace negative steps": (torch) => torch.linspace(0, 1, -1),
  "linspace bool": (torch) => torch.linspace(0, 1, 5, { dtype: "bool" }),
};

export const creation: Family = (golden) => [
  ...fromGolden(golden, run, {
    compare: ["out"],
    skip: (g) => !ops.has(String(g.op)),
    tol: () => ({ rtol: 0, atol: 0 }),
  }),
  ...fromGolden(golden, runLike, { compare: ["shape", "strides"], skip: (g) => g.op !== "likeStrides" }),
  // JavaScript's null is PyTorch's None.
  ...errorPrograms(golden, errors, {
    message: (m) => m.replace("NoneType", "null"),
    known: {
      "requires_grad int":
        "torchlet has no complex dtypes: its message says floating point only (test/creation.test.ts)",
    },
  }),
];
