// The workerd flavour of binaries.ts, bundled into dist/workerd.js (the
// package's `workerd` export condition). workerd refuses to compile wasm from
// bytes ("Wasm code generation disallowed by embedder"); it compiles the
// .wasm files a Worker imports as modules when the Worker starts, so both
// binaries arrive here already compiled and init() only instantiates the one
// it picks. The imports stay relative to dist/workerd.js (the build marks
// *.wasm external and copies the binaries next to it); wrangler and workerd
// resolve them as CompiledWasm modules.

import baseline from "./torchlet.wasm";
import relaxed from "./torchlet.relaxed.wasm";

export async function defaultBinary(
  kind: "baseline" | "relaxed",
): Promise<WebAssembly.Module | Uint8Array<ArrayBuffer>> {
  return kind === "relaxed" ? relaxed : baseline;
}
