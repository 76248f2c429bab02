# TensorDataset: the ready-made Dataset for tensors that already sit in memory.

# --8<-- [start:basics]
import torch
from torch.utils.data import DataLoader, TensorDataset

x = torch.arange(30.0).reshape(10, 3)
y = torch.arange(10.0)
dataset = TensorDataset(x, y)  # sample i is (x[i], y[i])
print(len(dataset))
print(dataset[3])
print([t.shape for t in dataset.tensors])
# --8<-- [end:basics]

# --8<-- [start:loader]
loader = DataLoader(dataset, batch_size=4, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
for xb, yb in loader:
    print(tuple(xb.shape), yb.int().tolist())
# --8<-- [end:loader]

# --8<-- [start:more_tensors]
weights = torch.linspace(0.1, 1.0, 10)  # any number of tensors, same first dimension
xb, yb, wb = next(iter(DataLoader(TensorDataset(x, y, weights), batch_size=4)))
print(xb.shape, yb.shape, wb.shape)
# --8<-- [end:more_tensors]

# --8<-- [start:mismatch]
# raises: AssertionError
TensorDataset(torch.zeros(10, 3), torch.zeros(8))  # 10 inputs but 8 labels
# --8<-- [end:mismatch]
