#!/usr/bin/env python3
"""The digits models of examples/train/models.mjs, trained in real PyTorch
with the same recipe and seed: writes the numbers test/train.test.ts
compares torchlet's runs with.

    /usr/bin/python3 scripts/train-reference.py
        # write test/train.pytorch.json (per-epoch numbers of both models)
        # and the CNN parity fixture (test/train-cnn.init.safetensors and
        # the first 50 steps' losses in test/train.pytorch.json)
    /usr/bin/python3 scripts/train-reference.py --check out/digits-cnn.safetensors
        # load weights torchlet saved (npm run train) into PyTorch's model
        # (chosen by the file's "model" metadata) and print its accuracy

The recipe is what a PyTorch user writes: DataLoader(shuffle=True),
nn.CrossEntropyLoss, Adam, clip_grad_norm_ and OneCycleLR stepped per batch.
torch.manual_seed(seed) fixes the initial weights and every epoch's order
(the DataLoader's sampler draws from the default generator) and dropout's
masks; torchlet draws the same numbers, so the two runs see the same batches
and differ only by float32 rounding (sums taken in another order).
"""

import json
import os
import struct
import sys

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
RECIPES = {
    "mlp": {"epochs": 20, "batchSize": 32, "lr": 3e-3, "maxNorm": 1.0, "seed": 0, "hidden": 128},
    "cnn": {"epochs": 20, "batchSize": 64, "lr": 1e-2, "maxNorm": 1.0, "seed": 0},
}
PARITY_STEPS = 50


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


def model_of(name, hidden=128):
    if name == "mlp":
        return nn.Sequential(nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10))
    # bias=False before each BatchNorm2d, which cancels a bias (its gradient is rounding noise).
    return nn.Sequential(
        nn.Unflatten(1, (1, 8, 8)),
        nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.25), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10),
    )


ST_DTYPES = {torch.float32: "F32", torch.int64: "I64"}


def write_safetensors(path, tensors):
    header, datas, offset = {}, [], 0
    for name in sorted(tensors):
        b = tensors[name].contiguous().numpy().tobytes()
        header[name] = {"dtype": ST_DTYPES[tensors[name].dtype], "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(b)]}
        datas.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(datas))


def read_safetensors(path):
    """safetensors.torch.load_file (Python's safetensors is not installed here); returns (tensors, metadata)."""
    with open(path, "rb") as f:
        b = f.read()
    (n,) = struct.unpack("<Q", b[:8])
    header = json.loads(b[8 : 8 + n])
    metadata = header.pop("__metadata__", {})
    dtypes = {"F32": torch.float32, "I64": torch.int64, "I32": torch.int32}
    out = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        out[name] = torch.frombuffer(bytearray(b[8 + n + begin : 8 + n + end]), dtype=dtypes[info["dtype"]]).view(info["shape"])
    return out, metadata


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        return (model(x).argmax(1) == y).sum().item() / len(y)


class Run:
    """Model, optimizer, schedule and loader of one recipe, as examples/train/models.mjs builds them."""

    def __init__(self, name, xtr, ytr, init=None, dtype=torch.float32):
        r = RECIPES[name]
        torch.manual_seed(r["seed"])
        self.model = model_of(name, r.get("hidden", 128)).to(dtype)
        if init is not None:
            self.model.load_state_dict(init)
            torch.manual_seed(r["seed"])
        self.loader = DataLoader(TensorDataset(xtr, ytr), batch_size=r["batchSize"], shuffle=True)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=r["lr"])
        self.sched = torch.optim.lr_scheduler.OneCycleLR(self.opt, max_lr=r["lr"], total_steps=r["epochs"] * len(self.loader))
        self.loss_fn = nn.CrossEntropyLoss()
        self.max_norm = r["maxNorm"]

    def steps(self):
        """One epoch; yields each step's loss."""
        self.model.train()
        for x, y in self.loader:
            self.opt.zero_grad()
            loss = self.loss_fn(self.model(x), y)
            loss.backward()
            nn.utils.clip_grad_norm_(self.model.parameters(), self.max_norm)
            self.opt.step()
            self.sched.step()
            yield loss.item(), len(y)


def train(name, data):
    (xtr, ytr), (xte, yte) = data
    run, epochs = Run(name, xtr, ytr), []
    for e in range(RECIPES[name]["epochs"]):
        total = sum(loss * n for loss, n in run.steps())
        row = {"loss": total / len(ytr), "trainAccuracy": accuracy(run.model, xtr, ytr), "testAccuracy": accuracy(run.model, xte, yte)}
        epochs.append(row)
        print(f"{name} epoch {e + 1:2d}  loss {row['loss']:.4f}  train {100 * row['trainAccuracy']:5.1f}%  test {100 * row['testAccuracy']:5.2f}%")
    return epochs


def parity(data):
    """The CNN's first PARITY_STEPS losses from weights written to a file here (not torchlet's init), in
    float32 (what the example runs; rounding differences grow through Adam's steps) and in float64 (where
    the two implementations must agree to many digits)."""
    (xtr, ytr), _ = data
    torch.manual_seed(1234)
    init = {k: v.detach().clone() for k, v in model_of("cnn").state_dict().items()}
    write_safetensors(os.path.join(ROOT, "test", "train-cnn.init.safetensors"), init)
    out = {"init": "test/train-cnn.init.safetensors"}
    for name, dtype in (("losses", torch.float32), ("losses64", torch.float64)):
        run, losses = Run("cnn", xtr.to(dtype), ytr, init, dtype), []
        while len(losses) < PARITY_STEPS:
            for loss, _ in run.steps():
                losses.append(loss)
                if len(losses) == PARITY_STEPS:
                    break
        out[name] = losses
    return out


def main():
    data = load_digits()
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        sd, meta = read_safetensors(sys.argv[2])
        name = "cnn" if "cnn" in meta.get("model", "") or any(k.endswith("running_mean") for k in sd) else "mlp"
        model = model_of(name, sd["0.weight"].shape[0] if name == "mlp" else 128)
        model.load_state_dict(sd)
        (xtr, ytr), (xte, yte) = data
        print(f"{sys.argv[2]} ({name}) in PyTorch {torch.__version__}: train {accuracy(model, xtr, ytr):.4f}, test {accuracy(model, xte, yte):.4f}")
        return
    torch.set_num_threads(1)
    out = {"generator": "scripts/train-reference.py", "torch": torch.__version__}
    for name in RECIPES:
        out[name] = {"recipe": RECIPES[name], "epochs": train(name, data)}
    out["cnn"]["parity"] = parity(data)
    path = os.path.join(ROOT, "test", "train.pytorch.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
