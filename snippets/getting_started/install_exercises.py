# Exercises for "Installing and checking PyTorch".

# --8<-- [start:ex1]
import torch

device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
x = torch.ones(2, 2, device=device)

# On a GPU machine, device is cuda (no index) while x.device is cuda:0:
print(torch.device("cuda:0") == torch.device("cuda"))      # the bug: False
print(torch.device("cuda").index, torch.device("cuda:0").index)
print(x.device.type == device.type)                        # the fix: compare types
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
