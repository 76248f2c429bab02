# Samples, batches, iterations and epochs, counted with a real DataLoader.

# --8<-- [start:arithmetic]
import math

n_samples = 1000  # the training set: 1000 samples
batch_size = 10   # samples per parameter update
iterations_per_epoch = math.ceil(n_samples / batch_size)
print("iterations per epoch:", iterations_per_epoch)
# --8<-- [end:arithmetic]

# --8<-- [start:dataloader]
import torch
from torch.utils.data import DataLoader, TensorDataset

x = torch.randn(n_samples, 3)  # 1000 samples with 3 features each
y = torch.randn(n_samples, 1)  # one target per sample
dataset = TensorDataset(x, y)
loader = DataLoader(dataset, batch_size=batch_size, shuffle=True)

print("batches in the loader:", len(loader))
iteration = 0
for epoch in range(2):
    for xb, yb in loader:  # one iteration = one batch = one update
        iteration += 1
    print(f"epoch {epoch}: iterations so far {iteration}, last batch {tuple(xb.shape)}")
# --8<-- [end:dataloader]

# --8<-- [start:three_kinds]
kinds = {
    "full-batch gradient descent": n_samples,  # the whole set in one batch
    "mini-batch gradient descent": 10,
    "stochastic gradient descent": 1,     # one sample per batch
}
for name, size in kinds.items():
    loader = DataLoader(dataset, batch_size=size)
    print(f"{name:28s} batch_size={size:4d} -> {len(loader):4d} updates per epoch")
# --8<-- [end:three_kinds]

# --8<-- [start:uneven]
loader = DataLoader(dataset, batch_size=32)
sizes = [len(xb) for xb, _ in loader]
print("batches:", len(sizes), "first:", sizes[0], "last:", sizes[-1])

loader = DataLoader(dataset, batch_size=32, drop_last=True)  # skip the short batch
print("with drop_last=True:", len(loader))
# --8<-- [end:uneven]
