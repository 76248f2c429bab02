# Exercises for the "Tensors" chapter overview.

# --8<-- [start:ex1]
import torch

t = torch.tensor([[1, 2, 3]])
print(t.shape, t.dtype, t.device)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
s = torch.tensor(3.5)
print(s.shape, s.dim(), s.numel())   # a scalar: no dimensions, one element
# --8<-- [end:ex2]

# --8<-- [start:ex3]
device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
m = torch.zeros(2, 2, dtype=torch.int64, device=device)
print(m.shape, m.dtype, m.device)
# --8<-- [end:ex3]
