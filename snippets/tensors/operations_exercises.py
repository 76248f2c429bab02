# Exercises for "Tensor operations".

# --8<-- [start:ex1]
import torch

a = torch.tensor([[1, 2], [3, 4]])
print(a * a)          # element-wise
print(a @ a)          # matrix product: rows times columns
print((a * a).sum())  # the Frobenius inner product of a with itself
# --8<-- [end:ex1]

# --8<-- [start:ex2]
print(torch.broadcast_shapes((3, 1), (4,)))
print(torch.broadcast_shapes((2, 1, 5), (3, 1)))
print(torch.broadcast_shapes((8, 1, 6, 1), (7, 1, 5)))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
data = torch.tensor([[1.0, 10.0],
                     [2.0, 20.0],
                     [3.0, 60.0]])
col_means = data.mean(dim=0)       # shape (2,): lines up with the last dim of (3, 2)
centred = data - col_means         # broadcasting: no keepdim needed
print(centred)
print(centred.mean(dim=0))         # every column now averages 0

row_means = data.mean(dim=1, keepdim=True)  # shape (3, 1); without keepdim (3,) would
print(data - row_means)                     # be lined up with the 2 columns and fail
# --8<-- [end:ex3]

# --8<-- [start:ex4]
# raises: RuntimeError
counts = torch.tensor([3, 5, 4])
print(counts.float().mean())    # the fix: mean needs a floating point tensor
counts.mean()                   # the bug: an int64 tensor
# --8<-- [end:ex4]

# --8<-- [start:ex5]
a = torch.ones(2)
b = a
a += 1                      # in place: b is the same tensor
a = a * 10                  # a new tensor: b keeps the old one
print(a, b)

col = torch.tensor([[1], [2]])
print(col.expand(2, 3).data_ptr() == col.data_ptr(),   # a view of col
      col.repeat(1, 3).data_ptr() == col.data_ptr())   # a copy

x = torch.tensor([1.0, 3.0])
print(x.std(), x.std(correction=0))                    # n - 1 versus n
# --8<-- [end:ex5]
