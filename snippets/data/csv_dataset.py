# A Dataset backed by a file: reads scores.csv, which lies next to this script.
# depends: scores.csv

# --8<-- [start:peek]
from pathlib import Path

CSV_PATH = Path(__file__).parent / "scores.csv"  # next to this script, wherever it runs from
lines = CSV_PATH.read_text().splitlines()
print(len(lines), "lines")
print("\n".join(lines[:4]))
# --8<-- [end:peek]

# --8<-- [start:dataset]
import csv

import torch
from torch.utils.data import DataLoader, Dataset, random_split


class ScoresDataset(Dataset):
    """Exam scores: inputs (hours studied, hours slept), target the score out of 100."""

    def __init__(self, path):
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))  # one dict per line, keyed by the header
        # Parse once, store float32 tensors: __getitem__ then only indexes
        self.x = torch.tensor([[float(r["hours"]), float(r["sleep"])] for r in rows])
        self.y = torch.tensor([float(r["score"]) for r in rows])

    def __len__(self):
        return len(self.y)

    def __getitem__(self, idx):
        return self.x[idx], self.y[idx]


dataset = ScoresDataset(CSV_PATH)
print(len(dataset), dataset[0])
print(dataset.x.dtype, dataset.x.shape, dataset.y.shape)
# --8<-- [end:dataset]

# --8<-- [start:loader]
g = torch.Generator().manual_seed(0)
train_set, val_set = random_split(dataset, [0.75, 0.25], generator=g)
train_loader = DataLoader(train_set, batch_size=8, shuffle=True, generator=g)
print(len(train_set), "training samples,", len(val_set), "validation samples")
xb, yb = next(iter(train_loader))
print(xb.shape, yb.shape, xb.dtype)
print(yb)
# --8<-- [end:loader]
