// A .wasm file imported as a module (workerd, wrangler): a compiled WebAssembly.Module.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
