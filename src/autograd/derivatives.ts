// THE table of gradient rules, in the spirit of PyTorch's derivatives.yaml:
// one entry per differentiable op (keyed by torchlet's op variant), with
// PyTorch's grad_fn name, what backward needs saved, and one formula per
// input, or an explicit NOT_DIFFERENTIABLE marker (registry.ts says what a
// rule is). The families live in ./rules/*.ts and register themselves when
// loaded; this module loads them all (the package's index imports it after
// the ops), and the type below makes a missing entry a compile error.
//
// A formula gets the gradient w.r.t. the (first) output, the saved values,
// all output gradients (for multi-output ops) and its input's position. It is
// written with torchlet's own ops, so with createGraph the backward pass is
// itself recorded and can be differentiated again. Formulas never undo
// broadcasting (the engine sums each result down to its input's shape) and
// never free their temporaries (the engine frees what a formula made and did
// not return).

import type { OpName, RuleTable } from "./registry.js";
import { elementwiseRules } from "./rules/elementwise.js";
import { reduceRules } from "./rules/reduce.js";
import { viewRules } from "./rules/views.js";
import { linalgRules } from "./rules/linalg.js";
import { movementRules } from "./rules/movement.js";
import { nnRules } from "./rules/nn.js";
import { convRules } from "./rules/conv.js";
import { poolRules } from "./rules/pool.js";
import { seqRules } from "./rules/seqops.js";
import { indexingRules } from "./rules/indexing.js";
import { toolkitRules } from "./rules/toolkit.js";
import { normRules } from "./rules/norm.js";
import { contractionRules } from "./rules/contraction.js";
import { packedRules } from "./rules/packed.js";
import { umathRules } from "./rules/unaryMath.js";
import { rnnRules } from "./rules/rnn.js";
import { bmathRules } from "./rules/binaryMath.js";
import { activationRules } from "./rules/activation2.js";
import { specialRules } from "../special/rules.js";
import { attentionRules } from "./rules/attention.js";

export const derivatives: RuleTable<OpName> = {
  ...elementwiseRules,
  ...reduceRules,
  ...viewRules,
  ...linalgRules,
  ...movementRules,
  ...nnRules,
  ...convRules,
  ...poolRules,
  ...seqRules,
  ...indexingRules,
  ...toolkitRules,
  ...normRules,
  ...contractionRules,
  ...packedRules,
  ...umathRules,
  ...rnnRules,
  ...bmathRules,
  ...activationRules,
  ...specialRules,
  ...attentionRules,
};
