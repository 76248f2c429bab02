# Exercises for "Datasets and DataLoaders": answers, run by the build.

# --8<-- [start:ex1]
import torch
from torch.utils.data import DataLoader, TensorDataset

ds = TensorDataset(torch.arange(10.0))
for batch_size, drop_last in [(3, False), (3, True), (5, True)]:
    loader = DataLoader(ds, batch_size=batch_size, drop_last=drop_last)
    print(f"batch_size={batch_size} drop_last={drop_last}: len={len(loader)},",
          "sizes", [len(xb) for (xb,) in loader])
# --8<-- [end:ex1]

# --8<-- [start:ex2_bug]
x = torch.randn(100, 2)
y = (x[:, 0] > 0).long()
test_set = TensorDataset(x, y)


def predict(xb):
    """A fixed, imperfect classifier standing in for a trained model."""
    return (xb[:, 0] + 0.5 * xb[:, 1] > 0).long()


loader = DataLoader(test_set, batch_size=8, shuffle=True, drop_last=True)
for run in range(3):
    correct = seen = 0
    for xb, yb in loader:
        correct += (predict(xb) == yb).sum().item()
        seen += len(yb)
    print(f"run {run}: {seen} samples, accuracy {correct / seen:.3f}")
# --8<-- [end:ex2_bug]

# --8<-- [start:ex2]
loader = DataLoader(test_set, batch_size=8)  # no shuffling, no dropping when evaluating
for run in range(3):
    correct = seen = 0
    for xb, yb in loader:
        correct += (predict(xb) == yb).sum().item()
        seen += len(yb)
    print(f"run {run}: {seen} samples, accuracy {correct / seen:.3f}")
# --8<-- [end:ex2]

# --8<-- [start:ex3]
from torch.utils.data import Dataset


class SquaresDataset(Dataset):
    """Sample i is (i, i**2), computed when asked for: nothing is stored."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        x = torch.tensor([float(idx)])
        return x, x ** 2


loader = DataLoader(SquaresDataset(7), batch_size=3)
xb, yb = next(iter(loader))
print(len(loader), xb.shape, yb.flatten().tolist())
# --8<-- [end:ex3]

# --8<-- [start:ex4]
ds = TensorDataset(torch.randn(33, 4))
for drop_last in (False, True):
    loader = DataLoader(ds, batch_size=16, drop_last=drop_last)
    print(f"drop_last={drop_last}:", [len(xb) for (xb,) in loader])
print("batch_size=11:", [len(xb) for (xb,) in DataLoader(ds, batch_size=11)])
# --8<-- [end:ex4]
