"""PyTorch checkpoints that torch.load must recognise and refuse with advice
(test/safetensors.test.ts): a small state dict saved by torch.save in the zip
format (the default since PyTorch 1.6) and in the legacy pickle format.

    /usr/bin/python3 test/golden/gen_pt.py      # writes test/golden/pytorch/*.pt
"""
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, "pytorch")

torch.manual_seed(0)
state = torch.nn.Linear(2, 1).state_dict()
os.makedirs(DIR, exist_ok=True)
torch.save(state, os.path.join(DIR, "linear.pt"))
torch.save(state, os.path.join(DIR, "linear_legacy.pt"), _use_new_zipfile_serialization=False)
