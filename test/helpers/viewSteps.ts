// Runs the "views" cases of test/golden/gen_inplace.py and
// gen_nograd_views.py: small step programs (in-place ops on views, views made
// under noGrad) that gen_inplace.py's run_steps ran in PyTorch, checked
// against what PyTorch recorded: the observed tensors (values, printed form,
// version, grad_fn name, str(grad_fn), next_functions), the .grad of the
// tensors named in gradOf, the grads each tensor hook saw, the grads of a
// weighted sum, a second derivative with createGraph, or the error and the
// step that raised it. No memory is left behind.

import { expect } from "vitest";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";
import { expectClose, fromJson, make, type InputSpec, type TensorJson } from "./golden.js";
import { leakFree } from "./elementwise.js";

type Arg = number | string | number[] | null | Record<string, number>;
export type Step = [string, ...unknown[]];

interface Observed {
  out: TensorJson;
  str: string;
  version: number;
  requiresGrad: boolean;
  isLeaf: boolean;
  gradFn: string | null;
  gradFnStr: string | null;
  next?: [string | null, number][];
}

export interface ViewCase {
  name: string;
  kind: "views";
  tensors: Record<string, { spec: InputSpec; grad?: boolean }>;
  steps: Step[];
  observe: string[];
  loss: string | null;
  double: boolean;
  obs?: Observed[];
  weight?: TensorJson;
  grads?: (TensorJson | null)[];
  vs?: TensorJson[];
  gg?: (TensorJson | null)[];
  error?: string;
  errorStep?: number;
  /** Tensors whose .grad is checked after the steps, against dotGrad. */
  gradOf?: string[];
  dotGrad?: (TensorJson | null)[];
  /** By hook id (["hook", tensor, id, scale?] steps): the grads the hook saw during the steps, in order. */
  hookGrads?: Record<string, TensorJson[]>;
}

type Method = (...a: unknown[]) => unknown;
const call = (t: Tensor, name: string, args: unknown[]): unknown => {
  const m = (t as unknown as Record<string, Method>)[name];
  if (typeof m !== "function") throw new Error(`test program: no method ${name}`);
  return m.apply(t, args);
};

/** The view a step names, as gen_inplace.py's view_op makes it. */
function viewOp(x: Tensor, op: string, args: Arg[]): Tensor {
  const n = args as number[];
  switch (op) {
    case "slice": return x.slice(n[0]!, n[1], n[2], n[3] ?? 1);
    case "unbind": return x.unbind(n[0])[n[1]!]!;
    case "split": return x.split(args[0] as number | number[], n[1])[n[2]!]!;
    case "chunk": return x.chunk(n[0]!, n[1])[n[2]!]!;
  }
  return call(x, op, args) as Tensor;
}

/** Builds the tensors and returns [env, leaves, run(step), the grads each hook saw by hook id]. */
function program(c: ViewCase): [Map<string, Tensor>, Tensor[], (s: Step) => void, Map<string, Tensor[]>] {
  const env = new Map<string, Tensor>();
  const leaves: Tensor[] = [];
  const seen = new Map<string, Tensor[]>();
  const handles = new Map<string, { remove(): void }>();
  for (const [name, t] of Object.entries(c.tensors)) {
    const [base] = make(t.spec, t.grad ?? false);
    env.set(name, base);
    if (t.grad) leaves.push(base);
  }
  const get = (name: string): Tensor => {
    const t = env.get(name);
    if (t === undefined) throw new Error(`test program: no tensor ${name}`);
    return t;
  };
  const arg = (a: unknown): unknown => (typeof a === "string" && a.startsWith("$") ? get(a.slice(1)) : a);
  const run = (step: Step): void => {
    const [kind, ...rest] = step;
    switch (kind) {
      case "nograd":
        torch.noGrad(() => run(rest[0] as Step));
        return;
      case "dispose":
        get(rest[0] as string).dispose();
        return;
      case "detach_":
        get(rest[0] as string).detach_();
        return;
      case "gradFn":
        void get(rest[0] as string).gradFn;
        return;
      case "backward":
        get(rest[0] as string).backward();
        return;
      case "requiresGrad_":
        get(rest[0] as string).requiresGrad_(rest[1] as boolean);
        return;
      case "retainGrad":
        get(rest[0] as string).retainGrad();
        return;
      case "hook": {
        // Saves a copy of each grad it sees; with a scale, replaces the grad by grad * scale.
        const [name, id, scale] = rest as [string, string, number | undefined];
        const list = seen.get(id) ?? [];
        seen.set(id, list);
        handles.set(id, get(name).registerHook((g) => {
          list.push(g.clone());
          return scale === undefined ? undefined : g.mul(scale);
        }));
        return;
      }
      case "removeHook":
        handles.get(rest[0] as string)!.remove();
        return;
      case "seed":
        torch.manualSeed(rest[0] as number);
        return;
      case "let": {
        const [name, op, src, ...args] = rest as [string, string, string, ...Arg[]];
        const x = get(src);
        const vals = args.map(arg);
        if (["mul", "add", "sub", "div", "exp", "sin", "clone", "detach", "sum"].includes(op)) env.set(name, call(x, op, vals) as Tensor);
        else env.set(name, viewOp(x, op, args));
        return;
      }
      case "inplace": {
        const [op, target, ...args] = rest as [string, string, ...Arg[]];
        const last = args[args.length - 1];
        const opts = last !== null && typeof last === "object" && !Array.isArray(last) ? (args.pop() as Record<string, number>) : null;
        const self = get(target);
        const out = call(self, op, [...args.map(arg), ...(opts ? [opts] : [])]);
        expect(out, `${op} returns self`).toBe(self);
        return;
      }
    }
    throw new Error(`test program: unknown step ${String(kind)}`);
  };
  return [env, leaves, run, seen];
}

const message = (e: unknown): string => (e as Error).message;

export function runViewCase(c: ViewCase): void {
  leakFree((keep) => {
    const [env, leaves, run, seen] = program(c);
    for (let i = 0; i < c.steps.length; i++) {
      if (c.errorStep === i) {
        let msg: string | null = null;
        try {
          run(c.steps[i]!);
        } catch (e) {
          msg = message(e);
        }
        expect(msg, `the error of step ${i}`).toBe(c.error);
        return;
      }
      run(c.steps[i]!);
    }
    c.observe.forEach((name, k) => {
      const t = env.get(name)!;
      const want = c.obs![k]!;
      const label = `${name}:`;
      expectClose(t, want.out, {}, `${label} value`);
      expect(String(t), `${label} printed`).toBe(want.str);
      expect(t._version, `${label} version`).toBe(want.version);
      expect(t.requiresGrad, `${label} requiresGrad`).toBe(want.requiresGrad);
      expect(t.isLeaf, `${label} isLeaf`).toBe(want.isLeaf);
      expect(t.gradFn?.name() ?? null, `${label} grad_fn`).toBe(want.gradFn);
      expect(t.gradFn === null ? null : String(t.gradFn), `${label} str(grad_fn)`).toBe(want.gradFnStr);
      if (want.next) expect(t.gradFn!.nextFunctions.map(([n, nr]) => [n?.name() ?? null, nr]), `${label} next_functions`).toEqual(want.next);
    });
    c.gradOf?.forEach((name, k) => {
      const g = env.get(name)!.grad;
      const want = c.dotGrad![k] ?? null;
      if (want === null) expect(g, `${name}.grad`).toBeNull();
      else expectClose(g!, want, {}, `${name}.grad`);
    });
    if (c.hookGrads !== undefined) {
      for (const [id, want] of Object.entries(c.hookGrads)) {
        const got = seen.get(id)!;
        expect(got.length, `grads hook ${id} saw`).toBe(want.length);
        got.forEach((g, k) => expectClose(g, want[k]!, {}, `hook ${id} grad ${k}`));
      }
    }
    if (c.loss === null) return;
    const out = env.get(c.loss)!;
    const loss = out.mul(fromJson(c.weight!)).sum();
    const backward = () => torch.autograd.grad(loss, leaves, null, { allowUnused: true, createGraph: c.double });
    if (c.errorStep === c.steps.length) {
      let msg: string | null = null;
      try {
        backward().forEach(keep);
      } catch (e) {
        msg = message(e);
      }
      expect(msg, "backward error").toBe(c.error);
      return;
    }
    const grads = backward();
    grads.forEach(keep);
    grads.forEach((g, i) => {
      const want = c.grads![i] ?? null;
      if (want === null) expect(g, `grad ${i}`).toBeNull();
      else expectClose(g!, want, {}, `grad ${i}`);
    });
    if (!c.double) return;
    const used = grads.filter((g): g is Tensor => g !== null && g.requiresGrad);
    expect(used.length, "grads that require grad").toBe(c.vs!.length);
    let total: Tensor | null = null;
    used.forEach((g, k) => {
      const term = g.mul(fromJson(c.vs![k]!)).sum();
      total = total === null ? term : total.add(term);
    });
    const gg = torch.autograd.grad(total!, leaves, null, { allowUnused: true });
    gg.forEach(keep);
    gg.forEach((g, i) => {
      const want = c.gg![i] ?? null;
      if (want === null) expect(g, `second derivative ${i}`).toBeNull();
      else if (g === null) expect(want.data.map(Number).filter((v) => v !== 0), `second derivative ${i}: no path in torchlet`).toEqual([]);
      else expectClose(g, want, {}, `second derivative ${i}`);
    });
  });
}
