# Check an installation: versions, available accelerators, and a device to work on.

# --8<-- [start:versions]
import sys

import torch

print("torch", torch.__version__)
print("Python", f"{sys.version_info.major}.{sys.version_info.minor}")
print("CUDA available:", torch.cuda.is_available())
print("MPS available:", torch.backends.mps.is_available())  # Apple silicon GPU
print("accelerator:", torch.accelerator.current_accelerator(check_available=True))
# --8<-- [end:versions]

# --8<-- [start:choose]
# CUDA, MPS, ... when one is usable; None otherwise, and `or` falls back to the CPU
device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
print("device:", device)
# --8<-- [end:choose]

# --8<-- [start:device]
from torch import nn

model = nn.Linear(3, 1).to(device)    # a module moves its parameters in place
x = torch.randn(4, 3, device=device)  # create the data where the model is
y = model(x)
print(y.shape)
print(y.device.type == device.type)   # compare device types (see the pitfalls)
# --8<-- [end:device]
