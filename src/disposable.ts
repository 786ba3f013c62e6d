// Symbol.dispose (explicit resource management, `using`), declared here so
// that torchlet's declarations compile without lib "ESNext.Disposable" or
// @types/node: a browser or Deno tsconfig with lib ES2022 lacks it. The same
// declaration in those libs merges with this one.
export {};

declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}
