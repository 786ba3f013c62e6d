"""PyTorch's public names, per namespace, for docs/pytorch-names.md.

    /usr/bin/python3 scripts/gen-pytorch-names.py   # writes docs/pytorch-names.json
    npm run names                                    # both steps: this, then the page

Reads the installed PyTorch (Debian's 1.13) and writes the names a user
porting a program may reach for. test/names.pytorch.test.ts renders the page
from this list and torchlet's exports (PyTorch's name in camelCase, the
naming rule of torchlet's API) and fails when docs/pytorch-names.md differs.

What counts as public, per namespace (dir() holds much that is not):
  torch          functions (the op table, torch.functional, torch.random, ...),
                 the grad-mode managers, and the classes a user constructs or
                 names (Tensor, Generator, Size, dtype, device, finfo, iinfo,
                 autocast). Left out: submodules, dtype/layout/memory_format
                 objects and constants (torchlet's dtypes are strings), the
                 TorchScript/C++ binding classes, the legacy typed
                 FloatTensor/FloatStorage classes, typing aliases and the
                 helpers of torch._utils*.
  Tensor         every public method and property of torch.Tensor.
  nn             the classes (modules, Parameter).
  nn.functional  the functions (leaving out the __torch_function__ plumbing).
  optim, optim.lr_scheduler   the classes defined there.
  utils.data     torch.utils.data.__all__.

The Core ATen op set (the `core` tag of native_functions.yaml) arrived in
PyTorch 2.0; 1.13's tags.yaml has no such tag, so the list says so instead.
"""

import inspect
import json
import os
import types
import warnings

import torch
import torch.nn
import torch.nn.functional
import torch.optim
import torch.optim.lr_scheduler
import torch.utils.data

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "pytorch-names.json")

TORCH_CLASSES = {"Tensor", "Generator", "Size", "dtype", "device", "finfo", "iinfo", "autocast"}


def public(mod):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(n, getattr(mod, n)) for n in sorted(dir(mod)) if not n.startswith("_")]


def torch_names():
    out = []
    for n, v in public(torch):
        if isinstance(v, types.ModuleType):
            continue
        mod = getattr(v, "__module__", None) or ""
        if inspect.isclass(v):
            keep = n in TORCH_CLASSES or mod == "torch.autograd.grad_mode"
        elif inspect.isbuiltin(v):
            keep = mod in ("torch", "torch._C")
        elif inspect.isfunction(v):
            keep = mod.startswith("torch") and not mod.startswith("torch._utils")
        else:
            keep = False
        if keep:
            out.append(n)
    return out


def tensor_names():
    return [n for n, _ in public(torch.Tensor)]


def classes_of(mod, prefix):
    return [n for n, v in public(mod) if inspect.isclass(v) and (getattr(v, "__module__", "") or "").startswith(prefix)]


def functional_names():
    F = torch.nn.functional
    return [
        n
        for n, v in public(F)
        if (inspect.isfunction(v) or inspect.isbuiltin(v)) and getattr(v, "__module__", None) in ("torch.nn.functional", "torch", "torch._C._nn")
    ]


def core_aten():
    tags = os.path.join(os.path.dirname(torch.__file__), "..", "torchgen", "packaged", "ATen", "native", "tags.yaml")
    has_core = os.path.exists(tags) and any(line.strip() == "- tag: core" for line in open(tags))
    if has_core:
        raise SystemExit("this PyTorch tags ops as core: teach gen-pytorch-names.py to list them")
    return f"not available: PyTorch {torch.__version__} has no `core` tag in torchgen's tags.yaml (it arrived in 2.0)"


def main():
    namespaces = {
        "torch": torch_names(),
        "Tensor": tensor_names(),
        "nn": classes_of(torch.nn, "torch.nn."),
        "nn.functional": functional_names(),
        "optim": classes_of(torch.optim, "torch.optim."),
        "optim.lr_scheduler": classes_of(torch.optim.lr_scheduler, "torch.optim.lr_scheduler"),
        "utils.data": sorted(n for n in torch.utils.data.__all__ if not n.startswith("_")),
    }
    data = {"pytorch": torch.__version__, "coreAten": core_aten(), "namespaces": namespaces}
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT)}: " + ", ".join(f"{k} {len(v)}" for k, v in namespaces.items()))


if __name__ == "__main__":
    main()
