// The shape of golden files' cases (the JSON test/golden/gen_<family>.py
// writes), one interface per family, for the vitest file and the conformance
// family that both read it. A family whose conformance module reads its cases
// as plain records (fromGolden.ts) has its interface in its vitest file.

import type { TensorJson } from "./types.js";

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
