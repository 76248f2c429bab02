# Joining tensors: torch.cat (existing dimension) vs torch.stack (new dimension).

# --8<-- [start:inputs]
import torch

x1 = torch.tensor([[11, 21, 31], [21, 31, 41]], dtype=torch.int32)
x2 = torch.tensor([[12, 22, 32], [22, 32, 42]], dtype=torch.int32)
inputs = [x1, x2]  # any sequence (list or tuple) of tensors
print(x1.shape, x2.shape)
# --8<-- [end:inputs]

# --8<-- [start:cat]
print(torch.cat(inputs, dim=0).shape)  # rows are appended
print(torch.cat(inputs, dim=1))        # columns are appended
# --8<-- [end:cat]

# --8<-- [start:cat_sizes]
top = torch.zeros(2, 3)
bottom = torch.ones(1, 3)  # different size along dim 0 is fine
print(torch.cat([top, bottom], dim=0).shape)
print(torch.cat([top, bottom], dim=-2).shape)  # negative dims count from the end
# --8<-- [end:cat_sizes]

# --8<-- [start:stack]
T1 = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
T2 = torch.tensor([[10, 20, 30], [40, 50, 60], [70, 80, 90]])
print(torch.stack((T1, T2), dim=0).shape)
print(torch.stack((T1, T2), dim=1).shape)
print(torch.stack((T1, T2), dim=2).shape)
# --8<-- [end:stack]

# --8<-- [start:stack_dim1]
print(torch.stack((T1, T2), dim=1))  # row i of T1 next to row i of T2
# --8<-- [end:stack_dim1]

# --8<-- [start:stack_is_cat]
a = torch.stack((T1, T2), dim=2)
b = torch.cat((T1.unsqueeze(2), T2.unsqueeze(2)), dim=2)
print(torch.equal(a, b))
# --8<-- [end:stack_is_cat]

# --8<-- [start:axis_alias]
print(torch.cat(inputs, axis=1).shape)  # NumPy-style alias; prefer dim=
# --8<-- [end:axis_alias]

# --8<-- [start:split_chunk]
x = torch.arange(9)
print(x.split(4))           # pieces of length 4; the last one is what is left
print(x.chunk(3))           # 3 pieces of equal length
print(x.split([2, 3, 4]))   # the length of each piece; they must add up to 9
# --8<-- [end:split_chunk]

# --8<-- [start:split_dim]
grid = torch.arange(12).view(3, 4)
left, right = grid.split(2, dim=1)         # two blocks of 2 columns each
print(left)
print(torch.equal(torch.cat([left, right], dim=1), grid))  # cat undoes split
left[0, 0] = 100                           # the pieces are views of grid, not copies
print(grid[0])
# --8<-- [end:split_dim]

# --8<-- [start:cat_error]
# raises: IndexError
import torch

x1 = torch.zeros(2, 3)
x2 = torch.zeros(2, 3)
torch.cat([x1, x2], dim=2)  # 2-D tensors have no dim 2
# --8<-- [end:cat_error]
