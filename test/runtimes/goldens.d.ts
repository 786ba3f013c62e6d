// test/golden/*.json, gathered into the bundle when test/runtimes/bundle.ts
// builds a runtime's entry (a virtual module: no runtime reads files).
declare module "conformance:goldens" {
  import type { Goldens } from "../conformance/types.js";
  const goldens: Goldens;
  export default goldens;
}

// worker.ts's data module: a .wasm file's bytes.
declare module "*.bytes" {
  const bytes: ArrayBuffer;
  export default bytes;
}
