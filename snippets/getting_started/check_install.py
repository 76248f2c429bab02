# Check an installation: versions, available accelerators, and a device to work on.

# --8<-- [start:versions]
import sys

import torch

print("torch", torch.__version__)
print("Python", f"{sys.version_info.major}.{sys.version_info.minor}")
print("CUDA available:", torch.cuda.is_available())
print("MPS available:", torch.backends.mps.is_available())  # Apple silicon GPU
# --8<-- [end:versions]

# --8<-- [start:device]
from torch import nn

if torch.cuda.is_available():
    device = "cuda"
elif torch.backends.mps.is_available():
    device = "mps"
else:
    device = "cpu"

model = nn.Linear(3, 1).to(device)    # a module moves its parameters in place
x = torch.randn(4, 3, device=device)  # create the data where the model is
y = model(x)
print(y.shape)
print(y.device == next(model.parameters()).device)
# --8<-- [end:device]
