# NumPy <-> PyTorch: which conversions share memory and which copy.

# --8<-- [start:from_numpy]
import numpy as np
import torch

a = np.ones(3)
t = torch.from_numpy(a)  # shares memory with a
print(t)

a[0] = 5  # change the NumPy array ...
print(t)  # ... and the tensor sees it
# --8<-- [end:from_numpy]

# --8<-- [start:to_numpy]
t = torch.ones(3)
n = t.numpy()  # shares memory with t
print(n, n.dtype)

t.add_(1)  # in-place change on the tensor
print(n)
# --8<-- [end:to_numpy]

# --8<-- [start:copies]
a = np.zeros(3)
copied = torch.tensor(a)  # torch.tensor always copies
a[0] = 1
print(copied)

t = torch.zeros(3)
n = t.clone().numpy()  # clone() first: n owns its own data
t[0] = 1
print(n)

t = torch.zeros(3)
d = t.detach().numpy()  # detach() does not copy: d still shares t's memory
t[0] = 1
print(d)
# --8<-- [end:copies]

# --8<-- [start:mixed_dtypes]
x_numpy = np.array([1, 2, 3.0])      # NumPy default: float64
y_torch = torch.tensor([3, 4, 5.0])  # PyTorch default: float32

x_torch = torch.from_numpy(x_numpy)
print(x_torch + y_torch)          # promoted to float64
print(x_torch.float() + y_torch)  # convert first to stay in float32
# --8<-- [end:mixed_dtypes]

# --8<-- [start:same_api]
data = [-1.0, -2.0, 1.0, 3.0]
arr = np.array(data)
ten = torch.tensor(data)

print(np.abs(arr), torch.abs(ten))
print(np.mean(arr), torch.mean(ten))
# --8<-- [end:same_api]

# --8<-- [start:detach]
w = torch.ones(2, requires_grad=True)
print(w.detach().numpy())  # detach from autograd first
# --8<-- [end:detach]

# --8<-- [start:requires_grad]
# raises: RuntimeError
import torch

w = torch.ones(2, requires_grad=True)
w.numpy()  # tracked by autograd: detach first
# --8<-- [end:requires_grad]
