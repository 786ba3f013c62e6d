// Runs the golden cases of test/golden/gen_elementwise.py and gen_inplace.py in torchlet: the
// same op on the same inputs, checked against what PyTorch recorded (values,
// printed form, grad_fn names and edges, grads, double backward, errors),
// with no memory left behind.

import { expect } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor, TensorLike } from "../../src/index.js";
import { decode, expectClose, fromJson, make, type InputSpec, type Num, type TensorJson } from "./golden.js";

export type Operand = InputSpec | { num: Num } | { bool: boolean } | { none: true };

export interface OpCase {
  name: string;
  kind: "op" | "error";
  op: string;
  inputs: Operand[];
  args: { alpha?: number; roundingMode?: "trunc" | "floor" };
  /** Whether the float inputs require grad. */
  grad?: boolean;
  out?: TensorJson;
  str?: string;
  gradFn?: string | null;
  next?: [string | null, number][];
  weight?: TensorJson;
  grads?: (TensorJson | null)[];
  gradError?: string;
  vs?: TensorJson[];
  gg?: (TensorJson | null)[];
  error?: string;
}

export interface InplaceCase {
  name: string;
  kind: "inplace";
  op: string;
  target: InputSpec;
  inputs: Operand[];
  args: { alpha?: number; rounding_mode?: "trunc" | "floor" };
  mode: "plain" | "leaf" | "leaf_nograd" | "nonleaf" | "view_leaf" | "view_nonleaf";
  /** Whether float operands require grad. */
  argGrad?: boolean;
  out?: TensorJson;
  str?: string;
  version?: number;
  gradFn?: string | null;
  next?: [string | null, number][];
  weight?: TensorJson;
  grads?: (TensorJson | null)[];
  error?: string;
}

const isFloat = (d: string) => d === "float32" || d === "float64";

/** [leaf or null, operand] for a golden operand. */
export function operand(o: Operand, requiresGrad: boolean): [Tensor | null, TensorLike | null] {
  if ("num" in o) return [null, decode(o.num)];
  if ("bool" in o) return [null, o.bool];
  if ("none" in o) return [null, null];
  const [base, x] = make(o, requiresGrad && isFloat(o.dtype));
  return [base, x];
}

/** The op a case names, as a torchlet user writes it. */
export function applyOp(op: string, xs: (TensorLike | null)[], a: OpCase["args"]): Tensor {
  const [x, y, z] = xs as TensorLike[];
  const t = x as Tensor;
  switch (op) {
    case "add": return a.alpha === undefined ? torch.add(x!, y!) : torch.add(x!, y!, { alpha: a.alpha });
    case "sub": return a.alpha === undefined ? torch.sub(x!, y!) : torch.sub(x!, y!, { alpha: a.alpha });
    case "mul": return torch.mul(x!, y!);
    case "div": return a.roundingMode === undefined ? torch.div(x!, y!) : torch.div(x!, y!, { roundingMode: a.roundingMode });
    case "pow": return torch.pow(x!, y!);
    case "remainder": return torch.remainder(x!, y!);
    case "maximum": return torch.maximum(t, y as Tensor);
    case "minimum": return torch.minimum(t, y as Tensor);
    case "eq": case "ne": case "lt": case "le": case "gt": case "ge":
      return torch[op](x!, y!);
    case "where": return torch.where(t, y!, z!);
    case "clamp": return torch.clamp(t, (y ?? null) as number | Tensor | null, (z ?? null) as number | Tensor | null);
    case "square": return torch.square(t);
  }
  const fn = (torch as unknown as Record<string, (v: Tensor) => Tensor>)[op];
  if (typeof fn !== "function") throw new Error(`unknown op ${op}`);
  return fn(t);
}

const nodeName = (t: Tensor) => t.gradFn?.name() ?? null;
const nextOf = (t: Tensor) => t.gradFn!.nextFunctions.map(([n, nr]) => [n === null ? null : n.name(), nr]);

function sumOfProducts(as: readonly Tensor[], bs: readonly Tensor[]): Tensor {
  let acc: Tensor | null = null;
  as.forEach((a, k) => {
    const term = a.mul(bs[k]!).sum();
    acc = acc === null ? term : acc.add(term);
  });
  return acc!;
}

function messageOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

/** Runs `body` in a tidy scope and checks that no handle or byte is left afterwards. */
export function leakFree(body: (keep: (t: Tensor | null) => void) => void): void {
  const before = torch.memory();
  const owned: (Tensor | null)[] = [];
  torch.tidy(() => body((t) => owned.push(t)));
  for (const t of owned) t?.dispose();
  const after = torch.memory();
  expect(after.tensors, "tensor handles left").toBe(before.tensors);
  expect(after.bytesInUse, "bytes left").toBe(before.bytesInUse);
}

export function runOpCase(c: OpCase): void {
  leakFree((keep) => {
    const made = c.inputs.map((o) => operand(o, c.grad ?? true));
    const xs = made.map((m) => m[1]);
    if (c.kind === "error") {
      expect(messageOf(() => applyOp(c.op, xs, c.args)), "error message").toBe(c.error);
      return;
    }
    const out = applyOp(c.op, xs, c.args);
    expectClose(out, c.out!, {}, "out");
    expect(String(out), "printed").toBe(c.str);
    expect(nodeName(out), "grad_fn").toBe(c.gradFn);
    if (c.next) expect(nextOf(out), "next_functions").toEqual(c.next);
    if (c.weight === undefined) return;
    const w = fromJson(c.weight, true);
    const leaves = made.map((m) => m[0]).filter((b): b is Tensor => b !== null && b.requiresGrad);
    const loss = out.mul(w).sum();
    if (c.gradError !== undefined) {
      expect(messageOf(() => torch.autograd.grad(loss, leaves, null, { createGraph: true, allowUnused: true }))).toBe(c.gradError);
      return;
    }
    const grads = torch.autograd.grad(loss, leaves, null, { createGraph: true, allowUnused: true });
    grads.forEach((g) => keep(g));
    grads.forEach((g, i) => {
      const want = c.grads![i] ?? null;
      if (want === null) expect(g, `grad ${i}`).toBeNull();
      else expectClose(g!, want, {}, `grad ${i}`);
    });
    if (c.gg === undefined) return;
    const used = grads.filter((g): g is Tensor => g !== null && g.requiresGrad);
    expect(used.length, "grads that require grad").toBe(c.vs!.length);
    const s2 = sumOfProducts(used, c.vs!.map((v) => fromJson(v)));
    const gg = torch.autograd.grad(s2, [...leaves, w], null, { allowUnused: true });
    gg.forEach((g) => keep(g));
    gg.forEach((g, i) => {
      const want = c.gg![i] ?? null;
      if (want === null) expect(g, `second derivative ${i}`).toBeNull();
      else if (g === null) expectZeros(want, `second derivative ${i}`);
      else expectClose(g, want, {}, `second derivative ${i}`);
    });
  });
}

/** PyTorch sometimes materialises a zero where torchlet's graph has no path (allow_unused gives None). */
function expectZeros(want: TensorJson, label: string): void {
  const nonzero = want.data.map(decode).filter((v) => v !== 0);
  expect(nonzero, `${label}: torchlet has no path, PyTorch's values`).toEqual([]);
}

const methodOpts = (a: InplaceCase["args"]): object | undefined => {
  if (a.alpha !== undefined) return { alpha: a.alpha };
  if (a.rounding_mode !== undefined) return { roundingMode: a.rounding_mode };
  return undefined;
};

export function runInplaceCase(c: InplaceCase): void {
  leakFree((keep) => {
    const [base, x] = make(c.target, c.mode !== "plain" && isFloat(c.target.dtype));
    const made = c.inputs.map((o) => operand(o, c.argGrad ?? true));
    const args = made.map((m) => m[1]);
    let self = c.mode === "nonleaf" || c.mode === "view_nonleaf" ? x.mul(2) : x;
    if (c.mode === "view_leaf" || c.mode === "view_nonleaf") self = self.select(0, 0);
    const opts = methodOpts(c.args);
    const method = (self as unknown as Record<string, (...a: unknown[]) => Tensor>)[c.op]!;
    const callArgs = opts === undefined ? args : [...args, opts];
    const run = () => (c.mode === "leaf_nograd" ? torch.noGrad(() => method.apply(self, callArgs)) : method.apply(self, callArgs));
    if (c.error !== undefined) {
      expect(messageOf(run), "error message").toBe(c.error);
      return;
    }
    const out = run();
    expect(out, "returns self").toBe(self);
    expectClose(out, c.out!, {}, "value");
    expect(String(out), "printed").toBe(c.str);
    expect(out._version, "version").toBe(c.version);
    expect(nodeName(out), "grad_fn").toBe(c.gradFn);
    if (c.next) expect(nextOf(out), "next_functions").toEqual(c.next);
    if (c.weight === undefined) return;
    const leaves = [base, ...made.map((m) => m[0])].filter((b): b is Tensor => b !== null && b.requiresGrad);
    const grads = torch.autograd.grad(out.mul(fromJson(c.weight)).sum(), leaves, null, { allowUnused: true });
    grads.forEach((g) => keep(g));
    grads.forEach((g, i) => {
      const want = c.grads![i] ?? null;
      if (want === null) expect(g, `grad ${i}`).toBeNull();
      else expectClose(g!, want, {}, `grad ${i}`);
    });
  });
}
