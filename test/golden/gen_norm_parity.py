"""Training parity with batch norm and dropout (test/nn.normParity.test.ts):
the head of the digits CNN without its convolutions. A net of
BatchNorm2d over the input viewed as [B, 2, 2, 2], Linear(8, 16),
BatchNorm1d(16), ReLU, Dropout(0.2), Linear(16, 3), started from the
weights PyTorch writes as test/golden/norm_parity/init.safetensors, fed
the same fixed batches, trained 50 steps with SGD (momentum) after
manual_seed(11) (dropout's draws); records every step's loss, the final
state dict (running stats and num_batches_tracked included) and the
eval-mode output on a held-out batch."""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

from common import Recorder, rand
from helpers import train_losses
from gen_safetensors import serialize

HERE = os.path.dirname(os.path.abspath(__file__))
r = Recorder("norm_parity")
STEPS, BATCH = 50, 16


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.bn0 = nn.BatchNorm2d(2)
        self.fc1 = nn.Linear(8, 16)
        self.bn1 = nn.BatchNorm1d(16)
        self.drop = nn.Dropout(0.2)
        self.fc2 = nn.Linear(16, 3)

    def forward(self, x):
        x = self.bn0(x.view(-1, 2, 2, 2)).flatten(1)
        return self.fc2(self.drop(F.relu(self.bn1(self.fc1(x)))))


torch.manual_seed(2025)
init = Net()
with torch.no_grad():
    init.bn0.weight.uniform_(0.5, 1.5)
    init.bn0.bias.uniform_(-0.5, 0.5)
    init.bn1.weight.uniform_(0.5, 1.5)
    init.bn1.bias.uniform_(-0.5, 0.5)
os.makedirs(os.path.join(HERE, "norm_parity"), exist_ok=True)
with open(os.path.join(HERE, "norm_parity", "init.safetensors"), "wb") as f:
    f.write(serialize(dict(init.state_dict()), {"format": "pt"}))

w_true = torch.randn(8, 3, generator=torch.Generator().manual_seed(7))
xs = [rand([BATCH, 8], 700 + k) * (1 + (k % 3)) + 0.25 * (k % 5) for k in range(STEPS)]
batches = [(x, (x @ w_true).argmax(1)) for x in xs]

model = Net()
model.load_state_dict(init.state_dict())
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, foreach=False)
torch.manual_seed(11)
losses = train_losses(model, opt, batches)
model.eval()
held = rand([BATCH, 8], 999)
r.add("sgd_bn_dropout", seed=11, losses=losses, final=list(model.state_dict().items()), held=held, eval_out=model(held))
r.add("batches", xs=[x for x, _ in batches], targets=[y.tolist() for _, y in batches])
r.write()
