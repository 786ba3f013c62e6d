// torch.utils.data: datasets, samplers, the DataLoader and default collation.
export {
  Dataset, IterableDataset, TensorDataset, ConcatDataset, Subset, randomSplit, type MapDataset, type DatasetLike,
} from "./dataset.js";
export {
  SequentialSampler, RandomSampler, SubsetRandomSampler, BatchSampler, type Sampler, type RandomSamplerOptions,
} from "./sampler.js";
export { defaultCollate, type CollateFn } from "./collate.js";
export { DataLoader, type DataLoaderOptions } from "./dataloader.js";
