# Exercises for "Datasets from files, and validation splits": answers, run by the build.
# depends: scores.csv

# --8<-- [start:ex1]
import torch
from torch.utils.data import random_split

g = torch.Generator().manual_seed(0)
print([len(p) for p in random_split(range(7), [0.5, 0.5], generator=g)])
print([len(p) for p in random_split(range(7), [0.6, 0.2, 0.2], generator=g)])
# --8<-- [end:ex1]

# --8<-- [start:ex2_bug]
data = range(10)
torch.manual_seed(1)
train_set, _ = random_split(data, [8, 2])  # one call for the training part...
_, val_set = random_split(data, [8, 2])    # ...another for the validation part
print("in both:", sorted(set(train_set.indices) & set(val_set.indices)))
# --8<-- [end:ex2_bug]

# --8<-- [start:ex2]
train_set, val_set = random_split(data, [8, 2], generator=torch.Generator().manual_seed(1))
print("in both:", sorted(set(train_set.indices) & set(val_set.indices)))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import csv
from pathlib import Path

from torch.utils.data import DataLoader, Dataset


class PassDataset(Dataset):
    """Inputs (hours, sleep); label 1 if the score is at least 60, else 0."""

    def __init__(self, path):
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        self.x = torch.tensor([[float(r["hours"]), float(r["sleep"])] for r in rows])
        self.y = torch.tensor([int(float(r["score"]) >= 60) for r in rows])

    def __len__(self):
        return len(self.y)

    def __getitem__(self, idx):
        return self.x[idx], self.y[idx]


ds = PassDataset(Path(__file__).parent / "scores.csv")
print(len(ds), "students,", ds.y.sum().item(), "passed")
xb, yb = next(iter(DataLoader(ds, batch_size=5)))
print(xb.dtype, yb.dtype, yb.tolist())
# --8<-- [end:ex3]
