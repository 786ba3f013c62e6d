"""Golden data for torch.autograd.Function subclasses and
Module.register_full_backward_hook (test/autograd.function.test.ts).

Each case names a program the test writes the same way in torchlet (the
conformance family autograd_function): its outputs, grad_fn names, the
grads of its leaves, what ctx.needs_input_grad said, what the hooks saw,
or the error PyTorch raises."""
import torch

from common import Recorder, rand

r = Recorder("autograd_function")


class MyExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, g):
        (y,) = ctx.saved_tensors
        return g * y


class ScaleShift(torch.autograd.Function):
    """Non-tensor arguments, and needs_input_grad."""

    @staticmethod
    def forward(ctx, x, alpha, b):
        ctx.alpha = alpha
        ctx.save_for_backward(x, b)
        ctx.needs = list(ctx.needs_input_grad)
        return x * alpha + b

    @staticmethod
    def backward(ctx, g):
        x, b = ctx.saved_tensors
        return g * ctx.alpha, None, g if ctx.needs_input_grad[2] else None


class TwoOut(torch.autograd.Function):
    """Two outputs; backward gets zeros for the one the loss does not use."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * 2, x.sin()

    @staticmethod
    def backward(ctx, g1, g2):
        (x,) = ctx.saved_tensors
        return g1 * 2 + g2 * x.cos()


class WithMask(torch.autograd.Function):
    """A non-differentiable second output."""

    @staticmethod
    def forward(ctx, x):
        mask = (x > 0).to(x.dtype)
        ctx.mark_non_differentiable(mask)
        ctx.save_for_backward(mask)
        return x * mask, mask

    @staticmethod
    def backward(ctx, g, _gm):
        (mask,) = ctx.saved_tensors
        return g * mask


class Bad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x * y

    @staticmethod
    def backward(ctx, g):
        return g


x23 = rand([2, 3], 1)
y23 = rand([2, 3], 2)
b3 = rand([3], 3)

x = x23.clone().requires_grad_()
y = MyExp.apply(x)
loss = (y * y23).sum()
loss.backward()
r.add("exp", out=y, grad_fn=type(y.grad_fn).__name__, next=[type(f).__name__ for f, _ in y.grad_fn.next_functions],
      grad_x=x.grad, x=x23, w=y23)

x = x23.clone().requires_grad_()
b = b3.clone()
out = ScaleShift.apply(x, 2.5, b)
out.backward(y23)
r.add("scale_shift_b_no_grad", out=out, grad_fn=type(out.grad_fn).__name__, grad_x=x.grad, x=x23, b=b3, g=y23)

x = x23.clone().requires_grad_()
b = b3.clone().requires_grad_()
out = ScaleShift.apply(x, -0.5, b)
out.backward(y23)
r.add("scale_shift_b_grad", out=out, grad_x=x.grad, grad_b=b.grad, x=x23, b=b3, g=y23)

x = x23.clone().requires_grad_()
p, q = TwoOut.apply(x)
(p * y23).sum().backward()
r.add("two_outputs_first_used", out0=p, out1=q, grad_fns=[type(p.grad_fn).__name__, type(q.grad_fn).__name__],
      grad_x=x.grad, x=x23, w=y23)
x.grad = None
p, q = TwoOut.apply(x)
(p * y23 + q).sum().backward()
r.add("two_outputs_both_used", grad_x=x.grad, x=x23, w=y23)

x = x23.clone().requires_grad_()
v, m = WithMask.apply(x)
(v * y23).sum().backward()
r.add("mark_non_differentiable", out=v, mask=m, mask_requires_grad=m.requires_grad, grad_x=x.grad, x=x23, w=y23)

x = x23.clone().requires_grad_()
with torch.no_grad():
    ng = MyExp.apply(x)
r.add("no_grad", requires_grad=ng.requires_grad, grad_fn=str(ng.grad_fn), x=x23)

x = x23.clone().requires_grad_()
yb = x23.clone().requires_grad_()
r.error("wrong_number_of_grads", lambda: Bad.apply(x, yb).sum().backward(), x=x23)

x = x23.clone().requires_grad_()
e = MyExp.apply(x)
with torch.no_grad():
    e.mul_(2)
r.error("saved_output_modified", lambda: e.sum().backward(), x=x23)


# ---- register_full_backward_hook -----------------------------------------------------------

def linear():
    torch.manual_seed(0)
    lin = torch.nn.Linear(3, 2)
    with torch.no_grad():
        lin.weight.copy_(rand([2, 3], 10))
        lin.bias.copy_(rand([2], 11))
    return lin


lin = linear()
seen = []
lin.register_full_backward_hook(lambda m, gi, go: seen.append((list(gi), list(go))))
x = x23.clone().requires_grad_()
out = lin(x)
(out * rand([2, 2], 12)).sum().backward()
r.add("hook_linear", grad_fn=type(out.grad_fn).__name__, grad_input=seen[0][0], grad_output=seen[0][1], grad_x=x.grad,
      grad_w=lin.weight.grad, x=x23, w=lin.weight, b=lin.bias, g=rand([2, 2], 12), calls=len(seen))

lin = linear()
lin.register_full_backward_hook(lambda m, gi, go: (gi[0] * 3,))
x = x23.clone().requires_grad_()
(lin(x) * rand([2, 2], 12)).sum().backward()
r.add("hook_replaces_grad_input", grad_x=x.grad, grad_w=lin.weight.grad, x=x23, w=lin.weight, b=lin.bias,
      g=rand([2, 2], 12))

lin = linear()
seen = []
lin.register_full_backward_hook(lambda m, gi, go: seen.append((list(gi), list(go))))
out = lin(x23)
(out * rand([2, 2], 12)).sum().backward()
r.add("hook_input_without_grad", grad_input=seen[0][0], grad_output=seen[0][1], x=x23, w=lin.weight, b=lin.bias,
      g=rand([2, 2], 12))


class Mul(torch.nn.Module):
    def forward(self, a, s, b):
        return a * b * s


m = Mul()
seen = []
m.register_full_backward_hook(lambda mod, gi, go: seen.append((list(gi), list(go))))
a = x23.clone().requires_grad_()
bb = y23.clone().requires_grad_()
m(a, 2.0, bb).backward(rand([2, 3], 13))
r.add("hook_two_tensor_args", grad_input=seen[0][0], grad_output=seen[0][1], a=x23, b=y23, g=rand([2, 3], 13))

lin = linear()
r.error("hook_wrong_count", lambda: (lin.register_full_backward_hook(lambda m, gi, go: (gi[0], gi[0])),
                                     lin(x23.clone().requires_grad_()).sum().backward()))
r.write()
