# Reductions: sum and mean over all elements or along a dimension.

# --8<-- [start:sum]
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # shape (2, 3)
print(x.sum())          # all elements -> 0-D tensor
print(x.sum(dim=0))     # collapse dim 0 (down the columns) -> shape (3,)
print(x.sum(dim=1))     # collapse dim 1 (along each row)   -> shape (2,)
# --8<-- [end:sum]

# --8<-- [start:keepdim]
s = torch.sum(x, dim=1, keepdim=True)  # keep dim 1 with size 1
print(s.shape)
print(x / s)  # shape (2, 1) broadcasts against (2, 3): each row sums to 1
# --8<-- [end:keepdim]

# --8<-- [start:several_dims]
t = torch.ones(2, 3, 4)
print(t.sum(dim=(1, 2)))  # several dimensions at once
print(t.mean(dim=-1).shape)
# --8<-- [end:several_dims]

# --8<-- [start:mean]
ints = torch.tensor([-1, -2, 1, 3])
print(ints.sum())           # sum of ints stays int64
print(ints.float().mean())  # mean needs a floating-point dtype
# --8<-- [end:mean]

# --8<-- [start:std_var]
import numpy as np

x = torch.tensor([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
print(x.mean(), x.var(), x.std())                # divides by n - 1 by default
print(x.var(correction=0), x.std(correction=0))  # divides by n
print(np.std(x.numpy()))                         # NumPy divides by n by default
m = torch.tensor([[1.0, 2.0, 3.0], [4.0, 6.0, 8.0]])
print(m.std(dim=1))                              # one value per row, like sum(dim=1)
# --8<-- [end:std_var]

# --8<-- [start:cumsum]
steps = torch.tensor([1, 2, 3, 4])
print(steps.cumsum(dim=0))         # running total: 1, 1+2, 1+2+3, 1+2+3+4
m = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(m.cumsum(dim=1))             # along each row
lengths = torch.tensor([3, 1, 2])  # three sequences stored one after another
ends = lengths.cumsum(dim=0)
print(ends - lengths, ends)        # where each one starts and where it ends
# --8<-- [end:cumsum]

# --8<-- [start:mean_int]
# raises: RuntimeError
import torch

torch.mean(torch.tensor([-1, -2, 1, 3]))  # int64 input
# --8<-- [end:mean_int]
