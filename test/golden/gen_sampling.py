"""Golden data for the samplers of src/ops/sampling.ts: PyTorch CPU's draws
for given seeds. A case seeds the default generator (torch.manual_seed) or a
torch.Generator, makes its input (plain data, or drawn with torch.rand after
seeding), runs the op and records the result; a second call of the same op
checks how far the first advanced the generator.

Ops: multinomial(probs, n, replacement), poisson(rates),
normal(mean, std) with tensors or numbers, and
WeightedRandomSampler(weights, n, replacement) iterated (its indices)."""
import torch

from common import Recorder, enc

rec = Recorder("sampling")


def tensor(j):
    if j.get("layout") == "t":
        return tensor({**j, "layout": None}).t()
    return torch.tensor([float(v) if isinstance(v, str) else v for v in j["data"]], dtype=torch.float64 if j["dtype"] == "float64" else torch.float32).reshape(j["shape"])


def t(data, dtype="float32"):
    x = torch.tensor(data, dtype=torch.float64 if dtype == "float64" else torch.float32)
    return {"shape": list(x.shape), "dtype": dtype, "data": [enc(v) for v in x.reshape(-1).tolist()]}


def run(op, args, gen):
    g = {"generator": gen} if gen is not None else {}
    if op == "multinomial":
        return torch.multinomial(tensor(args["input"]), args["n"], replacement=args.get("replacement", False), **g)
    if op == "poisson":
        return torch.poisson(tensor(args["input"]), **g)
    if op == "normal":
        m = tensor(args["mean"]) if isinstance(args["mean"], dict) else args["mean"]
        s = tensor(args["std"]) if isinstance(args["std"], dict) else args["std"]
        return torch.normal(m, s, **g)
    if op == "sampler":
        sampler = torch.utils.data.WeightedRandomSampler(args["weights"], args["n"], replacement=args.get("replacement", True), generator=gen)
        return torch.tensor(list(sampler))
    raise ValueError(op)


def case(name, op, args, seed=0, generator=False, repeat=2):
    gen = torch.Generator().manual_seed(seed) if generator else None
    if not generator:
        torch.manual_seed(seed)
    outs = [run(op, args, gen) for _ in range(repeat)]
    rec.add(name, op=op, args=args, seed=seed, generator=generator, outs=outs)


def error(name, op, args):
    rec.error(name, lambda: run(op, args, None), op=op, args=args)


P = t([0.1, 0.2, 0.3, 0.4])
P2 = t([[0.5, 0.0, 2.0, 1.0, 0.25], [1.0, 1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 3.0, 0.0, 1.0]])
case("multinomial_one", "multinomial", {"input": P, "n": 1})
case("multinomial_no_replacement", "multinomial", {"input": P, "n": 3})
case("multinomial_all", "multinomial", {"input": P, "n": 4})
case("multinomial_replacement", "multinomial", {"input": P, "n": 10, "replacement": True})
case("multinomial_2d", "multinomial", {"input": P2, "n": 2}, seed=3)
case("multinomial_2d_replacement", "multinomial", {"input": P2, "n": 6, "replacement": True}, seed=4)
case("multinomial_one_replacement", "multinomial", {"input": P2, "n": 1, "replacement": True}, seed=5)
case("multinomial_float64", "multinomial", {"input": t([0.3, 0.1, 0.6], "float64"), "n": 8, "replacement": True}, seed=6)
case("multinomial_float64_no_replacement", "multinomial", {"input": t([0.3, 0.1, 0.6, 0.2], "float64"), "n": 3}, seed=7)
case("multinomial_generator", "multinomial", {"input": P, "n": 5, "replacement": True}, seed=8, generator=True)
case("multinomial_unnormalised", "multinomial", {"input": t([3.0, 7.0, 1.0, 9.0, 5.0]), "n": 3}, seed=9)
torch.manual_seed(10)
big = torch.rand(2, 200)
case("multinomial_large", "multinomial", {"input": t(big.tolist()), "n": 50}, seed=11)
case("multinomial_large_replacement", "multinomial", {"input": t(big.tolist()), "n": 300, "replacement": True}, seed=12)
case("multinomial_transposed", "multinomial", {"input": {**t(big[:, :6].tolist()), "layout": "t"}, "n": 1}, seed=13)
case("multinomial_transposed_rows", "multinomial", {"input": {**t(big[:, :6].t().tolist()), "layout": "t"}, "n": 3}, seed=14)
error("multinomial_err_too_many", "multinomial", {"input": P, "n": 5})
error("multinomial_err_negative", "multinomial", {"input": t([0.5, -0.1]), "n": 1})
error("multinomial_err_zero_sum", "multinomial", {"input": t([0.0, 0.0]), "n": 2, "replacement": True})
error("multinomial_err_inf", "multinomial", {"input": t([0.5, float("inf")]), "n": 2, "replacement": True})

case("poisson_small", "poisson", {"input": t([[0.5, 1.0, 2.5], [4.0, 0.0, 9.5]])}, seed=20)
case("poisson_large", "poisson", {"input": t([10.0, 15.5, 50.0, 100.0, 1000.0, 12.25])}, seed=21)
case("poisson_float64", "poisson", {"input": t([0.1, 3.0, 30.0, 300.0], "float64")}, seed=22, generator=True)
case("poisson_transposed", "poisson", {"input": {**t([[0.5, 1.0, 2.5], [4.0, 0.0, 9.5]]), "layout": "t"}}, seed=23)
error("poisson_err_negative", "poisson", {"input": t([1.0, -1.0])})

M = t([[0.0, 1.0, -2.0], [3.0, 0.5, 10.0]])
S = t([[1.0, 0.5, 2.0], [0.1, 3.0, 1.0]])
case("normal_tensor_tensor", "normal", {"mean": M, "std": S}, seed=30)
case("normal_tensor_float", "normal", {"mean": M, "std": 2.0}, seed=31)
case("normal_float_tensor", "normal", {"mean": -1.0, "std": S}, seed=32)
case("normal_broadcast", "normal", {"mean": t([0.0, 10.0, 20.0]), "std": t([[1.0], [0.5]])}, seed=33)
M20 = t([float(i) for i in range(20)])
case("normal_vectorised", "normal", {"mean": M20, "std": t([0.5] * 20)}, seed=34)
case("normal_float64", "normal", {"mean": t([1.0, 2.0], "float64"), "std": t([0.5, 0.25], "float64")}, seed=35, generator=True)
error("normal_err_std", "normal", {"mean": M, "std": t([[1.0, -0.5, 2.0], [0.1, 3.0, 1.0]])})

W = [0.1, 0.9, 0.4, 0.7, 3.0, 0.6]
case("sampler_replacement", "sampler", {"weights": W, "n": 12}, seed=40)
case("sampler_no_replacement", "sampler", {"weights": W, "n": 4, "replacement": False}, seed=41)
case("sampler_generator", "sampler", {"weights": W, "n": 7}, seed=42, generator=True)

rec.write()
