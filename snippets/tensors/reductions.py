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

# --8<-- [start:mean_int]
# raises: RuntimeError
import torch

torch.mean(torch.tensor([-1, -2, 1, 3]))  # int64 input
# --8<-- [end:mean_int]
