"""Golden data for the optimizers of test/optim2.test.ts: RMSprop, Adagrad,
Adadelta, Adamax, NAdam, RAdam and ASGD over ten steps with fixed gradients
for several option sets (PyTorch 1.13's single-tensor implementations,
foreach=False), LBFGS minimising a fixed closure, and PyTorch's messages
for bad options. Scalar state PyTorch keeps in 0-d tensors (step, eta, mu,
mu_product) is recorded as its number."""
import torch

from common import Recorder, tensor_json
from optim_steps import run_steps

r = Recorder("optim2")

STEPS = 10


def state_json(st):
    out = {}
    for k, v in st.items():
        if v is None:
            continue
        if isinstance(v, torch.Tensor):
            out[k] = v.item() if v.dim() == 0 else tensor_json(v)
        else:
            out[k] = v
    return out


def run(name, cls, kwargs, dtype=torch.float32, groups=None):
    params, opt, start, grads, history = run_steps(cls, kwargs, STEPS, dtype, groups)
    state = [state_json(opt.state[p]) for p in params]
    r.add(name, optimizer=cls.__name__, kwargs=kwargs, groups=groups, dtype=str(dtype).split(".")[1], start=start,
          grads=grads, history=history, state=state)


O = torch.optim
CASES = {
    O.RMSprop: [
        ("default", dict()),
        ("alpha_eps", dict(lr=0.01, alpha=0.9, eps=1e-6)),
        ("momentum", dict(lr=0.01, momentum=0.9)),
        ("centered", dict(lr=0.01, centered=True)),
        ("centered_momentum_wd", dict(lr=0.01, centered=True, momentum=0.5, weight_decay=0.1)),
        ("maximize", dict(lr=0.01, maximize=True, weight_decay=0.05)),
    ],
    O.Adagrad: [
        ("default", dict()),
        ("lr_decay", dict(lr=0.1, lr_decay=0.05)),
        ("initial_accumulator", dict(lr=0.1, initial_accumulator_value=0.5, eps=1e-6)),
        ("weight_decay_maximize", dict(lr=0.1, weight_decay=0.1, maximize=True)),
    ],
    O.Adadelta: [
        ("default", dict()),
        ("rho_eps_lr", dict(lr=0.5, rho=0.8, eps=1e-4)),
        ("weight_decay", dict(weight_decay=0.1)),
        ("maximize", dict(lr=0.9, maximize=True)),
    ],
    O.Adamax: [
        ("default", dict()),
        ("betas_eps", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-4)),
        ("weight_decay", dict(lr=0.01, weight_decay=0.1)),
        ("maximize", dict(lr=0.01, maximize=True)),
    ],
    O.NAdam: [
        ("default", dict()),
        ("betas_eps", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-4)),
        ("momentum_decay_wd", dict(lr=0.01, momentum_decay=0.01, weight_decay=0.1)),
    ],
    O.RAdam: [
        ("default", dict()),
        ("betas_eps", dict(lr=0.01, betas=(0.8, 0.9), eps=1e-4)),
        ("weight_decay", dict(lr=0.01, betas=(0.9, 0.8), weight_decay=0.1)),
    ],
    O.ASGD: [
        ("default", dict()),
        ("lambd_alpha_t0", dict(lr=0.05, lambd=0.01, alpha=0.5, t0=3)),
        ("weight_decay_maximize", dict(lr=0.05, weight_decay=0.1, t0=5, maximize=True)),
    ],
}
for cls, cases in CASES.items():
    n = cls.__name__.lower()
    for name, kw in cases:
        run(f"{n}_{name}", cls, kw)
    run(f"{n}_float64", cls, cases[-1][1], dtype=torch.float64)
run("rmsprop_groups", O.RMSprop, dict(lr=0.01),
    groups=[{"idx": [0], "opts": {"momentum": 0.9}}, {"idx": [1, 2], "opts": {"lr": 0.001, "centered": True}}])
run("adagrad_groups", O.Adagrad, dict(lr=0.1),
    groups=[{"idx": [0, 2], "opts": {"lr_decay": 0.1}}, {"idx": [1], "opts": {"initial_accumulator_value": 1.0}}])
run("nadam_groups", O.NAdam, dict(lr=0.01), groups=[{"idx": [0], "opts": {}}, {"idx": [1, 2], "opts": {"betas": (0.5, 0.9)}}])


# LBFGS: the closure is named by "closure" and rebuilt the same way in torchlet:
# rosenbrock(a) + sum(s * (b - t) ** 2), float64.
def lbfgs(name, kwargs, steps=3):
    dtype = torch.float64
    a = torch.tensor([-1.2, 1.0, 0.5, -0.3], dtype=dtype, requires_grad=True)
    b = torch.tensor([[0.5, -1.0, 2.0], [0.1, 0.2, -0.3]], dtype=dtype, requires_grad=True)
    t = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0]], dtype=dtype)
    s = torch.tensor([[1.0, 0.5, 2.0], [3.0, 0.25, 1.0]], dtype=dtype)
    start = [a.detach().clone(), b.detach().clone()]
    opt = O.LBFGS([a, b], **kwargs)

    def closure():
        opt.zero_grad()
        loss = (100 * (a[1:] - a[:-1] ** 2) ** 2 + (1 - a[:-1]) ** 2).sum() + (s * (b - t) ** 2).sum()
        loss.backward()
        return loss

    history, losses = [], []
    for _ in range(steps):
        losses.append(opt.step(closure).item())
        history.append([a.detach().clone(), b.detach().clone()])
    st = opt.state[a]
    r.add(name, optimizer="LBFGS", kwargs=kwargs, dtype="float64", start=start, closure="rosenbrock_quadratic",
          t=t, s=s, history=history, losses=torch.tensor(losses, dtype=dtype),
          lbfgs_state={"func_evals": st["func_evals"], "n_iter": st["n_iter"]})


lbfgs("lbfgs_default", dict(lr=1))
lbfgs("lbfgs_options", dict(lr=0.5, max_iter=5, max_eval=8, history_size=3))
lbfgs("lbfgs_strong_wolfe", dict(lr=1, max_iter=10, line_search_fn="strong_wolfe"))
lbfgs("lbfgs_tolerance", dict(lr=1, max_iter=50, tolerance_grad=1e-3, tolerance_change=1e-6, line_search_fn="strong_wolfe"),
      steps=2)


def err(name, fn):
    r.error(name, fn)


p = torch.zeros(2, requires_grad=True)
err("err_rmsprop_lr", lambda: O.RMSprop([p], lr=-1))
err("err_rmsprop_alpha", lambda: O.RMSprop([p], alpha=-0.5))
err("err_rmsprop_momentum", lambda: O.RMSprop([p], momentum=-1))
err("err_rmsprop_eps", lambda: O.RMSprop([p], eps=-1))
err("err_adagrad_lr_decay", lambda: O.Adagrad([p], lr_decay=-1))
err("err_adagrad_initial_accumulator", lambda: O.Adagrad([p], initial_accumulator_value=-1))
err("err_adagrad_weight_decay", lambda: O.Adagrad([p], weight_decay=-1))
err("err_adadelta_rho", lambda: O.Adadelta([p], rho=1.5))
err("err_adadelta_eps", lambda: O.Adadelta([p], eps=-1))
err("err_adamax_beta0", lambda: O.Adamax([p], betas=(1.5, 0.9)))
err("err_nadam_momentum_decay", lambda: O.NAdam([p], momentum_decay=-1))
err("err_radam_beta1", lambda: O.RAdam([p], betas=(0.9, -0.5)))
err("err_asgd_weight_decay", lambda: O.ASGD([p], weight_decay=-1))
err("err_asgd_lr", lambda: O.ASGD([p], lr=-1))
err("err_lbfgs_groups", lambda: O.LBFGS([{"params": [p]}, {"params": [torch.zeros(1, requires_grad=True)]}]))
r.write()
