# Minimise f(x) = x**2 - 2x + 1 with autograd and torch.optim.SGD (seed 004).

# --8<-- [start:sgd]
import torch

a = torch.tensor(1.0)
b = torch.tensor(-2.0)
c = torch.tensor(1.0)


def f(x):
    return a * torch.pow(x, 2) + b * x + c  # minimum at x = 1


x = torch.tensor(0.0, requires_grad=True)  # start at x = 0
optimizer = torch.optim.SGD(params=[x], lr=0.01)

history = []  # (x, f(x)) before each step
for i in range(500):
    optimizer.zero_grad()  # clear x.grad from the previous step
    y = f(x)
    y.backward()           # x.grad = f'(x)
    history.append((x.item(), y.item()))
    optimizer.step()       # x <- x - lr * x.grad
    if i % 100 == 0:
        print(f"step {i:3d}: x = {history[-1][0]:.4f}, f(x) = {history[-1][1]:.6f}")

print(f"final: x = {x.item():.4f}, f(x) = {f(x).item():.6f}")
# --8<-- [end:sgd]

# --8<-- [start:figure]
import matplotlib.pyplot as plt


def path(lr, steps=30):
    """x after each SGD step on f, starting from x = 0."""
    x = torch.tensor(0.0, requires_grad=True)
    opt = torch.optim.SGD([x], lr=lr)
    xs = [x.item()]
    for _ in range(steps):
        opt.zero_grad()
        f(x).backward()
        opt.step()
        xs.append(x.item())
    return xs


fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4))
grid = torch.linspace(-0.5, 2.5, 100)
ax1.plot(grid.numpy(), f(grid).numpy(), color="gray", label="f(x) = x^2 - 2x + 1")
steps = list(range(0, 500, 25))
points = ax1.scatter([history[i][0] for i in steps], [history[i][1] for i in steps],
                     c=steps, cmap="viridis", zorder=3, label="x every 25 steps (lr = 0.01)")
fig.colorbar(points, ax=ax1, label="step")
ax1.set_xlabel("x")
ax1.set_ylabel("f(x)")
ax1.set_title("Path of x towards the minimum")
ax1.legend()

for lr in (0.01, 0.1, 0.9, 1.02):
    ax2.plot(path(lr), marker=".", label=f"lr = {lr}")
ax2.axhline(1.0, color="gray", lw=0.8, ls="--", label="minimum x = 1")
ax2.set_xlabel("step")
ax2.set_ylabel("x")
ax2.set_title("x per step for four learning rates")
ax2.legend(loc="upper left", bbox_to_anchor=(1.02, 1))  # outside: the curves fill the axes
fig.tight_layout()
plt.show()
# --8<-- [end:figure]
