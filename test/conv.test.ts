// The convolutions against PyTorch 1.13 (test/golden/gen_conv.py): the conv
// conformance family (values, printed forms, grad_fn and graph, grads,
// modules, messages; here also memory left behind), double backward against
// PyTorch's second derivatives, and float64 finite-difference checks of
// first and second derivatives.

import { describe, expect, test } from "vitest";
import * as torch from "../src/index.js";
import type { Tensor } from "../src/index.js";
import { testFamily } from "./helpers/family.js";
import { loadGolden, type TensorJson } from "./helpers/golden.js";
import { applyConv } from "./conformance/families/conv.js";
import { make, observe } from "./conformance/values.js";
import { checkCase } from "./conformance/check.js";
import type { Torch } from "./conformance/types.js";

const F = torch.nn.functional;
const T = torch as unknown as Torch;

describe("convolutions (PyTorch goldens)", () => {
  testFamily("conv");
});

type Case = Parameters<typeof applyConv>[1] & {
  name: string;
  double?: TensorJson[];
  double_v?: Parameters<typeof make>[1][];
  double_graph?: unknown[];
};

type GradFn = NonNullable<Tensor["gradFn"]>;
const graphOf = (n: GradFn | null, depth = 0): unknown =>
  n === null || depth > 8 ? null : [n.name(), n.nextFunctions.map(([m]) => graphOf(m, depth + 1))];

describe("double backward against PyTorch", () => {
  const cases = loadGolden<Case>("conv").cases.filter((c) => c.double !== undefined);
  test.each(cases.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    torch.tidy(() => {
      const made = c.args.map((a) => (a === null ? null : make(T, a.spec, a.grad)));
      const out = applyConv(
        T,
        c,
        made.map((m) => (m === null ? null : m[1])),
      );
      const leaves = made.filter((m, i) => m !== null && c.args[i]!.grad).map((m) => m![0]);
      const gs = torch.autograd.grad(out, leaves, make(T, c.grad_out)[1], { createGraph: true });
      // PyTorch's graph of the grads: ConvolutionBackwardBackward0 (behind its F.pad for padding="same")
      expect(gs.map((g) => graphOf(g!.gradFn))).toEqual(c.double_graph);
      const vs = c.double_v!.map((v) => make(T, v)[1]);
      const s = gs.map((g, i) => g!.mul(vs[i]!).sum()).reduce((a, b) => a.add(b));
      const dd = torch.autograd.grad(s, leaves, null, { allowUnused: true });
      const f64 = c.double!.find((d) => d !== null)?.dtype === "float64";
      const why = checkCase(
        { double: c.double as never },
        { double: dd.map((t) => (t ? observe(t as never) : null)) as never },
        f64 ? { rtol: 1e-10, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-5 },
      );
      if (why !== null) expect.fail(why);
    });
  });
});

describe("gradcheck (float64)", () => {
  const r = (shape: number[], seed: number) => {
    torch.manualSeed(seed);
    return torch.randn(shape, { dtype: "float64", requiresGrad: true });
  };
  const check = (fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[], second = true) => {
    expect(torch.autograd.gradcheck(fn, inputs)).toBe(true);
    if (!second) return;
    // Second derivatives: the grads as functions of the inputs, checked again.
    const gfn = (...xs: Tensor[]) => {
      const y = fn(...xs);
      const gs = torch.autograd.grad(y, xs, torch.onesLike(y), { createGraph: true });
      return gs.map((g, i) => g!.mul(i + 1).sum()).reduce((a, b) => a.add(b));
    };
    expect(torch.autograd.gradcheck(gfn, inputs)).toBe(true);
  };
  test("conv2d: stride, padding, dilation, bias", () => {
    torch.tidy(() =>
      check(
        (x, w, b) => F.conv2d(x!, w!, b!, { stride: [2, 1], padding: 1, dilation: [1, 2] }),
        [r([2, 2, 5, 5], 1), r([3, 2, 3, 2], 2), r([3], 3)],
      ),
    );
  });
  test("conv2d: groups, padding same (even kernel)", () => {
    torch.tidy(() =>
      check((x, w) => F.conv2d(x!, w!, null, { padding: "same", groups: 2 }), [r([1, 4, 4, 5], 4), r([4, 2, 2, 3], 5)]),
    );
  });
  test("conv1d: depthwise, stride", () => {
    torch.tidy(() =>
      check(
        (x, w, b) => F.conv1d(x!, w!, b!, { groups: 3, stride: 2, padding: 1 }),
        [r([2, 3, 7], 6), r([6, 1, 3], 7), r([6], 8)],
      ),
    );
  });
  test("convTranspose2d: stride, padding, outputPadding, groups, dilation", () => {
    torch.tidy(() =>
      check(
        (x, w, b) =>
          F.convTranspose2d(x!, w!, b!, { stride: 2, padding: 1, outputPadding: 1, groups: 2, dilation: [1, 2] }),
        [r([1, 4, 3, 3], 9), r([4, 1, 3, 2], 10), r([2], 11)],
      ),
    );
  });
  test("convTranspose1d: output padding from dilation", () => {
    torch.tidy(() =>
      check(
        (x, w) => F.convTranspose1d(x!, w!, null, { stride: 1, outputPadding: 2, dilation: 3 }),
        [r([2, 2, 4], 12), r([2, 3, 2], 13)],
      ),
    );
  });
  test("Conv2d with each padding mode", () => {
    for (const paddingMode of ["reflect", "replicate", "circular"] as const) {
      torch.tidy(() => {
        const m = new torch.nn.Conv2d(2, 2, 3, { padding: 1, paddingMode, dtype: "float64" });
        try {
          check((x) => m.call(x!), [r([1, 2, 4, 4], 14)], false);
        } finally {
          m.dispose();
        }
      });
    }
  });
});

describe("beyond the goldens", () => {
  test("weight grad: the fused pass equals the differentiable one", () => {
    torch.tidy(() => {
      // conv is bilinear: d<gx, v>/dw (the double backward's composed weight grad, with v as the
      // input) is the weight grad of conv(v, w) for the same output grad (the fused pass).
      const x = torch.randn([3, 4, 9, 8], { dtype: "float64", requiresGrad: true });
      const v = torch.randn([3, 4, 9, 8], { dtype: "float64" });
      const w = torch.randn([6, 2, 3, 3], { dtype: "float64", requiresGrad: true });
      const o = { stride: 2, padding: 1, groups: 2, dilation: [2, 1] };
      const y = F.conv2d(x, w, null, o);
      const g = torch.randnLike(y);
      const [gx] = torch.autograd.grad(y, [x], g, { createGraph: true });
      const [composed] = torch.autograd.grad(gx!.mul(v).sum(), [w]);
      const [fused] = torch.autograd.grad(F.conv2d(v, w, null, o), [w], g);
      expect(fused!.sub(composed!).abs().max().item()).toBeLessThan(1e-12);
    });
  });
  test("unbatched input gives PyTorch's graph (SqueezeBackward1)", () => {
    torch.tidy(() => {
      const x = torch.randn([3, 5, 5], { requiresGrad: true });
      const y = F.conv2d(x, torch.randn([2, 3, 3, 3]));
      expect(y.gradFn!.name()).toBe("SqueezeBackward1");
      expect(y.gradFn!.nextFunctions[0]![0]!.name()).toBe("ConvolutionBackward0");
    });
  });
  test('padding "same" with an even kernel pads with F.pad first, as PyTorch', () => {
    torch.tidy(() => {
      const x = torch.randn([1, 2, 5, 5], { requiresGrad: true });
      const y = F.conv2d(x, torch.randn([2, 2, 2, 2]), null, { padding: "same" });
      expect(y.shape).toEqual([1, 2, 5, 5]);
      // PyTorch: ConvolutionBackward0 -> ConstantPadNdBackward0 -> AccumulateGrad.
      expect(graphOf(y.gradFn)).toEqual([
        "ConvolutionBackward0",
        [["ConstantPadNdBackward0", [["AccumulateGrad", []]]], null, null],
      ]);
    });
  });
  test("grads made under createGraph are outputs of one ConvolutionBackwardBackward0", () => {
    torch.tidy(() => {
      const x = torch.randn([1, 2, 5, 5], { requiresGrad: true });
      const w = torch.randn([3, 2, 3, 3], { requiresGrad: true });
      const b = torch.randn([3], { requiresGrad: true });
      const [gx, gw, gb] = torch.autograd.grad(F.conv2d(x, w, b).sum(), [x, w, b], null, { createGraph: true });
      expect(gx!.gradFn!.name()).toBe("ConvolutionBackwardBackward0");
      expect(gw!.gradFn).toBe(gx!.gradFn);
      expect(gb!.gradFn).toBe(gx!.gradFn);
    });
  });
  test("integer convolutions wrap as PyTorch's integer sums (int8, beyond the goldens' range)", () => {
    torch.tidy(() => {
      // 9 products of 127 * 127 plus 127 = 145288 = 136 (mod 256) = -120 as int8
      const x = torch.full([1, 1, 3, 3], 127, { dtype: "int8" });
      const w = torch.full([1, 1, 3, 3], 127, { dtype: "int8" });
      expect(F.conv2d(x, w, torch.full([1], 127, { dtype: "int8" })).tolist()).toEqual([[[[-120]]]]);
    });
  });
  test("integer inputs leave nothing behind, and ints never require grad", () => {
    torch.tidy(() => {
      const x = torch.ones([2, 3, 6, 6], { dtype: "int64" });
      const w = torch.ones([4, 3, 3, 3], { dtype: "int64" });
      const before = torch.memory().tensors;
      const y = F.conv2d(x, w, null, { padding: "same" });
      expect(torch.memory().tensors).toBe(before + 1);
      expect([y.dtype, y.requiresGrad, y.gradFn]).toEqual(["int64", false, null]);
    });
  });
});

test("the conv functions carry their names (stack traces, fn.name)", () => {
  const F = torch.nn.functional;
  expect([F.conv1d, F.conv2d, F.convTranspose1d, F.convTranspose2d].map((f) => f.name)).toEqual([
    "conv1d",
    "conv2d",
    "convTranspose1d",
    "convTranspose2d",
  ]);
});
