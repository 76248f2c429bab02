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
centred = data - data.mean(dim=0, keepdim=True)  # subtract each column's mean
print(centred)
print(centred.mean(dim=0))                       # every column now averages 0
# --8<-- [end:ex3]

# --8<-- [start:ex4]
# raises: RuntimeError
counts = torch.tensor([3, 5, 4])
print(counts.float().mean())    # the fix: mean needs a floating point tensor
counts.mean()                   # the bug: an int64 tensor
# --8<-- [end:ex4]
