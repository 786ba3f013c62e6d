"""Golden data for torch.nn.utils (test/nn.utils.test.ts): clip_grad_norm_
over several parameter sets, norm types and max norms (the total norm it
returns and the grads after), clip_grad_value_, parameters_to_vector and
vector_to_parameters, and the messages for bad input. PyTorch 1.13."""
import math

import torch
from torch.nn.utils import clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters

from common import Recorder, rand, tensor_json

r = Recorder("nn_utils")

SETS = {
    "mixed": [[3, 4], [4], [37]],
    "one": [[5]],
    "big": [[64, 33], [33], [10, 64]],
}


def params_for(shapes, seed, scale=1.0, dtype=torch.float32, none_at=()):
    ps, gs = [], []
    for i, s in enumerate(shapes):
        p = rand(s, seed + i, dtype=dtype).requires_grad_(True)
        g = None if i in none_at else rand(s, seed + 100 + i, dtype=dtype) * scale
        p.grad = None if g is None else g.clone()
        ps.append(p)
        gs.append(g)
    return ps, gs


def clip_case(name, set_name, max_norm, norm_type=2.0, scale=1.0, dtype=torch.float32, none_at=(), seed=1):
    ps, gs = params_for(SETS[set_name], seed, scale, dtype, none_at)
    total = clip_grad_norm_(ps, max_norm, norm_type=norm_type)
    r.add(name, op="clip_grad_norm_", shapes=SETS[set_name], dtype=str(dtype).split(".")[1], maxNorm=max_norm,
          normType=("inf" if norm_type == math.inf else "-inf" if norm_type == -math.inf else norm_type),
          grads=[None if g is None else tensor_json(g) for g in gs], total=total,
          after=[None if p.grad is None else tensor_json(p.grad) for p in ps])


clip_case("norm2_clip", "mixed", 1.0)
clip_case("norm2_noclip", "mixed", 100.0)
clip_case("norm2_tiny", "mixed", 0.01)
clip_case("norm2_big", "big", 2.5)
clip_case("norm2_one", "one", 0.5)
clip_case("norm1", "mixed", 3.0, norm_type=1.0)
clip_case("norm_inf", "mixed", 0.5, norm_type=math.inf)
clip_case("norm_inf_one", "one", 0.5, norm_type=math.inf)
clip_case("norm3", "big", 1.0, norm_type=3.0)
clip_case("norm_half", "mixed", 1.0, norm_type=0.5)
clip_case("norm2_none_grad", "mixed", 1.0, none_at=(1,))
clip_case("norm2_scaled", "mixed", 1.0, scale=1e-3)
clip_case("norm2_float64", "mixed", 1.0, dtype=torch.float64)
clip_case("norm_inf_float64", "big", 0.25, norm_type=math.inf, dtype=torch.float64)

# No grads at all: a zero total, nothing touched.
ps, _ = params_for(SETS["mixed"], 1, none_at=(0, 1, 2))
r.add("no_grads", op="clip_grad_norm_", shapes=SETS["mixed"], dtype="float32", maxNorm=1.0, normType=2.0,
      grads=[None, None, None], total=clip_grad_norm_(ps, 1.0), after=[None, None, None])

# A non-finite grad: without errorIfNonfinite the grads are scaled by the nan/inf coefficient.
for name, bad in [("nonfinite_inf", math.inf), ("nonfinite_nan", math.nan)]:
    ps, gs = params_for(SETS["mixed"], 1)
    gs[1][2] = bad
    ps[1].grad = gs[1].clone()
    total = clip_grad_norm_(ps, 1.0)
    r.add(name, op="clip_grad_norm_", shapes=SETS["mixed"], dtype="float32", maxNorm=1.0, normType=2.0,
          grads=[tensor_json(g) for g in gs], total=total, after=[tensor_json(p.grad) for p in ps])
    ps, gs = params_for(SETS["mixed"], 1)
    gs[1][2] = bad
    ps[1].grad = gs[1].clone()
    r.error(f"err_{name}", lambda: clip_grad_norm_(ps, 1.0, error_if_nonfinite=True), op="clip_grad_norm_",
            shapes=SETS["mixed"], dtype="float32", maxNorm=1.0, normType=2.0, grads=[tensor_json(g) for g in gs])

for name, cv, set_name in [("value_half", 0.5, "mixed"), ("value_big", 10.0, "big"), ("value_small", 0.03125, "one")]:
    ps, gs = params_for(SETS[set_name], 7)
    clip_grad_value_(ps, cv)
    r.add(name, op="clip_grad_value_", shapes=SETS[set_name], dtype="float32", clipValue=cv,
          grads=[tensor_json(g) for g in gs], after=[tensor_json(p.grad) for p in ps])

ps, _ = params_for(SETS["mixed"], 3)
vec = parameters_to_vector(ps)
new = rand([vec.numel()], 99)
vector_to_parameters(new, ps)
r.add("to_vector", op="parameters_to_vector", shapes=SETS["mixed"], params=[tensor_json(rand(s, 3 + i)) for i, s in enumerate(SETS["mixed"])],
      vector=vec, newVector=new, after=[tensor_json(p) for p in ps])
r.error("err_vector_type", lambda: vector_to_parameters([1.0, 2.0], ps), op="vector_to_parameters")
r.write()
