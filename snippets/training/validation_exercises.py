# Exercises for the page on validation, metrics and early stopping.

# --8<-- [start:ex1]
import torch
from torch.utils.data import random_split

for n in (10, 11):
    a, b = random_split(range(n), [0.7, 0.3], generator=torch.Generator().manual_seed(0))
    print(f"{n} samples -> {len(a)} + {len(b)}")
first = random_split(range(10), [0.7, 0.3], generator=torch.Generator().manual_seed(0))
second = random_split(range(10), [0.7, 0.3], generator=torch.Generator().manual_seed(0))
print("same indices with the same seed:", first[1].indices == second[1].indices, first[1].indices)
# --8<-- [end:ex1]

# --8<-- [start:ex2]
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
logits = torch.randn(10, 3)
labels = torch.tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
loader = DataLoader(TensorDataset(logits, labels), batch_size=4)

batch_means = [nn.functional.cross_entropy(x, y).item() for x, y in loader]
print("batch sizes:", [len(y) for _, y in loader])
print(f"mean of batch means: {sum(batch_means) / len(batch_means):.4f}")

total = sum(nn.functional.cross_entropy(x, y, reduction="sum").item() for x, y in loader)
print(f"sum / number of samples: {total / len(labels):.4f}")
print(f"loss over all 10 at once: {nn.functional.cross_entropy(logits, labels).item():.4f}")
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import copy


class EarlyStopping:
    def __init__(self, patience, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best_loss, self.best_state, self.bad_epochs = float("inf"), None, 0

    def step(self, val_loss, model):
        """Record one epoch's validation loss; return True when training should stop."""
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss, self.bad_epochs = val_loss, 0
            self.best_state = copy.deepcopy(model.state_dict())
        else:
            self.bad_epochs += 1
        return self.bad_epochs >= self.patience


model = nn.Linear(2, 1)
stopper = EarlyStopping(patience=3)
for epoch, val_loss in enumerate([1.0, 0.8, 0.7, 0.75, 0.71, 0.72, 0.6], start=1):
    stop = stopper.step(val_loss, model)
    print(f"epoch {epoch}: val loss {val_loss}  bad epochs {stopper.bad_epochs}  stop {stop}")
    if stop:
        break
print("best loss:", stopper.best_loss)
model.load_state_dict(stopper.best_state)
# --8<-- [end:ex3]
