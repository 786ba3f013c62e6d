"""Golden data for random ops: PyTorch CPU's numbers for given seeds.

Each case seeds (torch.manual_seed or a torch.Generator), runs a list of
calls and records every result, so tests check both the values and how far
each call advances the generator (the normal sample cache included).

A call is [op, args, kwargs]:
  ["rand" | "randn", [size...], {"dtype"}]
  ["randint", [low, high, [size...]], {"dtype"}]
  ["randperm", [n], {"dtype"}]
  ["uniform_" | "normal_", [a, b], {"shape", "dtype", "layout"}]  on torch.empty(shape)
      viewed by layout: "contiguous", "t" (2-D transpose), "slice" (x[:, ::2])
  ["randLike" | "randnLike", [], {"shape", "dtype", "layout"}]
  ["bernoulli_", [p], {"shape", "dtype", "layout"}]          on torch.empty(shape) viewed by layout
  ["bernoulli", [], {"shape", "dtype"}]    probs = rand(shape), then torch.bernoulli(probs): both recorded
  ["linear", [in, out], {}]   nn.Linear's reset_parameters (kaiming_uniform_ and uniform_)
"""
import math

import torch

from common import Recorder

rec = Recorder("random")
DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}


def view(shape, dtype, layout):
    if layout == "t":
        return torch.empty(shape[::-1], dtype=DT[dtype]).t()
    if layout == "slice":
        return torch.empty(shape[:-1] + [shape[-1] * 2], dtype=DT[dtype])[..., ::2]
    return torch.empty(shape, dtype=DT[dtype])


def run(call, gen):
    op, args, kw = call
    dtype = kw.get("dtype")
    g = {"generator": gen} if gen is not None else {}
    if op in ("rand", "randn"):
        f = torch.rand if op == "rand" else torch.randn
        return f(*args, dtype=DT[dtype or "float32"], **g)
    if op == "randint":
        return torch.randint(args[0], args[1], tuple(args[2]), dtype=DT[dtype or "int64"], **g)
    if op == "randperm":
        return torch.randperm(args[0], dtype=DT[dtype or "int64"], **g)
    if op in ("uniform_", "normal_"):
        x = view(kw["shape"], dtype or "float32", kw.get("layout", "contiguous"))
        getattr(x, op)(*args, **g)
        return x
    if op == "bernoulli_":
        x = view(kw["shape"], dtype or "float32", kw.get("layout", "contiguous"))
        x.bernoulli_(*args, **g)
        return x
    if op == "bernoulli":
        # probabilities drawn first (rand), then one Bernoulli draw per probability
        probs = torch.rand(*kw["shape"], dtype=DT[dtype or "float32"], **g)
        return [probs, torch.bernoulli(probs, **g)]
    if op in ("randLike", "randnLike"):
        x = view(kw["shape"], dtype or "float32", kw.get("layout", "contiguous"))
        assert gen is None
        return torch.rand_like(x) if op == "randLike" else torch.randn_like(x)
    if op == "linear":
        assert gen is None
        m = torch.nn.Linear(args[0], args[1])
        return [m.weight, m.bias]
    raise ValueError(op)


def case(name, seed, calls, generator=False):
    """Seeds the default generator (or a new torch.Generator when `generator`) and records each call's result."""
    if generator:
        gen = torch.Generator()
        if seed is not None:
            gen.manual_seed(seed)
    else:
        gen = None
        torch.manual_seed(seed)
    outs = [run(c, gen) for c in calls]
    rec.add(name, seed=seed, generator=generator, calls=calls, outputs=outs)


SEEDS = [0, 1, 42, 2**32 + 7, -1]
SIZES = [1, 3, 15, 16, 17, 100]
for seed in SEEDS:
    for op in ("rand", "randn"):
        for dtype in ("float32", "float64"):
            for n in SIZES:
                case(f"{op} {dtype} seed={seed} n={n}", seed, [[op, [n], {"dtype": dtype}]])
for seed in (0, 7):
    for op in ("rand", "randn"):
        for dtype in ("float32", "float64"):
            case(f"{op} {dtype} seed={seed} n=1000", seed, [[op, [1000], {"dtype": dtype}]])
            case(f"{op} {dtype} seed={seed} shape=[3,4,5]", seed, [[op, [3, 4, 5], {"dtype": dtype}]])

# The generator advances across calls; normal_distribution<double> caches its second sample.
case("mixed rand randn randint", 0, [
    ["rand", [3], {}], ["randn", [3], {}], ["randint", [0, 10, [4]], {}], ["randn", [20], {}],
    ["rand", [2], {"dtype": "float64"}], ["randn", [1], {}], ["randperm", [7], {}], ["randn", [5], {"dtype": "float64"}],
])
case("normal cache across calls", 3, [["randn", [1], {}]] * 5 + [["randn", [3], {"dtype": "float64"}]] * 3)
case("fill path leaves the cache", 5, [["randn", [3], {}], ["randn", [16], {}], ["randn", [1], {}], ["randn", [33], {"dtype": "float64"}], ["randn", [2], {}]])
case("odd normal sizes", 11, [["randn", [n], {}] for n in (2, 5, 18, 31, 47, 64)])

for low, high, n in [(0, 10, 20), (-5, 5, 17), (0, 2, 40), (3, 4, 5), (0, 1000003, 12), (-2**31, 2**31 - 1, 9), (-2**31, 2**31, 9), (0, 2**31, 6)]:
    case(f"randint [{low}, {high}) n={n}", 2, [["randint", [low, high, [n]], {}]])
case("randint float dtypes", 9, [["randint", [-3, 7, [6]], {"dtype": "float32"}], ["randint", [0, 5, [2, 3]], {"dtype": "float64"}]])
case("randint bool", 9, [["randint", [0, 2, [10]], {"dtype": "bool"}]])
for n in (0, 1, 2, 5, 10, 100):
    case(f"randperm n={n}", 4, [["randperm", [n], {}]])
case("randperm float32", 4, [["randperm", [12], {"dtype": "float32"}]])

for dtype in ("float32", "float64"):
    for layout, shape in [("contiguous", [7]), ("contiguous", [16]), ("contiguous", [4, 9]), ("t", [4, 5]), ("slice", [3, 6])]:
        case(f"uniform_ {dtype} {layout} {shape}", 8, [["uniform_", [-2.5, 1.25], {"shape": shape, "dtype": dtype, "layout": layout}]])
        case(f"normal_ {dtype} {layout} {shape}", 8, [["normal_", [0.3, 1.7], {"shape": shape, "dtype": dtype, "layout": layout}]])
    case(f"uniform_ {dtype} thirds", 13, [["uniform_", [-1 / 3, 1 / 3], {"shape": [50], "dtype": dtype}]])
    case(f"normal_ {dtype} std 0", 13, [["normal_", [2.5, 0.0], {"shape": [20], "dtype": dtype}]])
for layout in ("contiguous", "t", "slice"):
    case(f"randLike/randnLike {layout}", 21, [["randLike", [], {"shape": [4, 5], "layout": layout}], ["randnLike", [], {"shape": [4, 5], "layout": layout}]])

# Bernoulli draws: dropout's mask is empty_like(x).bernoulli_(1 - p).
for dtype in ("float32", "float64", "int64", "int32", "bool"):
    case(f"bernoulli_ {dtype}", 17, [["bernoulli_", [0.7], {"shape": [40], "dtype": dtype}], ["bernoulli_", [0.25], {"shape": [5, 4], "dtype": dtype, "layout": "t"}]])
case("bernoulli_ default p, generator", 17, [["bernoulli_", [], {"shape": [30]}]], generator=True)
for dtype in ("float32", "float64"):
    case(f"bernoulli probs {dtype}", 19, [["bernoulli", [], {"shape": [6, 7], "dtype": dtype}]])

# nn.Linear(5, 3).reset_parameters: kaiming_uniform_(a=sqrt(5)) on the weight, then uniform_ on the bias.
case("nn.Linear(5, 3) init", 0, [["linear", [5, 3], {}]])
bound = 1 / math.sqrt(5)
case("uniform_ +-1/sqrt(5)", 0, [["uniform_", [-bound, bound], {"shape": [3, 5]}], ["uniform_", [-bound, bound], {"shape": [3]}]])

case("generator seeded", 5, [["rand", [3], {}], ["randn", [3], {}], ["randint", [0, 10, [3]], {}]], generator=True)
case("generator default seed", None, [["rand", [3], {}], ["randn", [20], {}]], generator=True)

E = rec.error
E("rand int32", lambda: torch.rand(3, dtype=torch.int64))
E("randn int32", lambda: torch.randn(3, dtype=torch.int64))
E("rand bool", lambda: torch.rand(3, dtype=torch.bool))
E("randint from == to", lambda: torch.randint(5, 5, (3,)))
E("randint high 0", lambda: torch.randint(0, (3,)))
E("randint to out of int32", lambda: torch.randint(0, 2**31 + 1, (2,), dtype=torch.int32))
E("randint from out of int32", lambda: torch.randint(-2**31 - 1, 0, (2,), dtype=torch.int32))
E("randint bool high 3", lambda: torch.randint(0, 3, (3,), dtype=torch.bool))
E("uniform_ from > to", lambda: torch.empty(3).uniform_(1.5, 0.25))
E("uniform_ to inf", lambda: torch.empty(3).uniform_(0, float("inf")))
E("uniform_ range overflow", lambda: torch.empty(3).uniform_(-3e38, 3e38))
E("uniform_ int", lambda: torch.empty(3, dtype=torch.int64).uniform_(0, 1))
E("normal_ negative std", lambda: torch.empty(3).normal_(0, -1))
E("normal_ int", lambda: torch.empty(3, dtype=torch.int64).normal_(0, 1))
E("uniform_ expanded", lambda: torch.zeros(1, 3).expand(2, 3).uniform_())
E("uniform_ leaf requires grad", lambda: torch.zeros(3, requires_grad=True).uniform_())
E("randperm bool", lambda: torch.randperm(3, dtype=torch.bool))
E("rand negative size", lambda: torch.rand(2, -1))
E("manual_seed overflow", lambda: torch.manual_seed(2**64))
E("bernoulli_ p 1.5", lambda: torch.empty(3).bernoulli_(1.5))
E("bernoulli probs out of range", lambda: torch.bernoulli(torch.tensor([0.5, 1.5])))
E("bernoulli int probs", lambda: torch.bernoulli(torch.tensor([1, 0])))

# In-place random fills of a non-leaf (x * 2) record a node whose gradient is zero.
for op, args in [("uniform_", []), ("normal_", []), ("bernoulli_", [0.3])]:
    x = torch.ones(3, requires_grad=True)
    y = x * 2
    getattr(y, op)(*args)
    nxt = [[n.name() if n is not None else None, nr] for n, nr in y.grad_fn.next_functions]
    y.sum().backward()
    rec.add(f"{op} non-leaf", kind="inplaceGrad", op=op, args=args, gradFn=y.grad_fn.name(), next=nxt, version=y._version, grad=x.grad)

rec.write()
