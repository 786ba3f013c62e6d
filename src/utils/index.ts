// torch.utils: data loading.
/** torch.utils.data: datasets, samplers, the DataLoader and default collation. */
export * as data from "./data/index.js";
