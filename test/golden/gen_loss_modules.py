"""Golden data for the loss modules (test/nn.lossModules.test.ts): each of
nn.CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, SmoothL1Loss, HuberLoss,
BCELoss and BCEWithLogitsLoss with several option sets; its repr, its
state_dict (weight and pos_weight are buffers), and its output and the
input's grad on fixed inputs. PyTorch 1.13."""
import torch
import torch.nn as nn

from common import Recorder, rand, tensor_json

r = Recorder("loss_modules")

logits = rand([4, 5], 1)
classes = torch.tensor([1, 0, 4, 2])
classes_ignore = torch.tensor([1, -100, 4, 3])
classes_three = torch.tensor([1, 3, 4, 3])
probs_target = torch.softmax(rand([4, 5], 2), 1)
a, b = rand([3, 4], 3), rand([3, 4], 4)
p = (rand([3, 4], 5) + 2) / 4  # probabilities in [0, 1], exact in float32
t01 = (rand([3, 4], 6) > 0).float()
w5 = (rand([5], 7) + 2) / 2
w4 = (rand([4], 8) + 2) / 2


def case(name, cls, kwargs, tensors, x, y):
    m = getattr(nn, cls)(**kwargs, **tensors)
    xi = x.clone().requires_grad_(True)
    out = m(xi, y)
    out.sum().backward()
    sd = m.state_dict()
    r.add(name, module=cls, kwargs=kwargs, tensors={k: tensor_json(v) for k, v in tensors.items()},
          input=tensor_json(x), target=tensor_json(y), repr=repr(m), stateKeys=list(sd.keys()),
          state=[tensor_json(v) for v in sd.values()], output=out, grad=xi.grad)


case("ce", "CrossEntropyLoss", {}, {}, logits, classes)
case("ce_weight", "CrossEntropyLoss", {}, {"weight": w5}, logits, classes)
case("ce_ignore_sum", "CrossEntropyLoss", {"ignore_index": 3, "reduction": "sum"}, {}, logits, classes_three)
case("ce_default_ignore", "CrossEntropyLoss", {}, {}, logits, classes_ignore)
case("ce_smoothing", "CrossEntropyLoss", {"label_smoothing": 0.1}, {"weight": w5}, logits, classes)
case("ce_probs_none", "CrossEntropyLoss", {"reduction": "none"}, {}, logits, probs_target)
case("nll", "NLLLoss", {}, {}, torch.log_softmax(logits, 1), classes)
case("nll_weight_none", "NLLLoss", {"reduction": "none"}, {"weight": w5}, torch.log_softmax(logits, 1), classes)
case("mse", "MSELoss", {}, {}, a, b)
case("mse_sum", "MSELoss", {"reduction": "sum"}, {}, a, b)
case("l1_none", "L1Loss", {"reduction": "none"}, {}, a, b)
case("l1", "L1Loss", {}, {}, a, b)
case("smooth_l1", "SmoothL1Loss", {}, {}, a, b)
case("smooth_l1_beta", "SmoothL1Loss", {"beta": 0.5, "reduction": "sum"}, {}, a, b)
case("huber", "HuberLoss", {}, {}, a, b)
case("huber_delta", "HuberLoss", {"delta": 0.25, "reduction": "none"}, {}, a, b)
case("bce", "BCELoss", {}, {}, p, t01)
case("bce_weight", "BCELoss", {"reduction": "sum"}, {"weight": w4}, p, t01)
case("bce_logits", "BCEWithLogitsLoss", {}, {}, a, t01)
case("bce_logits_pos", "BCEWithLogitsLoss", {}, {"pos_weight": w4}, a, t01)
case("bce_logits_both", "BCEWithLogitsLoss", {"reduction": "none"}, {"weight": w4, "pos_weight": w4 * 2}, a, t01)

r.error("err_reduction", lambda: nn.MSELoss(reduction="avg")(a, b), module="MSELoss", kwargs={"reduction": "avg"}, tensors={},
        input=tensor_json(a), target=tensor_json(b))
r.write()
