// torch.utils.data: datasets, samplers, the DataLoader and default collation.
export {
  Dataset, IterableDataset, TensorDataset, ConcatDataset, Subset, randomSplit, type MapDataset, type DatasetLike,
} from "./dataset.js";
export {
  SequentialSampler, RandomSampler, SubsetRandomSampler, WeightedRandomSampler, BatchSampler, type Sampler, type RandomSamplerOptions, type WeightedRandomSamplerOptions,
} from "./sampler.js";
export { defaultCollate, type CollateFn } from "./collate.js";
export { DataLoader, type DataLoaderOptions } from "./dataloader.js";
