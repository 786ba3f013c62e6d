#!/usr/bin/env python3
"""Resume in PyTorch a training run torchlet saved with torch.saveCheckpoint.

    /usr/bin/python3 scripts/checkpoint-to-pytorch.py run.safetensors \\
        --model linear,tanh,linear --optimizer Adam --scheduler StepLR
        # rebuild the model, the optimizer and the scheduler, load their
        # state, print the epoch and the learning rates as JSON
    ... --batch batch.safetensors --loss mse --steps 3
        # then train 3 steps on the batch's "input" and "target" and print
        # the losses (test/checkpoint.pytorch.test.ts compares them with
        # torchlet's)

The file is safetensors (parsed by hand here: Python's safetensors package
is not needed). load_checkpoint() gives what torch.load gives for
torch.save({"model": ..., "optimizer": ..., "scheduler": ..., "epoch": ...}):
    tensors   model.<key>                     -> checkpoint["model"][key]
              optimizer.state.<index>.<name>  -> checkpoint["optimizer"]["state"][index][name]
    metadata  "optimizer" (JSON: state numbers such as step, param_groups)
              "scheduler", "epoch", "extra" (JSON)
so each part goes to load_state_dict unchanged, as in any PyTorch script:
    model.load_state_dict(ck["model"]); optimizer.load_state_dict(ck["optimizer"])
    scheduler.load_state_dict(ck["scheduler"])
The model, the optimizer and the scheduler must be built the same way as in
torchlet first (their constructor arguments are overwritten by the state).
"""

import argparse
import json
import struct
import sys

import torch
import torch.nn as nn

DTYPES = {
    "F64": torch.float64,
    "F32": torch.float32,
    "F16": torch.float16,
    "BF16": torch.bfloat16,
    "I64": torch.int64,
    "I32": torch.int32,
    "I16": torch.int16,
    "I8": torch.int8,
    "U8": torch.uint8,
    "BOOL": torch.bool,
}


def read_safetensors(path):
    """safetensors.torch.load_file: returns (tensors, metadata)."""
    with open(path, "rb") as f:
        b = f.read()
    (n,) = struct.unpack("<Q", b[:8])
    header = json.loads(b[8 : 8 + n])
    metadata = header.pop("__metadata__", None) or {}
    out = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        data = bytearray(b[8 + n + begin : 8 + n + end])
        dtype = DTYPES[info["dtype"]]
        if len(data) == 0:
            out[name] = torch.empty(info["shape"], dtype=dtype)
        else:
            out[name] = torch.frombuffer(data, dtype=dtype).reshape(info["shape"])
    return out, metadata


def load_checkpoint(path):
    """The checkpoint as torch.load would give a torch.save'd dict of state dicts."""
    tensors, meta = read_safetensors(path)
    if "checkpoint" not in meta:
        raise ValueError(f"{path} is not a torchlet checkpoint (no 'checkpoint' in its metadata)")
    if meta["checkpoint"] != "1":
        raise ValueError(f"{path}: checkpoint version {meta['checkpoint']!r} is not 1")
    ck = {"model": {}, "optimizer": None, "scheduler": None, "epoch": None, "extra": None}
    if "optimizer" in meta:
        opt = json.loads(meta["optimizer"])
        ck["optimizer"] = {
            "state": {int(i): dict(s) for i, s in opt["state"].items()},
            "param_groups": opt["param_groups"],
        }
    for name, t in tensors.items():
        if name.startswith("model."):
            ck["model"][name[len("model.") :]] = t
        elif name.startswith("optimizer.state."):
            index, key = name[len("optimizer.state.") :].split(".", 1)
            ck["optimizer"]["state"].setdefault(int(index), {})[key] = t
        else:
            raise ValueError(f"unexpected tensor {name!r}")
    for part in ("scheduler", "epoch", "extra"):
        if part in meta:
            ck[part] = json.loads(meta[part])
    return ck


ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "gelu": nn.GELU, "silu": nn.SiLU}


def sequential(spec, state):
    """nn.Sequential from "linear,tanh,linear": Linear sizes come from the state dict's weights."""
    layers = []
    for i, kind in enumerate(spec.split(",")):
        if kind == "linear":
            out_features, in_features = state[f"{i}.weight"].shape
            layers.append(nn.Linear(in_features, out_features, bias=f"{i}.bias" in state))
        elif kind in ACTIVATIONS:
            layers.append(ACTIVATIONS[kind]())
        else:
            raise ValueError(f"unknown layer {kind!r} (linear, {', '.join(ACTIVATIONS)})")
    return nn.Sequential(*layers)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("checkpoint")
    ap.add_argument("--model", required=True, help="layers of the nn.Sequential, e.g. linear,tanh,linear")
    ap.add_argument("--optimizer", default="Adam", help="a torch.optim class (default Adam)")
    ap.add_argument("--scheduler", default=None, help="a torch.optim.lr_scheduler class (e.g. StepLR)")
    ap.add_argument("--batch", default=None, help="safetensors with 'input' and 'target' to train on")
    ap.add_argument("--loss", default="mse", choices=["mse", "cross_entropy"])
    ap.add_argument("--steps", type=int, default=1)
    args = ap.parse_args()

    ck = load_checkpoint(args.checkpoint)
    model = sequential(args.model, ck["model"])
    model.load_state_dict(ck["model"])
    # The constructor's lr is overwritten by the loaded param_groups.
    optimizer = getattr(torch.optim, args.optimizer)(model.parameters(), lr=0.1)
    optimizer.load_state_dict(ck["optimizer"])
    scheduler = None
    if args.scheduler is not None:
        cls = getattr(torch.optim.lr_scheduler, args.scheduler)
        # Constructor arguments the state overwrites; last_epoch=-1 sets initial_lr
        # only where the loaded groups lack it.
        needs = {"StepLR": (1,), "MultiStepLR": ([1],), "ExponentialLR": (0.5,), "CosineAnnealingLR": (1,)}
        scheduler = cls(optimizer, *needs.get(args.scheduler, ()))
        scheduler.load_state_dict(ck["scheduler"])
        # Building the scheduler stepped it once, setting the groups' lr: put back the loaded ones.
        for g, lr in zip(optimizer.param_groups, (g["lr"] for g in ck["optimizer"]["param_groups"])):
            g["lr"] = lr

    out = {"epoch": ck["epoch"], "lr": [g["lr"] for g in optimizer.param_groups], "losses": []}
    if args.batch is not None:
        batch, _ = read_safetensors(args.batch)
        x, y = batch["input"], batch["target"]
        loss_fn = nn.MSELoss() if args.loss == "mse" else nn.CrossEntropyLoss()
        for _ in range(args.steps):
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            if scheduler is not None:
                scheduler.step()
            out["losses"].append(loss.item())
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
