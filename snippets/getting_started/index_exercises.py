# Exercises for "Getting started".

# --8<-- [start:ex1]
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x
while y < 50:          # how often this runs depends on the data
    y = y * x
y.backward()           # the graph that ran: y = x**6
print(y, x.grad)       # 2**6 and 6 * 2**5
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import numpy as np

a = np.array([[1.0, 2.0], [3.0, 4.0]])
b = np.array([[0.5], [1.0]])
with_numpy = a @ b
with_torch = torch.from_numpy(a) @ torch.from_numpy(b)
print(with_torch)
print(np.allclose(with_numpy, with_torch.numpy()))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
# raises: RuntimeError
u = torch.tensor([1.0, 2.0, 3.0])
v = torch.tensor([4.0, 5.0, 6.0])
print(u @ v, torch.dot(u, v))   # the fix: @ or torch.dot for two vectors
torch.mm(u, v)                  # the bug: mm only takes 2-D matrices
# --8<-- [end:ex3]
