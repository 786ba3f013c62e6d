// The autograd engine's contract (test/golden/gen_autograd.py has the Python
// twin of each program; test/autograd.engine.test.ts runs these programs
// under vitest too, and checks that they leave no memory behind).

import { errorOf, observe, observeOrNull, py } from "../values.js";
import type { Family, Tensor, Torch } from "../types.js";
import { programs } from "./programs.js";

const T = (torch: Torch, v: Parameters<Torch["tensor"]>[0], requiresGrad = false): Tensor =>
  torch.tensor(v, { dtype: "float32", requiresGrad });

export const autograd: Family = (golden) =>
  programs(golden, {
    // ---- the seed notebooks' cells ----
    seed_tour(torch) {
      const x = torch.ones(2, 2, { requiresGrad: true });
      const y = x.add(2);
      const z = y.mul(y).mul(3);
      const out = z.mean();
      const prints = [String(x), String(y), y.gradFn!.name(), String(z), String(out), py(x.isLeaf), py(y.isLeaf)];
      out.backward();
      prints.push(String(x.grad));
      return { prints };
    },
    seed_accumulate(torch) {
      const inp = torch.eye(5, { requiresGrad: true });
      const out = inp.add(1).pow(2);
      out.backward(torch.onesLike(inp), { retainGraph: true });
      const first = String(inp.grad);
      out.backward(torch.onesLike(inp), { retainGraph: true });
      const second = String(inp.grad);
      inp.grad!.zero_();
      out.backward(torch.onesLike(inp), { retainGraph: true });
      return { prints: [first, second, String(inp.grad)] };
    },
    seed_view_vjp(torch) {
      const x = T(torch, [1, 2, 3, 4], true);
      const z = x.mul(2).view(2, 2);
      const zs = String(z);
      z.backward(
        T(torch, [
          [1.0, 0.1],
          [0.01, 0.001],
        ]),
      );
      return { prints: [zs, String(x.grad)], grad: observe(x.grad!) };
    },
    seed_no_grad(torch) {
      const x = T(torch, 1, true);
      const y1 = x.pow(2);
      const y2 = torch.noGrad(() => x.pow(3));
      const y3 = y1.add(y2);
      return {
        prints: [
          py(x.requiresGrad),
          String(y1),
          py(y1.requiresGrad),
          String(y2),
          py(y2.requiresGrad),
          String(y3),
          py(y3.requiresGrad),
        ],
      };
    },
    seed_grad_data_zero(torch) {
      const x = torch.ones(2, 2, { requiresGrad: true });
      x.add(2).mul(3).mul(x.add(2)).mean().backward();
      x.sum().backward();
      const a = String(x.grad);
      const out3 = x.sum();
      x.grad!.data.zero_();
      out3.backward();
      return { prints: [a, String(x.grad)] };
    },

    // ---- errors in PyTorch's words ----
    error_second_backward: (torch) => ({
      error: errorOf(() => {
        const x = T(torch, [1, 2], true);
        const y = x.mul(x).sum();
        y.backward();
        y.backward();
      }),
    }),
    error_nonscalar: (torch) => ({ error: errorOf(() => T(torch, [1, 2], true).mul(2).backward()) }),
    error_no_grad: (torch) => ({ error: errorOf(() => T(torch, [1, 2]).sum().backward()) }),
    error_unused: (torch) => ({
      error: errorOf(() => {
        const x = T(torch, [1], true),
          y = T(torch, [2], true);
        torch.autograd.grad(x.mul(2).sum(), [x, y]);
      }),
    }),
    error_nonleaf_requires_grad: (torch) => ({ error: errorOf(() => T(torch, [1], true).mul(2).requiresGrad_(false)) }),
    error_int_requires_grad: (torch) => ({ error: errorOf(() => torch.tensor([1, 2]).requiresGrad_(true)) }),
    error_grad_shape: (torch) => ({
      error: errorOf(() =>
        T(torch, [1, 2], true)
          .mul(2)
          .backward(T(torch, [1, 2, 3])),
      ),
    }),

    // ---- accumulation, sharing, hooks ----
    shared_subgraph(torch) {
      const x = T(torch, [1, -2, 3], true);
      const y = x.mul(x);
      y.add(y.mul(x)).sum().backward();
      return { grad: observe(x.grad!) };
    },
    hooks(torch) {
      const x = T(torch, [1, 2], true);
      const seen: Tensor[] = [];
      x.registerHook((g) => void seen.push(g.clone()));
      const y = x.mul(3);
      y.registerHook((g) => g.mul(10));
      y.sum().backward();
      return { grad: observe(x.grad!), seen: observe(seen[0]!) };
    },
    retain_grad(torch) {
      const x = T(torch, [1, 2], true);
      const y = x.mul(3);
      y.retainGrad();
      y.mul(y).sum().backward();
      return { ygrad: observe(y.grad!), xgrad: observe(x.grad!), retains: y.retainsGrad };
    },
    backward_inputs(torch) {
      const x = T(torch, [1, 2], true),
        w = T(torch, [3, 4], true);
      x.mul(w)
        .sum()
        .backward(null, { inputs: [x] });
      return { xgrad: observe(x.grad!), wgrad_is_none: w.grad === null };
    },
    detach(torch) {
      const x = T(torch, [1, 2], true);
      const y = x.mul(2);
      const d = y.detach();
      return { prints: [py(d.requiresGrad), py(d.isLeaf), String(d), py(y.data.requiresGrad), py(x.data.isLeaf)] };
    },

    // ---- autograd.grad and higher order ----
    grad_of_grad(torch) {
      const x = T(torch, [1, 2, 3], true);
      const [g] = torch.autograd.grad(x.pow(3).sum(), x, null, { createGraph: true });
      const [g2] = torch.autograd.grad(g!.sum(), x);
      return { g: observe(g!), g2: observe(g2!), gfn: g!.gradFn?.name() ?? null };
    },
    grad_two_inputs(torch) {
      const x = T(torch, [0.5, -1], true),
        y = T(torch, [2, 3], true);
      const [gx, gy] = torch.autograd.grad(x.mul(y).exp().sum(), [x, y], null, { allowUnused: true });
      return { gx: observeOrNull(gx), gy: observeOrNull(gy) };
    },
    grad_allow_unused(torch) {
      const x = T(torch, [0.5, -1], true),
        y = T(torch, [2, 3], true);
      const [gx, gz] = torch.autograd.grad(x.mul(2).sum(), [x, y], null, { allowUnused: true });
      return { gx: observeOrNull(gx), gz_is_none: gz === null };
    },
    backward_create_graph(torch) {
      const x = T(torch, [1, 2], true);
      x.mul(x).sum().backward(null, { createGraph: true });
      const gx = x.grad!;
      const gfn = gx.gradFn?.name() ?? null;
      x.grad = null;
      gx.sum().backward();
      return { first: observe(gx), second: observe(x.grad!), gfn };
    },

    // ---- autograd.functional ----
    jacobian_exp_reducer(torch) {
      const jac = torch.autograd.functional.jacobian(
        (x: Tensor) => x.exp().sum(1),
        T(torch, [
          [0.5, 0.25, -0.5],
          [1, 0, -1],
        ]),
      ) as Tensor;
      return { jac: observe(jac), printed: String(jac) };
    },
    jacobian_tuple(torch) {
      const a = T(torch, [
          [1, 2],
          [3, 4],
        ]).div(4),
        b = T(torch, [
          [0.5, -1],
          [2, 0.25],
        ]);
      const jj = torch.autograd.functional.jacobian(
        (p: Tensor, q: Tensor) => [p.mul(q).sum(0), p.exp()],
        [a, b],
      ) as Tensor[][];
      return { j00: observe(jj[0]![0]!), j01: observe(jj[0]![1]!), j10: observe(jj[1]![0]!), j11: observe(jj[1]![1]!) };
    },
    hessian_cube: (torch) => ({
      h: observe(torch.autograd.functional.hessian(cube, T(torch, [1, -2, 0.5])) as Tensor),
    }),
    vjp_square(torch) {
      const [o, v] = torch.autograd.functional.vjp((x: Tensor) => x.mul(x), T(torch, [1, 2]), T(torch, [1, 0.5]));
      return { out: observe(o as Tensor), vjp: observe(v as Tensor) };
    },
    jvp_cube(torch) {
      const [o, v] = torch.autograd.functional.jvp(
        (x: Tensor) => x.mul(x).mul(x),
        T(torch, [1, 2]),
        T(torch, [1, 0.5]),
      );
      return { out: observe(o as Tensor), jvp: observe(v as Tensor) };
    },
    hvp_cube(torch) {
      const [o, v] = torch.autograd.functional.hvp(cube, T(torch, [1, -2, 0.5]), T(torch, [1, 0, 2]));
      return { out: observe(o as Tensor), hvp: observe(v as Tensor) };
    },
    vhp_cube(torch) {
      const [o, v] = torch.autograd.functional.vhp(cube, T(torch, [1, -2, 0.5]), T(torch, [1, 0, 2]));
      return { out: observe(o as Tensor), vhp: observe(v as Tensor) };
    },
  });

const cube = (x: Tensor): Tensor => x.pow(3).sum();
