# torch.sum with dim / keepdim, and backward(retain_graph=True) (seed 001).

# --8<-- [start:dims]
import torch

x = torch.arange(12.0).reshape(3, 4).requires_grad_()  # 3 rows, 4 columns
print(torch.sum(x))                       # every element -> a scalar
print(torch.sum(x, dim=0))                # collapse the rows -> shape (4,)
print(torch.sum(x, dim=1, keepdim=True))  # one sum per row, kept as (3, 1)
print(torch.sum(x, dim=(0, 1)))           # several dimensions at once
# --8<-- [end:dims]

# --8<-- [start:backward_dim]
row_sums = torch.sum(x, dim=1, keepdim=True)  # shape (3, 1): not a scalar
weights = torch.tensor([[1.0], [10.0], [100.0]])
(row_sums * weights).sum().backward()         # weighted sum: a scalar
print(x.grad)  # every element of row i gets weights[i]
# --8<-- [end:backward_dim]

# --8<-- [start:retain_graph]
x.grad = None
total = torch.sum(x * x)           # a scalar, as backward() needs
total.backward(retain_graph=True)  # keep the graph for another pass
print(x.grad[0])                   # d(total)/dx = 2x
total.backward()                   # second pass through the same graph
print(x.grad[0])                   # 4x: the two passes were added up
# --8<-- [end:retain_graph]
