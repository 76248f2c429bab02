# Exercises for "NumPy, Python values and devices".

# --8<-- [start:ex1]
import numpy as np
import torch

a = np.ones(3)
shared = torch.from_numpy(a)    # shares memory with a
copied = torch.tensor(a)        # a copy
a += 1
print(shared)
print(copied)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
t = torch.tensor([[1.5, 2.5], [3.0, 4.0]])
print(t.tolist())                # nested Python lists
print(t.sum().item())            # one element: a Python float
print(type(t[0, 1].item()))
print(torch.tensor([[7]]).item())  # any shape works, as long as it holds one element
# --8<-- [end:ex2]

# --8<-- [start:ex3]
device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
x = torch.ones(2)
x.to(device)                    # the bug: the result is thrown away
x = x.to(device)                # the fix: keep the tensor that .to() returns
y = torch.zeros_like(x)         # created where x is
print((x + y).device.type == device.type)
# --8<-- [end:ex3]

# --8<-- [start:ex4]
# raises: RuntimeError
w = torch.ones(3, requires_grad=True)
print((w * 2).detach().numpy())  # the fix: detach from the graph first
(w * 2).numpy()                  # the bug: this tensor is part of a graph
# --8<-- [end:ex4]
