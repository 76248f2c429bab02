# Worked example: binary classification of two noisy rings with a small MLP.

# --8<-- [start:data]
import torch
import matplotlib.pyplot as plt

torch.manual_seed(0)  # same data and same initial weights on every run

n_positive, n_negative = 2000, 2000

# positive samples: inner ring, radius 5 plus noise
r_p = 5.0 + torch.normal(0.0, 1.0, size=(n_positive, 1))
theta_p = 2 * torch.pi * torch.rand(n_positive, 1)
Xp = torch.cat([r_p * torch.cos(theta_p), r_p * torch.sin(theta_p)], dim=1)
Yp = torch.ones_like(r_p)

# negative samples: outer ring, radius 8 plus noise
r_n = 8.0 + torch.normal(0.0, 1.0, size=(n_negative, 1))
theta_n = 2 * torch.pi * torch.rand(n_negative, 1)
Xn = torch.cat([r_n * torch.cos(theta_n), r_n * torch.sin(theta_n)], dim=1)
Yn = torch.zeros_like(r_n)

X = torch.cat([Xp, Xn], dim=0)  # shape (4000, 2): the two coordinates
Y = torch.cat([Yp, Yn], dim=0)  # shape (4000, 1): 1.0 = positive, 0.0 = negative
print("X:", tuple(X.shape), X.dtype)
print("Y:", tuple(Y.shape), Y.dtype, "positives:", int(Y.sum().item()))

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.5))
ax1.scatter(Xp[:, 0], Xp[:, 1], s=3, c="r", label="positive")
ax1.scatter(Xn[:, 0], Xn[:, 1], s=3, c="g", label="negative")
ax1.set_aspect("equal")
ax1.set(xlim=(-14, 14), ylim=(-14, 14), xlabel="x1", ylabel="x2")
ax1.legend(loc="upper left", markerscale=3)
ax1.set_title("Samples")
ax2.hist(r_p.squeeze(1), bins=50, alpha=0.6, color="r", label="positive")
ax2.hist(r_n.squeeze(1), bins=50, alpha=0.6, color="g", label="negative")
ax2.set_xlabel("radius")
ax2.set_ylabel("count")
ax2.legend()
ax2.set_title("The radii overlap")
fig.tight_layout()
plt.show()
# --8<-- [end:data]

# --8<-- [start:split]
from torch.utils.data import DataLoader, TensorDataset

g = torch.Generator().manual_seed(0)
perm = torch.randperm(len(X), generator=g)
train_idx, val_idx, test_idx = perm[:3000], perm[3000:3500], perm[3500:]
X_train, Y_train = X[train_idx], Y[train_idx]
X_val, Y_val = X[val_idx], Y[val_idx]      # checked after every epoch
X_test, Y_test = X[test_idx], Y[test_idx]  # used once, at the very end
print("train / validation / test:", len(X_train), len(X_val), len(X_test))

train_ds = TensorDataset(X_train, Y_train)
train_loader = DataLoader(train_ds, batch_size=100, shuffle=True,
                          generator=torch.Generator().manual_seed(0))
xb, yb = next(iter(train_loader))
print("batches per epoch:", len(train_loader))
print("one batch:", tuple(xb.shape), tuple(yb.shape))

# the optimal rule for this data: positive inside a circle of radius 6.5
radius = torch.linalg.vector_norm(X_val, dim=1, keepdim=True)
in_circle = (radius < 6.5).float()
print(f"circle r=6.5 validation accuracy: {(in_circle == Y_val).float().mean().item():.3f}")
# --8<-- [end:split]

# --8<-- [start:model]
from torch import nn

model = nn.Sequential(
    nn.Linear(2, 4), nn.ReLU(),
    nn.Linear(4, 8), nn.ReLU(),
    nn.Linear(8, 1),  # one raw score (logit) per sample, no sigmoid
)
print(model)
print("parameters:", sum(p.numel() for p in model.parameters()))
# --8<-- [end:model]

# --8<-- [start:train]
loss_fn = nn.BCEWithLogitsLoss()  # sigmoid + binary cross-entropy in one stable step
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)


def accuracy(logits, y):
    return ((logits > 0).float() == y).float().mean().item()  # logit > 0 <=> p > 0.5


history = {"loss": [], "train_acc": [], "val_acc": []}
for epoch in range(1, 11):
    model.train()
    total = 0.0
    for xb, yb in train_loader:
        logits = model(xb)
        loss = loss_fn(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    model.eval()
    with torch.no_grad():
        train_acc = accuracy(model(X_train), Y_train)
        val_acc = accuracy(model(X_val), Y_val)
    history["loss"].append(total / len(train_ds))
    history["train_acc"].append(train_acc)
    history["val_acc"].append(val_acc)
    if epoch % 2 == 0:
        print(f"epoch {epoch:2d}  loss {total / len(train_ds):.4f}  "
              f"train acc {train_acc:.3f}  val acc {val_acc:.3f}")
# --8<-- [end:train]

# --8<-- [start:boundary]
xs = torch.linspace(-12, 12, 200)
gx, gy = torch.meshgrid(xs, xs, indexing="xy")
grid = torch.stack([gx.reshape(-1), gy.reshape(-1)], dim=1)  # (40000, 2)
with torch.no_grad():
    prob = torch.sigmoid(model(grid)).reshape(gx.shape)  # probability of "positive"
    test_acc = accuracy(model(X_test), Y_test)  # the test set, once, after all choices are made
    radius = torch.linalg.vector_norm(X_test, dim=1, keepdim=True)
    circle_acc = ((radius < 6.5).float() == Y_test).float().mean().item()
print(f"test accuracy: model {test_acc:.3f}, circle r=6.5 {circle_acc:.3f}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.5))
cs = ax1.contourf(gx, gy, prob, levels=20, cmap="coolwarm", alpha=0.6)
ax1.contour(gx, gy, prob, levels=[0.5], colors="k", linewidths=1.5)
pos = Y_test.squeeze(1) == 1
ax1.scatter(X_test[pos, 0], X_test[pos, 1], s=3, c="r", label="positive")
ax1.scatter(X_test[~pos, 0], X_test[~pos, 1], s=3, c="g", label="negative")
fig.colorbar(cs, ax=ax1, label="predicted P(positive)")
ax1.set_aspect("equal")
ax1.set_xlabel("x1")
ax1.set_ylabel("x2")
ax1.set_title("Decision boundary (black line: p = 0.5)")
ax1.legend(loc="upper left", markerscale=3)
epochs = range(1, len(history["loss"]) + 1)
ax2.plot(epochs, history["loss"], label="train loss")
ax2.plot(epochs, history["train_acc"], label="train accuracy")
ax2.plot(epochs, history["val_acc"], label="validation accuracy")
ax2.set_xlabel("epoch")
ax2.set_ylabel("loss (BCE) / accuracy")
ax2.set_ylim(0, 1)
ax2.legend()
ax2.set_title("Training")
fig.tight_layout()
plt.show()
# --8<-- [end:boundary]
