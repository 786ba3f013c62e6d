// The conformance suite: golden cases from real PyTorch, grouped by family,
// run against whichever torchlet the caller passes in. A family plugs in by
// adding its module to `families` below; a golden file with no module is
// reported as unplugged (see SuiteReport), never silently skipped.

import { checkCase } from "./check.js";
import { autograd } from "./families/autograd.js";
import { training } from "./families/training.js";
import { linalg } from "./families/linalg.js";
import { shapes } from "./families/shapes.js";
import { reduce } from "./families/reduce.js";
import { random } from "./families/random.js";
import { elementwise, inplace } from "./families/elementwise.js";
import { print } from "./families/print.js";
import { creation } from "./families/creation.js";
import { losses } from "./families/losses.js";
import { optim } from "./families/optim.js";
import { nn } from "./families/nn.js";
import { tour } from "./families/tour.js";
import { parity } from "./families/parity.js";
import { safetensors } from "./families/safetensors.js";
import { viewSteps } from "./families/viewSteps.js";
import { schedulers } from "./families/schedulers.js";
import { nnUtils } from "./families/nnUtils.js";
import { lossModules } from "./families/lossModules.js";
import { containers } from "./families/containers.js";
import { data } from "./families/data.js";
import { attention } from "./families/attention.js";
import { rnn } from "./families/rnn.js";
import { conv } from "./families/conv.js";
import { pool } from "./families/pool.js";
import { seqops } from "./families/seqops.js";
import { indexing } from "./families/indexing.js";
import { sampling } from "./families/sampling.js";
import { optim2 } from "./families/optim2.js";
import { losses2 } from "./families/losses2.js";
import { int64 } from "./families/int64.js";
import { norm } from "./families/norm.js";
import { normParity } from "./families/normParity.js";
import { autogradFunction } from "./families/autogradFunction.js";
import { dtypes } from "./families/dtypes.js";
import { nnDtypes } from "./families/nnDtypes.js";
import { einsum } from "./families/einsum.js";
import { packed } from "./families/packed.js";
import { logic } from "./families/logic.js";
import { umath } from "./families/umath.js";
import { bmath } from "./families/bmath.js";
import { activations2 } from "./families/activations2.js";
import { special } from "./families/special.js";
import type { Case, CaseResult, Family, Goldens, Torch } from "./types.js";

export const families: Record<string, Family> = {
  autograd,
  training,
  linalg,
  views: shapes,
  movement: shapes,
  reduce,
  random,
  elementwise,
  print,
  creation,
  losses,
  optim,
  nn,
  inplace,
  tour,
  parity,
  safetensors,
  nograd_views: viewSteps,
  schedulers,
  nn_utils: nnUtils,
  loss_modules: lossModules,
  containers,
  data,
  attention,
  rnn,
  conv,
  pool,
  pad: pool,
  seqops,
  indexing,
  sampling,
  optim2,
  losses2,
  int64,
  norm,
  norm_parity: normParity,
  nn_dtypes: nnDtypes,
  autograd_function: autogradFunction,
  resample: pool,
  dtypes,
  einsum,
  packed,
  logic,
  umath,
  bmath,
  activations2,
  special,
};

/** Every case the goldens give, and the golden families nothing here runs. */
export function collect(goldens: Goldens): { cases: Case[]; unplugged: string[] } {
  const cases: Case[] = [];
  const unplugged: string[] = [];
  for (const [name, golden] of Object.entries(goldens).sort(([a], [b]) => a.localeCompare(b))) {
    const family = families[name];
    if (family) cases.push(...family(golden));
    else unplugged.push(name);
  }
  return { cases, unplugged };
}

/** Runs one case inside tidy() (its tensors are freed after) and checks it against PyTorch. */
export function runCase(torch: Torch, c: Case): CaseResult {
  const id = { family: c.family, name: c.name, ...(c.known ? { known: c.known } : {}) };
  try {
    const observed = torch.tidy(() => c.run(torch));
    const why = checkCase(c.expected, observed, c.tol);
    return why === null ? { ...id, ok: true, observed } : { ...id, ok: false, message: why, observed };
  } catch (e) {
    return { ...id, ok: false, message: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  } finally {
    torch.setGradEnabled(true); // a case that failed inside noGrad must not leak the mode
  }
}

export function runCases(torch: Torch, cases: readonly Case[]): CaseResult[] {
  return cases.map((c) => runCase(torch, c));
}
