// Binary fixtures that travel with a golden file (GoldenFile.files, base64,
// put there by test/runtimes/bundle.ts): decoded with atob, which every
// runtime the suite runs in has.

import type { GoldenFile } from "../types.js";

/** The bytes of fixture `name` of this golden file; throws when it is missing. */
export function fixture(golden: GoldenFile, name: string): Uint8Array {
  const b64 = golden.files?.[name];
  if (b64 === undefined)
    throw new Error(`golden family ${golden.family} has no fixture ${name} (test/golden/${golden.family}/${name})`);
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
