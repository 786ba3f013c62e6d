// Custom autograd Functions and full backward hooks
// (test/golden/gen_autograd_function.py): each case is a program written
// here as in the generator, with Function subclasses of the same names
// (the grad_fn is "<ClassName>Backward"); outputs, grad_fn names, grads,
// what the hooks saw, and PyTorch's messages.

import { errorOf, fromJson, observe } from "../values.js";
import type { Family, Observed, Tensor, Torch, Value } from "../types.js";
import type { TensorJson } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

type Ctx = InstanceType<Torch["autograd"]["FunctionCtx"]>;

/** The generator's Function subclasses, made against the torchlet under test. */
function functions(torch: Torch) {
  const Base = torch.autograd.Function;
  class MyExp extends Base {
    static override forward(ctx: Ctx, x: Tensor): Tensor {
      const y = x.exp();
      ctx.saveForBackward(y);
      return y;
    }
    static override backward(ctx: Ctx, g: Tensor): Tensor {
      return g.mul(ctx.savedTensors[0]!);
    }
  }
  class ScaleShift extends Base {
    static override forward(ctx: Ctx, x: Tensor, alpha: number, b: Tensor): Tensor {
      ctx.alpha = alpha;
      ctx.saveForBackward(x, b);
      return x.mul(alpha).add(b);
    }
    static override backward(ctx: Ctx, g: Tensor): (Tensor | null)[] {
      return [g.mul(ctx.alpha as number), null, ctx.needsInputGrad[2] ? g : null];
    }
  }
  class TwoOut extends Base {
    static override forward(ctx: Ctx, x: Tensor): Tensor[] {
      ctx.saveForBackward(x);
      return [x.mul(2), x.sin()];
    }
    static override backward(ctx: Ctx, g1: Tensor, g2: Tensor): Tensor {
      return g1.mul(2).add(g2.mul(ctx.savedTensors[0]!.cos()));
    }
  }
  class WithMask extends Base {
    static override forward(ctx: Ctx, x: Tensor): Tensor[] {
      const mask = torch.where(x.gt(0), torch.onesLike(x), torch.zerosLike(x));
      ctx.markNonDifferentiable(mask);
      ctx.saveForBackward(mask);
      return [x.mul(mask), mask];
    }
    static override backward(ctx: Ctx, g: Tensor): Tensor {
      return g.mul(ctx.savedTensors[0]!);
    }
  }
  class Bad extends Base {
    static override forward(_ctx: Ctx, x: Tensor, y: Tensor): Tensor {
      return x.mul(y);
    }
    static override backward(_ctx: Ctx, g: Tensor): Tensor {
      return g;
    }
  }
  return { MyExp, ScaleShift, TwoOut, WithMask, Bad };
}

const obs = (t: Tensor | null | undefined): Value => (t ? observe(t) : null);
const obsList = (ts: readonly (Tensor | null)[]): Value => ts.map(obs);

interface HookCase {
  x: TensorJson;
  w: TensorJson;
  b: TensorJson;
  g: TensorJson;
}

/** gen_autograd_function.py's Linear(3, 2) with its weight and bias. */
function linear(torch: Torch, c: HookCase) {
  const lin = new torch.nn.Linear(3, 2);
  torch.noGrad(() => {
    lin.weight.copy_(fromJson(torch, c.w));
    lin.bias!.copy_(fromJson(torch, c.b));
  });
  return lin;
}

/** A golden JSON tensor as a leaf that requires grad. */
const leaf = (torch: Torch, j: unknown): Tensor => fromJson(torch, j as TensorJson, true);

/** Backpropagates sum(t * w) for the golden weights `w`. */
const weightedBackward = (torch: Torch, t: Tensor, w: unknown): void =>
  t
    .mul(fromJson(torch, w as TensorJson))
    .sum()
    .backward();

const programs: Record<string, (torch: Torch, g: Golden) => Observed> = {
  exp: (torch, g) => {
    const { MyExp } = functions(torch);
    const x = leaf(torch, g.x);
    const y = MyExp.apply<Tensor>(x);
    y.mul(fromJson(torch, g.w as TensorJson))
      .sum()
      .backward();
    return {
      out: observe(y),
      grad_fn: y.gradFn!.name(),
      next: y.gradFn!.nextFunctions.map(([n]) => (n ? n.name() : "NoneType")),
      grad_x: observe(x.grad!),
    };
  },
  scale_shift_b_no_grad: (torch, g) => {
    const { ScaleShift } = functions(torch);
    const x = leaf(torch, g.x);
    const out = ScaleShift.apply<Tensor>(x, 2.5, fromJson(torch, g.b as TensorJson));
    out.backward(fromJson(torch, g.g as TensorJson));
    return { out: observe(out), grad_fn: out.gradFn!.name(), grad_x: observe(x.grad!) };
  },
  scale_shift_b_grad: (torch, g) => {
    const { ScaleShift } = functions(torch);
    const x = leaf(torch, g.x);
    const b = leaf(torch, g.b);
    const out = ScaleShift.apply<Tensor>(x, -0.5, b);
    out.backward(fromJson(torch, g.g as TensorJson));
    return { out: observe(out), grad_x: observe(x.grad!), grad_b: observe(b.grad!) };
  },
  two_outputs_first_used: (torch, g) => {
    const { TwoOut } = functions(torch);
    const x = leaf(torch, g.x);
    const [p, q] = TwoOut.apply<Tensor[]>(x);
    weightedBackward(torch, p!, g.w);
    return {
      out0: observe(p!),
      out1: observe(q!),
      grad_fns: [p!.gradFn!.name(), q!.gradFn!.name()],
      grad_x: observe(x.grad!),
    };
  },
  two_outputs_both_used: (torch, g) => {
    const { TwoOut } = functions(torch);
    const x = leaf(torch, g.x);
    const [p, q] = TwoOut.apply<Tensor[]>(x);
    p!
      .mul(fromJson(torch, g.w as TensorJson))
      .add(q!)
      .sum()
      .backward();
    return { grad_x: observe(x.grad!) };
  },
  mark_non_differentiable: (torch, g) => {
    const { WithMask } = functions(torch);
    const x = leaf(torch, g.x);
    const [v, m] = WithMask.apply<Tensor[]>(x);
    weightedBackward(torch, v!, g.w);
    return { out: observe(v!), mask: observe(m!), mask_requires_grad: m!.requiresGrad, grad_x: observe(x.grad!) };
  },
  no_grad: (torch, g) => {
    const { MyExp } = functions(torch);
    const x = leaf(torch, g.x);
    const y = torch.noGrad(() => MyExp.apply<Tensor>(x));
    return { requires_grad: y.requiresGrad, grad_fn: y.gradFn === null ? "None" : y.gradFn.name() };
  },
  wrong_number_of_grads: (torch, g) => {
    const { Bad } = functions(torch);
    const x = leaf(torch, g.x);
    const y = leaf(torch, g.x);
    return { error: errorOf(() => Bad.apply<Tensor>(x, y).sum().backward()) };
  },
  saved_output_modified: (torch, g) => {
    const { MyExp } = functions(torch);
    const x = leaf(torch, g.x);
    const e = MyExp.apply<Tensor>(x);
    torch.noGrad(() => e.mul_(2));
    return { error: errorOf(() => e.sum().backward()) };
  },
  hook_linear: (torch, g) => {
    const c = g as unknown as HookCase;
    const lin = linear(torch, c);
    const seen: Value[] = [];
    lin.registerFullBackwardHook((_m, gi, go) => void seen.push([obsList(gi), obsList(go)]));
    const x = fromJson(torch, c.x).requiresGrad_();
    const out = lin.call(x);
    out.mul(fromJson(torch, c.g)).sum().backward();
    const [gi, go] = seen[0] as Value[];
    const result = {
      grad_fn: out.gradFn!.name(),
      grad_input: gi!,
      grad_output: go!,
      grad_x: observe(x.grad!),
      grad_w: observe(lin.weight.grad!),
      calls: seen.length,
    };
    lin.dispose();
    return result;
  },
  hook_replaces_grad_input: (torch, g) => {
    const c = g as unknown as HookCase;
    const lin = linear(torch, c);
    lin.registerFullBackwardHook((_m, gi) => [gi[0]!.mul(3)]);
    const x = fromJson(torch, c.x).requiresGrad_();
    lin.call(x).mul(fromJson(torch, c.g)).sum().backward();
    const seen = { grad_x: observe(x.grad!), grad_w: observe(lin.weight.grad!) };
    lin.dispose();
    return seen;
  },
  hook_input_without_grad: (torch, g) => {
    const c = g as unknown as HookCase;
    const lin = linear(torch, c);
    const seen: Value[] = [];
    lin.registerFullBackwardHook((_m, gi, go) => void seen.push([obsList(gi), obsList(go)]));
    lin.call(fromJson(torch, c.x)).mul(fromJson(torch, c.g)).sum().backward();
    lin.dispose();
    const [gi, go] = seen[0] as Value[];
    return { grad_input: gi!, grad_output: go! };
  },
  hook_two_tensor_args: (torch, g) => {
    class Mul extends torch.nn.Module<[Tensor, number, Tensor]> {
      override forward(a: Tensor, s: number, b: Tensor): Tensor {
        return a.mul(b).mul(s);
      }
    }
    const m = new Mul();
    const seen: Value[] = [];
    m.registerFullBackwardHook((_m, gi, go) => void seen.push([obsList(gi), obsList(go)]));
    const a = leaf(torch, g.a);
    const b = leaf(torch, g.b);
    m.call(a, 2, b).backward(fromJson(torch, g.g as TensorJson));
    const [gi, go] = seen[0] as Value[];
    return { grad_input: gi!, grad_output: go! };
  },
  hook_wrong_count: (torch) => {
    const lin = new torch.nn.Linear(3, 2);
    lin.registerFullBackwardHook((_m, gi) => [gi[0]!, gi[0]!]);
    const error = errorOf(() =>
      lin
        .call(torch.ones(2, 3, { requiresGrad: true }))
        .sum()
        .backward(),
    );
    lin.dispose();
    return { error };
  },
};

const KEYS = [
  "out",
  "out0",
  "out1",
  "mask",
  "mask_requires_grad",
  "requires_grad",
  "grad_fn",
  "grad_fns",
  "next",
  "grad_x",
  "grad_b",
  "grad_w",
  "grad_input",
  "grad_output",
  "calls",
  "error",
];

export const autogradFunction: Family = (golden) =>
  fromGolden(
    golden,
    (torch, g) => {
      const program = programs[String(g.name)];
      if (program === undefined) return { error: `no program for case ${String(g.name)}` };
      return program(torch, g);
    },
    { compare: KEYS, tol: () => ({ rtol: 1e-6, atol: 1e-6 }) },
  );
