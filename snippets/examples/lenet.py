# Worked example: train the LeNet-style network on real handwritten digits.

# --8<-- [start:data]
import torch
import torch.nn.functional as F
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits

torch.manual_seed(0)

digits = load_digits()  # 1797 images of 8x8 pixels, shipped inside scikit-learn
images = torch.tensor(digits.images, dtype=torch.float32) / 16.0  # pixels 0..16 -> 0..1
labels = torch.tensor(digits.target)  # int64 class indices 0..9
print("raw:", tuple(images.shape), images.dtype, "range", images.min().item(), images.max().item())

x = images.unsqueeze(1)  # add the channel dimension: (N, 1, 8, 8)
x = F.interpolate(x, size=(32, 32), mode="bilinear", align_corners=False)
print("net input:", tuple(x.shape))

g = torch.Generator().manual_seed(0)
perm = torch.randperm(len(x), generator=g)
test_idx, val_idx, train_idx = perm[:300], perm[300:600], perm[600:]
print("train:", len(train_idx), " validation:", len(val_idx), " test:", len(test_idx))
print("train samples per class:", torch.bincount(labels[train_idx]).tolist())

# standardize with statistics of the training set only
mean, std = x[train_idx].mean(), x[train_idx].std()
x_norm = (x - mean) / std
print(f"training pixels: mean {mean.item():.3f}, std {std.item():.3f}")
x_train, y_train = x_norm[train_idx], labels[train_idx]
x_val, y_val = x_norm[val_idx], labels[val_idx]      # checked after every epoch
x_test, y_test = x_norm[test_idx], labels[test_idx]  # used once, at the very end

# one digit three ways: original, interpolated to 32x32, zero-padded to 32x32
padded = F.pad(images[:1], (12, 12, 12, 12))
fig, axes = plt.subplots(1, 3, figsize=(9, 3.4))
for ax, img, title in zip(axes, [images[0], x[0, 0], padded[0]],
                          ["original 8x8", "interpolate to 32x32", "zero-pad to 32x32"]):
    ax.imshow(img.numpy(), cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle(f"label: {labels[0].item()}")
fig.tight_layout()
plt.show()
# --8<-- [end:data]

# --8<-- [start:model]
from torch import nn

# the accelerator if there is one (CUDA, MPS, ...), else the CPU
device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)   # (N, 1, 32, 32) -> (N, 6, 28, 28)
        self.conv2 = nn.Conv2d(6, 16, 5)  # (N, 6, 14, 14) -> (N, 16, 10, 10)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):  # tanh and average pooling, as in the original LeNet-5
        x = F.avg_pool2d(torch.tanh(self.conv1(x)), 2)  # -> (N, 6, 14, 14)
        x = F.avg_pool2d(torch.tanh(self.conv2(x)), 2)  # -> (N, 16, 5, 5)
        x = torch.flatten(x, 1)                         # -> (N, 400), batch dim kept
        x = torch.tanh(self.fc1(x))
        x = torch.tanh(self.fc2(x))
        return self.fc3(x)                              # 10 logits, no softmax


model = LeNet().to(device)
print(model)
print("parameters:", sum(p.numel() for p in model.parameters()))
print("output for 2 images:", tuple(model(x_train[:2].to(device)).shape))
# --8<-- [end:model]

# --8<-- [start:train]
from torch.utils.data import DataLoader, TensorDataset

train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=32, shuffle=True,
                          generator=torch.Generator().manual_seed(0))
loss_fn = nn.CrossEntropyLoss()  # takes logits and class indices
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
print("batches (iterations) per epoch:", len(train_loader))


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        pred = model(x.to(device)).argmax(dim=1).cpu()
    return (pred == y).float().mean().item(), pred


history = {"loss": [], "val_acc": []}
for epoch in range(1, 6):
    model.train()
    total = 0.0
    for xb, yb in train_loader:
        xb, yb = xb.to(device), yb.to(device)
        loss = loss_fn(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    val_acc, _ = evaluate(model, x_val, y_val)
    history["loss"].append(total / len(x_train))
    history["val_acc"].append(val_acc)
    print(f"epoch {epoch}  train loss {history['loss'][-1]:.4f}  val acc {val_acc:.3f}")
# --8<-- [end:train]

# --8<-- [start:evaluate]
test_acc, pred = evaluate(model, x_test, y_test)  # the test set, once, after training
wrong = (pred != y_test).nonzero().squeeze(1)
print(f"test accuracy: {test_acc:.3f} ({len(wrong)} of {len(y_test)} wrong)")

epochs = range(1, len(history["loss"]) + 1)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.plot(epochs, history["loss"], "o-")
ax1.set_xlabel("epoch")
ax1.set_ylabel("train loss (cross-entropy)")
ax1.set_title("Training loss")
ax2.plot(epochs, history["val_acc"], "o-", color="tab:green")
ax2.set_xlabel("epoch")
ax2.set_ylabel("validation accuracy")
ax2.set_title("Validation accuracy")
for ax in (ax1, ax2):
    ax.set_xticks(list(epochs))
fig.tight_layout()
plt.show()

# some correctly classified test images, then up to 6 mistakes: predicted vs true label
right = (pred == y_test).nonzero().squeeze(1)
show = torch.cat([right[:12 - min(len(wrong), 6)], wrong[:6]])
fig, axes = plt.subplots(2, 6, figsize=(10, 4))
for ax, i in zip(axes.flat, show.tolist()):
    ax.imshow(x_test[i, 0].numpy(), cmap="gray_r")
    ok = pred[i] == y_test[i]
    ax.set_title(f"pred {pred[i].item()} / true {y_test[i].item()}",
                 color="black" if ok else "red", fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("Test images: predicted / true label (red = wrong)")
fig.tight_layout()
plt.show()
# --8<-- [end:evaluate]
