#!/usr/bin/env python3
"""The character-level language models of examples/text/models.mjs (a
nanoGPT-style GPT and a 2-layer LSTM) in real PyTorch 1.13: writes the
numbers test/text.parity.test.ts compares torchlet's training with, and
loads and samples from weights `npm run gpt` saved.

    /usr/bin/python3 scripts/gpt-reference.py
        # write test/text-gpt.init.safetensors, test/text-lstm.init.safetensors
        # (initial weights of the parity configs) and test/text.pytorch.json
        # (the data's vocabulary, the batches' start indices, and the first
        # 50 steps' losses of each model in float32 and float64)
    /usr/bin/python3 scripts/gpt-reference.py --load out/gpt.safetensors [--model gpt|lstm]
        # load weights torchlet saved into PyTorch's model (its state-dict
        # keys, strictly; the config is read from the file's metadata) and
        # print a sample (temperature 0.8, top-k 10, torch.multinomial)

Both sides read data/kjv.txt as UTF-8 and number its characters in sorted
order; the first 90% of the text is for training, the rest for validation
(as nanoGPT's shakespeare_char). A step draws `batch` windows of block + 1
characters at start indices this script draws and writes down, so
torchlet trains on the same batches.
"""

import importlib.util
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PARITY_STEPS = 50

_spec = importlib.util.spec_from_file_location("train_reference", os.path.join(ROOT, "scripts", "train-reference.py"))
_train_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_train_reference)
write_safetensors = _train_reference.write_safetensors
read_safetensors = _train_reference.read_safetensors

# The parity configs: small, so the init files are small and 50 steps are quick.
CONFIGS = {
    "gpt": {
        "model": "gpt", "nLayer": 2, "nHead": 4, "nEmbd": 32, "blockSize": 32, "batchSize": 8, "dropout": 0.0,
        "lr": 3e-3, "minLr": 3e-4, "warmupIters": 10, "lrDecayIters": 50, "weightDecay": 0.1,
        "betas": [0.9, 0.95], "gradClip": 1.0,
    },
    "lstm": {
        "model": "lstm", "nEmbd": 32, "hidden": 48, "numLayers": 2, "blockSize": 32, "batchSize": 8,
        "lr": 3e-3, "gradClip": 1.0,
    },
}


def load_text():
    with open(os.path.join(ROOT, "data", "kjv.txt"), encoding="utf-8") as f:
        text = f.read()
    vocab = "".join(sorted(set(text)))
    stoi = {c: i for i, c in enumerate(vocab)}
    data = torch.tensor([stoi[c] for c in text], dtype=torch.int64)
    n = int(0.9 * len(data))
    return text, vocab, data[:n], data[n:]


class CausalSelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.n_head = c["nHead"]
        self.c_attn = nn.Linear(c["nEmbd"], 3 * c["nEmbd"])
        self.c_proj = nn.Linear(c["nEmbd"], c["nEmbd"])
        self.attn_dropout = nn.Dropout(c["dropout"])
        self.resid_dropout = nn.Dropout(c["dropout"])

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        # PyTorch 1.13 has no F.scaled_dot_product_attention: its definition, written out.
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        mask = torch.ones(T, T, dtype=torch.bool).tril()
        att = att.masked_fill(~mask, float("-inf"))
        att = self.attn_dropout(F.softmax(att, dim=-1))
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        return self.resid_dropout(self.c_proj(y))


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c_fc = nn.Linear(c["nEmbd"], 4 * c["nEmbd"])
        self.gelu = nn.GELU()
        self.c_proj = nn.Linear(4 * c["nEmbd"], c["nEmbd"])
        self.dropout = nn.Dropout(c["dropout"])

    def forward(self, x):
        return self.dropout(self.c_proj(self.gelu(self.c_fc(x))))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.ln_1 = nn.LayerNorm(c["nEmbd"])
        self.attn = CausalSelfAttention(c)
        self.ln_2 = nn.LayerNorm(c["nEmbd"])
        self.mlp = MLP(c)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    def __init__(self, c, vocab_size):
        super().__init__()
        self.block_size = c["blockSize"]
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(vocab_size, c["nEmbd"]),
            wpe=nn.Embedding(c["blockSize"], c["nEmbd"]),
            drop=nn.Dropout(c["dropout"]),
            h=nn.ModuleList([Block(c) for _ in range(c["nLayer"])]),
            ln_f=nn.LayerNorm(c["nEmbd"]),
        ))
        self.lm_head = nn.Linear(c["nEmbd"], vocab_size, bias=False)
        self.transformer.wte.weight = self.lm_head.weight  # weight tying
        # nanoGPT's init: N(0, 0.02), the residual projections scaled by 1/sqrt(2 * n_layer).
        for name, p in self.named_parameters():
            if name.endswith("bias"):
                nn.init.zeros_(p)
            elif p.dim() == 2:
                std = 0.02 / math.sqrt(2 * c["nLayer"]) if name.endswith("c_proj.weight") else 0.02
                nn.init.normal_(p, 0.0, std)

    def forward(self, idx):
        T = idx.size(1)
        pos = torch.arange(T, dtype=torch.int64)
        x = self.transformer.drop(self.transformer.wte(idx) + self.transformer.wpe(pos))
        for block in self.transformer.h:
            x = block(x)
        return self.lm_head(self.transformer.ln_f(x))


class LSTMLM(nn.Module):
    def __init__(self, c, vocab_size):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, c["nEmbd"])
        self.lstm = nn.LSTM(c["nEmbd"], c["hidden"], num_layers=c["numLayers"], batch_first=True)
        self.head = nn.Linear(c["hidden"], vocab_size)

    def forward(self, idx):
        out, _ = self.lstm(self.embed(idx))
        return self.head(out)


def model_of(c, vocab_size):
    return GPT(c, vocab_size) if c["model"] == "gpt" else LSTMLM(c, vocab_size)


def get_lr_factor(c, it):
    """nanoGPT's get_lr(it) / lr: linear warm-up, then cosine decay to minLr, then minLr."""
    if it < c["warmupIters"]:
        return (it + 1) / (c["warmupIters"] + 1)
    if it > c["lrDecayIters"]:
        return c["minLr"] / c["lr"]
    ratio = (it - c["warmupIters"]) / (c["lrDecayIters"] - c["warmupIters"])
    coeff = 0.5 * (1.0 + math.cos(math.pi * ratio))
    return (c["minLr"] + coeff * (c["lr"] - c["minLr"])) / c["lr"]


def optimizer_of(c, model):
    if c["model"] == "lstm":
        return torch.optim.Adam(model.parameters(), lr=c["lr"]), None
    # Weight decay on the Linear layers' weight matrices only: not on biases, LayerNorm or the (tied) embeddings.
    decay = [p for n, p in model.named_parameters() if p.dim() == 2 and not n.startswith("transformer.w")]
    no_decay = [p for n, p in model.named_parameters() if not (p.dim() == 2 and not n.startswith("transformer.w"))]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": c["weightDecay"]}, {"params": no_decay, "weight_decay": 0.0}],
        lr=c["lr"], betas=tuple(c["betas"]),
    )
    return opt, torch.optim.lr_scheduler.LambdaLR(opt, lambda it: get_lr_factor(c, it))


def batch(data, starts, block):
    x = torch.stack([data[i : i + block] for i in starts])
    y = torch.stack([data[i + 1 : i + 1 + block] for i in starts])
    return x, y


def train_steps(c, model, train, all_starts):
    opt, sched = optimizer_of(c, model)
    losses = []
    for starts in all_starts:
        x, y = batch(train, starts, c["blockSize"])
        logits = model(x)
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), c["gradClip"])
        opt.step()
        if sched is not None:
            sched.step()
        losses.append(loss.item())
    return losses


@torch.no_grad()
def generate(model, idx, n, block, temperature=0.8, top_k=10):
    model.eval()
    for _ in range(n):
        logits = model(idx[:, -block:])[:, -1, :] / temperature
        v, _ = torch.topk(logits, min(top_k, logits.size(-1)))
        logits[logits < v[:, [-1]]] = -float("inf")
        idx = torch.cat((idx, torch.multinomial(F.softmax(logits, dim=-1), num_samples=1)), dim=1)
    return idx


def load_and_sample(path, vocab):
    sd, meta = read_safetensors(path)
    c = json.loads(meta["config"])
    model = model_of(c, len(vocab))
    if c["model"] == "gpt":
        sd.setdefault("transformer.wte.weight", sd.get("lm_head.weight"))
    model.load_state_dict(sd)  # strict: every key must be PyTorch's
    torch.manual_seed(1337)
    start = torch.tensor([[vocab.index("\n")]])
    out = generate(model, start, 400, c["blockSize"])[0].tolist()
    print(f"{path} ({c['model']}, {sum(p.numel() for p in model.parameters())} parameters) in PyTorch {torch.__version__}, a sample:")
    print("".join(vocab[i] for i in out))


def main():
    text, vocab, train, _ = load_text()
    if len(sys.argv) >= 3 and sys.argv[1] == "--load":
        load_and_sample(sys.argv[2], vocab)
        return
    torch.set_num_threads(1)
    out = {
        "generator": "scripts/gpt-reference.py",
        "torch": torch.__version__,
        "data": {
            "file": "data/kjv.txt",
            "chars": len(text),
            "vocab": vocab,
            "trainChars": len(train),
            "idSum": int(train.sum()),
            "head": train[:64].tolist(),
        },
    }
    g = torch.Generator().manual_seed(1337)
    for name, c in CONFIGS.items():
        torch.manual_seed(1234)
        init = {k: v.detach().clone() for k, v in model_of(c, len(vocab)).state_dict().items()}
        file = f"test/text-{name}.init.safetensors"
        # lm_head.weight is the same tensor as transformer.wte.weight: written once, under the embedding's key.
        write_safetensors(os.path.join(ROOT, file), {k: v for k, v in init.items() if k != "lm_head.weight"})
        starts = torch.randint(len(train) - c["blockSize"] - 1, (PARITY_STEPS, c["batchSize"]), generator=g).tolist()
        entry = {"config": c, "init": file, "keys": list(init.keys()), "starts": starts}
        for key, dtype in (("losses", torch.float32), ("losses64", torch.float64)):
            model = model_of(c, len(vocab)).to(dtype)
            model.load_state_dict(init)
            entry[key] = train_steps(c, model, train, starts)
            print(f"{name} {dtype}: loss {entry[key][0]:.4f} -> {entry[key][-1]:.4f}")
        # A sample from the initial weights: seed 42, 20 characters after a newline, temperature 0.8, top-k 10.
        model = model_of(c, len(vocab))
        model.load_state_dict(init)
        torch.manual_seed(42)
        entry["sample"] = generate(model, torch.tensor([[vocab.index("\n")]]), 20, c["blockSize"])[0, 1:].tolist()
        out[name] = entry
    path = os.path.join(ROOT, "test", "text.pytorch.json")
    with open(path, "w") as f:
        f.write(json.dumps(out, indent=1) + "\n")
    print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":
    main()
