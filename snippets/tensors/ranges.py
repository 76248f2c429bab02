# Evenly spaced values: arange, linspace, and the deprecated torch.range.

# --8<-- [start:arange]
import torch

print(torch.arange(4))         # end only: 0, 1, 2, 3
print(torch.arange(1, 6))      # [start, end): 6 is NOT included
print(torch.arange(0, 10, 3))  # with a step
print(torch.arange(1, 6).dtype, torch.arange(1.0, 6.0).dtype)
# --8<-- [end:arange]

# --8<-- [start:float_step]
print(torch.arange(1, 0.6, -0.1))  # negative float step
print(torch.arange(1, 1.3, 0.1))   # rounding: 1.3 sneaks in!
# --8<-- [end:float_step]

# --8<-- [start:linspace]
print(torch.linspace(1, 1.3, steps=4))  # exactly 4 values, both ends included
print(torch.linspace(-5, 5, steps=5))
# --8<-- [end:linspace]

# --8<-- [start:legacy_range]
# Deprecated: includes the end point and returns floats by default.
y = torch.range(1, 6)
print(y, y.dtype)
# --8<-- [end:legacy_range]
