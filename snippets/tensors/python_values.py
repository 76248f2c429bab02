# From tensors back to plain Python numbers and lists.

# --8<-- [start:item]
import torch

x = torch.tensor(65.0)
x *= 2
value = x.item()  # 0-D tensor -> Python number
print(value, type(value))
print(torch.tensor([7]).item())  # any one-element tensor works
# --8<-- [end:item]

# --8<-- [start:tolist]
z = torch.tensor([[1, 2, 3, 4], [5, 6, 7, 8]])
print(z.tolist())  # nested Python lists
print(z[1, 2].item(), z.sum().item())  # pick or reduce to one element first
# --8<-- [end:tolist]

# --8<-- [start:precision]
print(torch.tensor([0.1, 0.2]).tolist())  # float32 values seen as Python floats
print(torch.tensor([0.1, 0.2], dtype=torch.float64).tolist())
# --8<-- [end:precision]

# --8<-- [start:item_error]
# raises: RuntimeError
import torch

x = torch.randn(4, 4)
z = x.view(-1, 8)  # shape (2, 8): 16 elements
z.item()
# --8<-- [end:item_error]
