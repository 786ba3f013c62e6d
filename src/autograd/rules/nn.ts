// Gradient rules of the nn ops.

import type { RuleTable } from "../derivatives.js";

export type NnOp = never;

export const nnRules: RuleTable<NnOp> = {};
