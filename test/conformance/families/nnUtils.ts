// torch.nn.utils (test/golden/gen_nn_utils.py): clipGradNorm_ (its total
// norm and the grads after, for norm types 2, 1, inf, 3, 0.5, grads that are
// missing or non-finite), clipGradValue_, parametersToVector and
// vectorToParameters, and PyTorch's messages.

import { errorOf, fromJson, observe } from "../values.js";
import type { Observed, Tensor, TensorJson, Tolerance, Torch } from "../types.js";
import { fromGolden, sumTol, type Golden } from "./fromGolden.js";

export interface NnUtilsCase {
  name: string;
  op: "clip_grad_norm_" | "clip_grad_value_" | "parameters_to_vector" | "vector_to_parameters";
  shapes?: number[][];
  dtype?: "float32" | "float64";
  maxNorm?: number;
  normType?: number | "inf";
  clipValue?: number;
  grads?: (TensorJson | null)[];
  params?: TensorJson[];
  newVector?: TensorJson;
  total?: TensorJson;
  after?: (TensorJson | null)[];
  vector?: TensorJson;
  error?: string;
}

/** Parameters (zeros: only their grads matter) with the case's grads. */
function withGrads(torch: Torch, c: NnUtilsCase): Tensor[] {
  return c.grads!.map((g, i) => {
    const p = torch.nn.Parameter(torch.zeros(c.shapes![i]!, { dtype: c.dtype ?? "float32" }));
    if (g !== null) p.grad = fromJson(torch, g);
    return p;
  });
}

/** Runs a case: what it returns and what it leaves in the grads or parameters. */
export function runNnUtils(torch: Torch, c: NnUtilsCase): Observed {
  const U = torch.nn.utils;
  if (c.op === "vector_to_parameters") return { error: errorOf(() => U.vectorToParameters([1.0, 2.0] as never, [])) };
  if (c.op === "parameters_to_vector") {
    const ps = c.params!.map((p) => torch.nn.Parameter(fromJson(torch, p)));
    const vector = observe(U.parametersToVector(ps));
    U.vectorToParameters(fromJson(torch, c.newVector!), ps);
    return { vector, after: ps.map((p) => observe(p)) };
  }
  const ps = withGrads(torch, c);
  const after = () => ps.map((p) => (p.grad === null ? null : observe(p.grad)));
  if (c.op === "clip_grad_value_") {
    U.clipGradValue_(ps, c.clipValue!);
    return { after: after() };
  }
  const opts = { normType: c.normType === "inf" ? Infinity : c.normType! };
  if (c.error !== undefined)
    return { error: errorOf(() => U.clipGradNorm_(ps, c.maxNorm!, { ...opts, errorIfNonfinite: true })) };
  const total = observe(U.clipGradNorm_(ps, c.maxNorm!, opts));
  return { total, after: after() };
}

/** Sums in another order than PyTorch's vectorised reductions: assert_close's tolerances; clamping and copying are exact. */
export const nnUtilsTol = (c: Pick<NnUtilsCase, "op" | "dtype">): Tolerance | undefined =>
  c.op === "clip_grad_norm_" ? sumTol(c.dtype ?? "float32") : { rtol: 0, atol: 0 };

export const nnUtils = (golden: Parameters<typeof fromGolden>[0]) =>
  fromGolden(golden, (torch: Torch, g: Golden) => runNnUtils(torch, g as unknown as NnUtilsCase), {
    compare: (g) => (g.error !== undefined ? ["error"] : ["total", "after", "vector"]),
    tol: (g) => nnUtilsTol(g as unknown as NnUtilsCase),
  });
