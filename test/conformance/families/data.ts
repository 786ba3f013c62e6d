// torch.utils.data (test/golden/gen_data.py): the order a shuffled
// DataLoader visits a dataset for several seeds, sizes and batch sizes
// (through the default generator or a given one, two epochs, then draws
// from the default generator, which must be left in PyTorch's state),
// RandomSampler with replacement, SubsetRandomSampler, randomSplit, default
// collation of nested samples, ConcatDataset/Subset and PyTorch's messages.

import { errorOf } from "../values.js";
import type { Observed, Tensor, Torch, Value } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

type D = Torch["utils"]["data"];

const list = (t: Tensor): Value => t.tolist() as Value;
const after = (torch: Torch): Value => list(torch.randint(0, 1000, [4]));

/** The programs of gen_data.py, by case kind. */
export function runData(torch: Torch, g: Golden): Observed {
  const data: D = torch.utils.data;
  const c = g as Record<string, any>;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  switch (c.kind as string) {
    case "loader": {
      torch.manualSeed(c.seed);
      const generator = c.generator ? new torch.Generator().manualSeed(c.seed + 1) : null;
      const dl = new data.DataLoader(range(c.n), {
        batchSize: c.batchSize,
        shuffle: true,
        dropLast: c.dropLast,
        generator,
      });
      const batches = range(c.epochs).map(() => [...dl].map((b) => list(b as Tensor)));
      return { length: dl.length, batches, after: after(torch) };
    }
    case "sequential": {
      torch.manualSeed(c.seed);
      const dl = new data.DataLoader(range(c.n), { batchSize: c.batchSize });
      return { length: dl.length, batches: [[...dl].map((b) => list(b as Tensor))], after: after(torch) };
    }
    case "replacement":
    case "num_samples": {
      torch.manualSeed(c.seed);
      const generator = c.generator ? new torch.Generator().manualSeed(c.seed + 1) : null;
      const s = new data.RandomSampler(range(c.n), {
        replacement: c.kind === "replacement",
        numSamples: c.numSamples,
        generator,
      });
      return { indices: [...s], after: after(torch) };
    }
    case "subset_random":
      return {
        indices: [...new data.SubsetRandomSampler(c.subset, { generator: new torch.Generator().manualSeed(c.seed) })],
      };
    case "split": {
      torch.manualSeed(c.seed);
      const opts = c.generator ? { generator: new torch.Generator().manualSeed(c.seed + 100) } : {};
      const parts = data.randomSplit(range(c.n), c.lengths, opts);
      return { parts: parts.map((p) => p.indices), after: after(torch) };
    }
    case "collate": {
      const samples = range(3).map((i) => ({
        x: torch.tensor([i, i + 0.5], { dtype: "float32" }),
        y: i,
        w: i / 4,
        b: i % 2 === 0,
        pair: [i, i + 0.25],
        s: `s${i}`,
      }));
      const batch = data.defaultCollate(samples) as Record<string, any>;
      const enc: Record<string, Value> = {},
        dtypes: Record<string, Value> = {};
      for (const [k, v] of Object.entries(batch)) {
        if (k === "pair") {
          enc[k] = (v as Tensor[]).map(list);
          dtypes[k] = (v as Tensor[]).map((t) => t.dtype);
        } else if (k === "s") {
          enc[k] = v;
          dtypes[k] = null;
        } else {
          enc[k] = list(v);
          dtypes[k] = (v as Tensor).dtype;
        }
      }
      return { batch: enc, dtypes };
    }
    case "tensor_dataset": {
      torch.manualSeed(c.seed);
      const xs = torch.arange(12, { dtype: "float32" }).reshape(6, 2);
      const ys = torch.arange(6);
      const dl = new data.DataLoader(new data.TensorDataset(xs, ys), { batchSize: 4, shuffle: true });
      return { batches: [...dl].map((b) => (b as Tensor[]).map(list)) };
    }
    case "concat": {
      const cd = new data.ConcatDataset([range(3), range(4).map((i) => i + 10), range(2).map((i) => i + 20)]);
      return {
        items: range(cd.length).map((i) => cd.get(i) as number),
        negative: [cd.get(-1) as number, cd.get(-9) as number],
        length: cd.length,
      };
    }
    case "subset": {
      const sub = new data.Subset(
        range(10).map((i) => i + 100),
        [9, 0, 5],
      );
      return { items: range(sub.length).map((i) => sub.get(i) as number) };
    }
    case "batch_sampler": {
      const seq = new data.SequentialSampler(range(8));
      const bs = [false, true].map((d) => new data.BatchSampler(seq, 3, d));
      return { batches: bs.map((b) => [...b]), counts: bs.map((b) => b.length) };
    }
    default:
      return { error: errorOf(dataErrors(torch)[String(g.name)]!) };
  }
}

function dataErrors(torch: Torch): Record<string, () => unknown> {
  const data = torch.utils.data;
  const ds = [0, 1, 2, 3, 4, 5, 6, 7];
  return {
    err_sampler_shuffle: () => new data.DataLoader(ds, { sampler: new data.SequentialSampler(ds), shuffle: true }),
    err_batch_sampler: () =>
      new data.DataLoader(ds, {
        batchSampler: new data.BatchSampler(new data.SequentialSampler(ds), 3, false),
        batchSize: 2,
      }),
    err_batch_none_drop: () => new data.DataLoader(ds, { batchSize: null, dropLast: true }),
    err_split_sum: () => data.randomSplit(ds, [3, 4]),
    err_num_samples: () => new data.RandomSampler(ds, { numSamples: 0 }),
    err_batch_size: () => new data.BatchSampler(new data.SequentialSampler(ds), 0, false),
    err_collate_size: () => data.defaultCollate([[1, 2], [3]]),
    err_concat_empty: () => new data.ConcatDataset([]),
  };
}

/** The golden keys a data case compares. */
export const KEYS = [
  "length",
  "batches",
  "after",
  "indices",
  "parts",
  "batch",
  "dtypes",
  "items",
  "negative",
  "counts",
  "error",
];

export const data = (golden: Parameters<typeof fromGolden>[0]) =>
  fromGolden(golden, runData, { compare: (g) => KEYS.filter((k) => k in g) });
