"""Golden data for printing: PyTorch's repr of many tensors.

Each case records the values (row-major), shape, dtype, how the tensor is
made ("leaf", "requires_grad": a leaf requiring grad, "mul1": leaf * 1, so
grad_fn=<MulBackward0>), the print options in force, and repr(tensor). The
test rebuilds the tensor in torchlet and compares String(t) byte for byte.

int64 (PyTorch's default integer) prints without a dtype suffix, int32 with
one; every empty tensor that is not float32 names its dtype.
"""
import math
import random

import torch

from common import Recorder

rec = Recorder("print")
DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}
DEFAULTS = dict(precision=4, threshold=1000, edgeitems=3, linewidth=80, sci_mode=None)


def case(name, values, shape=None, dtype="float32", how="leaf", options=None):
    t = torch.tensor(values, dtype=DT[dtype])
    if shape is not None:
        t = t.reshape(shape)
    if how in ("requires_grad", "mul1"):
        t.requires_grad_(True)
    if how == "mul1":
        t = t * 1
    torch.set_printoptions(profile="default")
    torch.set_printoptions(**(options or {}))
    text = repr(t)
    torch.set_printoptions(profile="default")
    torch.set_printoptions(sci_mode=None)
    flat = t.detach().reshape(-1).tolist()
    rec.add(name, values=flat, shape=list(t.shape), dtype=dtype, how=how, options=options, repr=text)


# ---- the forms API.md names ---------------------------------------------------------
case("api 2x2 4.5", [[4.5, 4.5], [4.5, 4.5]])
case("api 27 mean", 27.0, how="mul1")
case("api sci", [51.2, 512.0, 0.0512])
case("api ones requires_grad", [[1.0, 1.0], [1.0, 1.0]], how="requires_grad")

# ---- 0-d ----------------------------------------------------------------------------
for v in [27.0, 0.5, -0.0, 0.0, math.nan, math.inf, -math.inf, 1e-5, 123456789.0, 1e10, 3.14159265, -2.5e-7, 0.00015]:
    case(f"0-d {v}", v)
    case(f"0-d f64 {v}", v, dtype="float64")
case("0-d int", 5, dtype="int64")
case("0-d negative int", -123, dtype="int64")
case("0-d bool", True, dtype="bool")
case("0-d requires_grad", 2.5, how="requires_grad")

# ---- integer-valued floats, magnitudes and the sci-mode thresholds --------------------
MAG = {
    "ints": [1.0, 2.0, 3.0],
    "ints negative": [-1.0, 20.0, -300.0],
    "ints ratio 1000": [1.0, 1000.0],
    "ints ratio 1001": [1.0, 1001.0],
    "ints 1e8": [1e8, 1.0, 2.0],
    "ints above 1e8": [123456789.0, 1.0],
    "ints with zeros": [0.0, 0.0, 5.0],
    "all zeros": [0.0, 0.0],
    "min 1e-4": [1e-4, 0.5],
    "min below 1e-4": [9.9e-5, 0.5],
    "ratio 1000 fractional": [0.5, 500.0],
    "ratio 1001 fractional": [0.5, 500.5],
    "max 1e8 fractional": [1e8, 0.5e8 + 0.5],
    "large fractional": [123456.789, 0.5],
    "mixed signs": [-1.5, 2.25, -0.125],
    "tiny": [1e-30, 2e-35],
    "huge": [3e38, -1e30],
    "float32 max": [3.4028234663852886e38, 1.0],
    "subnormal": [1e-40, 1.0],
}
for k, v in MAG.items():
    case(k, v)
    case(k + " f64", v, dtype="float64")

# ---- negative zeros, nan, inf -------------------------------------------------------
SPECIAL = {
    "neg zero": [-0.0, 0.0],
    "neg zero fraction": [-0.0, 1.5],
    "neg zero sci": [-0.0, 1e-5, 3.0],
    "nan and value": [math.nan, 1.5],
    "inf mix": [math.inf, -math.inf, 1.0],
    "only nan": [math.nan],
    "only inf": [math.inf, -math.inf],
    "nan zero": [math.nan, 0.0],
    "inf sci": [-math.inf, 1e-5, 2.0],
    "nan ints": [math.nan, 1.0, 100.0],
    "inf ints wide": [math.inf, 1.0, 123.0],
}
for k, v in SPECIAL.items():
    case(k, v)
    case(k + " f64", v, dtype="float64")

# ---- exact ties: Python rounds half to even on the exact binary value -----------------
TIES = {
    "ties 4 digits": [k / 32 for k in (1, 3, 5, 7, 9, 11, 13, 15)],
    "ties sci": [1.03125, 2.00005e-6 * 0 + 1.5e-5, 3.0],
    "ties int sci": [1.0, 100005.0, 100015.0],
    "ties 2.5": [2.5, 0.5, 1.5, 3.5],
    "ties 0.125": [0.125, 0.375, 0.625],
    "ties carry": [9.99995, 0.99995],
}
for k, v in TIES.items():
    case(k, v)
    case(k + " f64", v, dtype="float64")
    case(k + " precision 2", v, options={"precision": 2})
    case(k + " precision 0", v, options={"precision": 0})
    case(k + " precision 2 f64", v, dtype="float64", options={"precision": 2})

# ---- line wrapping and nesting --------------------------------------------------------
r = random.Random(0)
case("long row", [i * 0.37 for i in range(30)])
case("long row ints", list(range(50)), dtype="int64")
case("long row f64", [i * 1.1 for i in range(40)], dtype="float64")
case("long row requires_grad", [i + 0.5 for i in range(21)], how="requires_grad")
for n in range(8, 16):
    case(f"row of {n} wide values", [-1234.5678 + i for i in range(n)])
    case(f"row of {n} wide values requires_grad", [-1234.5678 + i for i in range(n)], how="requires_grad")
    case(f"row of {n} wide values mul1", [-1234.5678 + i for i in range(n)], how="mul1")
case("2-D wide", [[r.uniform(-100, 100) for _ in range(12)] for _ in range(3)])
case("3-D", [[[r.uniform(-1, 1) for _ in range(4)] for _ in range(3)] for _ in range(2)])
case("4-D", [[[[r.uniform(-5, 5) for _ in range(3)] for _ in range(2)] for _ in range(2)] for _ in range(2)])
case("4-D long rows", [[[[r.uniform(-5, 5) for _ in range(17)] for _ in range(2)] for _ in range(2)] for _ in range(2)])
case("3-D ints", [[[r.randint(-50, 500) for _ in range(5)] for _ in range(2)] for _ in range(3)], dtype="int64")
case("2-D bool", [[r.random() < 0.5 for _ in range(7)] for _ in range(3)], dtype="bool")
case("bool long", [r.random() < 0.5 for _ in range(30)], dtype="bool")
case("column", [[1.5], [2.5], [3.5]])
case("6-D", torch.arange(64, dtype=torch.float64).reshape(2, 2, 2, 2, 2, 2).mul(0.75).tolist())
case("5-D ints narrow lines", torch.arange(-16, 16).reshape(2, 2, 2, 2, 2).tolist(), dtype="int64", options={"linewidth": 10})
case("4-D tiny linewidth", [[[[r.uniform(-5, 5) for _ in range(5)] for _ in range(2)] for _ in range(2)] for _ in range(2)], options={"linewidth": 12})
case("3-D summary every dim", torch.arange(9 * 9 * 9).reshape(9, 9, 9).tolist(), dtype="int64", options={"threshold": 100})
case("summary 2 edge items of 4-D", torch.arange(7 ** 4).reshape(7, 7, 7, 7).mul(-1).tolist(), dtype="int64", options={"edgeitems": 2})
case("size-1 dims", [[[0.25]]])

# ---- summarisation ----------------------------------------------------------------
case("1-D 2000", [i * 0.5 for i in range(2000)])
case("1-D 1001 ints", list(range(1001)), dtype="int64")
case("1-D 1000 no summary", [i * 0.25 for i in range(1000)])
case("2-D 50x50", [[r.uniform(-1, 1) for _ in range(50)] for _ in range(50)])
case("3-D 11x11x11", [[[r.randint(0, 9) + 0.5 for _ in range(11)] for _ in range(11)] for _ in range(11)])
case("2-D 3x400", [[float(i * j) for i in range(400)] for j in range(3)])
case("2-D 400x3", [[float(i * j) for i in range(3)] for j in range(400)])
case("summary sci", [10.0 ** (i % 12 - 6) for i in range(1200)])
case("summary f64", [i / 7 for i in range(1500)], dtype="float64")
case("summary bool", [i % 3 == 0 for i in range(1200)], dtype="bool")
case("summary requires_grad", [i * 0.5 for i in range(1200)], how="requires_grad")

# ---- empty tensors ------------------------------------------------------------------
for shape in ([0], [0, 3], [2, 0, 1], [3, 0]):
    for dtype in ("float32", "float64", "int64", "bool"):
        case(f"empty {shape} {dtype}", [], shape=shape, dtype=dtype)
case("empty requires_grad", [], shape=[0, 2], how="requires_grad")
case("empty mul1", [], shape=[0], how="mul1")

# ---- print options ------------------------------------------------------------------
OPTS = [
    {"precision": 2}, {"precision": 6}, {"precision": 0}, {"precision": 8}, {"threshold": 5}, {"threshold": 5, "edgeitems": 1},
    {"edgeitems": 2, "threshold": 10}, {"linewidth": 40}, {"linewidth": 120}, {"sci_mode": True}, {"sci_mode": False},
    {"profile": "short"}, {"profile": "full"}, {"profile": "short", "precision": 3},
]
SAMPLES = {
    "fractions": [0.123456789, -2.5, 3.75, 100.125],
    "ints": [1.0, 2.0, -30.0],
    "sci": [1e-5, 2.5, 3e3],
    "matrix": [[i * 0.3 - j for i in range(12)] for j in range(10)],
    "long": [i * 0.01 for i in range(1500)],
}
for opts in OPTS:
    for k, v in SAMPLES.items():
        case(f"options {opts} {k}", v, options=opts)
    case(f"options {opts} f64", [1 / 3, 2 / 3, 1e-6], dtype="float64", options=opts)
    case(f"options {opts} int", list(range(-5, 25)), dtype="int64", options=opts)

# ---- a random corpus ----------------------------------------------------------------
g = torch.Generator().manual_seed(1234)
for i in range(400):
    ndim = r.choice([0, 1, 1, 2, 2, 3, 4])
    shape = [r.randint(1, 6) for _ in range(ndim)]
    if ndim == 1 and r.random() < 0.3:
        shape = [r.randint(7, 40)]
    dtype = r.choice(["float32", "float32", "float32", "float64", "int64", "bool"])
    n = math.prod(shape)
    if dtype == "bool":
        vals = torch.rand(n, generator=g) < 0.5
    elif dtype == "int64":
        scale = 10 ** r.randint(0, 9)
        vals = torch.randint(-scale, scale + 1, (n,), generator=g)
    else:
        e_lo, e_hi = sorted([r.randint(-9, 9), r.randint(-9, 9)])
        mag = 10.0 ** (torch.rand(n, generator=g, dtype=torch.float64) * (e_hi - e_lo) + e_lo)
        sign = torch.where(torch.rand(n, generator=g) < 0.3, -1.0, 1.0).double()
        vals = mag * sign
        if r.random() < 0.3:
            vals = vals.round()
        for _ in range(r.choice([0, 0, 0, 1, 2])):
            vals[r.randrange(n)] = r.choice([math.nan, math.inf, -math.inf, 0.0, -0.0])
    vals = vals.to(DT[dtype]).tolist()
    how = r.choice(["leaf"] * 6 + ["requires_grad", "mul1"]) if dtype in ("float32", "float64") else "leaf"
    case(f"random {i}", vals, shape=shape, dtype=dtype, how=how)

# ---- int32 (named by a suffix) beside int64 (PyTorch's default integer) -----------------
case("int32 1-D", [1, 2, 3], dtype="int32")
case("int32 0-d", -7, dtype="int32")
case("int32 2-D wide", [[1, -2000000000], [3, 4]], dtype="int32")
case("int32 summary", list(range(1200)), dtype="int32")
case("int32 narrow lines", list(range(-20, 20)), dtype="int32", options={"linewidth": 30})
case("int64 beyond 2^31", [3221225472, -4294967296, 1], dtype="int64")
case("int64 near 2^53", [9007199254740992, -9007199254740991], dtype="int64")

rec.write()
