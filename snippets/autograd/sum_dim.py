# backward() after a sum along one dimension: weight each row's sum to get a scalar.

# --8<-- [start:backward_dim]
import torch

x = torch.arange(12.0).reshape(3, 4).requires_grad_()  # 3 rows, 4 columns
row_sums = torch.sum(x, dim=1, keepdim=True)  # shape (3, 1): not a scalar
weights = torch.tensor([[1.0], [10.0], [100.0]])
(row_sums * weights).sum().backward()         # weighted sum: a scalar
print(x.grad)  # every element of row i gets weights[i]
# --8<-- [end:backward_dim]
