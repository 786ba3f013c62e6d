"""Golden data for the containers (test/containers.test.ts): ModuleList,
ModuleDict, ParameterList, ParameterDict and Sequential indexing/slicing,
built and edited by small programs that test/conformance/families/
containers.ts repeats step for step; for each, the repr, the names of
named_parameters() and named_modules(), the state_dict keys and len().
PyTorch 1.13."""
from collections import OrderedDict

import torch
import torch.nn as nn

from common import Recorder

r = Recorder("containers")


def lin(i, o):
    return nn.Linear(i, o)


def record(name, m):
    r.add(name, repr=repr(m), namedParameters=[n for n, _ in m.named_parameters()], namedModules=[n for n, _ in m.named_modules()],
          stateKeys=list(m.state_dict().keys()), length=len(m) if hasattr(m, "__len__") else None)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([lin(2, 3), nn.ReLU(), lin(3, 1)])
        self.heads = nn.ModuleDict({"cls": lin(1, 4), "reg": lin(1, 1)})
        self.scales = nn.ParameterList([nn.Parameter(torch.ones(3)), nn.Parameter(torch.zeros(2, 2))])
        self.extra = nn.ParameterDict({"alpha": nn.Parameter(torch.ones(())), "beta": nn.Parameter(torch.zeros(4, dtype=torch.float64))})


record("net", Net())

ml = nn.ModuleList([lin(2, 2)])
ml.append(nn.ReLU())
ml.extend([lin(2, 3), nn.Tanh()])
ml.insert(1, nn.Sigmoid())
record("modulelist_edit", ml)
record("modulelist_slice", ml[1:4])
record("modulelist_empty", nn.ModuleList())
del ml[0]
record("modulelist_del", ml)
ml.pop(-1)
record("modulelist_pop", ml)

md = nn.ModuleDict({"b": lin(1, 1), "a": nn.ReLU()})
md["c"] = lin(1, 2)
md.update({"a": nn.Tanh(), "d": nn.Identity()})
md.pop("b")
record("moduledict_edit", md)

pl = nn.ParameterList([nn.Parameter(torch.ones(2, 3))])
pl.append(nn.Parameter(torch.zeros(5)))
pl.extend([nn.Parameter(torch.ones(()))])
record("paramlist", pl)

pd = nn.ParameterDict({"w": nn.Parameter(torch.ones(2, 2))})
pd["b"] = nn.Parameter(torch.zeros(2))
pd.update({"s": nn.Parameter(torch.ones((), dtype=torch.float64))})
record("paramdict", pd)

seq = nn.Sequential(lin(4, 3), nn.ReLU(), lin(3, 2), nn.Sigmoid())
record("sequential_slice", seq[1:3])
record("sequential_slice_neg", seq[-2:])
seq.insert(2, nn.Tanh())
seq.extend([nn.Identity()])
record("sequential_insert", seq)
seqd = nn.Sequential(OrderedDict([("fc", lin(2, 2)), ("act", nn.ReLU())]))
record("sequential_named_slice", seqd[1:])

# Hooks: a pre-hook that doubles the input, forward hooks that add 1 and record what they saw; one removed.
seen = []
hooked = nn.Sequential(nn.ReLU(), nn.Tanh())
hooked[0].register_forward_pre_hook(lambda m, args: (args[0] * 2,))
hooked[1].register_forward_hook(lambda m, args, out: out + 1)
hooked.register_forward_hook(lambda m, args, out: seen.append(out.tolist()))
gone = hooked[1].register_forward_hook(lambda m, args, out: out * 100)
gone.remove()
x = torch.tensor([-1.0, 0.25, 0.5, 2.0])
r.add("hooks", input=x.tolist(), output=hooked(x).tolist(), seen=seen, direct=hooked.forward(x).tolist())

# get_submodule / get_parameter / get_buffer on a nested model.
net = Net()
net.layers[0].register_buffer("stat", torch.zeros(2))
r.add("get_paths", submodule=repr(net.get_submodule("heads.cls")), parameter=list(net.get_parameter("layers.2.weight").shape),
      buffer=list(net.get_buffer("layers.0.stat").shape), scale=list(net.get_parameter("scales.1").shape))
r.error("err_get_submodule_missing", lambda: net.get_submodule("layers.7"))
r.error("err_get_submodule_not_module", lambda: net.get_submodule("layers.0.weight"))
r.error("err_get_parameter_missing", lambda: net.get_parameter("heads.cls.gamma"))
r.error("err_get_parameter_not_param", lambda: net.get_parameter("layers.0.stat"))
r.error("err_get_buffer_not_buffer", lambda: net.get_buffer("layers.0.weight"))
r.error("err_modulelist_index", lambda: nn.ModuleList([nn.ReLU()])[3])
r.error("err_modulelist_extend", lambda: nn.ModuleList().extend(3))
r.error("err_moduledict_key", lambda: nn.ModuleDict({"a": nn.ReLU()})["b"])
r.error("err_paramlist_call", lambda: nn.ParameterList()(1))
r.error("err_sequential_index", lambda: nn.Sequential(nn.ReLU())[2])
r.error("err_sequential_insert", lambda: nn.Sequential(nn.ReLU()).insert(5, nn.ReLU()))
r.write()
