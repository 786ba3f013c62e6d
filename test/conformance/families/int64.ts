// int64, PyTorch's default integer dtype (test/golden/gen_int64.py): each
// golden case is a small program, here in torchlet's spelling under the same
// name. Compared: the result (values and dtype) and its printed form, which
// holds values past 2^53 digit for digit.

import type { Family, Observed, Tensor, Torch, DType } from "../types.js";
import { observe } from "../values.js";
import { fromGolden, type Golden } from "./fromGolden.js";

const B = 2n ** 53n;
const DTYPES: DType[] = ["float32", "float64", "int64", "int32", "bool"];
const VALUES: Record<string, (number | bigint | boolean)[]> = {
  float32: [1.5, -2.0],
  float64: [0.25, 3.0],
  int64: [B + 1n, -3n],
  int32: [7, -8],
  bool: [true, false],
};
const X = [B + 1n, -(2n ** 40n) - 7n, 12n, -13n, 0n];
const M = [
  [B + 1n, 5n, B + 1n],
  [-3n, -(B + 9n), 4n],
];
const W = [
  [0.5, -1.0],
  [2.0, 3.5],
  [4.0, -4.5],
];
const FM = [
  [1.5, 7.0, 7.0],
  [9.0, -1.0, 2.0],
];

type Program = (torch: Torch) => Tensor | { values: Tensor; indices: Tensor };

function programs(): Record<string, Program> {
  const p: Record<string, Program> = {
    "tensor of ints": (t) => t.tensor([1, 2, 3]),
    "tensor of ints int32": (t) => t.tensor([1, 2, 3], { dtype: "int32" }),
    "0-d int": (t) => t.tensor(7),
    "0-d int32": (t) => t.tensor(-7, { dtype: "int32" }),
    "bigints past 2^53": (t) => t.tensor([B + 1n, -(B + 3n), 2n ** 62n]),
    "int64 limits": (t) => t.tensor([2n ** 63n - 1n, -(2n ** 63n)]),
    "full int": (t) => t.full([2, 2], 3),
    "arange int": (t) => t.arange(5),
    "empty int64": (t) => t.tensor([], { dtype: "int64" }),
    "cast floats to int64": (t) => t.tensor([1.7, -2.7, 0.5]).long(),
    "cast int64 to float32": (t) => t.tensor(t.tensor([B + 1n, 3n]), { dtype: "float32" }),
    "cast int64 to int32 wraps": (t) => t.tensor([2n ** 32n + 5n, -1n]).int(),
    "sum past 2^31": (t) => t.tensor([2 ** 30, 2 ** 30, 2 ** 30]).sum(),
    "int32 sum is int64": (t) => t.tensor([2 ** 31 - 1, 1, 5], { dtype: "int32" }).sum(),
    "bool sum is int64": (t) => t.tensor([true, false, true]).sum(),
    "sum over a dim": (t) =>
      t
        .tensor([
          [2 ** 31 - 1, 5],
          [2 ** 31 - 1, 7],
        ])
        .sum(0),
    "sum past 2^53": (t) => t.tensor([B, B, 3n]).sum(),
    "prod past 2^31": (t) => t.tensor([65536, 65536, 3]).prod(),
    "int32 prod is int64": (t) => t.tensor([65536, 65536], { dtype: "int32" }).prod(),
    "prod over a dim": (t) =>
      t
        .tensor([
          [3, 2 ** 20],
          [5, 2 ** 20],
        ])
        .prod(1),
    "int64 + int": (t) => t.tensor([B, 1n]).add(1),
    "int64 + float": (t) => t.tensor([1, 2]).add(0.5),
    "int32 + 0-d int64": (t) => t.tensor([1, 2], { dtype: "int32" }).add(t.tensor(5)),
    "bool + int": (t) => t.tensor([true, false]).add(1),
    sub: (t) => t.tensor(X).sub(t.tensor([1, 2, 3, 4, 5])),
    "mul past 2^53": (t) => t.tensor([3037000499, -94906267]).mul(t.tensor([3037000499, 94906267])),
    "mul wraps at 2^63": (t) => t.tensor([2n ** 62n]).mul(4),
    "add alpha": (t) => t.add(t.tensor(X), t.tensor([1, 1, 1, 1, 1]), { alpha: 3 }),
    "true div": (t) => t.tensor([7, -7, 2 ** 40]).div(t.tensor([2, 2, 3])),
    "div trunc": (t) => t.div(t.tensor([7, -7, 2 ** 40 + 1]), t.tensor([2, 2, 3]), { roundingMode: "trunc" }),
    "div floor": (t) => t.div(t.tensor([7, -7, -(2 ** 40) - 1]), t.tensor([2, 2, 3]), { roundingMode: "floor" }),
    remainder: (t) => t.remainder(t.tensor([7n, -7n, 7n, -7n, B + 1n]), t.tensor([3, 3, -3, -3, 10])),
    pow: (t) => t.pow(t.tensor([3, -2, 2, 1, -1, 5]), t.tensor([39, 5, 62, -1, -3, 0])),
    maximum: (t) => t.maximum(t.tensor(X), t.tensor([B, 0n, 12n, -14n, 1n])),
    minimum: (t) => t.minimum(t.tensor(X), t.tensor([B, 0n, 12n, -14n, 1n])),
    neg: (t) => t.neg(t.tensor(X)),
    abs: (t) => t.abs(t.tensor(X)),
    sign: (t) => t.sign(t.tensor(X)),
    square: (t) => t.square(t.tensor([3037000499, -5, 0])),
    relu: (t) => t.relu(t.tensor(X)),
    clamp: (t) => t.clamp(t.tensor(X), -100, 2 ** 40),
    "long vector ops": (t) =>
      t
        .arange(-20, 21)
        .mul(t.arange(40, -1, -1))
        .add(2 ** 40),
    "eq past 2^53": (t) => t.tensor([B, B + 1n, B + 2n]).eq(t.tensor([B, B, B + 2n])),
    "gt past 2^53": (t) => t.tensor([B, B + 1n, -B - 1n]).gt(t.tensor([B + 1n, B, -B])),
    "le int64 int32": (t) => t.tensor([1, 2, 3]).le(t.tensor([2, 2, 2], { dtype: "int32" })),
    where: (t) => t.where(t.tensor([true, false, true]), t.tensor([B + 1n, 2n, 3n]), t.tensor([4n, 5n, B + 7n])),
    max: (t) => t.tensor(M).max(),
    "min dim": (t) => t.tensor(M).min(1),
    "amax dim": (t) => t.tensor(M).amax(0),
    "argmax is int64": (t) => t.tensor(FM).argmax(1),
    "argmax of int64": (t) => t.tensor(M).argmax(),
    "max dim indices": (t) => t.tensor(FM).max(0),
    "index_select int64 index": (t) => t.indexSelect(t.tensor(W), 0, t.tensor([2, 0, 2])),
    "index_select of int64 values": (t) => t.indexSelect(t.tensor(M), 1, t.tensor([2, 0])),
    "gather int64 index": (t) =>
      t.gather(
        t.tensor(W),
        1,
        t.tensor([
          [1, 0],
          [1, 1],
          [0, 0],
        ]),
      ),
    "embedding int64 index": (t) =>
      t.nn.functional.embedding(
        t.tensor([
          [2, 0],
          [1, 1],
        ]),
        t.tensor(W),
      ),
    "matmul int64": (t) =>
      t.matmul(
        t.tensor([
          [3, -2, 2 ** 20],
          [1, 0, 2],
        ]),
        t.tensor([
          [2 ** 31, 1],
          [4, 5],
          [2 ** 20, -1],
        ]),
      ),
    "mv int64": (t) =>
      t.mv(
        t
          .arange(12)
          .reshape(3, 4)
          .mul(2 ** 33),
        t.tensor([1, -1, 2, 3]),
      ),
    "dot int64": (t) => t.dot(t.arange(1, 20).mul(2 ** 40), t.arange(19, 0, -1)),
    "bmm int64": (t) => t.bmm(t.arange(24).reshape(2, 3, 4).sub(11), t.arange(16).reshape(2, 4, 2).mul(3)),
    "cat int32 int64": (t) => t.cat([t.tensor([1, 2], { dtype: "int32" }), t.tensor([B + 1n])]),
    "transposed int64 made contiguous": (t) =>
      t
        .arange(6)
        .reshape(2, 3)
        .mul(2 ** 40)
        .t()
        .contiguous(),
    "sum of a transposed int64": (t) =>
      t
        .arange(12)
        .reshape(3, 4)
        .mul(2 ** 40)
        .t()
        .sum(1),
  };
  for (const a of DTYPES)
    for (const b of DTYPES)
      p[`add ${a} ${b}`] = (t) =>
        t.tensor(VALUES[a]! as never, { dtype: a }).add(t.tensor(VALUES[b]! as never, { dtype: b }));
  return p;
}

const PROGRAMS = programs();

function run(torch: Torch, g: Golden): Observed {
  const program = PROGRAMS[String(g.name)];
  if (program === undefined) return { missing: `no program for ${String(g.name)}` };
  return torch.tidy(() => {
    const r = program(torch);
    if (r instanceof torch.Tensor) return { out: observe(r), repr: String(r) };
    return { out: [observe(r.values), observe(r.indices)], repr: String(r) };
  });
}

export const int64: Family = (golden) => fromGolden(golden, run, { compare: ["out", "repr", "missing"] });
