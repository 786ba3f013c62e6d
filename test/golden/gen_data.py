"""Golden data for torch.utils.data (test/data.test.ts): the order in which
DataLoader visits a dataset for several seeds, sizes, batch sizes, with a
generator or through the default one (two epochs, then a few draws from
the default generator, which must be in the same state as PyTorch's),
RandomSampler with replacement, SubsetRandomSampler, random_split, default
collation of nested samples, ConcatDataset/Subset indexing and messages.
PyTorch 1.13."""
import torch
from torch.utils.data import (BatchSampler, ConcatDataset, DataLoader, RandomSampler, SequentialSampler, Subset,
                              SubsetRandomSampler, TensorDataset, random_split)

from common import DTYPES, Recorder

r = Recorder("data")


def after():
    return torch.randint(0, 1000, (4,)).tolist()


def loader_case(name, n, seed, batch_size=4, drop_last=False, use_generator=False, epochs=2):
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1) if use_generator else None
    dl = DataLoader(list(range(n)), batch_size=batch_size, shuffle=True, drop_last=drop_last, generator=g)
    order = [[b.tolist() for b in dl] for _ in range(epochs)]
    r.add(name, kind="loader", n=n, seed=seed, batchSize=batch_size, dropLast=drop_last, generator=use_generator, epochs=epochs,
          length=len(dl), batches=order, after=after())


for n, seed, bs in [(10, 0, 4), (10, 1, 3), (7, 42, 2), (1, 3, 1), (100, 0, 16), (1000, 123, 64), (33, 2024, 32)]:
    loader_case(f"shuffle_n{n}_s{seed}_b{bs}", n, seed, bs)
loader_case("shuffle_drop_last", 10, 5, 4, drop_last=True)
loader_case("shuffle_generator", 20, 7, 6, use_generator=True)
loader_case("shuffle_generator_drop", 50, 8, 7, drop_last=True, use_generator=True)
loader_case("shuffle_generator_big", 300, 9, 128, use_generator=True)

# Sequential order, no shuffle: still one base-seed draw per epoch from the default generator.
torch.manual_seed(11)
dl = DataLoader(list(range(9)), batch_size=4)
r.add("sequential", kind="sequential", n=9, seed=11, batchSize=4, length=len(dl), batches=[[b.tolist() for b in dl]], after=after())

for name, seed, n, k, gen in [("replacement", 3, 10, 40, False), ("replacement_gen", 4, 7, 70, True), ("replacement_short", 5, 100, 5, False)]:
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1) if gen else None
    s = RandomSampler(list(range(n)), replacement=True, num_samples=k, generator=g)
    r.add(name, kind="replacement", n=n, seed=seed, numSamples=k, generator=gen, indices=list(s), after=after())

torch.manual_seed(6)
s = RandomSampler(list(range(10)), num_samples=25)
r.add("num_samples", kind="num_samples", n=10, seed=6, numSamples=25, indices=list(s), after=after())

g = torch.Generator().manual_seed(12)
r.add("subset_random", kind="subset_random", seed=12, subset=[3, 9, 4, 1, 8], indices=list(SubsetRandomSampler([3, 9, 4, 1, 8], generator=g)))

for name, seed, n, lengths, gen in [("split_lengths", 0, 10, [3, 7], True), ("split_fractions", 1, 11, [0.5, 0.3, 0.2], True),
                                    ("split_default", 2, 20, [5, 5, 10], False), ("split_fraction_default", 3, 9, [0.7, 0.3], False)]:
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 100) if gen else None
    parts = random_split(list(range(n)), lengths, generator=g) if gen else random_split(list(range(n)), lengths)
    r.add(name, kind="split", n=n, seed=seed, lengths=lengths, generator=gen, parts=[list(p.indices) for p in parts], after=after())

# default_collate of nested samples: a dict with a tensor, an int, a float, a bool, a list and a string.
samples = [{"x": torch.tensor([i, i + 0.5]), "y": i, "w": i / 4, "b": i % 2 == 0, "pair": [i, float(i) + 0.25], "s": f"s{i}"} for i in range(3)]
batch = torch.utils.data.default_collate(samples)
enc = {k: (v.tolist() if isinstance(v, torch.Tensor) else [x.tolist() for x in v] if k == "pair" else v) for k, v in batch.items()}
dt = {k: (DTYPES[v.dtype] if isinstance(v, torch.Tensor) else [DTYPES[x.dtype] for x in v] if k == "pair" else None) for k, v in batch.items()}
r.add("collate_nested", kind="collate", batch=enc, dtypes=dt)

# TensorDataset through a shuffled loader: the stacked rows.
torch.manual_seed(21)
xs = torch.arange(12, dtype=torch.float32).reshape(6, 2)
ys = torch.arange(6)
dl = DataLoader(TensorDataset(xs, ys), batch_size=4, shuffle=True)
r.add("tensor_dataset", kind="tensor_dataset", seed=21, batches=[[x.tolist(), y.tolist()] for x, y in dl])

cd = ConcatDataset([list(range(3)), list(range(10, 14)), list(range(20, 22))])
r.add("concat", kind="concat", items=[cd[i] for i in range(len(cd))], negative=[cd[-1], cd[-9]], length=len(cd))
sub = Subset(list(range(100, 110)), [9, 0, 5])
r.add("subset", kind="subset", items=[sub[i] for i in range(len(sub))])

ds = list(range(8))
r.add("batch_sampler", kind="batch_sampler", batches=[list(BatchSampler(SequentialSampler(ds), 3, d)) for d in (False, True)],
      counts=[len(BatchSampler(SequentialSampler(ds), 3, d)) for d in (False, True)])

r.error("err_sampler_shuffle", lambda: DataLoader(ds, sampler=SequentialSampler(ds), shuffle=True), kind="error")
r.error("err_batch_sampler", lambda: DataLoader(ds, batch_sampler=BatchSampler(SequentialSampler(ds), 3, False), batch_size=2), kind="error")
r.error("err_batch_none_drop", lambda: DataLoader(ds, batch_size=None, drop_last=True), kind="error")
r.error("err_split_sum", lambda: random_split(ds, [3, 4]), kind="error")
r.error("err_num_samples", lambda: RandomSampler(ds, num_samples=0), kind="error")
r.error("err_batch_size", lambda: BatchSampler(SequentialSampler(ds), 0, False), kind="error")
r.error("err_collate_size", lambda: torch.utils.data.default_collate([[1, 2], [3]]), kind="error")
r.error("err_concat_empty", lambda: ConcatDataset([]), kind="error")
r.write()
