// The "views" step programs (test/golden/gen_inplace.py's run_steps and
// gen_nograd_views.py's steps): in-place ops on views, views made under
// noGrad, hooks, requiresGrad turned off. runSteps runs one program and
// reports what it saw under the golden case's own keys: the observed tensors
// (value, printed form, version, requiresGrad, isLeaf, grad_fn name,
// str(grad_fn), next_functions), the .grad of the tensors named in gradOf,
// the grads each hook saw, the grads of a weighted sum, or the error and the
// step that raised it. The nograd_views family compares those; the vitest
// files run these cases and check more (test/helpers/viewSteps.ts: double
// backward, exact error messages, memory).

import { errorOf, fromJson, make, observe, observeOrNull } from "../values.js";
import type { ViewArg, ViewCase, ViewStep } from "../goldenCases.js";
import type { Family, Observed, Tensor, Torch, Value } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

/** The golden keys a view program observes (its other keys are the program and its inputs). */
export const VIEW_KEYS = ["obs", "dotGrad", "hookGrads", "grads", "error"] as const;

type Method = (...a: unknown[]) => unknown;
const call = (t: Tensor, name: string, args: unknown[]): unknown => {
  const m = (t as unknown as Record<string, Method>)[name];
  if (typeof m !== "function") throw new Error(`test program: no method ${name}`);
  return m.apply(t, args);
};

/** The view a step names, as gen_inplace.py's view_op makes it. */
function viewOp(x: Tensor, op: string, args: ViewArg[]): Tensor {
  const n = args as number[];
  switch (op) {
    case "slice":
      return x.slice(n[0]!, n[1], n[2], n[3] ?? 1);
    case "unbind":
      return x.unbind(n[0])[n[1]!]!;
    case "split":
      return x.split(args[0] as number | number[], n[1])[n[2]!]!;
    case "chunk":
      return x.chunk(n[0]!, n[1])[n[2]!]!;
  }
  return call(x, op, args) as Tensor;
}

/** The ops a "let" step calls as methods; every other op is a view (viewOp). */
const COMPUTED = new Set(["mul", "add", "sub", "div", "exp", "sin", "clone", "detach", "sum"]);

/** Builds the case's tensors; run(step) runs one step; seen holds, by hook id, the grads each hook saw. */
function program(
  torch: Torch,
  c: ViewCase,
): { env: Map<string, Tensor>; leaves: Tensor[]; run: (s: ViewStep) => void; seen: Map<string, Tensor[]> } {
  const env = new Map<string, Tensor>();
  const leaves: Tensor[] = [];
  const seen = new Map<string, Tensor[]>();
  const handles = new Map<string, { remove(): void }>();
  for (const [name, t] of Object.entries(c.tensors)) {
    const [base] = make(torch, t.spec, t.grad ?? false);
    env.set(name, base);
    if (t.grad) leaves.push(base);
  }
  const get = (name: string): Tensor => {
    const t = env.get(name);
    if (t === undefined) throw new Error(`test program: no tensor ${name}`);
    return t;
  };
  const arg = (a: unknown): unknown => (typeof a === "string" && a.startsWith("$") ? get(a.slice(1)) : a);
  const run = (step: ViewStep): void => {
    const [kind, ...rest] = step;
    switch (kind) {
      case "nograd":
        torch.noGrad(() => run(rest[0] as ViewStep));
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
        handles.set(
          id,
          get(name).registerHook((g) => {
            list.push(g.clone());
            return scale === undefined ? undefined : g.mul(scale);
          }),
        );
        return;
      }
      case "removeHook":
        handles.get(rest[0] as string)!.remove();
        return;
      case "seed":
        torch.manualSeed(rest[0] as number);
        return;
      case "let": {
        const [name, op, src, ...args] = rest as [string, string, string, ...ViewArg[]];
        const x = get(src);
        env.set(name, COMPUTED.has(op) ? (call(x, op, args.map(arg)) as Tensor) : viewOp(x, op, args));
        return;
      }
      case "inplace": {
        const [op, target, ...args] = rest as [string, string, ...ViewArg[]];
        const last = args[args.length - 1];
        const opts =
          last !== null && typeof last === "object" && !Array.isArray(last)
            ? (args.pop() as Record<string, number>)
            : null;
        const self = get(target);
        const out = call(self, op, [...args.map(arg), ...(opts ? [opts] : [])]);
        // gen_inplace.py asserts the same (out is env[target]).
        if (out !== self) throw new Error(`test program: ${op} returned a tensor other than self`);
        return;
      }
    }
    throw new Error(`test program: unknown step ${String(kind)}`);
  };
  return { env, leaves, run, seen };
}

/** What gen_inplace.py's observe() records of a tensor (next_functions only where there is a grad_fn). */
function observeTensor(t: Tensor): Observed {
  const rec: Observed = {
    out: observe(t),
    str: String(t),
    version: t._version,
    requiresGrad: t.requiresGrad,
    isLeaf: t.isLeaf,
    gradFn: t.gradFn?.name() ?? null,
    gradFnStr: t.gradFn === null ? null : String(t.gradFn),
  };
  if (t.gradFn !== null) rec.next = t.gradFn.nextFunctions.map(([n, nr]) => [n?.name() ?? null, nr]);
  return rec;
}

export interface StepsRun {
  /** Under the golden case's keys (VIEW_KEYS): exactly the keys gen_inplace.py / gen_nograd_views.py wrote for it. */
  observed: Observed;
  /** The tensors marked grad: true, in the case's order (the inputs of the grads). */
  leaves: Tensor[];
  /** The grads of sum(loss * weight) w.r.t. leaves, made with createGraph when the case is double; null when none were taken. */
  grads: (Tensor | null)[] | null;
}

/**
 * Runs a view program as the generators did: the steps (up to the one that
 * raises, if the case names one), then the observations, then the weighted
 * loss's grads (or the error autograd.grad raises).
 */
export function runSteps(torch: Torch, c: ViewCase): StepsRun {
  const { env, leaves, run, seen } = program(torch, c);
  for (let i = 0; i < c.steps.length; i++) {
    if (c.errorStep === i) return { observed: { error: errorOf(() => run(c.steps[i]!)) }, leaves, grads: null };
    run(c.steps[i]!);
  }
  const observed: Observed = { obs: c.observe.map((name) => observeTensor(env.get(name)!)) };
  if (c.gradOf !== undefined) observed.dotGrad = c.gradOf.map((name) => observeOrNull(env.get(name)!.grad));
  if (seen.size)
    observed.hookGrads = Object.fromEntries([...seen].map(([id, gs]) => [id, gs.map(observe)] as [string, Value]));
  if (c.loss === null) return { observed, leaves, grads: null };
  const loss = env.get(c.loss)!.mul(fromJson(torch, c.weight!)).sum();
  const backward = () => torch.autograd.grad(loss, leaves, null, { allowUnused: true, createGraph: c.double });
  if (c.errorStep === c.steps.length)
    return { observed: { ...observed, error: errorOf(backward) }, leaves, grads: null };
  const grads = backward();
  return { observed: { ...observed, grads: grads.map(observeOrNull) }, leaves, grads };
}

/** test/golden/nograd_views.json: every case is a view program. */
export const viewSteps: Family = (golden) =>
  fromGolden(golden, (torch: Torch, g: Golden) => runSteps(torch, g as unknown as ViewCase).observed, {
    compare: VIEW_KEYS,
    skip: (g) => g.kind !== "views",
  });
