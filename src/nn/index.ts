// torch.nn: functional (and, later, modules and init).
export * as functional from "./functional/index.js";
