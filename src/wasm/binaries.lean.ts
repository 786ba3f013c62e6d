// The lean flavour of binaries.ts, bundled into dist/lean.js (the package's
// `torchlet/lean` export): no binary inlined, so the bundle is about a third
// of dist/index.js gzipped (README, "Bundle size"). The app serves the .wasm
// it wants and passes it to init({ wasm }); init() without one lands here.

export async function defaultBinary(
  kind: "baseline" | "relaxed",
): Promise<WebAssembly.Module | Uint8Array<ArrayBuffer>> {
  const file = kind === "relaxed" ? "torchlet.relaxed.wasm" : "torchlet.wasm";
  throw new Error(
    "torchlet/lean carries no WebAssembly binary: serve the package's " +
      file +
      " and pass it, " +
      'e.g. await init({ wasm: fetch("/' +
      file +
      '") }) or init({ wasm: new URL("' +
      file +
      '", import.meta.url) }); ' +
      'or import "torchlet", which inlines both binaries',
  );
}
