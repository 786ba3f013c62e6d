// The shape of golden files' cases (the JSON test/golden/gen_<family>.py
// writes), one interface per family, for the vitest file and the conformance
// family that both read it. A family whose conformance module reads its cases
// as plain records (fromGolden.ts) and nothing else has its interface in its
// vitest file.

import type { TensorJson } from "./types.js";
import type { InputSpec } from "./values.js";

/** test/golden/parity.json (gen_parity.py): one case per optimizer run, and one "batches" case with the data. */
export interface ParityCase {
  name: string;
  optimizer?: "SGD" | "Adam" | "AdamW";
  /** The optimizer's keyword arguments in Python's spelling (weight_decay). */
  kwargs?: Record<string, unknown>;
  losses?: number[];
  final?: [string, TensorJson][];
  xs?: TensorJson[];
  targets?: number[][];
}

/** test/golden/safetensors.json (gen_safetensors.py): one case per fixture file. */
export interface SafetensorsCase {
  name: string;
  file: string;
  metadata: Record<string, string> | null;
  /** Whether saving the loaded tensors gives back the file's bytes. */
  writable: boolean;
  order: string[];
  tensors: [string, TensorJson][] | null;
  error: string | null;
}

/** The arguments of a views or movement case's op (test/golden/shape_cases.py). */
export interface ShapeArgs {
  shape?: number[];
  dim?: number;
  dim0?: number;
  dim1?: number;
  dims?: number[];
  start?: number | null;
  end?: number | null;
  step?: number;
  length?: number;
  index?: TensorJson | number;
  indexT?: boolean;
  repeat?: number;
  split?: number | number[];
  chunks?: number;
}

/** test/golden/views.json and movement.json (gen_views.py, gen_movement.py, through shape_cases.py). */
export interface ShapeCase {
  name: string;
  op: string;
  inputs: InputSpec[];
  args: ShapeArgs;
  out?: TensorJson | TensorJson[];
  str?: string | string[];
  gradFn?: string | null | (string | null)[];
  isSelf?: boolean;
  next?: [string | null, number][];
  weights?: TensorJson[];
  grads?: (TensorJson | null)[];
  gradGradFn?: (string | null)[];
  vs?: TensorJson[];
  ggW?: TensorJson[];
  error?: string;
  errorType?: string;
}
