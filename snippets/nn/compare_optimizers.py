# SGD, SGD with momentum, Nesterov, RMSprop and Adam on a long, narrow quadratic bowl.

# --8<-- [start:setup]
import torch


def bowl(p):
    x, y = p
    return 0.1 * x ** 2 + 2 * y ** 2  # shallow along x, steep along y; minimum 0 at (0, 0)


def optimise(make_optimizer, steps=100):
    # float64: the paths then agree to the digits printed on every CPU
    p = torch.tensor([-4.0, 1.5], dtype=torch.float64, requires_grad=True)  # same start for all
    optimizer = make_optimizer([p])
    path, losses = [p.detach().clone()], []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = bowl(p)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        path.append(p.detach().clone())
    return torch.stack(path), losses
# --8<-- [end:setup]

# --8<-- [start:run]
from torch import optim

contenders = {
    "SGD, lr=0.05": lambda ps: optim.SGD(ps, lr=0.05),
    "momentum, lr=0.05": lambda ps: optim.SGD(ps, lr=0.05, momentum=0.9),
    "Nesterov, lr=0.05": lambda ps: optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True),
    "RMSprop, lr=0.05": lambda ps: optim.RMSprop(ps, lr=0.05),
    "Adam, lr=0.1": lambda ps: optim.Adam(ps, lr=0.1),
}
results = {name: optimise(make) for name, make in contenders.items()}
print(f"{'':17s} distance to (0, 0) after 100 steps   steps until loss < 0.001")
for name, (path, losses) in results.items():
    first = next((step for step, loss in enumerate(losses) if loss < 1e-3), "none")  # losses[k]: k steps done
    print(f"{name:17s} {path[-1].norm().item():<35.2g}  {first}")
# --8<-- [end:run]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

xs = torch.linspace(-4.5, 1.5, 200)
ys = torch.linspace(-2, 2, 200)
X, Y = torch.meshgrid(xs, ys, indexing="xy")
Z = bowl((X, Y))  # the contours are drawn in float32, which is plenty for a picture

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
ax1.contour(X.numpy(), Y.numpy(), Z.numpy(), levels=[0.05, 0.2, 0.5, 1, 2, 4, 6, 8],
            colors="lightgray", linewidths=0.8)
for name, (path, losses) in results.items():
    ax1.plot(path[:, 0].numpy(), path[:, 1].numpy(), lw=1.3, label=name)
    ax2.semilogy(losses, lw=1.3, label=name)
ax1.plot(-4.0, 1.5, "ko", label="start")
ax1.plot(0.0, 0.0, "r*", markersize=12, label="minimum")
ax1.set(title="Paths from (-4, 1.5) to the minimum (0, 0)", xlabel="x", ylabel="y")
ax2.set(title="Loss per step (log scale)", xlabel="step", ylabel="loss")
ax1.legend(fontsize=8, loc="lower right")
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
# --8<-- [end:figure]
