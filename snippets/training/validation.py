# A validation split, metrics, and early stopping that keeps the best weights.

# --8<-- [start:split]
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split
from sklearn.datasets import make_moons

device = "cuda" if torch.cuda.is_available() else "cpu"
features, labels = make_moons(n_samples=300, noise=0.35, random_state=0)  # two noisy half-moons
dataset = TensorDataset(torch.tensor(features, dtype=torch.float32), torch.tensor(labels))

split_gen = torch.Generator().manual_seed(42)  # same split on every run
train_set, val_set = random_split(dataset, [0.7, 0.3], generator=split_gen)
print("train:", len(train_set), " validation:", len(val_set))
print("first validation indices:", val_set.indices[:6])

train_loader = DataLoader(train_set, batch_size=32, shuffle=True,
                          generator=torch.Generator().manual_seed(0))
val_loader = DataLoader(val_set, batch_size=256)  # no shuffling needed to evaluate
# --8<-- [end:split]

# --8<-- [start:metrics]
loss_fn = nn.CrossEntropyLoss(reduction="sum")  # summed, so we can divide by the true count


def evaluate(model, loader):
    """Mean loss and accuracy over a whole loader, in eval mode, without autograd."""
    model.eval()
    total_loss, correct, count = 0.0, 0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            total_loss += loss_fn(logits, y).item()
            correct += (logits.argmax(dim=1) == y).sum().item()
            count += len(y)
    return total_loss / count, correct / count


torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(),
                      nn.Linear(128, 2)).to(device)
loss, acc = evaluate(model, val_loader)
print(f"untrained: validation loss {loss:.3f}, accuracy {acc:.3f}")
# --8<-- [end:metrics]

# --8<-- [start:early_stopping]
import copy

optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
patience, bad_epochs = 20, 0
best_loss, best_epoch, best_state = float("inf"), 0, None
history = {"train": [], "val": []}

for epoch in range(1, 301):
    model.train()
    for x, y in train_loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        (loss_fn(model(x), y) / len(y)).backward()
        optimizer.step()
    train_loss, _ = evaluate(model, train_loader)
    val_loss, val_acc = evaluate(model, val_loader)
    history["train"].append(train_loss)
    history["val"].append(val_loss)
    if val_loss < best_loss:
        best_loss, best_epoch, bad_epochs = val_loss, epoch, 0
        best_state = copy.deepcopy(model.state_dict())  # a snapshot, not a reference
    else:
        bad_epochs += 1
        if bad_epochs >= patience:
            print(f"stopping at epoch {epoch}: no improvement for {patience} epochs")
            break
    if epoch % 5 == 0:
        print(f"epoch {epoch:3d}  train loss {train_loss:.3f}  val loss {val_loss:.3f}  val acc {val_acc:.3f}")

print(f"last epoch:  val loss {val_loss:.3f}, val acc {val_acc:.3f}")
model.load_state_dict(best_state)
loss, acc = evaluate(model, val_loader)
print(f"best epoch {best_epoch}: val loss {loss:.3f}, val acc {acc:.3f}  (restored)")
# --8<-- [end:early_stopping]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

epochs = range(1, len(history["train"]) + 1)
fig, ax = plt.subplots(figsize=(6.4, 3.6))
ax.plot(epochs, history["train"], label="training loss")
ax.plot(epochs, history["val"], label="validation loss")
ax.axvline(best_epoch, color="gray", linestyle="--", label=f"best epoch ({best_epoch})")
ax.axvline(len(history["val"]), color="gray", linestyle=":", label="early stop")
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy loss")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:figure]
