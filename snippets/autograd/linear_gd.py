# Gradient descent on a linear model (seed 002, example 3), updating under torch.no_grad().

# --8<-- [start:data]
import torch

d, n = 2, 50
X = torch.randn(n, d)
true_w = torch.tensor([[-1.0], [2.0]])
y = X @ true_w + torch.randn(n, 1) * 0.1  # a linear dataset with some noise
print("X shape", X.shape)
print("y shape", y.shape)
print("w shape", true_w.shape)


def model(X, w):
    return X @ w  # a linear model without bias


def mse(y, y_hat):
    return ((y - y_hat) ** 2).mean()  # = norm(y - y_hat)**2 / n


def grad_mse(X, y, w):
    return -2 * X.T @ (y - X @ w) / n  # worked out by hand
# --8<-- [end:data]

# --8<-- [start:check]
w = torch.tensor([[1.0], [0.0]], requires_grad=True)
loss = mse(y, model(X, w))
loss.backward()

with torch.no_grad():
    print("Analytical gradient", grad_mse(X, y, w).view(2))
print("PyTorch's gradient ", w.grad.view(2))
# --8<-- [end:check]

# --8<-- [start:descent]
step_size = 0.1
w = torch.tensor([[1.0], [0.0]], requires_grad=True)
losses = []

print("iter   loss     w")
for i in range(40):
    loss = mse(y, model(X, w))
    loss.backward()             # fills w.grad
    with torch.no_grad():       # the update itself is not part of the model
        w -= step_size * w.grad
    w.grad = None               # reset before the next backward
    losses.append(loss.item())
    if i % 5 == 0 or i == 39:
        w0, w1 = w.view(2).tolist()
        print(f"{i:4d}  {loss.item():.4f}  [{w0:.4f}, {w1:.4f}]")

print("true w     ", true_w.view(2))
print("estimated w", w.detach().view(2))
# --8<-- [end:descent]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(range(len(losses)), losses, marker="o")
ax.set_yscale("log")
ax.set_xlabel("iteration")
ax.set_ylabel("MSE loss (log scale)")
ax.set_title("Gradient descent on a linear model, step size 0.1")
ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
# --8<-- [end:figure]
