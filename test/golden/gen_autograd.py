"""Golden data for the autograd engine's contract (test/autograd-*.test.ts).

Each case is a small program; the test file has its JS twin under the same
name. Values are exact in float32 where possible so the programs see the
same inputs in both languages.
"""
import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp
from common import Recorder

r = Recorder("autograd")
T = torch.tensor


def s(t):
    return str(t)


def node_name(fn):
    return None if fn is None else type(fn).__name__


# --- the seed notebooks' cells -------------------------------------------------
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
prints = [s(x), s(y), node_name(y.grad_fn), s(z), s(out), str(x.is_leaf), str(y.is_leaf)]
out.backward()
prints.append(s(x.grad))
r.add("seed_tour", prints=prints)

inp = torch.eye(5, requires_grad=True)
o = (inp + 1).pow(2)
o.backward(torch.ones_like(inp), retain_graph=True)
first = s(inp.grad)
o.backward(torch.ones_like(inp), retain_graph=True)
second = s(inp.grad)
inp.grad.zero_()
o.backward(torch.ones_like(inp), retain_graph=True)
r.add("seed_accumulate", prints=[first, second, s(inp.grad)])

x = T([1.0, 2.0, 3.0, 4.0], requires_grad=True)
y = 2 * x
z = y.view(2, 2)
v = T([[1.0, 0.1], [0.01, 0.001]], dtype=torch.float)
zs = s(z)
z.backward(v)
r.add("seed_view_vjp", prints=[zs, s(x.grad)], grad=x.grad)

x = T(1.0, requires_grad=True)
y1 = x ** 2
with torch.no_grad():
    y2 = x ** 3
y3 = y1 + y2
r.add("seed_no_grad", prints=[str(x.requires_grad), s(y1), str(y1.requires_grad), s(y2), str(y2.requires_grad), s(y3), str(y3.requires_grad)])

x = torch.ones(2, 2, requires_grad=True)
out = (3 * (x + 2) * (x + 2)).mean()
out.backward()
out2 = x.sum()
out2.backward()
a = s(x.grad)
out3 = x.sum()
x.grad.data.zero_()
out3.backward()
r.add("seed_grad_data_zero", prints=[a, s(x.grad)])

# --- errors ----------------------------------------------------------------------
def second_backward():
    x = T([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    y.backward()
    y.backward()
r.error("error_second_backward", second_backward)

def nonscalar():
    x = T([1.0, 2.0], requires_grad=True)
    (x * 2).backward()
r.error("error_nonscalar", nonscalar)

def no_grad_output():
    T([1.0, 2.0]).sum().backward()
r.error("error_no_grad", no_grad_output)

def unused():
    x = T([1.0], requires_grad=True)
    y = T([2.0], requires_grad=True)
    torch.autograd.grad((x * 2).sum(), [x, y])
r.error("error_unused", unused)

def nonleaf_requires_grad():
    x = T([1.0], requires_grad=True)
    (x * 2).requires_grad_(False)
r.error("error_nonleaf_requires_grad", nonleaf_requires_grad)

def int_requires_grad():
    T([1, 2]).requires_grad_(True)
r.error("error_int_requires_grad", int_requires_grad)

def shape_mismatch():
    x = T([1.0, 2.0], requires_grad=True)
    (x * 2).backward(T([1.0, 2.0, 3.0]))
r.error("error_grad_shape", shape_mismatch)

# --- accumulation, sharing, hooks ---------------------------------------------------
x = T([1.0, -2.0, 3.0], requires_grad=True)
y = x * x          # reused twice below: a shared subgraph
z = (y + y * x).sum()
z.backward()
r.add("shared_subgraph", grad=x.grad)

x = T([1.0, 2.0], requires_grad=True)
seen = []
x.register_hook(lambda g: seen.append(g.clone()))
y = x * 3
h = y.register_hook(lambda g: g * 10)
y.sum().backward()
r.add("hooks", grad=x.grad, seen=seen[0])

x = T([1.0, 2.0], requires_grad=True)
y = x * 3
y.retain_grad()
w = (y * y).sum()
w.backward()
r.add("retain_grad", ygrad=y.grad, xgrad=x.grad, retains=y.retains_grad)

x = T([1.0, 2.0], requires_grad=True)
w = T([3.0, 4.0], requires_grad=True)
(x * w).sum().backward(inputs=[x])
r.add("backward_inputs", xgrad=x.grad, wgrad_is_none=w.grad is None)

# --- detach / data ------------------------------------------------------------------
x = T([1.0, 2.0], requires_grad=True)
y = x * 2
d = y.detach()
r.add("detach", prints=[str(d.requires_grad), str(d.is_leaf), s(d), str(y.data.requires_grad), str(x.data.is_leaf)])

# --- autograd.grad and higher order -------------------------------------------------------
x = T([1.0, 2.0, 3.0], requires_grad=True)
y = (x ** 3).sum()
(g,) = torch.autograd.grad(y, x, create_graph=True)
(g2,) = torch.autograd.grad(g.sum(), x)
r.add("grad_of_grad", g=g, g2=g2, gfn=node_name(g.grad_fn))

x = T([0.5, -1.0], requires_grad=True)
y = T([2.0, 3.0], requires_grad=True)
gx, gy = torch.autograd.grad((x * y).exp().sum(), [x, y], allow_unused=True)
r.add("grad_two_inputs", gx=gx, gy=gy)
gx, gz = torch.autograd.grad((x * 2).sum(), [x, y], allow_unused=True)
r.add("grad_allow_unused", gx=gx, gz_is_none=gz is None)

x = T([1.0, 2.0], requires_grad=True)
y = (x * x).sum()
y.backward(create_graph=True)
gx = x.grad
gfn = node_name(gx.grad_fn)
x.grad = None
gx.sum().backward()
r.add("backward_create_graph", first=gx, second=x.grad, gfn=gfn)

# --- functional -------------------------------------------------------------------------
def exp_reducer(x):
    return x.exp().sum(dim=1)
inputs = T([[0.5, 0.25, -0.5], [1.0, 0.0, -1.0]])
r.add("jacobian_exp_reducer", jac=jacobian(exp_reducer, inputs), printed=s(jacobian(exp_reducer, inputs)))

def two(a, b):
    return (a * b).sum(0), a.exp()
a = T([[1.0, 2.0], [3.0, 4.0]]) / 4
b = T([[0.5, -1.0], [2.0, 0.25]])
jj = jacobian(two, (a, b))
r.add("jacobian_tuple", j00=jj[0][0], j01=jj[0][1], j10=jj[1][0], j11=jj[1][1])

def cube(x):
    return (x ** 3).sum()
xh = T([1.0, -2.0, 0.5])
r.add("hessian_cube", h=hessian(cube, xh))
o, vv = vjp(lambda x: x * x, T([1.0, 2.0]), T([1.0, 0.5]))
r.add("vjp_square", out=o, vjp=vv)
o, vv = jvp(lambda x: x * x * x, T([1.0, 2.0]), T([1.0, 0.5]))
r.add("jvp_cube", out=o, jvp=vv)
o, vv = hvp(cube, xh, T([1.0, 0.0, 2.0]))
r.add("hvp_cube", out=o, hvp=vv)
o, vv = vhp(cube, xh, T([1.0, 0.0, 2.0]))
r.add("vhp_cube", out=o, vhp=vv)

r.write()
