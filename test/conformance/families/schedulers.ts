// Learning-rate schedulers (test/golden/gen_schedulers.py): every scheduler
// of PyTorch 1.13 with several option sets, stepped 100 times; the learning
// rates getLastLr() reports and the groups hold after each step, and the
// momentum where it is cycled. Schedulers are data in the golden file (class,
// positional and keyword arguments); schedulerOf builds them the same way
// here and in test/schedulers.test.ts.

import { camel, errorOf } from "../values.js";
import type { Observed, Optimizer, Tensor, TensorJson, Torch } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

/** A scheduler as gen_schedulers.py describes it. */
export interface SchedulerSpec {
  cls: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

export interface SchedulerCase {
  name: string;
  spec: SchedulerSpec;
  groups: number[];
  optimizer: "SGD" | "Adam";
  metrics?: number[] | null;
  lastLr?: TensorJson;
  groupLr?: TensorJson;
  momentum?: TensorJson;
  error?: string;
  steps?: number;
}

/** gen_schedulers.py's LAMBDAS, the same functions by name. */
export const LAMBDAS: Record<string, (e: number) => number> = {
  pow95: (e) => 0.95 ** e,
  div30: (e) => Math.floor(e / 30),
  warmup10: (e) => Math.min(1.0, (e + 1) / 10),
  const95: () => 0.95,
  alt: (e) => (e % 2 === 0 ? 0.9 : 1.05),
};

/** Python's keyword names in torchlet's spelling (T_max -> tMax, eta_min -> etaMin). */
const SPECIAL: Record<string, string> = { T_max: "tMax", T_0: "t0", T_mult: "tMult" };
const optionsOf = (kwargs: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [SPECIAL[k] ?? camel(k), v]));

type AnyScheduler = { step(x?: unknown): void; getLastLr(): number[] };

/** The scheduler a spec describes, over `opt`. */
export function schedulerOf(torch: Torch, opt: Optimizer, spec: SchedulerSpec): AnyScheduler {
  const S = torch.optim.lrScheduler as unknown as Record<string, new (...a: unknown[]) => AnyScheduler>;
  const args = [...spec.args];
  if (spec.cls === "LambdaLR" || spec.cls === "MultiplicativeLR") {
    const l = args[0];
    args[0] = Array.isArray(l) ? l.map((n) => LAMBDAS[n as string]) : LAMBDAS[l as string];
  }
  if (spec.cls === "SequentialLR") args[0] = (args[0] as SchedulerSpec[]).map((s) => schedulerOf(torch, opt, s));
  if (spec.cls === "ChainedScheduler")
    return new S.ChainedScheduler!((args[0] as SchedulerSpec[]).map((s) => schedulerOf(torch, opt, s)));
  return new S[spec.cls]!(opt, ...args, optionsOf(spec.kwargs));
}

/** The case's optimizer: one parameter per group with the group's lr (SGD with momentum 0.9, or Adam). */
export function optimizerOf(
  torch: Torch,
  c: Pick<SchedulerCase, "groups" | "optimizer">,
): { opt: Optimizer; params: Tensor[] } {
  const params = c.groups.map(() => torch.nn.Parameter(torch.zeros(2)));
  const groups = params.map((p, i) => ({ params: [p], lr: c.groups[i]! }));
  const opt = (c.optimizer === "Adam"
    ? new torch.optim.Adam(groups)
    : new torch.optim.SGD(groups, { momentum: 0.9 })) as unknown as Optimizer;
  return { opt, params };
}

const momenta = (opt: Optimizer): number[] =>
  opt.paramGroups.map((g) => {
    const r = g as unknown as { betas?: number[]; momentum?: number };
    return r.betas ? r.betas[0]! : r.momentum!;
  });

const table = (rows: number[][]): TensorJson => ({
  shape: [rows.length, rows[0]!.length],
  dtype: "float64",
  data: rows.flat(),
});

/** Steps a case's scheduler 100 times: the learning rates and momenta after construction and after each step. */
export function runSchedule(
  torch: Torch,
  c: SchedulerCase,
): { lastLr: TensorJson; groupLr: TensorJson; momentum: TensorJson } {
  const { opt, params } = optimizerOf(torch, c);
  try {
    const s = schedulerOf(torch, opt, c.spec);
    const groupLrs = () => opt.paramGroups.map((g) => (g as unknown as { lr: number }).lr);
    const last = [s.getLastLr()],
      group = [groupLrs()],
      mom = [momenta(opt)];
    const steps = c.lastLr!.shape[0]! - 1;
    for (let k = 0; k < steps; k++) {
      if (c.metrics) s.step(c.metrics[k]);
      else s.step();
      last.push(s.getLastLr());
      group.push(groupLrs());
      mom.push(momenta(opt));
    }
    return { lastLr: table(last), groupLr: table(group), momentum: table(mom) };
  } finally {
    opt.dispose();
    params.forEach((p) => p.dispose());
  }
}

function run(torch: Torch, g: Golden): Observed {
  const c = g as unknown as SchedulerCase;
  if (c.error !== undefined) {
    return {
      error: errorOf(() => {
        const { opt } = optimizerOf(torch, c);
        const s = schedulerOf(torch, opt, c.spec);
        for (let k = 0; k < (c.steps ?? 0); k++) s.step();
      }),
    };
  }
  return runSchedule(torch, c);
}

/**
 * Exact except where the schedule goes through Math.cos or ** : engines'
 * libm and glibc's may differ in the last bit, which the recursive forms
 * carry on (measured in Node: at most 6 ulp over 100 steps for the cosine
 * schedules, 2 for the ones through **). Bun's ** (JavaScriptCore) raises
 * to integer powers by repeated squaring, up to 64 ulp off for n <= 200
 * (18 seen in lambda_pow): there those schedules allow 128.
 */
const POW_ULPS = "Bun" in globalThis ? 128 : 2;

export function scheduleTol(c: Pick<SchedulerCase, "spec">): { rtol: number; atol: number; ulps?: number } {
  const s = JSON.stringify(c.spec);
  if (/Cosine|OneCycle/.test(s)) return { rtol: 0, atol: 0, ulps: 8 };
  if (/Polynomial|exp_range|LambdaLR|MultiStepLR/.test(s)) return { rtol: 0, atol: 0, ulps: POW_ULPS };
  return { rtol: 0, atol: 0 };
}

export const schedulers = (golden: Parameters<typeof fromGolden>[0]) =>
  fromGolden(golden, run, {
    compare: (g) => (g.error !== undefined ? ["error"] : ["lastLr", "groupLr", "momentum"]),
    tol: (g) => (g.error !== undefined ? undefined : scheduleTol(g as unknown as SchedulerCase)),
  });
