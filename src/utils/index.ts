// torch.utils: data loading.
export * as data from "./data/index.js";
