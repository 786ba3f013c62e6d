# PyTorch CPU as a benchmark column, one thread: bench/backends/pytorch.mjs
# runs `python3 pytorch.py` with one JSON object on stdin, {"plan": [{id,
# kind, size}], "configs": bench/data.mjs's CONFIGS}, and reads one JSON line
# from stdout, the shape bench/worker.mjs prints: {"backend", "variant",
# "info", "results": [{"id", "times"}]} with per-call milliseconds.
#
# Timing is bench/measure.mjs's, step for step (warm-up, repetitions of
# `inner` calls, per-call times), and the inputs are bench/data.mjs's values
# (its 32-bit LCG, regenerated here), so this column measures the same work
# on the same numbers as the JavaScript ones.

import json
import math
import resource
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_num_interop_threads(1)

WARMUP_MS, MIN_REP_MS, REPS, MAX_MS = 1500, 40, 11, 6000


def now_ms():
    return time.perf_counter() * 1000


def measure(fn):
    """measure.mjs's measure(): warm up, size `inner`, time REPS repetitions."""
    start = now_ms()
    calls, late_start, late_calls, t = 0, start, 0, start
    while True:
        fn()
        calls += 1
        t = now_ms()
        if t - start < WARMUP_MS * 0.75:
            late_start, late_calls = t, 0
        else:
            late_calls += 1
        if not (t - start < WARMUP_MS or calls < 3):
            break
    per_call = (t - late_start) / late_calls if late_calls > 0 else (t - start) / calls
    inner = max(1, math.ceil(MIN_REP_MS / max(per_call, 1e-6)))
    times = []
    start = now_ms()
    for _ in range(REPS):
        t0 = now_ms()
        for _ in range(inner):
            fn()
        times.append((now_ms() - t0) / inner)
        if now_ms() - start > MAX_MS and len(times) >= 5:
            break
    return times


# bench/data.mjs's generator: s = s * 1664525 + 1013904223 (mod 2^32).
A, C, MASK = 1664525, 1013904223, 0xFFFFFFFF


def lcg_states(n, seed):
    """The first n states after `seed`, in blocks: s[i + B] = A^B s[i] + C_B (mod 2^32)."""
    block = min(n, 4096)
    first = np.empty(block, dtype=np.uint64)
    s = seed & MASK
    for i in range(block):
        s = (s * A + C) & MASK
        first[i] = s
    a_b, c_b = 1, 0
    for _ in range(block):  # the map s -> A s + C composed `block` times
        a_b, c_b = (a_b * A) & MASK, (c_b * A + C) & MASK
    out = np.empty(n, dtype=np.uint64)
    out[:block] = first
    a_b, c_b = np.uint64(a_b), np.uint64(c_b)
    for i in range(block, n, block):
        prev = out[i - block : i]
        m = min(block, n - i)
        # uint64 products wrap mod 2^64, which 2^32 divides
        out[i : i + m] = (prev[:m] * a_b + c_b) & np.uint64(MASK)
    return out


def values(n, seed, scale=1.0):
    """data.mjs's scaled(n, seed, scale): float32((s / 2^31 - 1) as float32 * scale)."""
    v = (lcg_states(n, seed).astype(np.float64) / 2**31 - 1).astype(np.float32)
    if scale != 1:
        v = (v.astype(np.float64) * scale).astype(np.float32)
    return v


def ints(n, seed, high):
    return (lcg_states(n, seed) % np.uint64(high)).astype(np.int64)


def tensor(data, shape):
    return torch.from_numpy(np.ascontiguousarray(data)).reshape(shape)


def inputs(cfg, *names):
    out = {}
    for name in names or cfg["inputs"].keys():
        kind, shape, seed, arg = cfg["inputs"][name]
        n = math.prod(shape)
        out[name] = tensor(ints(n, seed, arg) if kind == "int" else values(n, seed, arg), shape)
    return out


def params(cfg):
    out = {}
    for i, (name, shape, init) in enumerate(cfg["params"]):
        n = math.prod(shape)
        if init == "ones":
            data = np.ones(n, dtype=np.float32)
        elif init == "zeros":
            data = np.zeros(n, dtype=np.float32)
        else:
            data = values(n, cfg["seed"] + i, init)
        out[name] = tensor(data, shape).requires_grad_()
    return out


def grads_of(out, wrt, g):
    torch.autograd.grad(out, wrt, g)


def case_matmul(cfg, n):
    a, b = tensor(values(n * n, 1), [n, n]), tensor(values(n * n, 2), [n, n])
    return lambda: torch.mm(a, b)


def case_elementwise(cfg, n):
    a, b = tensor(values(n, 3), [n]), tensor(values(n, 4), [n])
    return lambda: torch.add(torch.mul(torch.exp(a), b), a)


def case_seed(cfg, _):
    x, y = torch.ones(5), torch.zeros(3)
    w = tensor(values(15, 5), [5, 3]).requires_grad_()
    b = tensor(values(3, 6), [3]).requires_grad_()

    def run():
        F.binary_cross_entropy_with_logits(x @ w + b, y).backward()

    return run


def mlp_step(cfg):
    m = cfg["MLP"]
    batch, inputs_, hidden, classes = m["batch"], m["inputs"], m["hidden"], m["classes"]
    model = torch.nn.Sequential(
        torch.nn.Linear(inputs_, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, classes)
    )
    with torch.no_grad():
        model[0].weight.copy_(tensor(values(hidden * inputs_, 8, 1 / math.sqrt(inputs_)), [hidden, inputs_]))
        model[0].bias.copy_(tensor(values(hidden, 9, 1 / math.sqrt(inputs_)), [hidden]))
        model[2].weight.copy_(tensor(values(classes * hidden, 10, 1 / math.sqrt(hidden)), [classes, hidden]))
        model[2].bias.copy_(tensor(values(classes, 11, 1 / math.sqrt(hidden)), [classes]))
    x = tensor(values(batch * inputs_, 7), [batch, inputs_])
    labels = torch.tensor([(i * 7) % classes for i in range(batch)])
    opt = torch.optim.SGD(model.parameters(), lr=m["lr"])

    def run():
        opt.zero_grad()
        F.cross_entropy(model(x), labels).backward()
        opt.step()

    return run


def case_mlp(cfg, _):
    return mlp_step(cfg)


def case_batchnorm(cfg, _):
    bn = cfg["BN"]
    shape = [bn["batch"], bn["channels"], bn["size"], bn["size"]]
    n = math.prod(shape)
    x = tensor(values(n, 5), shape).requires_grad_()
    g = tensor(values(n, 6), shape)
    w = tensor(values(bn["channels"], 7), [bn["channels"]]).requires_grad_()
    b = tensor(values(bn["channels"], 8), [bn["channels"]]).requires_grad_()
    rm, rv = torch.zeros(bn["channels"]), torch.ones(bn["channels"])
    return lambda: grads_of(F.batch_norm(x, rm, rv, w, b, training=True), [x, w, b], g)


def conv_inputs(cfg, grad):
    c = cfg["CONV"]
    n, ch, s, k = c["batch"], c["channels"], c["size"], c["kernel"]
    x = tensor(values(n * ch * s * s, 5), [n, ch, s, s]).requires_grad_(grad)
    w = tensor(values(ch * ch * k * k, 6), [ch, ch, k, k]).requires_grad_(grad)
    b = tensor(values(ch, 7), [ch]).requires_grad_(grad)
    return x, w, b


def case_conv2d(cfg, _):
    x, w, b = conv_inputs(cfg, False)
    return lambda: F.conv2d(x, w, b, padding=1)


def case_conv2dTrain(cfg, _):
    x, w, b = conv_inputs(cfg, True)
    return lambda: F.conv2d(x, w, b, padding=1).sum().backward()


def case_lenet(cfg, _):
    c = cfg["LENET"]
    d = inputs(c)
    p = params(c)
    opt = torch.optim.SGD(p.values(), lr=c["lr"])

    def run():
        opt.zero_grad()
        h = F.max_pool2d(F.relu(F.conv2d(d["x"], p["conv1.weight"], p["conv1.bias"])), 2)
        h = F.max_pool2d(F.relu(F.conv2d(h, p["conv2.weight"], p["conv2.bias"])), 2).flatten(1)
        h = F.relu(F.linear(h, p["fc1.weight"], p["fc1.bias"]))
        h = F.relu(F.linear(h, p["fc2.weight"], p["fc2.bias"]))
        F.cross_entropy(F.linear(h, p["fc3.weight"], p["fc3.bias"]), d["labels"]).backward()
        opt.step()

    return run


def case_resblock(cfg, _):
    c = cfg["RESBLOCK"]
    d = inputs(c)
    x, g = d["x"].requires_grad_(), d["g"]
    p = params(c)
    stats = [(torch.zeros(c["channels"]), torch.ones(c["channels"])) for _ in range(2)]
    wrt = [x, *p.values()]

    def bn(h, i):
        return F.batch_norm(h, *stats[i], p[f"bn{i + 1}.weight"], p[f"bn{i + 1}.bias"], training=True)

    def run():
        h = F.relu(bn(F.conv2d(x, p["conv1.weight"], None, padding=1), 0))
        out = F.relu(bn(F.conv2d(h, p["conv2.weight"], None, padding=1), 1) + x)
        grads_of(out, wrt, g)

    return run


def causal_attention(q, k, v, mask):
    """PyTorch 1.13 has no scaled_dot_product_attention: nanoGPT's composed form."""
    att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
    att = att.masked_fill(mask, float("-inf"))
    return F.softmax(att, dim=-1) @ v


def causal_mask(t):
    return torch.ones(t, t, dtype=torch.bool).triu(1)


def case_attention(cfg, _):
    c = cfg["ATTN"]
    d = inputs(c)
    q, k, v = (d[n].requires_grad_() for n in "qkv")
    mask = causal_mask(c["seq"])
    return lambda: grads_of(causal_attention(q, k, v, mask), [q, k, v], d["g"])


def case_lstm(cfg, _):
    c = cfg["LSTM_LM"]
    d = inputs(c)
    p = params(c)
    lstm = torch.nn.LSTM(c["embed"], c["hidden"], num_layers=c["layers"], batch_first=True)
    with torch.no_grad():
        for name, t in lstm.named_parameters():
            t.copy_(p["lstm." + name])
    plist = [p["embedding.weight"], *lstm.parameters(), p["head.weight"], p["head.bias"]]
    opt = torch.optim.Adam(plist, lr=c["lr"])
    targets = d["targets"].view(-1)

    def run():
        opt.zero_grad()
        out, _ = lstm(F.embedding(d["tokens"], p["embedding.weight"]))
        logits = F.linear(out, p["head.weight"], p["head.bias"])
        F.cross_entropy(logits.view(-1, c["vocab"]), targets).backward()
        opt.step()

    return run


def case_gpt(cfg, _):
    c = cfg["GPT"]
    b, t, ch, heads = c["batch"], c["block"], c["embd"], c["heads"]
    d = inputs(c)
    p = params(c)
    pos = torch.arange(t)
    targets = d["targets"].view(-1)
    mask = causal_mask(t)
    all_ = list(p.values())
    opt = torch.optim.AdamW(
        [
            {"params": [w for w in all_ if w.dim() >= 2], "weight_decay": c["weightDecay"]},
            {"params": [w for w in all_ if w.dim() < 2], "weight_decay": 0.0},
        ],
        lr=c["lr"],
    )

    def ln(x, name):
        return F.layer_norm(x, [ch], p[name + ".weight"], p[name + ".bias"])

    def lin(x, name):
        return F.linear(x, p[name + ".weight"], p[name + ".bias"])

    def split_heads(x):
        return x.view(b, t, heads, ch // heads).transpose(1, 2)

    def run():
        opt.zero_grad()
        x = F.embedding(d["tokens"], p["wte.weight"]) + F.embedding(pos, p["wpe.weight"])
        for l in range(c["layers"]):
            q, k, v = map(split_heads, lin(ln(x, f"h.{l}.ln_1"), f"h.{l}.attn.c_attn").split(ch, 2))
            y = causal_attention(q, k, v, mask).transpose(1, 2).contiguous().view(b, t, ch)
            x = x + lin(y, f"h.{l}.attn.c_proj")
            x = x + lin(F.gelu(lin(ln(x, f"h.{l}.ln_2"), f"h.{l}.mlp.c_fc")), f"h.{l}.mlp.c_proj")
        logits = F.linear(ln(x, "ln_f"), p["wte.weight"])
        F.cross_entropy(logits.view(-1, c["vocab"]), targets).backward()
        torch.nn.utils.clip_grad_norm_(all_, 1.0)
        opt.step()

    return run


def indexing(cfg, index_name):
    d = inputs(cfg["INDEXING"], "table", index_name, "g")
    return d["table"].requires_grad_(), d[index_name], d["g"]


def case_indexSelect(cfg, _):
    table, index, g = indexing(cfg, "index")
    return lambda: grads_of(torch.index_select(table, 0, index), [table], g)


def case_gather(cfg, _):
    table, index, g = indexing(cfg, "gatherIndex")
    return lambda: grads_of(torch.gather(table, 0, index), [table], g)


def case_embedding(cfg, _):
    table, index, g = indexing(cfg, "index")
    return lambda: grads_of(F.embedding(index, table), [table], g)


def blas():
    """The BLAS library this process loaded (Debian's torch calls libblas.so.3,
    whichever implementation the alternatives system points it at), or
    torch's own build setting when none is mapped."""
    import os

    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line.split()[-1]}
    real = sorted({os.path.realpath(lib) for lib in libs if lib.startswith("/")})
    if not real:
        return "built in"
    # Debian's libblas3 (netlib's reference BLAS, unblocked loops) lives in .../blas/.
    kinds = {"openblas": "OpenBLAS", "mkl": "MKL", "blis": "BLIS", "/blas/libblas": "reference BLAS (netlib)"}
    kind = next((name for key, name in kinds.items() if any(key in lib for lib in real)), "unknown")
    return f"{kind}: {', '.join(real)}"


def main():
    request = json.load(sys.stdin)
    cfg = request["configs"]
    results = []
    for row in request["plan"]:
        if row["kind"] == "rss":
            step = mlp_step(cfg)
            for _ in range(cfg["RSS_STEPS"]):
                step()
            results.append({"id": row["id"], "times": [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]})
            continue
        make = globals().get("case_" + row["kind"])
        if make is None:
            continue  # n/a for this column
        results.append({"id": row["id"], "times": measure(make(cfg, row["size"]))})
    info = {"version": torch.__version__, "threads": torch.get_num_threads(), "blas": blas()}
    print(json.dumps({"backend": "pytorch", "variant": "cpu", "info": info, "results": results}))


if __name__ == "__main__":
    main()
