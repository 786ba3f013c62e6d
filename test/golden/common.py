"""Shared helpers for the golden generators (run with Debian's python3-torch).

Each family generator (gen_<family>.py) builds a list of cases with `Recorder`
and writes test/golden/<family>.json. A tensor is stored as
{"shape": [...], "dtype": "float32", "data": [row-major values]} with NaN and
infinities spelled "nan", "inf", "-inf" (JSON has no literal for them).

An input spec is a *base* tensor (shape "baseShape", row-major "data") and a
layout that makes the op's input from it: "contiguous" (the base itself),
"t" (base.t()), "expand" (base.expand(shape)), "slice" (base[::step]).
Autograd cases make the base the leaf, so non-contiguous inputs are tested
through the views the op sees. make() builds the same thing in PyTorch and
test/helpers/golden.ts in torchlet.
"""
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))

DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int32: "int32", torch.int64: "int64", torch.bool: "bool"}
DTYPES.update({torch.uint8: "uint8", torch.int8: "int8", torch.int16: "int16", torch.float16: "float16", torch.bfloat16: "bfloat16"})


def enc(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def tensor_json(t):
    t = t.detach()
    flat = t.reshape(-1).tolist() if t.dim() > 0 else [t.item()]
    return {"shape": list(t.shape), "dtype": DTYPES[t.dtype], "data": [enc(v) for v in flat]}


def value_json(v):
    """Tensors, tuples/lists of tensors, numbers, strings, None."""
    if isinstance(v, torch.Tensor):
        return tensor_json(v)
    if isinstance(v, (list, tuple)):
        return [value_json(x) for x in v]
    if isinstance(v, float):
        return enc(v)
    return v


TORCH_DTYPES = {
    "float32": torch.float32,
    "float64": torch.float64,
    "int64": torch.int64,
    "int32": torch.int32,
    "bool": torch.bool,
    "uint8": torch.uint8,
    "int8": torch.int8,
    "int16": torch.int16,
    "float16": torch.float16,
    "bfloat16": torch.bfloat16,
}


def make(spec, requires_grad=False):
    """(leaf, input) for an input spec: the base tensor and the view the op gets."""
    dtype = TORCH_DTYPES[spec["dtype"]]
    data = [float(x) if isinstance(x, str) else x for x in spec["data"]]
    base = torch.tensor(data, dtype=dtype).reshape(spec["baseShape"])
    if requires_grad:
        base.requires_grad_(True)
    layout = spec.get("layout", "contiguous")
    if layout == "t":
        x = base.t()
    elif layout == "expand":
        x = base.expand(*spec["shape"])
    elif layout == "slice":
        x = base[:: spec["step"]]
    else:
        x = base
    return base, x


def spec(values, dtype="float32", layout="contiguous", shape=None, step=2, int32=False):
    """An input spec. `values` is the base (nested lists or a tensor); for "expand" pass the target `shape`.
    Integer specs are int64, PyTorch's default integer (as torch.tensor makes them), unless `int32`."""
    base = values if isinstance(values, torch.Tensor) else torch.tensor(values, dtype=TORCH_DTYPES[dtype])
    if base.dtype == torch.int32 and not int32:
        base = base.long()
    out = {"baseShape": list(base.shape), "dtype": DTYPES[base.dtype], "data": [enc(v) for v in base.reshape(-1).tolist()], "layout": layout}
    if layout == "t":
        out["shape"] = list(base.shape)[::-1]
    elif layout == "expand":
        out["shape"] = list(shape)
    elif layout == "slice":
        out["step"] = step
        out["shape"] = [len(range(0, base.shape[0], step))] + list(base.shape[1:])
    else:
        out["shape"] = list(base.shape)
    return out


def small_spec(values, dtype, **layout):
    """An input spec of `values` in a small dtype (uint8 ... bfloat16), rounded from float64 as PyTorch casts."""
    return spec(torch.tensor(values, dtype=torch.float64).to(getattr(torch, dtype)), **layout)


def refused(attempt):
    """Whether PyTorch refuses `attempt()` (raises): small-dtype cases record a refusal as an error case."""
    try:
        attempt()
    except Exception:  # noqa: BLE001
        return True
    return False


class Recorder:
    """Collects cases and writes them as test/golden/<family>.json."""

    def __init__(self, family):
        self.family = family
        self.cases = []

    def add(self, name, **fields):
        fields["name"] = name
        self.cases.append({k: value_json(v) if k not in ("inputs", "args") else v for k, v in fields.items()})

    def error(self, name, fn, **fields):
        """Records the message of the exception `fn()` raises (the first line, as PyTorch words it)."""
        try:
            fn()
        except Exception as e:  # noqa: BLE001
            self.add(name, error=str(e).split("\n")[0], errorType=type(e).__name__, **fields)
            return
        raise AssertionError(f"{name}: expected an error")

    def write(self):
        path = os.path.join(HERE, f"{self.family}.json")
        with open(path, "w") as f:
            json.dump({"torch": torch.__version__, "family": self.family, "cases": self.cases}, f, indent=None, separators=(",", ":"))
            f.write("\n")
        print(f"wrote {path}: {len(self.cases)} cases", file=sys.stderr)


def rand(shape, seed, lo=-2.0, hi=2.0, dtype=torch.float32):
    """Deterministic values that are exact in float32 (multiples of 1/64), so inputs round-trip through JSON."""
    g = torch.Generator().manual_seed(seed)
    v = torch.randint(int(lo * 64), int(hi * 64) + 1, shape, generator=g).to(dtype) / 64
    return v
