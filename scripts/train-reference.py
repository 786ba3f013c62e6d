#!/usr/bin/env python3
"""The digits MLP of examples/train/mlp.mjs, trained in real PyTorch with the
same recipe and seed: writes test/train.pytorch.json, the per-epoch numbers
test/train.test.ts compares torchlet's run with.

    /usr/bin/python3 scripts/train-reference.py            # write the reference
    /usr/bin/python3 scripts/train-reference.py --check out/digits-mlp.safetensors
        # load weights torchlet saved (npm run train) into PyTorch's model and
        # print its test accuracy

torch.manual_seed(seed) fixes the initial weights (nn.Linear's init) and every
epoch's order (torch.randperm); torchlet draws the same numbers, so the two
runs see the same batches and differ only by float32 rounding (sums taken in
another order).
"""

import json
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
EPOCHS, BATCH, LR, HIDDEN, SEED = 20, 32, 3e-3, 128, 0


def load_digits():
    with open(os.path.join(ROOT, "data", "digits.bin"), "rb") as f:
        b = f.read()
    assert b[:8] == b"TLDIGIT1"
    n, rows, cols, n_test = struct.unpack("<IBBH", b[8:16])
    size = rows * cols
    x = torch.tensor(list(b[16 : 16 + n * size]), dtype=torch.float32).view(n, size) / 16
    y = torch.tensor(list(b[16 + n * size :]), dtype=torch.int64)
    k = n - n_test
    return (x[:k], y[:k]), (x[k:], y[k:])


def read_safetensors(path):
    """safetensors.torch.load_file for F32 tensors (Python's safetensors is not installed here)."""
    with open(path, "rb") as f:
        b = f.read()
    (n,) = struct.unpack("<Q", b[:8])
    header = json.loads(b[8 : 8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", info
        begin, end = info["data_offsets"]
        out[name] = torch.frombuffer(bytearray(b[8 + n + begin : 8 + n + end]), dtype=torch.float32).view(info["shape"])
    return out


def model_of(hidden):
    return nn.Sequential(nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10))


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(1) == y).sum().item() / len(y)


def main():
    (xtr, ytr), (xte, yte) = load_digits()
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        sd = read_safetensors(sys.argv[2])
        model = model_of(sd["0.weight"].shape[0])
        model.load_state_dict(sd)
        print(f"{sys.argv[2]} in PyTorch {torch.__version__}: train {accuracy(model, xtr, ytr):.4f}, test {accuracy(model, xte, yte):.4f}")
        return
    torch.manual_seed(SEED)
    model = model_of(HIDDEN)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    epochs = []
    n = len(ytr)
    for e in range(EPOCHS):
        perm = torch.randperm(n)
        total = 0.0
        for i in range(0, n, BATCH):
            idx = perm[i : i + BATCH]
            opt.zero_grad()
            loss = F.cross_entropy(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        row = {"loss": total / n, "trainAccuracy": accuracy(model, xtr, ytr), "testAccuracy": accuracy(model, xte, yte)}
        epochs.append(row)
        print(f"epoch {e + 1:2d}/{EPOCHS}  loss {row['loss']:.4f}  train {100 * row['trainAccuracy']:5.1f}%  test {100 * row['testAccuracy']:5.1f}%")
    out = {
        "generator": "scripts/train-reference.py",
        "torch": torch.__version__,
        "recipe": {"hidden": HIDDEN, "epochs": EPOCHS, "batchSize": BATCH, "lr": LR, "seed": SEED, "optimizer": "Adam"},
        "epochs": epochs,
    }
    path = os.path.join(ROOT, "test", "train.pytorch.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
