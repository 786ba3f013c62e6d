"""Golden data for nn ops on the half dtypes (the nn_dtypes conformance
family): forward values of convolutions, pooling, normalization, losses,
linear/embedding and resampling on bfloat16, which PyTorch 1.13's CPU build
computes (in float32, rounding results to bfloat16), and its refusals of the
same ops on float16 ("slow_conv2d_cpu" not implemented for 'Half'), plus a
small bfloat16 CNN run from a PyTorch state dict.

A case names an op (torchlet's spelling), its tensor inputs and keyword
arguments (torchlet's spelling), and records out (a list when the op returns
several tensors), or error. Running statistics that batch norm updates are
recorded as "after".
"""
import torch
import torch.nn.functional as F

from common import Recorder, rand, tensor_json

r = Recorder("nn_dtypes")
SEED = [9000]


def x(shape, dtype, lo=-2.0, hi=2.0):
    SEED[0] += 1
    return rand(shape, SEED[0], lo=lo, hi=hi).to(dtype)


def apply(op, xs, kw):
    if op == "conv1d":
        return F.conv1d(*xs, **kw)
    if op == "conv2d":
        return F.conv2d(*xs, **kw)
    if op == "convTranspose2d":
        return F.conv_transpose2d(*xs, **{"output_padding" if k == "outputPadding" else k: v for k, v in kw.items()})
    if op == "maxPool2d":
        return F.max_pool2d(xs[0], kw["kernelSize"], stride=kw.get("stride"), padding=kw.get("padding", 0),
                            return_indices=kw.get("returnIndices", False))
    if op == "maxPool1d":
        return F.max_pool1d(xs[0], kw["kernelSize"])
    if op == "avgPool2d":
        return F.avg_pool2d(xs[0], kw["kernelSize"], stride=kw.get("stride"), padding=kw.get("padding", 0))
    if op == "avgPool1d":
        return F.avg_pool1d(xs[0], kw["kernelSize"])
    if op == "adaptiveAvgPool2d":
        return F.adaptive_avg_pool2d(xs[0], kw["outputSize"])
    if op == "adaptiveMaxPool2d":
        return F.adaptive_max_pool2d(xs[0], kw["outputSize"])
    if op == "batchNorm":
        inp, rm, rv, w, b = xs
        return F.batch_norm(inp, rm, rv, weight=w, bias=b, training=kw["training"])
    if op == "layerNorm":
        return F.layer_norm(xs[0], kw["normalizedShape"], weight=xs[1], bias=xs[2])
    if op == "groupNorm":
        return F.group_norm(xs[0], kw["numGroups"], weight=xs[1], bias=xs[2])
    if op == "instanceNorm":
        return F.instance_norm(xs[0])
    if op == "linear":
        return F.linear(*xs)
    if op == "embedding":
        return F.embedding(xs[0], xs[1])
    if op == "crossEntropy":
        return F.cross_entropy(xs[0], xs[1])
    if op == "nllLoss":
        return F.nll_loss(xs[0], xs[1], reduction=kw.get("reduction", "mean"))
    if op == "interpolate":
        return F.interpolate(xs[0], scale_factor=kw["scaleFactor"], mode=kw["mode"],
                             align_corners=kw.get("alignCorners"))
    raise ValueError(op)


def case(name, op, xs, kw=None):
    kw = kw or {}
    before = [t.clone() for t in xs]
    try:
        out = apply(op, xs, kw)
    except Exception as e:  # noqa: BLE001
        r.add(name, op=op, inputs=[tensor_json(t) for t in before], kwargs=kw, error=str(e).split("\n")[0])
        return
    rec = {"op": op, "inputs": [tensor_json(t) for t in before], "kwargs": kw,
           "out": [tensor_json(t) for t in out] if isinstance(out, tuple) else tensor_json(out)}
    if op == "batchNorm" and kw["training"]:
        rec["after"] = [tensor_json(xs[1]), tensor_json(xs[2])]
    r.add(name, **rec)


for dt, tag in [(torch.bfloat16, "bfloat16"), (torch.float16, "float16")]:
    case(f"conv2d_{tag}", "conv2d", [x([2, 3, 6, 6], dt), x([4, 3, 3, 3], dt), x([4], dt)], {"padding": 1})
    case(f"conv2d_{tag}_stride", "conv2d", [x([1, 4, 7, 7], dt), x([2, 4, 3, 3], dt)], {"stride": 2})
    case(f"conv1d_{tag}", "conv1d", [x([2, 3, 9], dt), x([4, 3, 3], dt), x([4], dt)], {"stride": 2})
    # PyTorch 1.13 refuses a valid bfloat16 conv_transpose2d with a regular convolution's shape message
    # ("Given groups=1, weight of size [3, 2, 3, 3], expected input[2, 3, 4, 4] to have 2 channels"):
    # torchlet computes it, so only the float16 refusal is a case.
    if dt == torch.float16:
        case(f"conv_transpose2d_{tag}", "convTranspose2d", [x([2, 3, 4, 4], dt), x([3, 2, 3, 3], dt)], {"stride": 2})
    case(f"max_pool2d_{tag}", "maxPool2d", [x([2, 3, 6, 6], dt)], {"kernelSize": 2})
    case(f"max_pool2d_{tag}_indices", "maxPool2d", [x([1, 2, 5, 5], dt)], {"kernelSize": 3, "stride": 2, "padding": 1, "returnIndices": True})
    case(f"max_pool1d_{tag}", "maxPool1d", [x([2, 3, 8], dt)], {"kernelSize": 2})
    case(f"avg_pool2d_{tag}", "avgPool2d", [x([2, 3, 6, 6], dt)], {"kernelSize": 3, "stride": 2, "padding": 1})
    case(f"avg_pool1d_{tag}", "avgPool1d", [x([2, 3, 8], dt)], {"kernelSize": 2})
    case(f"adaptive_avg_pool2d_{tag}", "adaptiveAvgPool2d", [x([2, 3, 7, 5], dt)], {"outputSize": [3, 2]})
    case(f"adaptive_max_pool2d_{tag}", "adaptiveMaxPool2d", [x([2, 3, 7, 5], dt)], {"outputSize": [3, 2]})
    case(f"batch_norm_train_{tag}", "batchNorm",
         [x([4, 3, 5, 5], dt), torch.zeros(3, dtype=dt), torch.ones(3, dtype=dt), x([3], dt, 0.5, 1.5), x([3], dt)], {"training": True})
    case(f"batch_norm_eval_{tag}", "batchNorm",
         [x([4, 3, 5, 5], dt), x([3], dt, -0.5, 0.5), x([3], dt, 0.5, 2.0), x([3], dt, 0.5, 1.5), x([3], dt)], {"training": False})
    case(f"layer_norm_{tag}", "layerNorm", [x([2, 3, 8], dt), x([8], dt, 0.5, 1.5), x([8], dt)], {"normalizedShape": [8]})
    case(f"group_norm_{tag}", "groupNorm", [x([2, 4, 3, 3], dt), x([4], dt, 0.5, 1.5), x([4], dt)], {"numGroups": 2})
    case(f"instance_norm_{tag}", "instanceNorm", [x([2, 3, 4, 4], dt)])
    case(f"linear_{tag}", "linear", [x([5, 8], dt), x([3, 8], dt), x([3], dt)])
    case(f"embedding_{tag}", "embedding", [torch.tensor([[1, 0, 3], [3, 3, 2]]), x([4, 5], dt)])
    case(f"cross_entropy_{tag}", "crossEntropy", [x([6, 5], dt), torch.tensor([0, 4, 2, 2, 1, 3])])
    case(f"nll_loss_{tag}", "nllLoss", [x([6, 5], dt, -4.0, 0.0), torch.tensor([0, 4, 2, 2, 1, 3])], {"reduction": "sum"})
    case(f"interpolate_nearest_{tag}", "interpolate", [x([1, 2, 3, 3], dt)], {"scaleFactor": 2, "mode": "nearest"})
    case(f"interpolate_bilinear_{tag}", "interpolate", [x([1, 2, 3, 3], dt)], {"scaleFactor": 2, "mode": "bilinear", "alignCorners": False})

# A small CNN in bfloat16 from a PyTorch state dict: eval forward, as a ported checkpoint runs.
torch.manual_seed(0)
net = torch.nn.Sequential(
    torch.nn.Conv2d(1, 4, 3), torch.nn.BatchNorm2d(4), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Flatten(), torch.nn.Linear(4 * 3 * 3, 5),
)
with torch.no_grad():
    net[1].running_mean.copy_(torch.tensor([0.1, -0.2, 0.05, 0.0]))
    net[1].running_var.copy_(torch.tensor([0.9, 1.2, 1.1, 0.8]))
net = net.bfloat16().eval()
inp = x([2, 1, 8, 8], torch.bfloat16)
r.add("cnn_bfloat16_eval", op="cnn", state={k: tensor_json(v) for k, v in net.state_dict().items()},
      inputs=[tensor_json(inp)], kwargs={}, out=tensor_json(net(inp)))

r.write()
