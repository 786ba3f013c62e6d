"""The autograd tour (examples/autograd-tour) run in real PyTorch: the cells of
the five seed notebooks in ../shared/seeds, in one session seeded with
torch.manual_seed(0), each cell's printed output captured. grad_fn addresses
("object at 0x...") are dropped, as torchlet prints none.
"""
import contextlib
import io
import json
import os
import re
import torch
from torch.autograd.functional import jacobian

HERE = os.path.dirname(os.path.abspath(__file__))
cells = []
edits = []
g = {"torch": torch, "jacobian": jacobian}


def cell(name, src):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(src, g)
    out = re.sub(r" at 0x[0-9a-fA-F]+>", ">", buf.getvalue())
    cells.append({"name": name, "output": out})


def edit(name, src):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(src, dict(g))
    edits.append({"name": name, "output": re.sub(r" at 0x[0-9a-fA-F]+>", ">", buf.getvalue())})


cell("setup", "torch.manual_seed(0)")
cell("bce", """
x = torch.ones(5)  # input tensor
y = torch.zeros(3)  # expected output
w = torch.randn(5, 3, requires_grad=True)
b = torch.randn(3, requires_grad=True)
z = torch.matmul(x, w) + b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
print(f"x:{x},\\n w:{w},\\n b:{b},\\n z:{z},\\n loss:{loss}")
""")
cell("grad_fns", """
print(f"Gradient function for z = {z.grad_fn}")
print(f"Gradient function for loss = {loss.grad_fn}")
""")
cell("bce_backward", """
loss.backward()
print(w.grad)
print(b.grad)
""")
cell("no_grad", """
z = torch.matmul(x, w) + b
print(z.requires_grad)
with torch.no_grad():
    z = torch.matmul(x, w) + b
print(z.requires_grad)
""")
cell("detach", """
z = torch.matmul(x, w) + b
z_det = z.detach()
print(z_det.requires_grad)
""")
# Grads accumulate over backward calls until zeroed: the notebook's cell, and
# the same on a non-square input seen through a transpose.
ACCUMULATE = """
inp = {inp}
out = {out}
out.backward(torch.ones_like({like}), retain_graph=True)
print(f"First call\\n{{inp.grad}}")
out.backward(torch.ones_like({like}), retain_graph=True)
print(f"\\nSecond call\\n{{inp.grad}}")
inp.grad.zero_()
out.backward(torch.ones_like({like}), retain_graph=True)
print(f"\\nCall after zeroing gradients\\n{{inp.grad}}")
"""
cell("accumulate", ACCUMULATE.format(inp="torch.eye(5, requires_grad=True)", out="(inp + 1).pow(2)", like="inp"))
cell("accumulate_t", ACCUMULATE.format(inp="torch.eye(4, 5, requires_grad=True)", out="(inp + 1).pow(2).t()", like="out"))
cell("jacobian", """
def exp_reducer(x):
    return x.exp().sum(dim=1)

inputs = torch.rand(2, 3)
print(jacobian(exp_reducer, inputs))
""")
cell("ones", """
x = torch.ones(2, 2, requires_grad=True)
print(x)
print(x.grad_fn)
""")
cell("add", """
y = x + 2
print(y)
print(y.grad_fn)
print(x.is_leaf, y.is_leaf)
""")
cell("mul_mean", """
z = y * y * 3
out = z.mean()
print(z, out)
""")
# The same cell as a reader edits it in the web page (test/web/tour.test.ts),
# run on a copy of the session's globals so the cells after it see none of it.
edit("mul_mean", """
z = y * y * 4
out = z.mean()
print(z, out)
""")
cell("requires_grad_method", """
a = torch.randn(2, 2)
a = ((a * 3) / (a - 1))
print(a.requires_grad)
a.requires_grad_(True)
print(a.requires_grad)
b = (a * a).sum()
print(b.grad_fn)
""")
cell("backward", """
out.backward()
print(x.grad)
""")
cell("accumulate_sum", """
out2 = x.sum()
out2.backward()
print(x.grad)

out3 = x.sum()
x.grad.data.zero_()
out3.backward()
print(x.grad)
""")
cell("view_vjp", """
x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
y = 2 * x
z = y.view(2, 2)
print(z)
v = torch.tensor([[1.0, 0.1], [0.01, 0.001]], dtype=torch.float)
z.backward(v)
print(x.grad)
""")
cell("vjp_loop", """
x = torch.randn(3, requires_grad=True)

y = x * 2
while y.data.norm() < 1000:
    y = y * 2

print(y)
""")
cell("vjp_backward", """
v = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
y.backward(v)

print(x.grad)
""")
cell("requires_grad_flags", """
print(x.requires_grad)
print((x ** 2).requires_grad)

with torch.no_grad():
    print((x ** 2).requires_grad)
""")
cell("scalar_no_grad", """
x = torch.tensor(1.0, requires_grad=True)
y1 = x ** 2
with torch.no_grad():
    y2 = x ** 3
y3 = y1 + y2

print(x.requires_grad)
print(y1, y1.requires_grad)
print(y2, y2.requires_grad)
print(y3, y3.requires_grad)
""")

with open(os.path.join(HERE, "tour.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cells": cells, "edits": edits}, f, indent=1)
    f.write("\n")
print(f"wrote tour.json: {len(cells)} cells")
