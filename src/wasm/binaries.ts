// The kernels' binaries, inlined into the bundle as base64 by scripts/build.mjs
// (binaries.generated.ts), so that init() needs no fs, fetch or paths anywhere.

import { baselineBase64, relaxedBase64 } from "./binaries.generated.js";

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function defaultBinary(kind: "baseline" | "relaxed"): Uint8Array<ArrayBuffer> {
  return decode(kind === "relaxed" ? relaxedBase64 : baselineBase64);
}
