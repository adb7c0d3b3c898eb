#!/usr/bin/python3
"""Builds torch-ops.pt: the small TorchScript module that dev.scalebench.backend.djl.TorchOps calls.

DJL 0.35.1's PyTorch JNI cannot create or cast to bfloat16 and its softmax crashes on bf16 arrays
(the JNI has no mapping for DJL's BFLOAT16 data type). This module does those operations inside libtorch,
where the dtype is passed as an int code rather than a DJL DataType:

  forward(x, code)  -> x cast to a dtype: 0 float32, 1 float16, 2 bfloat16, 3 int64
  softmax(x, dim)   -> softmax computed in float32, returned in x's dtype (as fused attention kernels do)

Regenerate (Debian's python3-torch 1.13; TorchScript it saves loads in libtorch 2.7.1):

  /usr/bin/python3 tools/torchscript/make_torch_ops.py harness/src/main/resources/dev/scalebench/backend/djl/torch-ops.pt
"""
import sys

import torch


class TorchOps(torch.nn.Module):
    def forward(self, x: torch.Tensor, code: int) -> torch.Tensor:
        if code == 0:
            return x.to(torch.float32)
        if code == 1:
            return x.to(torch.float16)
        if code == 2:
            return x.to(torch.bfloat16)
        return x.to(torch.int64)

    @torch.jit.export
    def softmax(self, x: torch.Tensor, dim: int) -> torch.Tensor:
        return torch.softmax(x.to(torch.float32), dim).to(x.dtype)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "torch-ops.pt"
    torch.jit.script(TorchOps().eval()).save(out)
