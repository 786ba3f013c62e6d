// Where init() finds the kernels when it is given no `wasm`: here, in the
// bundle itself. scripts/build.mjs inlines build/*.wasm as base64
// (binaries.generated.ts), so init() needs no fs, fetch or paths in any
// runtime, and a bundler has nothing to copy. Only the binary init() picks is
// decoded. The cost (a third more bytes than the .wasm, both binaries in the
// bundle) is measured in the README ("Runtimes").
//
// dist/workerd.js is built from binaries.workerd.ts instead: same function,
// binaries imported as wasm modules (workerd cannot compile bytes).

import { baselineBase64, relaxedBase64 } from "./binaries.generated.js";

type FromBase64 = { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> };

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as FromBase64).fromBase64;
  if (native) return native(b64);
  const s = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function defaultBinary(kind: "baseline" | "relaxed"): WebAssembly.Module | Uint8Array<ArrayBuffer> {
  return decode(kind === "relaxed" ? relaxedBase64 : baselineBase64);
}
