// Where init() finds the kernels when it is given no `wasm`: here, in the
// bundle itself. scripts/build.mjs inlines build/*.wasm gzipped and base64
// encoded (binaries.generated.ts), so init() needs no fs, fetch or paths in
// any runtime and a bundler has nothing to copy; only the binary init()
// picks is decoded (zlib where the runtime has it, else DecompressionStream,
// which every engine with wasm SIMD has).
// The cost against a .wasm beside the module is measured in the README
// ("Runtimes").
//
// dist/workerd.js is built from binaries.workerd.ts instead: same function,
// binaries imported as wasm modules (workerd cannot compile bytes).

import { baselineGzipBase64, relaxedGzipBase64 } from "./binaries.generated.js";

type FromBase64 = { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> };
type NodeBuffer = { from(s: string, encoding: "base64"): Uint8Array };

/** A runtime's built-in module without an import (Node >= 20.16, Bun, Deno), or undefined. */
const builtin = <T>(id: string): T | undefined =>
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(id) as
    T | undefined;

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as FromBase64).fromBase64;
  if (native) return native(b64);
  // Node 20's atob is written in JS: decoding the kernels with it raised peak
  // RSS by about 4 MB, against 0.2 MB for Buffer's native decoder.
  const buffer = builtin<{ Buffer: NodeBuffer }>("node:buffer")?.Buffer;
  if (buffer) {
    const b = buffer.from(b64, "base64");
    const out = new Uint8Array(new ArrayBuffer(b.length));
    out.set(b);
    return out;
  }
  const s = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

type Zlib = { gunzipSync(bytes: Uint8Array): Uint8Array<ArrayBuffer> };

/**
 * Node's zlib where the runtime offers it without an import (Node >= 20.16
 * and Bun: process.getBuiltinModule): Node 20's DecompressionStream is about
 * 50 ms slower on a cold start.
 */
const zlib = (): Zlib | undefined => builtin<Zlib>("node:zlib");

export async function defaultBinary(
  kind: "baseline" | "relaxed",
): Promise<WebAssembly.Module | Uint8Array<ArrayBuffer>> {
  const gzipped = decodeBase64(kind === "relaxed" ? relaxedGzipBase64 : baselineGzipBase64);
  const z = zlib();
  if (z) return z.gunzipSync(gzipped);
  const inflated = new Response(gzipped).body!.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}
