"""Step parity with PyTorch (test/parity.test.ts): a two-layer MLP (8 -> 16
-> 3, ReLU, cross-entropy) started from the same weights (written by PyTorch
as test/golden/parity/mlp_init.safetensors), fed the same fixed batches,
trained 20 steps with SGD (momentum, Nesterov, weight decay), Adam and AdamW;
records the loss of every step and the final weights."""
import os

import torch
import torch.nn as nn

from common import Recorder, rand
from helpers import train_losses
from gen_safetensors import serialize

HERE = os.path.dirname(os.path.abspath(__file__))
r = Recorder("parity")
STEPS, BATCH = 20, 32

torch.manual_seed(2024)
init = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))
os.makedirs(os.path.join(HERE, "parity"), exist_ok=True)
with open(os.path.join(HERE, "parity", "mlp_init.safetensors"), "wb") as f:
    f.write(serialize(dict(init.state_dict()), {"format": "pt"}))

# A learnable task: the class is the argmax of a fixed linear map of the input.
w_true = torch.randn(8, 3, generator=torch.Generator().manual_seed(7))
xs = [rand([BATCH, 8], 500 + k) for k in range(STEPS)]
batches = [(x, (x @ w_true).argmax(1)) for x in xs]

CONFIGS = {
    "sgd_nesterov": (torch.optim.SGD, dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-4)),
    "adam": (torch.optim.Adam, dict(lr=0.01)),
    "adamw_amsgrad": (torch.optim.AdamW, dict(lr=0.01, weight_decay=0.05, amsgrad=True)),
}
for name, (cls, kw) in CONFIGS.items():
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))
    model.load_state_dict(init.state_dict())
    opt = cls(model.parameters(), foreach=False, **kw)
    losses = train_losses(model, opt, batches)
    r.add(name, optimizer=cls.__name__, kwargs=kw, losses=losses, final=list(model.state_dict().items()))
r.add("batches", xs=[x for x, _ in batches], targets=[y.tolist() for _, y in batches])
r.write()
