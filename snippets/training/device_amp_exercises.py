# Exercises for the page on the device-agnostic loop and mixed precision.

# --8<-- [start:ex1]
import torch
from torch import nn

x = torch.ones(2, 3)
x.to(torch.float64)          # bug: Tensor.to returns a NEW tensor; the result is dropped
print("tensor after x.to(...):  ", x.dtype)
x = x.to(torch.float64)      # fix: assign it
print("tensor after x = x.to(...):", x.dtype)

model = nn.Linear(3, 1)
model.to(torch.float64)      # Module.to changes the module in place (and returns it)
print("module after model.to(...):", model.weight.dtype)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
a = torch.randn(4, 4)
b = torch.randn(4, 4)
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    mm = a @ b
    print("a @ b:           ", mm.dtype)
    print("relu(a):         ", torch.relu(a).dtype)
    print("(a @ b) + a:     ", (mm + a).dtype)
    print("a.double() @ b.double():", (a.double() @ b.double()).dtype)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
for dtype in (torch.float32, torch.bfloat16, torch.float16):
    info = torch.finfo(dtype)
    print(f"{str(dtype):15s} eps {info.eps:.1e}  max {info.max:.1e}")

torch.manual_seed(0)
a, b = torch.randn(256, 256), torch.randn(256, 256)
exact = a.double() @ b.double()
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    low = a @ b
for name, result in (("float32", a @ b), ("bfloat16 autocast", low)):
    error = ((result.double() - exact).abs().max() / exact.abs().max()).item()
    print(f"{name:18s} max relative error {error:.1e}")
# --8<-- [end:ex3]
