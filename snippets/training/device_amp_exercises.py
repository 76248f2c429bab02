# Exercises for the page on the device-agnostic loop and mixed precision.

# --8<-- [start:ex1]
import torch
from torch import nn

x = torch.ones(2, 3)
x.to(torch.float64)
print("tensor after x.to(...):    ", x.dtype)

model = nn.Linear(3, 1)
model.to(torch.float64)
print("module after model.to(...):", model.weight.dtype)
# --8<-- [end:ex1]

# --8<-- [start:ex1_fix]
x = x.to(torch.float64)  # assign the new tensor
print("tensor after x = x.to(...):", x.dtype)
# --8<-- [end:ex1_fix]

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


def max_relative_error(result):
    return ((result.double() - exact).abs().max() / exact.abs().max()).item()


# float32's error is rounding noise: its digits depend on the CPU's summation order
print("float32 max relative error below 1e-5:", max_relative_error(a @ b) < 1e-5)
# bfloat16's error comes from rounding the inputs to 8 significant bits: stable
print(f"bfloat16 autocast max relative error: {max_relative_error(low):.1e}")
# --8<-- [end:ex3]
