# Element-wise arithmetic, the out= argument, in-place operations, matrix multiplication.

# --8<-- [start:add]
import numpy as np
import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
y = torch.tensor([[10.0, 20.0], [30.0, 40.0]])
print(x + y)
print(torch.add(x, y))  # same thing as a function
print(x ** 2)  # operators work element by element
# --8<-- [end:add]

# --8<-- [start:out]
result = torch.empty(2, 2)  # must already have the right shape
torch.add(x, y, out=result)
print(result)
# --8<-- [end:out]

# --8<-- [start:inplace]
z = x.add(1)  # returns a new tensor, x unchanged
print(x[0], z[0])
x.add_(1)     # trailing underscore: modifies x itself
print(x[0])
x *= 2        # augmented assignment is in-place too
print(x[0])
# --8<-- [end:inplace]

# --8<-- [start:alias]
a = torch.zeros(3)
b = a          # b is a second name for the same tensor, not a copy
a = a + 1      # builds a NEW tensor and rebinds the name a to it
print(a, b)    # b still sees the old tensor

c = torch.zeros(3)
d = c
c += 1         # in place: changes the one tensor that c and d both name
print(c, d)
# --8<-- [end:alias]

# --8<-- [start:mul_vs_matmul]
M = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(M * M)         # element-wise product
print(M @ M)         # matrix multiplication
print(torch.equal(M @ M, torch.matmul(M, M)), torch.equal(M @ M, torch.mm(M, M)))
# --8<-- [end:mul_vs_matmul]

# --8<-- [start:inner]
print((M * M).sum())  # sum of element-wise products = Frobenius inner product
v = torch.tensor([1.0, 2.0, 3.0])
print(torch.dot(v, v), v @ v)  # inner product of two vectors
# --8<-- [end:inner]

# --8<-- [start:numpy_compare]
data = [[1, 2], [3, 4]]
print(np.matmul(data, data))
print(torch.mm(torch.tensor(data), torch.tensor(data)))
# --8<-- [end:numpy_compare]

# --8<-- [start:matmul_shapes]
A = torch.ones(2, 3)
B = torch.ones(3, 4)
print((A @ B).shape)  # (2, 3) @ (3, 4) -> (2, 4)
batch = torch.ones(10, 2, 3)
print((batch @ B).shape)  # matmul broadcasts over the batch dimension
# --8<-- [end:matmul_shapes]

# --8<-- [start:matmul_error]
# raises: RuntimeError
import torch

A = torch.ones(2, 3)
torch.mm(A, A)  # inner sizes 3 and 2 do not match
# --8<-- [end:matmul_error]
