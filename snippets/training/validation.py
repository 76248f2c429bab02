# A validation split, metrics, and early stopping that keeps the best weights.

# --8<-- [start:split]
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split
from sklearn.datasets import make_moons

device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
features, labels = make_moons(n_samples=1000, noise=0.35, random_state=0)  # two noisy half-moons
dataset = TensorDataset(torch.tensor(features, dtype=torch.float32), torch.tensor(labels))

split_gen = torch.Generator().manual_seed(42)  # same split on every run
train_set, val_set = random_split(dataset, [0.7, 0.3], generator=split_gen)
print("train:", len(train_set), " validation:", len(val_set))
print("first validation indices:", val_set.indices[:6])

train_loader = DataLoader(train_set, batch_size=32, shuffle=True, generator=torch.Generator())
val_loader = DataLoader(val_set, batch_size=256)  # no shuffling needed to evaluate
train_eval_loader = DataLoader(train_set, batch_size=256)  # to evaluate on the training set
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


def make_model():
    """The same starting point every time: weights and shuffling order seeded."""
    torch.manual_seed(0)
    train_loader.generator.manual_seed(0)
    return nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(),
                         nn.Linear(128, 2)).to(device)


model = make_model()
loss, acc = evaluate(model, val_loader)
predicted = torch.cat([model(x.to(device)).argmax(dim=1) for x, _ in val_loader])
print(f"untrained: validation loss {loss:.3f}, accuracy {acc:.3f}")
print("untrained predictions per class:", torch.bincount(predicted, minlength=2).tolist())
# --8<-- [end:metrics]

# --8<-- [start:early_stopping]
import copy


def train_one_epoch(model, optimizer):
    model.train()
    for x, y in train_loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        (loss_fn(model(x), y) / len(y)).backward()
        optimizer.step()


optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
patience, min_delta, bad_epochs = 20, 0.001, 0
best_loss, best_epoch, best_state = float("inf"), 0, None

for epoch in range(1, 301):
    train_one_epoch(model, optimizer)
    val_loss, val_acc = evaluate(model, val_loader)
    if val_loss < best_loss - min_delta:  # improved by more than min_delta
        best_loss, best_epoch, bad_epochs = val_loss, epoch, 0
        best_state = copy.deepcopy(model.state_dict())  # a snapshot, not a reference
    else:
        bad_epochs += 1
        if bad_epochs >= patience:
            print(f"stopping at epoch {epoch}: no improvement for {patience} epochs")
            break
    if epoch % 5 == 0:
        print(f"epoch {epoch:3d}  val loss {val_loss:.3f}  val acc {val_acc:.3f}")

stop_epoch = epoch
print(f"last epoch:  val loss {val_loss:.3f}, val acc {val_acc:.3f}")
model.load_state_dict(best_state)
loss, acc = evaluate(model, val_loader)
print(f"best epoch {best_epoch}: val loss {loss:.3f}, val acc {acc:.3f}  (restored)")
# --8<-- [end:early_stopping]

# --8<-- [start:longer]
# What if we had not stopped? The same model from the same start, 150 epochs, no stopping.
model = make_model()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
history = {"train": [], "val": []}
for epoch in range(1, 151):
    train_one_epoch(model, optimizer)
    history["train"].append(evaluate(model, train_eval_loader)[0])  # leaves the shuffling alone
    history["val"].append(evaluate(model, val_loader)[0])
lowest = min(range(150), key=lambda i: history["val"][i]) + 1
print(f"same as the run above up to its stop: {history['val'][stop_epoch - 1] == val_loss}")
print(f"lowest validation loss: epoch {lowest}, {history['val'][lowest - 1]:.3f}")
print(f"kept by early stopping: epoch {best_epoch}, {history['val'][best_epoch - 1]:.3f}")
for epoch in (50, 100, 150):
    print(f"epoch {epoch:3d}  train loss {history['train'][epoch - 1]:.3f}"
          f"  val loss {history['val'][epoch - 1]:.3f}")
# --8<-- [end:longer]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

epochs = range(1, len(history["train"]) + 1)
fig, ax = plt.subplots(figsize=(6.4, 3.6))
ax.plot(epochs, history["train"], label="training loss")
ax.plot(epochs, history["val"], label="validation loss")
ax.axvline(best_epoch, color="gray", linestyle="--", label=f"kept by early stopping ({best_epoch})")
ax.axvline(stop_epoch, color="gray", linestyle=":", label=f"early stop ({stop_epoch})")
ax.plot(lowest, history["val"][lowest - 1], "kv", label=f"lowest validation loss ({lowest})")
ax.set_xlabel("epoch")
ax.set_ylabel("cross-entropy loss")
ax.set_ylim(top=0.52)  # room for the legend above the curves
ax.legend(loc="upper center", ncols=2, fontsize="small")
fig.tight_layout()
plt.show()
# --8<-- [end:figure]
