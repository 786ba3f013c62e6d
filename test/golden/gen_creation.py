"""Golden data for creation ops: arange and linspace values (float32 bit
parity, including runs of the vectorised kernel and the tail), dtype
inference of torch.tensor / full, shapes and strides of *_like results, and
PyTorch's error messages.

Python ints stand for JS integers and Python floats for JS numbers with a
fraction; cases whose bounds would be integers in JS pass an explicit dtype.
"""
import torch

from common import Recorder

rec = Recorder("creation")
DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool,
      "uint8": torch.uint8, "int8": torch.int8, "int16": torch.int16, "float16": torch.float16, "bfloat16": torch.bfloat16}

ARANGE = [
    [5], [2, 7], [10, 0, -3], [-5, 5], [0, 100, 7],
    [0, 1, 0.1], [1, 0, -0.1], [-3.5, 4.2, 0.3], [0, 10, 0.7], [0, 100, 0.37], [10, -10, -0.13],
    [0.5, 50.5], [1e-3, 1, 1e-3], [0, 1, 1 / 3], [0.1, 100.1, 0.1], [-7.77, 3.1, 0.0123], [0, 3.5], [2.5],
]
for args in ARANGE:
    for dtype in (None, "float32", "float64"):
        if dtype is None:
            out = torch.arange(*args)
        else:
            out = torch.arange(*args, dtype=DT[dtype])
        rec.add(f"arange {args} {dtype}", op="arange", args=args, dtype=dtype, out=out)
for args in ([-2.5, 7.9, 1.3], [0.5, 3]):
    rec.add(f"arange {args} int", op="arange", args=args, dtype="int64", out=torch.arange(*args, dtype=torch.int64))

LINSPACE = [
    [0, 1, 5], [0, 1, 10], [-1, 1, 7], [0, 1, 17], [0, 1, 100], [-3.7, 12.9, 33], [1e-3, 1e3, 50], [0, 1, 1],
    [5, 5, 4], [3, -2, 11], [0, 1, 1000], [-0.1, 0.3, 64], [1 / 3, 2 / 3, 37], [-7.3, 2.9, 333], [0, 1, 0], [2.5, -1.5, 2],
]
for args in LINSPACE:
    for dtype in ("float32", "float64"):
        rec.add(f"linspace {args} {dtype}", op="linspace", args=args, dtype=dtype, out=torch.linspace(*args, dtype=DT[dtype]))
for args in ([-2.5, 7.9, 9], [0, 100, 13], [10, -10, 40]):
    rec.add(f"linspace {args} int", op="linspace", args=args, dtype="int64", out=torch.linspace(*args, dtype=torch.int64))

# torch.tensor's inference: Python ints are JS integers, Python floats JS fractions.
TENSOR = [
    ([[1, 2], [3, 4]], {}), ([1.5, 2], {}), ([True, False], {}), ([True, 2], {}), ([[True], [2.5]], {}),
    ([], {}), ([[]], {}), ([[], []], {}), (5, {}), (2.5, {}), (True, {}), ([float("nan"), 1], {}),
    ([float("inf"), -1], {}), ([1, 2], {"dtype": "float64"}), ([1.7, -2.7], {"dtype": "int64"}), ([1.7, -2.7], {"dtype": "int32"}),
    ([0, 2, float("nan")], {"dtype": "bool"}), ([1, 2], {"requires_grad": True, "dtype": "float32"}),
    ([[[1, 2, 3]], [[4, 5, 6]]], {}),
]
for data, kw in TENSOR:
    t = torch.tensor(data, dtype=DT[kw["dtype"]] if "dtype" in kw else None, requires_grad=kw.get("requires_grad", False))
    rec.add(f"tensor {data} {kw}", op="tensor", data=data, kwargs=kw, out=t)

for size, value in [([2, 3], 1), ([2], 1.5), ([3], True), ([2, 2], -7), ([0, 3], 2.5), ([], 4)]:
    rec.add(f"full {size} {value}", op="full", args=[size, value], out=torch.full(size, value))
for args, dtype in [([3], None), ([2, 4], None), ([4, 2], None), ([0], None), ([3], "bool"), ([2, 3], "int64"), ([2, 3], "int32")]:
    rec.add(f"eye {args} {dtype}", op="eye", args=args, dtype=dtype, out=torch.eye(*args, dtype=DT[dtype] if dtype else None))

# *_like keep the input's memory layout (preserve_format).
for layout in ("t", "slice", "expand", "permute3"):
    if layout == "t":
        x = torch.zeros(3, 4).t()
    elif layout == "slice":
        x = torch.zeros(2, 6)[:, ::2]
    elif layout == "expand":
        x = torch.zeros(1, 3).expand(2, 3)
    else:
        x = torch.zeros(2, 3, 4).permute(2, 0, 1)
    rec.add(f"like strides {layout}", op="likeStrides", layout=layout, shape=list(x.shape), strides=list(torch.zeros_like(x).stride()))

E = rec.error
E("ragged", lambda: torch.tensor([[1, 2, 3], [4, 5]]))
E("ragged empty", lambda: torch.tensor([[1], []]))
E("none value", lambda: torch.tensor([None]))
E("zeros negative", lambda: torch.zeros(2, -1))
E("zeros negative list", lambda: torch.zeros([3, -2]))
E("full int overflow", lambda: torch.full((2,), 2**40, dtype=torch.int32))
E("full nan int", lambda: torch.full((2,), float("nan"), dtype=torch.int32))
E("full float overflow", lambda: torch.full((2,), 1e40))
E("tensor int32 overflow", lambda: torch.tensor([2**40], dtype=torch.int32))
E("eye negative n", lambda: torch.eye(-1))
E("eye negative m", lambda: torch.eye(2, -1))
E("arange step 0", lambda: torch.arange(0, 1, 0))
E("arange wrong sign", lambda: torch.arange(0, 1, -1))
E("arange inf", lambda: torch.arange(0, float("inf")))
E("arange nan start", lambda: torch.arange(float("nan"), 1))
E("arange nan step", lambda: torch.arange(0, 1, float("nan")))
E("arange bool", lambda: torch.arange(5, dtype=torch.bool))
E("linspace negative steps", lambda: torch.linspace(0, 1, -1))
E("linspace bool", lambda: torch.linspace(0, 1, 5, dtype=torch.bool))
E("requires_grad int", lambda: torch.zeros(2, dtype=torch.int64, requires_grad=True))

# ---- small dtypes: the ops that take a dtype, where PyTorch's CPU build has them ----
SMALL = ["uint8", "int8", "int16", "float16", "bfloat16"]
for dtype in SMALL:
    for args in ([5], [2, 9, 2], [0, 3.5, 0.5], [0, 100, 7]):
        try:
            out = torch.arange(*args, dtype=DT[dtype])
        except RuntimeError:
            continue  # e.g. "arange_cpu" not implemented for 'Half'
        rec.add(f"arange {args} {dtype}", op="arange", args=args, dtype=dtype, out=out)
    for args in ([0, 1, 5], [-3.7, 12.9, 33], [0, 100, 13]):
        try:
            out = torch.linspace(*args, dtype=DT[dtype])
        except RuntimeError:
            continue
        rec.add(f"linspace {args} {dtype}", op="linspace", args=args, dtype=dtype, out=out)
    for data in ([[1, 2], [3, 300]], [1.7, -2.7, 0.1], [float("inf"), -1e10, 70000], [True, False]):
        try:
            out = torch.tensor(data, dtype=DT[dtype])
        except RuntimeError:
            continue  # "value cannot be converted to type uint8 without overflow"
        rec.add(f"tensor {data} {dtype}", op="tensor", data=data, kwargs={"dtype": dtype}, out=out)
    for args in ([3], [2, 4]):
        try:
            out = torch.eye(*args, dtype=DT[dtype])
        except RuntimeError:
            continue  # "eye" not implemented for 'BFloat16'
        rec.add(f"eye {args} {dtype}", op="eye", args=args, dtype=dtype, out=out)

rec.write()
