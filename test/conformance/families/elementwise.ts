// Elementwise ops (test/golden/gen_elementwise.py): values, printed forms,
// grad_fn names, first-order grads and errors for each op case; and the
// float32/float64 math functions over wide value sweeps, within 2 ulp of
// PyTorch (whose vectorised and scalar paths differ by 1 themselves), which
// is where runtimes would disagree if the wasm math did.

import { decode, errorOf, fromJson, make, observe, type InputSpec } from "../values.js";
import type { Family, Num, Observed, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

type Operand = InputSpec | { num: Num } | { bool: boolean } | { none: true };
type TensorLike = Tensor | number | boolean | null;
type Args = { alpha?: number; roundingMode?: "trunc" | "floor" };

const isFloat = (d: string): boolean => d === "float32" || d === "float64";

function operand(torch: Torch, o: Operand, requiresGrad: boolean): [Tensor | null, TensorLike] {
  if ("num" in o) return [null, decode(o.num)];
  if ("bool" in o) return [null, o.bool];
  if ("none" in o) return [null, null];
  return make(torch, o, requiresGrad && isFloat(o.dtype));
}

function apply(torch: Torch, op: string, xs: TensorLike[], a: Args): Tensor {
  const T = torch as unknown as Record<string, (...v: unknown[]) => Tensor>;
  const [x, y, z] = xs;
  switch (op) {
    case "add": case "sub": return a.alpha === undefined ? T[op]!(x, y) : T[op]!(x, y, { alpha: a.alpha });
    case "div": return a.roundingMode === undefined ? T.div!(x, y) : T.div!(x, y, { roundingMode: a.roundingMode });
    case "mul": case "pow": case "remainder": case "maximum": case "minimum":
    case "eq": case "ne": case "lt": case "le": case "gt": case "ge":
      return T[op]!(x, y);
    case "where": return T.where!(x, y, z);
    case "clamp": return T.clamp!(x, y ?? null, z ?? null);
  }
  const fn = T[op];
  if (typeof fn !== "function") throw new Error(`unknown op ${op}`);
  return fn(x);
}

function runOp(torch: Torch, g: Golden): Observed {
  const made = (g.inputs as Operand[]).map((o) => operand(torch, o, (g.grad as boolean | undefined) ?? true));
  const xs = made.map((m) => m[1]);
  const args = g.args as Args;
  if (g.kind === "error") return { error: errorOf(() => apply(torch, String(g.op), xs, args)) };
  const out = apply(torch, String(g.op), xs, args);
  const obs: Observed = { out: observe(out), str: String(out), gradFn: out.gradFn?.name() ?? null };
  if (g.grads === undefined) return obs;
  const leaves = made.map((m) => m[0]).filter((b): b is Tensor => b !== null && b.requiresGrad);
  const grads = torch.autograd.grad(out.mul(fromJson(torch, g.weight as TensorJson)).sum(), leaves, null, { allowUnused: true });
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

function runSweep(torch: Torch, g: Golden): Observed {
  const x = fromJson(torch, g.x as TensorJson);
  return { out: observe((torch as unknown as Record<string, (t: Tensor) => Tensor>)[String(g.op)]!(x)) };
}

// ---- in place (test/golden/gen_inplace.py; its "scenario" programs stay in test/inplace.test.ts) ----

type InplaceArgs = { alpha?: number; rounding_mode?: "trunc" | "floor" };
type Mode = "plain" | "leaf" | "leaf_nograd" | "nonleaf" | "view_leaf" | "view_nonleaf";

function runInplace(torch: Torch, g: Golden): Observed {
  const mode = g.mode as Mode;
  const target = g.target as InputSpec;
  const [base, x] = make(torch, target, mode !== "plain" && isFloat(target.dtype));
  const made = (g.inputs as Operand[]).map((o) => operand(torch, o, (g.argGrad as boolean | undefined) ?? true));
  let self = mode === "nonleaf" || mode === "view_nonleaf" ? x.mul(2) : x;
  if (mode === "view_leaf" || mode === "view_nonleaf") self = self.select(0, 0);
  const a = g.args as InplaceArgs;
  const opts = a.alpha !== undefined ? { alpha: a.alpha } : a.rounding_mode !== undefined ? { roundingMode: a.rounding_mode } : undefined;
  const method = (self as unknown as Record<string, (...v: unknown[]) => Tensor>)[String(g.op)]!;
  const callArgs = [...made.map((m) => m[1]), ...(opts ? [opts] : [])];
  const call = () => (mode === "leaf_nograd" ? torch.noGrad(() => method.apply(self, callArgs)) : method.apply(self, callArgs));
  if (g.error !== undefined) return { error: errorOf(call) };
  const out = call();
  const obs: Observed = { out: observe(out), str: String(out), version: (out as unknown as { _version: number })._version, gradFn: out.gradFn?.name() ?? null };
  if (out !== self) obs.out = "a tensor other than self";
  if (g.grads === undefined) return obs;
  const leaves = [base, ...made.map((m) => m[0])].filter((b): b is Tensor => b !== null && b.requiresGrad);
  const grads = torch.autograd.grad(out.mul(fromJson(torch, g.weight as TensorJson)).sum(), leaves, null, { allowUnused: true });
  return { ...obs, grads: grads.map((t) => (t ? observe(t) : null)) };
}

export const inplace: Family = (golden) =>
  fromGolden(golden, runInplace, { compare: ["out", "str", "version", "gradFn", "grads", "error"], skip: (g) => g.kind !== "inplace" });

export const elementwise: Family = (golden) =>
  fromGolden(golden, (torch, g) => (g.kind === "sweep" ? runSweep(torch, g) : runOp(torch, g)), {
    compare: ["out", "str", "gradFn", "grads", "error"],
    tol: (g) => (g.kind === "sweep" ? { ulps: 2, rtol: 0, atol: 0 } : undefined),
  });
