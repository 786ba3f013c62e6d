"""Golden data for the cross-runtime training smoke test
(test/conformance/families/training.ts): a two-layer net trained for a few
steps of plain SGD by hand (w = w - lr * grad under no_grad) on fixed data,
with the elementwise, reduction and view ops only (a broadcast multiply and a
sum stand in for matmul). Records the loss after every step and the final
parameters. The JS twin runs the same program in every runtime."""
import torch

from common import Recorder, rand

r = Recorder("training")


def train(steps, lr, dtype):
    x = rand([16, 3], 11, dtype=dtype)
    y = rand([16], 14, dtype=dtype)
    W1 = (rand([3, 4], 12, dtype=dtype) / 2).requires_grad_(True)
    w2 = (rand([4], 13, dtype=dtype) / 2).requires_grad_(True)
    b = torch.zeros(1, dtype=dtype).requires_grad_(True)
    start = {"x": x, "y": y, "W1_0": W1.detach().clone(), "w2_0": w2.detach().clone()}
    losses = []
    for _ in range(steps):
        h = torch.tanh((x.unsqueeze(2) * W1).sum(1))   # [16, 4]
        pred = (h * w2).sum(1) + b                      # [16]
        loss = ((pred - y) ** 2).mean()
        loss.backward()
        losses.append(loss.item())
        with torch.no_grad():
            W1 = (W1 - lr * W1.grad).requires_grad_(True)
            w2 = (w2 - lr * w2.grad).requires_grad_(True)
            b = (b - lr * b.grad).requires_grad_(True)
    return {**start, "losses": torch.tensor(losses, dtype=dtype), "W1": W1, "w2": w2, "b": b}


r.add("sgd_float32", steps=20, lr=0.25, **train(20, 0.25, torch.float32))
r.add("sgd_float32_inexact", steps=20, lr=0.3, **train(20, 0.3, torch.float32))
r.add("sgd_float64", steps=20, lr=0.25, **train(20, 0.25, torch.float64))


# Drift probes: products of values that are not short binary fractions, so a
# fused multiply-add (one rounding) and a multiply then add (two) give
# different float32 results. The golden inputs above are exact by design and
# cannot show that difference; these sizes cover the micro-kernel's tiles and
# tails (mm), gemv (mv) and a long dot.
def inexact(shape, seed):
    g = torch.Generator().manual_seed(seed)
    return (torch.randint(-1000, 1001, shape, generator=g).to(torch.float64) / 997).to(torch.float32)


a, b = inexact([33, 65], 21), inexact([65, 31], 22)
v, u = inexact([65], 23), inexact([1000], 24)
w = inexact([1000], 25)
r.add("fma_probe", A=a, B=b, v=v, u=u, w=w, mm=a @ b, mv=a @ v, dot=u @ w)
r.write()
