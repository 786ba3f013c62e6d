"""Golden data for torch.optim (test/optim.test.ts): SGD, Adam and AdamW over
several steps with fixed gradients, for every option, recording the
parameters after each step and the final state. PyTorch 1.13's
single-tensor implementations (foreach=False, the CPU default)."""
import torch

from common import Recorder, tensor_json
from optim_steps import run_steps

r = Recorder("optim")

STEPS = 5


def run(name, cls, kwargs, dtype=torch.float32, groups=None):
    params, opt, start, grads, history = run_steps(cls, kwargs, STEPS, dtype, groups)
    state = []
    for i, p in enumerate(params):
        st = opt.state[p]
        state.append({k: (v.item() if k == "step" else tensor_json(v)) for k, v in st.items() if v is not None})
    r.add(name, optimizer=cls.__name__, kwargs=kwargs, groups=groups, dtype=str(dtype).split(".")[1], start=start,
          grads=grads, history=history, state=state)


for name, kw in [
    ("sgd_plain", dict(lr=0.1)),
    ("sgd_momentum", dict(lr=0.1, momentum=0.9)),
    ("sgd_momentum_dampening", dict(lr=0.05, momentum=0.8, dampening=0.3)),
    ("sgd_nesterov", dict(lr=0.1, momentum=0.9, nesterov=True)),
    ("sgd_nesterov_weight_decay", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("sgd_weight_decay", dict(lr=0.2, weight_decay=0.05)),
    ("sgd_maximize", dict(lr=0.1, momentum=0.5, weight_decay=0.01, maximize=True)),
]:
    run(name, torch.optim.SGD, kw)
run("sgd_float64", torch.optim.SGD, dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01), dtype=torch.float64)
run("sgd_groups", torch.optim.SGD, dict(lr=0.1, momentum=0.9),
    groups=[{"idx": [0], "opts": {}}, {"idx": [1, 2], "opts": {"lr": 0.01, "nesterov": True}}])

for cls in [torch.optim.Adam, torch.optim.AdamW]:
    n = cls.__name__.lower()
    for name, kw in [
        ("default", dict()),
        ("lr_betas_eps", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6)),
        ("weight_decay", dict(lr=0.01, weight_decay=0.1)),
        ("amsgrad", dict(lr=0.01, amsgrad=True)),
        ("maximize", dict(lr=0.01, maximize=True, weight_decay=0.05)),
    ]:
        run(f"{n}_{name}", cls, kw)
    run(f"{n}_float64", cls, dict(lr=0.01, weight_decay=0.1, amsgrad=True), dtype=torch.float64)
run("adam_groups", torch.optim.Adam, dict(lr=0.01), groups=[{"idx": [0, 2], "opts": {"betas": (0.5, 0.9)}}, {"idx": [1], "opts": {"lr": 0.1}}])


def err(name, fn):
    r.error(name, fn)


p = torch.zeros(2, requires_grad=True)
err("err_sgd_lr", lambda: torch.optim.SGD([p], lr=-1))
err("err_sgd_momentum", lambda: torch.optim.SGD([p], lr=0.1, momentum=-1))
err("err_sgd_weight_decay", lambda: torch.optim.SGD([p], lr=0.1, weight_decay=-1))
err("err_sgd_nesterov", lambda: torch.optim.SGD([p], lr=0.1, nesterov=True))
err("err_empty", lambda: torch.optim.SGD([], lr=0.1))
err("err_adam_eps", lambda: torch.optim.Adam([p], eps=-1))
err("err_adam_beta0", lambda: torch.optim.Adam([p], betas=(1.5, 0.9)))
err("err_adam_beta1", lambda: torch.optim.Adam([p], betas=(0.9, -1)))
err("err_non_leaf", lambda: torch.optim.Adam([p * 2]))
err("err_duplicate_groups", lambda: torch.optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1))
r.write()
