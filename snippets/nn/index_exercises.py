# Exercises for "Neural networks" (the chapter page): answers, run by the build.

# --8<-- [start:ex1]
import math

import torch
from torch.utils.data import DataLoader, TensorDataset

dataset = TensorDataset(torch.zeros(2500, 3))
loader = DataLoader(dataset, batch_size=64)
print(len(loader), math.ceil(2500 / 64), [len(xb) for (xb,) in loader][-1])
print(len(DataLoader(dataset, batch_size=64, drop_last=True)))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
updates = 0
for epoch in range(10):
    for (xb,) in DataLoader(TensorDataset(torch.zeros(1000, 3)), batch_size=32, drop_last=True):
        updates += 1
print(updates)
# --8<-- [end:ex2]

# --8<-- [start:ex3_bug]
from torch import nn

x = torch.linspace(-1, 1, 64).unsqueeze(1)
y = 3 * x + 1
loader = DataLoader(TensorDataset(x, y), batch_size=8)  # 8 batches per epoch


def train(model, epochs=5):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = nn.MSELoss()
    for epoch in range(epochs):
        optimizer.zero_grad()
        for xb, yb in loader:
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            print(f"epoch {epoch}: loss on all data {loss_fn(model(x), y).item():.3g}")


torch.manual_seed(0)
train(nn.Linear(1, 1))
# --8<-- [end:ex3_bug]

# --8<-- [start:ex3]
def train(model, epochs=5):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = nn.MSELoss()
    for epoch in range(epochs):
        for xb, yb in loader:
            optimizer.zero_grad()          # once per batch, before backward()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            print(f"epoch {epoch}: loss on all data {loss_fn(model(x), y).item():.3g}")


torch.manual_seed(0)
train(nn.Linear(1, 1))
# --8<-- [end:ex3]
