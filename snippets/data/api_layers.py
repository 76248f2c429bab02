# One task, three API levels: fit y = 2x + 1 (plus noise) with a line.

# --8<-- [start:data]
import torch

torch.manual_seed(0)
x = torch.linspace(-1, 1, 100).unsqueeze(1)  # shape (100, 1): 100 samples, 1 feature
y = 2 * x + 1 + 0.3 * torch.randn(x.shape)   # true w = 2, b = 1, plus noise
print(x.shape, y.shape)
# --8<-- [end:data]

# --8<-- [start:low]
# Low level: tensors + autograd; we write the parameters, the loss and the update.
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1
for step in range(200):
    loss = ((w * x + b - y) ** 2).mean()  # mean squared error over all samples
    loss.backward()                       # fills w.grad and b.grad
    with torch.no_grad():                 # the update itself must not be recorded
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()                    # gradients add up unless cleared
        b.grad.zero_()
print(f"low level:  w = {w.item():.3f}, b = {b.item():.3f}, loss = {loss.item():.4f}")
# --8<-- [end:low]

# --8<-- [start:mid]
# Mid level: ready-made layer, loss function, optimizer and data pipeline.
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

loader = DataLoader(TensorDataset(x, y), batch_size=10, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
model_mid = nn.Linear(1, 1)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model_mid.parameters(), lr=0.1)

for epoch in range(20):
    for xb, yb in loader:
        loss = loss_fn(model_mid(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
print(f"mid level:  w = {model_mid.weight.item():.3f}, b = {model_mid.bias.item():.3f}")
# --8<-- [end:mid]

# --8<-- [start:high]
# High level: wrap the loop once in a reusable, Keras-style fit().
def fit(model, loader, epochs, lr=0.1):
    """Train with MSE and SGD; return the mean loss of each epoch."""
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    history = []
    for epoch in range(epochs):
        total = 0.0
        for xb, yb in loader:
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(xb)
        history.append(total / len(loader.dataset))
    return history


model_high = nn.Linear(1, 1)
history = fit(model_high, loader, epochs=20)  # the whole training is one call
print(f"epoch loss: first {history[0]:.4f}, last {history[-1]:.4f}")
print(f"high level: w = {model_high.weight.item():.3f}, b = {model_high.bias.item():.3f}")
# --8<-- [end:high]

# --8<-- [start:compare]
import matplotlib.pyplot as plt

# Best possible line for these samples: least squares on [x, 1].
A = torch.cat([x, torch.ones_like(x)], dim=1)
w_ls, b_ls = torch.linalg.lstsq(A, y).solution.flatten().tolist()
print(f"least squares: w = {w_ls:.3f}, b = {b_ls:.3f}")

fits = {
    "low level": (w.item(), b.item()),
    "mid level": (model_mid.weight.item(), model_mid.bias.item()),
    "high level": (model_high.weight.item(), model_high.bias.item()),
}
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.scatter(x.numpy(), y.numpy(), s=10, color="0.6", label="samples")
for (name, (wi, bi)), style in zip(fits.items(), ["-", "--", ":"]):
    ax1.plot(x.numpy(), (wi * x + bi).numpy(), style, linewidth=2.5, label=name)
ax1.set_xlabel("x")
ax1.set_ylabel("y")
ax1.set_title("Fitted lines")
ax1.legend()

# The differences are a few hundredths: plot each fit's parameters minus least squares.
names = list(fits)
pos = torch.arange(len(names)).numpy()
ax2.bar(pos - 0.2, [wi - w_ls for wi, _ in fits.values()], width=0.4, label="w - w_ls")
ax2.bar(pos + 0.2, [bi - b_ls for _, bi in fits.values()], width=0.4, label="b - b_ls")
ax2.axhline(0, color="black", linewidth=0.8)
ax2.set_xticks(pos, names)
ax2.set_ylabel("difference from least squares")
ax2.set_title("Parameters minus the least-squares solution")
ax2.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:compare]
