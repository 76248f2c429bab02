# random_split: hold out part of a dataset, reproducibly, with a seeded generator.

# --8<-- [start:split]
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

x = torch.arange(20.0).reshape(10, 2)
y = torch.arange(10)  # the label of sample i is i, so we can follow it
toy = TensorDataset(x, y)

g = torch.Generator().manual_seed(0)
train_set, val_set = random_split(toy, [8, 2], generator=g)
print(type(train_set).__name__, len(train_set), len(val_set))
print("train indices:", train_set.indices)
print("val indices:  ", val_set.indices)
print(val_set[0])  # sample val_set.indices[0] of the original toy dataset
# --8<-- [end:split]

# --8<-- [start:fractions]
for lengths in ([0.8, 0.2], [0.5, 0.3, 0.2], [1 / 3, 1 / 3, 1 / 3]):
    parts = random_split(toy, lengths, generator=torch.Generator().manual_seed(0))
    print(lengths, "->", [len(p) for p in parts])
# --8<-- [end:fractions]

# --8<-- [start:reproducible]
def split(seed):
    return random_split(toy, [0.8, 0.2], generator=torch.Generator().manual_seed(seed))


print("seed 0:", split(0)[1].indices)
print("seed 0:", split(0)[1].indices)  # same seed, same split
print("seed 1:", split(1)[1].indices)
# --8<-- [end:reproducible]

# --8<-- [start:loaders]
train_loader = DataLoader(train_set, batch_size=4, shuffle=True,
                          generator=torch.Generator().manual_seed(0))
val_loader = DataLoader(val_set, batch_size=4)  # no shuffling, keep every sample
print("train batches:", [yb.tolist() for _, yb in train_loader])
print("val batches:  ", [yb.tolist() for _, yb in val_loader])
# --8<-- [end:loaders]
