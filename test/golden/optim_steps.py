"""What gen_optim.py and gen_optim2.py share: an optimizer run over fixed
parameters and gradients (PyTorch 1.13's single-tensor implementations,
foreach=False)."""
import torch

from common import rand

SHAPES = [[3, 4], [4], [37]]  # 37: a vectorised body and a scalar tail in PyTorch's kernels


def run_steps(cls, kwargs, steps, dtype=torch.float32, groups=None):
    """Runs `steps` steps of cls(**kwargs) (or over `groups`, each {"idx", "opts"});
    returns the parameters, the optimizer, the starting values, the grads of
    each step and the parameters after each step."""
    params = [(rand(s, 100 + i, dtype=dtype) / 2).requires_grad_(True) for i, s in enumerate(SHAPES)]
    start = [p.detach().clone() for p in params]
    grads = [[rand(s, 1000 + 10 * k + i, dtype=dtype) for i, s in enumerate(SHAPES)] for k in range(steps)]
    if groups is None:
        opt = cls(params, foreach=False, **kwargs)
    else:
        opt = cls([{"params": [params[i] for i in g["idx"]], **g["opts"]} for g in groups], foreach=False, **kwargs)
    history = []
    for k in range(steps):
        for p, g in zip(params, grads[k]):
            p.grad = g.clone()
        opt.step()
        history.append([p.detach().clone() for p in params])
    return params, opt, start, grads, history
