"""Golden data for the small dtypes: uint8, int8, int16, float16, bfloat16.

Cases (each has a "kind"):
- promote: torch.promote_types(a, b) for every pair of torchlet's dtypes.
- result: torch.result_type over tensors with dims, 0-d tensors and Python
  numbers.
- cast: x.to(dtype) for values whose conversion C++ defines (floats to
  integers only inside the target's range; integers to narrower integers
  wrap, as PyTorch's static_cast does on every platform it runs on).
- print: repr(t).
- binary / unary / reduce: arithmetic in the dtype, as PyTorch CPU computes it.
- error: PyTorch's message for an op it does not implement for a dtype.

Values are stored as the numbers the tensors hold (float16 and bfloat16
values are exact in a double), NaN and infinities spelled as common.py does.
Integer results PyTorch gives in int64 (sums, products of integers) are
"int64", as torchlet gives them.
"""
import math

import torch

from common import TORCH_DTYPES as DT, Recorder, enc

rec = Recorder("dtypes")
NAME = {v: k for k, v in DT.items()}
SMALL = ["uint8", "int8", "int16", "float16", "bfloat16"]
FLOATS = {"float32", "float64", "float16", "bfloat16"}


def tj(t):
    flat = t.reshape(-1).tolist()
    return {"shape": list(t.shape), "dtype": NAME[t.dtype], "data": [enc(v) for v in flat]}


# ---- promotion ------------------------------------------------------------------------
for a in DT:
    for b in DT:
        if a in SMALL or b in SMALL:
            rec.add(f"promote {a} {b}", kind="promote", a=a, b=b, result=NAME[torch.promote_types(DT[a], DT[b])])

# result_type: a tensor with dims of `a`, then another operand of `b` as a 0-d tensor or a Python number.
for a in SMALL + ["float32", "int64", "int32", "bool"]:
    for b in SMALL + ["float32", "int64", "int32", "bool"]:
        if a not in SMALL and b not in SMALL:
            continue
        r = torch.result_type(torch.ones(2, dtype=DT[a]), torch.ones((), dtype=DT[b]))
        rec.add(f"result {a} dims, {b} 0-d", kind="result", a=a, b=b, form="zero", result=NAME[r])
for a in SMALL:
    for form, num in [("int", 3), ("float", 2.5), ("bool", True)]:
        r = torch.result_type(torch.ones(2, dtype=DT[a]), num)
        rec.add(f"result {a} dims, python {form}", kind="result", a=a, b=form, form="number", result=NAME[r])
        r = torch.result_type(torch.ones((), dtype=DT[a]), num)
        rec.add(f"result {a} 0-d, python {form}", kind="result", a=a, b=form, form="number0", result=NAME[r])

# ---- casts ------------------------------------------------------------------------------
INT_RANGE = {"uint8": (0, 255), "int8": (-128, 127), "int16": (-32768, 32767), "int32": (-(2**31), 2**31 - 1),
             "int64": (-(2**63), 2**63 - 1), "bool": (0, 1)}

F16_SPECIAL = [
    0.0, -0.0, 1.0, -1.0, 0.5, 65504.0, -65504.0, 2.0**-14, 2.0**-24, -(2.0**-24), 3 * 2.0**-24, 1023 * 2.0**-24,
    0.0999755859375, 100.6875, -100.6875, 1.0009765625, 255.0, 127.0, -128.0, math.inf, -math.inf, math.nan,
]
BF16_SPECIAL = [
    0.0, -0.0, 1.0, -1.0, 0.5, 3.3895313892515355e38, -3.3895313892515355e38, 2.0**-126, 2.0**-133, 9.2e-41,
    0.10009765625, 100.5, -100.5, 1.0078125, 255.0, 127.0, -128.0, math.inf, -math.inf, math.nan,
]
FLOAT_SPECIAL = [
    0.0, -0.0, 1.0, -1.5, 2.5, 0.1, 100.7, -100.7, 255.9, -128.9, 127.5, 65504.0, 65519.0, 65520.0, 70000.0, -70000.0,
    1.0 + 2.0**-11, 1.0 + 3 * 2.0**-11, 1.0 + 2.0**-8, 1.0 + 3 * 2.0**-8, 2.0**-25, 1.5 * 2.0**-25, 2.0**-24 * 2.5, 3e-5,
    6.1e-5, 1e-8, 1e-40, 3.0e38, 3.39e38, 3.4e38, -3.4e38, 1e5, 123456.0, 32767.9, -32768.9, math.inf, -math.inf,
    math.nan, 2.0**-14 * (1 - 2.0**-11),
]
F64_EXTRA = [1.0 + 2.0**-11 + 2.0**-40, 1.0 + 2.0**-8 + 2.0**-40, 1e300, -1e300, 1e-300]
INT_SPECIAL = [0, 1, -1, 2, 127, 128, -128, -129, 255, 256, 300, -300, 32767, 32768, -32769, 65535, 65536, 70000,
               2049, 2051, 16777217, 2**31 - 1, -(2**31), 1234567]


def source_values(src):
    if src == "bool":
        return [False, True]
    if src == "float16":
        return F16_SPECIAL
    if src == "bfloat16":
        return BF16_SPECIAL
    if src == "float32":
        return FLOAT_SPECIAL
    if src == "float64":
        return FLOAT_SPECIAL + F64_EXTRA
    lo, hi = INT_RANGE[src]
    return [v for v in INT_SPECIAL if lo <= v <= hi]


def defined(v, src_t, dst):
    """Whether C++ defines converting the source element `v` to `dst`."""
    if dst in FLOATS or dst == "bool":
        return True
    if src_t.is_floating_point:
        if math.isnan(v) or math.isinf(v):
            return False
        lo, hi = INT_RANGE[dst]
        return lo <= math.trunc(v) <= hi
    return True


for src in DT:
    for dst in DT:
        if src == dst or (src not in SMALL and dst not in SMALL):
            continue
        x = torch.tensor(source_values(src), dtype=DT[src])
        keep = [i for i, v in enumerate(x.tolist()) if defined(v, x, dst)]
        x = x[keep]
        rec.add(f"cast {src} -> {dst}", kind="cast", x=tj(x), dtype=dst, out=tj(x.to(DT[dst])))

# A strided source: a transposed float32 matrix to float16, and float16 back from a slice.
m = torch.tensor([[0.1, 0.2, 0.3], [70000.0, -1e-7, 3.14159]])
rec.add("cast float32 transposed -> float16", kind="cast", x=tj(m), dtype="float16", layout="t", out=tj(m.t().to(torch.float16)))
rec.add("cast float32 transposed -> bfloat16", kind="cast", x=tj(m), dtype="bfloat16", layout="t", out=tj(m.t().to(torch.bfloat16)))
rec.add("cast float32 transposed -> int16", kind="cast", x=tj(m[:, :1].abs().floor().clamp(max=30000)), dtype="int16", layout="t",
        out=tj(m[:, :1].abs().floor().clamp(max=30000).t().to(torch.int16)))

# ---- printing ---------------------------------------------------------------------------
PRINTS = [
    ("float16", [1.0, 2.0]),
    ("float16", [0.1, 0.2, 0.3]),
    ("float16", [0.1]),
    ("float16", [65504.0, 1e-4, 1.0]),
    ("float16", [1e-7, 1.0]),
    ("float16", [math.nan, math.inf, -math.inf, 1.5]),
    ("float16", 3.0),
    ("float16", []),
    ("bfloat16", [1.0, 2.0]),
    ("bfloat16", [0.1, 0.2, 0.3]),
    ("bfloat16", [3.0e38, 1.0]),
    ("bfloat16", 0.1),
    ("bfloat16", []),
    ("uint8", [0, 1, 255]),
    ("uint8", [[1, 2], [3, 4]]),
    ("uint8", 7),
    ("uint8", []),
    ("int8", [-128, 0, 127]),
    ("int8", 5),
    ("int16", [-32768, 1, 32767]),
    ("int16", []),
]
for dtype, values in PRINTS:
    t = torch.tensor(values, dtype=DT[dtype])
    rec.add(f"print {dtype} {values}", kind="print", x=tj(t), repr=repr(t))
big = torch.arange(2000, dtype=torch.float16)
rec.add("print float16 summarised", kind="print", x=tj(big), repr=repr(big))
ub = torch.arange(1200).remainder(256).to(torch.uint8)
rec.add("print uint8 summarised", kind="print", x=tj(ub), repr=repr(ub))

# ---- arithmetic ---------------------------------------------------------------------------
g = torch.Generator().manual_seed(14)


def sample(dtype, shape):
    if dtype in ("float16", "bfloat16"):
        v = torch.randn(shape, generator=g) * 3
        return v.to(DT[dtype])
    lo, hi = INT_RANGE[dtype]
    return torch.randint(lo, hi + 1, shape, generator=g).to(DT[dtype])


def draws(dtype, table, shape):
    """(op, fn, a fresh sample of `shape`) for each op of `table`, drawn as the loop reaches it."""
    for op, fn in table.items():
        yield op, fn, sample(dtype, shape)


def add_or_refusal(kind, op, dtype, a, fn):
    """Records fn(a), or PyTorch's refusal of it as an error case."""
    try:
        out = fn(a)
    except RuntimeError as e:
        rec.add(f"{op} {dtype} error", kind=kind, op=op, a=tj(a), error=str(e).split("\n")[0])
        return
    rec.add(f"{op} {dtype}", kind=kind, op=op, a=tj(a), out=tj(out))


BINARY = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b, "div": lambda a, b: a / b,
    "maximum": torch.maximum, "minimum": torch.minimum, "eq": torch.eq, "lt": torch.lt, "ge": torch.ge,
}
for dtype in SMALL:
    for op, fn, a in draws(dtype, BINARY, [3, 4]):
        b = sample(dtype, [4])
        if op == "div" and dtype not in FLOATS:
            b = torch.where(b == 0, torch.ones_like(b), b)
        rec.add(f"{op} {dtype}", kind="binary", op=op, a=tj(a), b=tj(b), out=tj(fn(a, b)))
    a = sample(dtype, [5])
    rec.add(f"add {dtype} scalar", kind="binary", op="add", a=tj(a), b=3, out=tj(a + 3))
    rec.add(f"mul {dtype} float scalar", kind="binary", op="mul", a=tj(a), b=2.5, out=tj(a * 2.5))
    rec.add(f"add {dtype} float32", kind="binary", op="add", a=tj(a), b=tj(torch.full([5], 0.25)),
            out=tj(a + torch.full([5], 0.25)))
# uint8 wraps
u = torch.tensor([250, 5, 0, 128], dtype=torch.uint8)
rec.add("add uint8 wraps", kind="binary", op="add", a=tj(u), b=tj(torch.tensor([10, 5, 1, 128], dtype=torch.uint8)),
        out=tj(u + torch.tensor([10, 5, 1, 128], dtype=torch.uint8)))
rec.add("sub uint8 wraps", kind="binary", op="sub", a=tj(u), b=tj(torch.tensor([251, 6, 1, 0], dtype=torch.uint8)),
        out=tj(u - torch.tensor([251, 6, 1, 0], dtype=torch.uint8)))
rec.add("mul int8 wraps", kind="binary", op="mul", a=tj(torch.tensor([100, -128, 64], dtype=torch.int8)),
        b=tj(torch.tensor([3, -1, 2], dtype=torch.int8)),
        out=tj(torch.tensor([100, -128, 64], dtype=torch.int8) * torch.tensor([3, -1, 2], dtype=torch.int8)))
rec.add("add uint8 int8", kind="binary", op="add", a=tj(u), b=tj(torch.tensor([-1, 2, -3, 4], dtype=torch.int8)),
        out=tj(u + torch.tensor([-1, 2, -3, 4], dtype=torch.int8)))
h = torch.tensor([1.0, 2.0, 65504.0, 0.1], dtype=torch.float16)
rec.add("add float16 overflows", kind="binary", op="add", a=tj(h), b=tj(h), out=tj(h + h))
rec.add("add float16 bfloat16", kind="binary", op="add", a=tj(h), b=tj(h.to(torch.bfloat16)), out=tj(h + h.to(torch.bfloat16)))

UNARY = {"neg": torch.neg, "abs": torch.abs, "exp": torch.exp, "sqrt": torch.sqrt, "sigmoid": torch.sigmoid, "relu": torch.relu}
for dtype in SMALL:
    for op, fn, a in draws(dtype, UNARY, [2, 3]):
        add_or_refusal("unary", op, dtype, a.abs() if op == "sqrt" else a, fn)

REDUCE = {"sum": torch.sum, "mean": torch.mean, "amax": torch.amax, "prod": torch.prod}
for dtype in SMALL:
    for op, fn, a in draws(dtype, REDUCE, [3, 4]):
        if op == "prod":
            # small factors, exact in every integer dtype
            a = torch.tensor([3, 7, 11] if dtype == "uint8" else [3, -7, 11], dtype=DT[dtype])
        add_or_refusal("reduce", op, dtype, a, fn)
    if dtype in ("float16", "bfloat16"):
        a = sample(dtype, [4, 5])
        rec.add(f"sum dim {dtype}", kind="reduce", op="sum", dim=1, a=tj(a), out=tj(a.sum(1)))
        # float32 accumulation: 4096 ones sum to 4096 in float16 (a float16 accumulator would stop at 2048)
        ones = torch.ones(4096, dtype=DT[dtype])
        rec.add(f"sum many ones {dtype}", kind="reduce", op="sum", a=tj(ones), out=tj(ones.sum()))

# ---- iinfo, finfo, cast methods ---------------------------------------------------------------
for name in ["uint8", "int8", "int16", "int32", "int64"]:
    i = torch.iinfo(getattr(torch, name))
    # int64's bounds as strings: JSON numbers cannot hold them exactly (torchlet gives BigInts).
    conv = str if name == "int64" else int
    rec.add(f"iinfo {name}", kind="iinfo", dtype=name, info={"bits": i.bits, "min": conv(i.min), "max": conv(i.max), "dtype": i.dtype})
for name in ["float16", "bfloat16", "float32", "float64"]:
    f = torch.finfo(DT[name])
    rec.add(f"finfo {name}", kind="finfo", dtype=name, info={"bits": f.bits, "eps": f.eps, "max": f.max, "min": f.min, "tiny": f.tiny,
                                                             "smallestNormal": f.smallest_normal, "resolution": f.resolution, "dtype": f.dtype})
rec.error("iinfo bool", lambda: torch.iinfo(torch.bool), kind="iinfo", dtype="bool")
rec.error("iinfo float32", lambda: torch.iinfo(torch.float32), kind="iinfo", dtype="float32")
rec.error("finfo int32", lambda: torch.finfo(torch.int32), kind="finfo", dtype="int32")
for name, dt in DT.items():
    rec.add(f"type() {name}", kind="type", dtype=name, result=torch.ones(2, dtype=dt).type())
src = torch.tensor([0.1, 1.5, 2.7, 100.2])
for m in ["half", "bfloat16", "short", "char", "byte", "bool", "double", "float"]:
    rec.add(f"method {m}()", kind="method", method=m, x=tj(src), out=tj(getattr(src, m)()))
rec.add("method type(torch.HalfTensor)", kind="method", method="type", arg="torch.HalfTensor", x=tj(src), out=tj(src.type("torch.HalfTensor")))
rec.add("method type(float16)", kind="method", method="type", arg="float16", x=tj(src), out=tj(src.type(torch.float16)))
rec.add("method to(cpu, int16)", kind="method", method="to", args=["cpu", "int16"], x=tj(src), out=tj(src.to("cpu", torch.int16)))
for v, dt in [(300, "uint8"), (-1, "uint8"), (-256, "uint8"), (-129, "int8"), (40000, "int16"), (65504.5, "float16"),
              (65504.0, "float16"), (3.39e38, "bfloat16"), (math.inf, "float16")]:
    name = f"full {v} {dt}"
    try:
        rec.add(name, kind="full", value=enc(v), dtype=dt, out=tj(torch.full([2], v, dtype=DT[dt])))
    except RuntimeError as e:
        rec.add(name, kind="full", value=enc(v), dtype=dt, error=str(e).split("\n")[0])
rec.add("method to(other)", kind="method", method="typeAs", x=tj(src), other="bfloat16", out=tj(src.type_as(torch.ones(1, dtype=torch.bfloat16))))

# ---- matrix products: bfloat16 accumulates in float32, small integers wrap, float16 has no CPU kernel ----
for dtype in SMALL:
    a = sample(dtype, [3, 4])
    b = sample(dtype, [4, 2])
    v = sample(dtype, [4])
    for op, fn, args in [("mm", torch.mm, (a, b)), ("mv", torch.mv, (a, v)), ("dot", torch.dot, (v, v)),
                         ("bmm", torch.bmm, (a[None], b[None]))]:
        try:
            extra = {}
            if dtype == "bfloat16":
                # PyTorch 1.13's CPU bfloat16 gemm rounds partial sums; torchlet sums in float32 and rounds once,
                # which is this (exactly), and within a few bfloat16 ulps of `out`.
                extra["outFloat32"] = tj(fn(*(x.float() for x in args)).to(torch.bfloat16))
            rec.add(f"{op} {dtype}", kind="product", op=op, a=tj(args[0]), b=tj(args[1]), out=tj(fn(*args)), **extra)
        except RuntimeError as e:
            rec.add(f"{op} {dtype} error", kind="product", op=op, a=tj(args[0]), b=tj(args[1]), error=str(e).split("\n")[0])

# ---- softmax / log_softmax: bfloat16 in float32 rounded once; float16 has no CPU kernel ----------------
for dtype in ["bfloat16", "float16"]:
    a = sample(dtype, [2, 3])
    for op, fn in [("softmax", torch.softmax), ("logSoftmax", torch.log_softmax)]:
        for dim in [1, 0]:
            try:
                rec.add(f"{op} {dtype} dim {dim}", kind="reduce", op=op, dim=dim, a=tj(a), out=tj(fn(a, dim)))
            except RuntimeError as e:
                rec.add(f"{op} {dtype} dim {dim} error", kind="reduce", op=op, dim=dim, a=tj(a), error=str(e).split("\n")[0])

# ---- autograd: float16/bfloat16 leaves get grads in their dtype; a cast is ToCopyBackward0 -------------
for dt in ["float16", "bfloat16"]:
    x = torch.tensor([1.0, 2.5, -3.0], dtype=DT[dt], requires_grad=True)
    y = (x * x + x).sum()
    y.backward()
    rec.add(f"autograd {dt} leaf", kind="autograd", how="leaf", dtype=dt, x=tj(x.detach()), y=tj(y.detach()),
            grad=tj(x.grad), gradFn=y.grad_fn.name())
    x32 = torch.tensor([0.1, 2.5, -3.0], requires_grad=True)
    h = x32.to(DT[dt])
    (h * 3).sum().backward()
    rec.add(f"autograd float32 through {dt}", kind="autograd", how="cast", dtype=dt, x=tj(x32.detach()),
            y=tj(h.detach()), grad=tj(x32.grad), gradFn=h.grad_fn.name())

# ---- a checkpoint saved in float16 and bfloat16 (safetensors bytes by gen_safetensors' writer) ----------
import copy  # noqa: E402
import os  # noqa: E402

from gen_safetensors import serialize  # noqa: E402

DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dtypes")
os.makedirs(DIR, exist_ok=True)
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
x = torch.randn(2, 4)
for dt, fname in [(torch.float16, "model_f16.safetensors"), (torch.bfloat16, "model_bf16.safetensors")]:
    m = copy.deepcopy(model).to(dt)
    sd = m.state_dict()
    with open(os.path.join(DIR, fname), "wb") as f:
        f.write(serialize(sd))
    # PyTorch 1.13 has no CPU matmul for float16, so the model runs in float32 after .float(), as a user would.
    out = m.float()(x)
    rec.add(f"checkpoint {NAME[dt]}", kind="checkpoint", file=fname, dtype=NAME[dt], x=tj(x),
            weight=tj(sd["0.weight"]), out=tj(out.detach()), sameBytes=True)

rec.write()
