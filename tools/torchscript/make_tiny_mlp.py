#!/usr/bin/python3
"""Builds the tiny TorchScript fixture used by DjlTorchScriptTest: a 2-layer MLP over [batch, seq, 16]
float32 giving [batch, seq, 8], with fixed seeded weights.

Regenerate (Debian's python3-torch 1.13; TorchScript it saves loads in libtorch 2.7.1):

  /usr/bin/python3 tools/torchscript/make_tiny_mlp.py harness/src/test/resources/torchscript/tiny-mlp.pt
"""
import sys

import torch


class TinyMlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(16, 32)
        self.fc2 = torch.nn.Linear(32, 8)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(torch.nn.functional.gelu(self.fc1(x)))


if __name__ == "__main__":
    torch.manual_seed(0)
    out = sys.argv[1] if len(sys.argv) > 1 else "tiny-mlp.pt"
    torch.jit.script(TinyMlp().eval()).save(out)
