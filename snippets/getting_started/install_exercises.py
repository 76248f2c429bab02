# Exercises for "Installing and checking PyTorch".

# --8<-- [start:ex1]
import torch


def pick_device() -> torch.device:
    """CUDA if present, else Apple's MPS, else the CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


device = pick_device()
x = torch.ones(2, 2, device=device)
print(device.type == x.device.type)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
from torch import nn

model = nn.Linear(2, 1)
model.to(torch.float64)        # a module converts its parameters in place
x = torch.ones(2)
x.to(torch.float64)            # a tensor returns a new tensor; this one is thrown away
print(model.weight.dtype)
print(x.dtype)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
# raises: NameError
print(torch.zeros(2, 3, dtype=torch.long))  # the fix: the dtype lives in torch
torch.zeros(2, 3, dtype=long)               # the bug: Python 3 has no long
# --8<-- [end:ex3]
