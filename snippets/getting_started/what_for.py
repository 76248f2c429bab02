# What PyTorch is for: NumPy-style array maths that can also run on a GPU,
# plus automatic gradients for ordinary Python code.

# --8<-- [start:numpy_like]
import numpy as np
import torch

data = [[1.0, 2.0], [3.0, 4.0]]
a = np.array(data)
t = torch.tensor(data)

print(np.matmul(a, a))  # NumPy matrix product
print(t @ t)            # the same in PyTorch (torch.matmul / torch.mm)
# --8<-- [end:numpy_like]

# --8<-- [start:gpu]
# the accelerator (CUDA, MPS, ...) when there is one, else the CPU
device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")

t_dev = t.to(device)            # copy the data to the GPU (if there is one)
result = (t_dev @ t_dev).cpu()  # compute there, bring the result back
print(result)
print(torch.equal(result, t @ t))
# --8<-- [end:gpu]

# --8<-- [start:flexible]
x = torch.tensor(3.0, requires_grad=True)
y = x
while y < 100:  # plain Python control flow: how often it runs depends on the data
    y = y * x
y.backward()    # gradient of whatever was actually computed (here x**5)
print(y.item(), x.grad.item())
# --8<-- [end:flexible]
