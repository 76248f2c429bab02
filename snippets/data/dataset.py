# A map-style Dataset (__len__ + __getitem__) and a DataLoader that batches it.

# --8<-- [start:define]
import torch
from torch.utils.data import DataLoader, Dataset


class FakeDataset(Dataset):
    """Samples (x[i], y[i]) kept in memory as float32 tensors."""

    def __init__(self, x, y):
        assert len(x) == len(y), "x and y need one entry per sample"
        self.x = torch.as_tensor(x, dtype=torch.float32)
        self.y = torch.as_tensor(y, dtype=torch.float32)

    def __len__(self):
        return len(self.x)  # number of samples

    def __getitem__(self, idx):
        return self.x[idx], self.y[idx]  # one sample


# 10 samples with 3 features; the label of sample i is i, so we can follow it
x = torch.arange(30).reshape(10, 3)
y = torch.arange(10)
dataset = FakeDataset(x, y)
print(len(dataset))
print(dataset[3])
# --8<-- [end:define]

# --8<-- [start:loader]
g = torch.Generator().manual_seed(0)  # own random stream: same order on every run
loader = DataLoader(dataset, batch_size=4, shuffle=True, generator=g)
print("batches per epoch:", len(loader))
for xb, yb in loader:
    print(tuple(xb.shape), yb.int().tolist())
# --8<-- [end:loader]

# --8<-- [start:one_batch]
xb, yb = next(iter(loader))  # just the first batch
print(xb)
print(yb)
# --8<-- [end:one_batch]

# --8<-- [start:epochs]
loader = DataLoader(dataset, batch_size=4, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
for epoch in range(3):
    print("epoch", epoch, [yb.int().tolist() for _, yb in loader])
# --8<-- [end:epochs]

# --8<-- [start:drop_last]
for drop_last in (False, True):
    loader = DataLoader(dataset, batch_size=4, drop_last=drop_last)  # shuffle=False
    print(f"drop_last={drop_last}: {len(loader)} batches,",
          [yb.int().tolist() for _, yb in loader])
# --8<-- [end:drop_last]

# --8<-- [start:numpy_data]
import numpy as np


class RawDataset(Dataset):
    """Like the old notes: keeps the NumPy arrays exactly as given."""

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        return self.x[idx], self.y[idx]


rng = np.random.default_rng(0)
raw = RawDataset(rng.random((100, 10)), rng.random(100))  # NumPy default: float64
xb, yb = next(iter(DataLoader(raw, batch_size=4)))
print(type(xb).__name__, xb.dtype, tuple(xb.shape))
# --8<-- [end:numpy_data]

# --8<-- [start:dtype_error]
# raises: RuntimeError
model = torch.nn.Linear(10, 1)  # parameters are float32
model(xb)  # the batch is float64
# --8<-- [end:dtype_error]
