# Worked example: fit a wiggly curve with a 32-32 tanh network,
# plain SGD vs SGD with momentum, starting from the same initial weights.

# --8<-- [start:data]
import copy
import math

import torch
from torch import nn
import matplotlib.pyplot as plt

torch.manual_seed(0)

n, d = 200, 1
X = torch.rand(n, d)  # 200 points, uniform in [0, 1), in random order
y = 4 * torch.sin(math.pi * X) * torch.cos(6 * math.pi * X**2)  # no noise
print("X:", X.shape, " y:", y.shape)
print(f"y ranges from {y.min().item():.2f} to {y.max().item():.2f}")
# --8<-- [end:data]

# --8<-- [start:model]
def make_model():
    return nn.Sequential(
        nn.Linear(d, 32),
        nn.Tanh(),
        nn.Linear(32, 32),
        nn.Tanh(),
        nn.Linear(32, 1),
    )


model_momentum = make_model()
init_state = copy.deepcopy(model_momentum.state_dict())  # a real copy, not a reference
model_plain = make_model()
model_plain.load_state_dict(init_state)  # both models start from the same weights

same = all(torch.equal(a, b) for a, b in zip(model_plain.parameters(), model_momentum.parameters()))
print("same initial weights:", same)
print("parameters:", sum(p.numel() for p in model_plain.parameters()))
# --8<-- [end:model]

# --8<-- [start:train]
n_epochs = 2500
lr = 0.03  # small enough that both runs descend smoothly


def train(model, momentum, lr=lr, epochs=n_epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    loss_func = nn.MSELoss()
    losses = []
    for epoch in range(epochs):  # full batch: one step per epoch, all 200 points
        loss = loss_func(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


losses_plain = train(model_plain, momentum=0.0)
losses_momentum = train(model_momentum, momentum=0.9)

print("epoch   plain SGD   momentum 0.9")
for epoch in [0, 100, 200, 500, 1000, 1500, 2000, n_epochs - 1]:
    print(f"{epoch:5d}   {losses_plain[epoch]:9.4f}   {losses_momentum[epoch]:12.4f}")
for threshold in [1.0, 0.1, 0.01]:
    firsts = []
    for losses in (losses_plain, losses_momentum):
        below = [epoch for epoch, value in enumerate(losses) if value < threshold]
        firsts.append(str(below[0]) if below else "never")
    print(f"first epoch with loss < {threshold}: plain {firsts[0]}, momentum {firsts[1]}")
# --8<-- [end:train]

# --8<-- [start:loss_curves]
plt.figure(figsize=(8, 4))
plt.plot(losses_plain, label=f"SGD, lr={lr}")
plt.plot(losses_momentum, label=f"SGD, lr={lr}, momentum=0.9")
plt.yscale("log")
plt.xlabel("epoch")
plt.ylabel("MSE loss (log scale)")
plt.title("Same data, same initial weights")
plt.legend()
plt.tight_layout()
plt.show()
# --8<-- [end:loss_curves]

# --8<-- [start:fit]
X_grid = torch.linspace(0, 1, 200).view(-1, 1)
with torch.no_grad():  # plotting only: no computational graph needed
    fit_plain = model_plain(X_grid)
    fit_momentum = model_momentum(X_grid)

plt.figure(figsize=(8, 4))
plt.scatter(X.numpy(), y.numpy(), s=10, label="data")
plt.plot(X_grid.numpy(), fit_plain.numpy(), "g--", lw=2, label=f"plain SGD, {n_epochs} epochs")
plt.plot(X_grid.numpy(), fit_momentum.numpy(), "r-", lw=2, label=f"momentum 0.9, {n_epochs} epochs")
plt.title(r"$f(x) = 4\,\sin(\pi x)\,\cos(6\pi x^2)$ and the fitted $\hat{f}(x)$")
plt.xlabel("x")
plt.ylabel("y")
plt.legend()
plt.tight_layout()
plt.show()
# --8<-- [end:fit]

# --8<-- [start:big_lr]
# Plain SGD with a 10x larger learning rate, 0.03 / (1 - 0.9) = 0.3, same initial weights
model_big_lr = make_model()
model_big_lr.load_state_dict(init_state)
losses_big_lr = train(model_big_lr, momentum=0.0, lr=0.3, epochs=8)
print("plain SGD, lr=0.3, first 8 epochs:")
print([f"{v:.4g}" for v in losses_big_lr])
# --8<-- [end:big_lr]
