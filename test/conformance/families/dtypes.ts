// The small dtypes (test/golden/gen_dtypes.py): uint8, int8, int16, float16
// and bfloat16. Type promotion, casts between every pair of dtypes, printing,
// and arithmetic as PyTorch CPU computes it (small integers wrap; float16 and
// bfloat16 compute in float32 and round once).

import type { Family, GoldenFile, Observed, TensorJson, Torch, DType, Tensor } from "../types.js";
import { fixture } from "./files.js";
import { decode, errorOf, observe } from "../values.js";
import { fromGolden, type Golden } from "./fromGolden.js";

/** The kinds of case this family runs. */
const KINDS = new Set([
  "promote",
  "result",
  "print",
  "iinfo",
  "finfo",
  "type",
  "cast",
  "method",
  "binary",
  "unary",
  "reduce",
  "checkpoint",
  "full",
  "autograd",
  "product",
]);

const build = (torch: Torch, j: TensorJson): Tensor =>
  torch
    .tensor(j.shape.length === 0 ? decode(j.data[0]!) : (j.data.map(decode) as number[]), {
      dtype: j.dtype,
    })
    .reshape(j.shape);

/** The other operand of a result-type case: a 0-d tensor or a Python number. */
function operand(torch: Torch, g: Golden): Tensor | number | boolean {
  if (g.form === "zero") return torch.tensor(1, { dtype: g.b as DType });
  return g.b === "int" ? 3 : g.b === "float" ? 2.5 : true;
}

/** Loads a checkpoint PyTorch saved in float16 or bfloat16 into a half model, then runs it in float32. */
function checkpoint(torch: Torch, g: Golden, golden: GoldenFile): Observed {
  const bytes = fixture(golden, String(g.file));
  const nn = torch.nn;
  const model = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 3));
  try {
    model.to(g.dtype as DType);
    model.loadStateDict(torch.load(bytes));
    const sd = model.stateDict();
    const weight = observe(sd["0.weight"]!);
    const saved = torch.save(sd);
    const sameBytes = saved.length === bytes.length && saved.every((b, i) => b === bytes[i]);
    model.float();
    const out = observe(model.call(build(torch, g.x as TensorJson)) as Tensor);
    return { weight, out, sameBytes };
  } finally {
    model.dispose();
  }
}

function run(torch: Torch, g: Golden, golden: GoldenFile): Observed {
  switch (g.kind) {
    case "checkpoint":
      return checkpoint(torch, g, golden);
    case "promote":
      return { result: torch.promoteTypes(g.a as DType, g.b as DType) };
    case "result": {
      const a = torch.tensor(g.form === "number0" ? 1 : [1, 1], { dtype: g.a as DType });
      return { result: torch.resultType(a, operand(torch, g)) };
    }
    case "print":
      return { repr: String(build(torch, g.x as TensorJson)) };
    case "cast": {
      let x = build(torch, g.x as TensorJson);
      if (g.layout === "t") x = x.t();
      return { out: observe(x.to(g.dtype as DType)) };
    }
    case "iinfo":
    case "finfo": {
      const fn = g.kind === "iinfo" ? torch.iinfo : torch.finfo;
      const message = errorOf(() => fn(g.dtype as DType));
      if ("error" in g) return { error: message };
      const info = fn(g.dtype as DType) as unknown as Record<string, number | bigint | string>;
      // int64's bounds are BigInts; the golden file spells them as strings.
      return {
        info: Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === "bigint" ? String(v) : v])),
      };
    }
    case "type":
      return { result: torch.tensor([1, 1], { dtype: g.dtype as DType }).type() };
    case "method": {
      const x = build(torch, g.x as TensorJson);
      const m = String(g.method);
      if (m === "type") return { out: observe(x.type(String(g.arg))) };
      if (m === "to") return { out: observe(x.to(...(g.args as [string, DType]))) };
      if (m === "typeAs") return { out: observe(x.typeAs(torch.ones(1, { dtype: g.other as DType }))) };
      return { out: observe((x as unknown as Record<string, () => Tensor>)[m]!.call(x)) };
    }
    case "product": {
      const a = build(torch, g.a as TensorJson);
      const b = build(torch, g.b as TensorJson);
      const f = (torch as unknown as Record<string, (a: Tensor, b: Tensor) => Tensor>)[String(g.op)]!;
      if ("error" in g) return { error: errorOf(() => f(a, b)) };
      const out = observe(f(a, b));
      return "outFloat32" in g ? { out, outFloat32: out } : { out };
    }
    case "autograd": {
      const x = build(torch, g.x as TensorJson).requiresGrad_(true);
      if (g.how === "leaf") {
        const y = x.mul(x).add(x).sum();
        y.backward();
        return { y: observe(y), grad: observe(x.grad!), gradFn: y.gradFn!.name() };
      }
      const h = x.to(g.dtype as DType);
      h.mul(3).sum().backward();
      return { y: observe(h), grad: observe(x.grad!), gradFn: h.gradFn!.name() };
    }
    case "full": {
      const call = () => torch.full([2], decode(g.value as number), { dtype: g.dtype as DType });
      if ("error" in g) return { error: errorOf(call) };
      return { out: observe(call()) };
    }
    case "binary": {
      const a = build(torch, g.a as TensorJson);
      const b = typeof g.b === "number" ? g.b : build(torch, g.b as TensorJson);
      return {
        out: observe(
          (torch as unknown as Record<string, (a: Tensor, b: Tensor | number) => Tensor>)[String(g.op)]!(a, b),
        ),
      };
    }
    case "unary": {
      const a = build(torch, g.a as TensorJson);
      const f = (torch as unknown as Record<string, (a: Tensor) => Tensor>)[String(g.op)]!;
      if ("error" in g) return { error: errorOf(() => f(a)) };
      return { out: observe(f(a)) };
    }
    case "reduce": {
      const a = build(torch, g.a as TensorJson);
      const f = (torch as unknown as Record<string, (a: Tensor, dim?: number) => Tensor>)[String(g.op)]!;
      const call = () => (g.dim === undefined ? f(a) : f(a, g.dim as number));
      if ("error" in g) return { error: errorOf(call) };
      return { out: observe(call()) };
    }
    default:
      throw new Error(`unknown case kind ${String(g.kind)}`);
  }
}

export const dtypes: Family = (golden) =>
  fromGolden(golden, (torch, g) => run(torch, g, golden), {
    compare: (g) =>
      ["result", "repr", "out", "error", "info", "weight", "sameBytes", "y", "grad", "gradFn", "outFloat32"].filter(
        (k) => k in g,
      ),
    skip: (g) => !KINDS.has(String(g.kind)),
    // PyTorch 1.13's bfloat16 products round partial sums (see gen_dtypes.py): a few ulps (2^-8 relative each).
    // PyTorch's bfloat16 softmax rounds some intermediates to bfloat16: up to 2 ulps (2^-8 relative each).
    tol: (g) =>
      "outFloat32" in g
        ? { rtol: 2 ** -5, atol: 0 }
        : /oftmax/.test(String(g.op)) && (g.a as TensorJson).dtype === "bfloat16"
          ? { rtol: 2 ** -7, atol: 0 }
          : undefined,
  });
