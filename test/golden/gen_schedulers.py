"""Golden data for torch.optim.lr_scheduler (test/schedulers.test.ts): every
scheduler of PyTorch 1.13 with several option sets, over one or two
parameter groups, stepped 100 times; the learning rates after construction
and after each step (float64, as Python computes them), and the momentum
where the scheduler cycles it. Schedulers are described as data (`spec`:
class, positional arguments, keyword arguments, nested schedulers) so the
TypeScript side builds the same ones. LambdaLR/MultiplicativeLR take named
lambdas (LAMBDAS) the tests define the same way."""
import torch
from torch.optim import lr_scheduler as S

from common import Recorder

r = Recorder("schedulers")
STEPS = 100

# The lambdas LambdaLR and MultiplicativeLR get, by name (test/schedulers.test.ts has the same table).
LAMBDAS = {
    "pow95": lambda e: 0.95 ** e,
    "div30": lambda e: e // 30,
    "warmup10": lambda e: min(1.0, (e + 1) / 10),
    "const95": lambda e: 0.95,
    "alt": lambda e: 0.9 if e % 2 == 0 else 1.05,
}


def build(opt, spec):
    cls = getattr(S, spec["cls"])
    args = list(spec.get("args", []))
    kwargs = dict(spec.get("kwargs", {}))
    if spec["cls"] in ("LambdaLR", "MultiplicativeLR"):
        lam = args[0]
        args[0] = [LAMBDAS[n] for n in lam] if isinstance(lam, list) else LAMBDAS[lam]
    if spec["cls"] == "SequentialLR":
        args[0] = [build(opt, s) for s in args[0]]
    if spec["cls"] == "ChainedScheduler":
        return cls([build(opt, s) for s in args[0]])
    return cls(opt, *args, **kwargs)


def make_opt(optimizer, lrs):
    params = [torch.zeros(2, requires_grad=True) for _ in lrs]
    groups = [{"params": [p], "lr": lr} for p, lr in zip(params, lrs)]
    if optimizer == "Adam":
        return torch.optim.Adam(groups)
    return torch.optim.SGD(groups, momentum=0.9)


def momenta(opt):
    return [g["betas"][0] if "betas" in g else g["momentum"] for g in opt.param_groups]


def run(name, spec, lrs=(0.1,), optimizer="SGD", metrics=None):
    opt = make_opt(optimizer, lrs)
    sched = build(opt, spec)
    # 1.13's ReduceLROnPlateau has _last_lr only after a step (torchlet's has getLastLr from the start, as PyTorch 2)
    last = lambda: list(sched._last_lr) if hasattr(sched, "_last_lr") else [g["lr"] for g in opt.param_groups]
    got = [last()]
    mom = [momenta(opt)]
    group_lrs = [[g["lr"] for g in opt.param_groups]]
    for k in range(STEPS):
        opt.step()
        if metrics is not None:
            sched.step(metrics[k])
        else:
            sched.step()
        got.append(last())
        group_lrs.append([g["lr"] for g in opt.param_groups])
        mom.append(momenta(opt))
    r.add(name, spec=spec, groups=list(lrs), optimizer=optimizer, metrics=metrics,
          lastLr=torch.tensor(got, dtype=torch.float64), groupLr=torch.tensor(group_lrs, dtype=torch.float64),
          momentum=torch.tensor(mom, dtype=torch.float64))


def sp(cls, *args, **kwargs):
    return {"cls": cls, "args": list(args), "kwargs": kwargs}


TWO = (0.1, 0.025)
run("step", sp("StepLR", 30))
run("step_gamma", sp("StepLR", 7, gamma=0.5), lrs=TWO)
run("step_1", sp("StepLR", 1, gamma=0.97))
run("multistep", sp("MultiStepLR", [30, 80]))
run("multistep_repeat", sp("MultiStepLR", [10, 10, 25, 60], gamma=0.3), lrs=TWO)
run("exponential", sp("ExponentialLR", 0.95))
run("exponential_two", sp("ExponentialLR", 0.9), lrs=TWO)
run("cosine", sp("CosineAnnealingLR", 10))
run("cosine_eta", sp("CosineAnnealingLR", 30, eta_min=0.001), lrs=TWO)
run("cosine_long", sp("CosineAnnealingLR", 100, eta_min=1e-5))
run("cosine_short", sp("CosineAnnealingLR", 3))
run("warm_restarts", sp("CosineAnnealingWarmRestarts", 10))
run("warm_restarts_mult", sp("CosineAnnealingWarmRestarts", 5, T_mult=2, eta_min=0.001), lrs=TWO)
run("warm_restarts_3", sp("CosineAnnealingWarmRestarts", 7, T_mult=3))
run("lambda_pow", sp("LambdaLR", "pow95"))
run("lambda_list", sp("LambdaLR", ["div30", "warmup10"]), lrs=TWO)
run("multiplicative", sp("MultiplicativeLR", "const95"))
run("multiplicative_list", sp("MultiplicativeLR", ["alt", "const95"]), lrs=TWO)
run("linear", sp("LinearLR"))
run("linear_opts", sp("LinearLR", start_factor=0.25, end_factor=0.75, total_iters=40), lrs=TWO)
run("linear_down", sp("LinearLR", start_factor=1.0, end_factor=0.1, total_iters=30))
run("constant", sp("ConstantLR"))
run("constant_opts", sp("ConstantLR", factor=0.5, total_iters=40), lrs=TWO)
run("polynomial", sp("PolynomialLR"))
run("polynomial_opts", sp("PolynomialLR", total_iters=60, power=2.0), lrs=TWO)
run("polynomial_half", sp("PolynomialLR", total_iters=90, power=0.5))
run("onecycle", sp("OneCycleLR", 0.5, total_steps=100))
run("onecycle_linear", sp("OneCycleLR", [0.5, 0.2], epochs=10, steps_per_epoch=11, pct_start=0.25, anneal_strategy="linear"), lrs=TWO)
run("onecycle_three", sp("OneCycleLR", 1.0, total_steps=101, three_phase=True, div_factor=10.0, final_div_factor=100.0))
run("onecycle_adam", sp("OneCycleLR", 0.01, total_steps=120, base_momentum=0.8, max_momentum=0.9), optimizer="Adam")
run("onecycle_nomomentum", sp("OneCycleLR", 0.3, total_steps=100, cycle_momentum=False))
run("cyclic", sp("CyclicLR", 0.01, 0.1, step_size_up=10))
run("cyclic_tri2", sp("CyclicLR", [0.01, 0.001], [0.1, 0.05], step_size_up=7, step_size_down=13, mode="triangular2"), lrs=TWO)
run("cyclic_exp", sp("CyclicLR", 0.001, 0.1, step_size_up=5, mode="exp_range", gamma=0.98))
run("cyclic_adam", sp("CyclicLR", 0.001, 0.01, step_size_up=4, cycle_momentum=False), optimizer="Adam")
run("sequential", sp("SequentialLR", [sp("ConstantLR", factor=0.1, total_iters=2), sp("ExponentialLR", 0.9)], [2]))
run("sequential_three", sp("SequentialLR", [sp("LinearLR", start_factor=0.1, total_iters=10), sp("CosineAnnealingLR", 40),
                                          sp("StepLR", 10, gamma=0.5)], [10, 50]), lrs=TWO)
run("chained", sp("ChainedScheduler", [sp("ConstantLR", factor=0.1, total_iters=2), sp("ExponentialLR", 0.9)]))
run("chained_three", sp("ChainedScheduler", [sp("LinearLR", start_factor=0.5, total_iters=20), sp("StepLR", 15, gamma=0.7),
                                             sp("MultiStepLR", [40, 70], gamma=0.5)]), lrs=TWO)

# ReduceLROnPlateau on metrics that improve, stall and oscillate.
g = torch.Generator().manual_seed(0)
noisy = [round(1.0 / (1 + k / 10) + 0.05 * float(torch.rand((), generator=g)), 4) for k in range(STEPS)]
stall = [round(max(0.3, 1.0 - 0.05 * k), 4) for k in range(STEPS)]
rising = [round(0.01 * k - 0.02 * (k % 7), 4) for k in range(STEPS)]
run("plateau", sp("ReduceLROnPlateau"), metrics=noisy)
run("plateau_opts", sp("ReduceLROnPlateau", patience=3, factor=0.5, cooldown=2, min_lr=[0.01, 0.001]), lrs=TWO, metrics=stall)
run("plateau_abs", sp("ReduceLROnPlateau", patience=2, threshold=0.01, threshold_mode="abs"), metrics=noisy)
run("plateau_max", sp("ReduceLROnPlateau", mode="max", patience=4, factor=0.7, eps=1e-3), metrics=rising)
run("plateau_max_abs", sp("ReduceLROnPlateau", mode="max", patience=1, threshold=0.05, threshold_mode="abs", min_lr=0.02), metrics=rising)


def err(name, spec, lrs=(0.1,), optimizer="SGD"):
    r.error(name, lambda: build(make_opt(optimizer, lrs), spec), spec=spec, groups=list(lrs), optimizer=optimizer)


err("err_constant_factor", sp("ConstantLR", factor=1.5))
err("err_linear_start", sp("LinearLR", start_factor=-0.5))
err("err_linear_end", sp("LinearLR", end_factor=2.0))
err("err_warm_t0", sp("CosineAnnealingWarmRestarts", 0))
err("err_warm_tmult", sp("CosineAnnealingWarmRestarts", 10, T_mult=0))
err("err_lambda_count", sp("LambdaLR", ["pow95", "pow95", "pow95"]), lrs=TWO)
err("err_multiplicative_count", sp("MultiplicativeLR", ["pow95"]), lrs=TWO)
err("err_onecycle_none", sp("OneCycleLR", 0.1))
err("err_onecycle_total", sp("OneCycleLR", 0.1, total_steps=0))
err("err_onecycle_epochs", sp("OneCycleLR", 0.1, epochs=-1, steps_per_epoch=10))
err("err_onecycle_spe", sp("OneCycleLR", 0.1, epochs=2, steps_per_epoch=0))
err("err_onecycle_pct", sp("OneCycleLR", 0.1, total_steps=10, pct_start=1.5))
err("err_onecycle_anneal", sp("OneCycleLR", 0.1, total_steps=10, anneal_strategy="exp"))
err("err_onecycle_maxlr_count", sp("OneCycleLR", [0.1, 0.2, 0.3], total_steps=10), lrs=TWO)
err("err_cyclic_mode", sp("CyclicLR", 0.01, 0.1, mode="square"))
err("err_cyclic_momentum", sp("CyclicLR", 0.01, 0.1), optimizer="Adam")
err("err_cyclic_count", sp("CyclicLR", [0.01], 0.1), lrs=TWO)
err("err_sequential_milestones", sp("SequentialLR", [sp("ConstantLR"), sp("ExponentialLR", 0.9)], [2, 5]))
err("err_plateau_factor", sp("ReduceLROnPlateau", factor=1.0))
err("err_plateau_mode", sp("ReduceLROnPlateau", mode="avg"))
err("err_plateau_threshold_mode", sp("ReduceLROnPlateau", threshold_mode="pct"))
err("err_plateau_min_lr", sp("ReduceLROnPlateau", min_lr=[0.1, 0.2, 0.3]), lrs=TWO)

# A scheduler stepped past its end.
opt = make_opt("SGD", (0.1,))
oc = S.OneCycleLR(opt, 0.1, total_steps=3)
for _ in range(3):
    oc.step()
r.error("err_onecycle_past_end", lambda: oc.step(), spec=sp("OneCycleLR", 0.1, total_steps=3), groups=[0.1], optimizer="SGD", steps=4)
r.write()
