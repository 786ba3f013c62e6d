// Module.registerFullBackwardHook, as PyTorch's BackwardHook does it: the
// module's tensor arguments and its tensor outputs each pass through an
// identity Function (BackwardHookFunctionBackward in the graph). The
// outputs' node sees grad_output; the arguments' node sees grad_input,
// calls the hooks with both, and passes on what they return in its place.

import { Tensor } from "../tensor.js";
import { isGradEnabled } from "../autograd/gradMode.js";
import { Function, type FunctionCtx } from "../autograd/customFunction.js";
import { kindOf } from "../args.js";

/** Runs when the grads w.r.t. a module's inputs are computed; may return replacements for gradInput. */
export type FullBackwardHook = (
  module: unknown,
  gradInput: (Tensor | null)[],
  gradOutput: (Tensor | null)[],
) => (Tensor | null)[] | Tensor | null | undefined | void;

interface HookState {
  module: unknown;
  hooks: readonly FullBackwardHook[];
  /** Positions of the forward's arguments that are tensors, and how many arguments there were. */
  tensorArgs: number[];
  nArgs: number;
  gradOutput: (Tensor | null)[] | null;
  inputsHooked: boolean;
}

/** Calls each hook in turn, each seeing the grad_input the one before returned. */
function runHooks(s: HookState, gradInput: (Tensor | null)[]): (Tensor | null)[] {
  let current = gradInput;
  for (const hook of s.hooks) {
    const r = hook(s.module, current, s.gradOutput ?? []);
    if (r === undefined || r === null) continue;
    const list = Array.isArray(r) ? r : [r];
    if (list.length !== current.length)
      throw new RangeError(
        `Backward hook returned an invalid number of grad_input, got ${list.length}, but expected ${current.length}`,
      );
    for (const g of list) {
      if (g !== null && !(g instanceof Tensor))
        throw new TypeError(`Backward hook returned a grad_input that is ${kindOf(g)}, not a Tensor or null`);
    }
    current = list;
  }
  return current;
}

/** Runs `fn`, then frees the copies of grad_output it read. */
function withGradOutput<T>(s: HookState, fn: () => T): T {
  try {
    return fn();
  } finally {
    for (const g of s.gradOutput ?? []) g?.dispose();
    s.gradOutput = null;
  }
}

/** The identity the hooked tensors pass through (PyTorch names it BackwardHookFunction too). */
class BackwardHookFunction extends Function {
  static override forward(ctx: FunctionCtx, state: HookState, role: "input" | "output", ...ts: Tensor[]): Tensor[] {
    ctx.state = state;
    ctx.role = role;
    return ts;
  }

  static override backward(ctx: FunctionCtx, ...grads: Tensor[]): (Tensor | null)[] {
    const s = ctx.state as HookState;
    if (ctx.role === "output") {
      // Copies the hooks see later: the engine frees these grads once they are passed on.
      s.gradOutput = grads.map((g) => g.clone()._own());
      // No argument requires grad: the hooks run now, with a grad_input of nulls.
      if (!s.inputsHooked) withGradOutput(s, () => runHooks(s, new Array<Tensor | null>(s.nArgs).fill(null)));
      return [null, null, ...grads];
    }
    const gradInput = new Array<Tensor | null>(s.nArgs).fill(null);
    s.tensorArgs.forEach((pos, i) => (gradInput[pos] = ctx.needsInputGrad[i + 2] ? grads[i]! : null));
    const out = withGradOutput(s, () => runHooks(s, gradInput));
    return [null, null, ...s.tensorArgs.map((pos) => out[pos] ?? null)];
  }
}

/**
 * Runs `forward` on `args` with the full backward hooks in place: tensor
 * arguments and tensor outputs (a tensor, or an array of them) pass through
 * the identity nodes when grad mode is on.
 */
export function callWithBackwardHooks(
  module: unknown,
  hooks: readonly FullBackwardHook[],
  args: unknown[],
  forward: (args: unknown[]) => unknown,
): unknown {
  if (!isGradEnabled() || hooks.length === 0) return forward(args);
  const tensorArgs = args.flatMap((a, i) => (a instanceof Tensor ? [i] : []));
  const state: HookState = { module, hooks, tensorArgs, nArgs: args.length, gradOutput: null, inputsHooked: false };
  let input = args;
  const hookedIn = tensorArgs.map((i) => args[i] as Tensor);
  if (hookedIn.some((t) => t.requiresGrad)) {
    state.inputsHooked = true;
    const views = BackwardHookFunction.apply<Tensor[]>(state, "input", ...hookedIn);
    input = args.slice();
    tensorArgs.forEach((pos, i) => (input[pos] = views[i]));
  }
  const result = forward(input);
  const outs = result instanceof Tensor ? [result] : Array.isArray(result) ? result : null;
  if (outs === null || outs.length === 0 || !outs.every((o) => o instanceof Tensor)) return result;
  if (!(outs as Tensor[]).some((o) => o.requiresGrad)) return result;
  const hooked = BackwardHookFunction.apply<Tensor[]>(state, "output", ...(outs as Tensor[]));
  return result instanceof Tensor ? hooked[0] : hooked;
}
