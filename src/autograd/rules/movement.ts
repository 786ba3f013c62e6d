// Gradient rules of the movement ops.

import type { RuleTable } from "../derivatives.js";

export type MovementOp = never;

export const movementRules: RuleTable<MovementOp> = {};
