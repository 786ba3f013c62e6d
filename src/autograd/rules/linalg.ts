// Gradient rules of the linalg ops.

import type { RuleTable } from "../derivatives.js";

export type LinalgOp = never;

export const linalgRules: RuleTable<LinalgOp> = {};
