# Worked example: fit noisy y = x^2 with a small network (one hidden layer).

# --8<-- [start:data]
import torch
import matplotlib.pyplot as plt

torch.manual_seed(0)  # same data and initial weights on every run

x = torch.unsqueeze(torch.linspace(-1, 1, 100), dim=1)  # shape (100, 1): one sample per row
y = x.pow(2) + 0.2 * torch.rand(x.size())               # noise uniform in [0, 0.2)
print("x:", x.shape, " y:", y.shape)
print(torch.cat([x, y], dim=1)[:3])  # first three samples: x, y
# --8<-- [end:data]

# --8<-- [start:model]
class Net(torch.nn.Module):
    def __init__(self, n_feature, n_hidden, n_output):
        super().__init__()
        self.hidden = torch.nn.Linear(n_feature, n_hidden)   # hidden layer
        self.predict = torch.nn.Linear(n_hidden, n_output)   # output layer

    def forward(self, x):
        x = torch.relu(self.hidden(x))
        return self.predict(x)


net = Net(1, 10, 1)
print(net)
print("parameters:", sum(p.numel() for p in net.parameters()))
# --8<-- [end:model]

# --8<-- [start:train]
optimizer = torch.optim.SGD(net.parameters(), lr=0.2)
loss_func = torch.nn.MSELoss()

history = []  # (prediction, loss) of every step, for the plots below
for t in range(200):
    prediction = net(x)
    loss = loss_func(prediction, y)
    history.append((prediction.detach(), loss.item()))

    optimizer.zero_grad()  # gradients accumulate, so clear them first
    loss.backward()
    optimizer.step()

    if t % 40 == 0 or t == 199:
        print(f"step {t:3d}  loss {loss.item():.4f}")

with torch.no_grad():
    print(f"final loss after 200 steps: {loss_func(net(x), y).item():.4f}")
# --8<-- [end:train]

# --8<-- [start:animation]
from matplotlib.animation import FuncAnimation, PillowWriter

fig, ax = plt.subplots(figsize=(4.5, 3), dpi=80)  # 360 x 240 pixels
ax.plot(x.numpy(), y.numpy(), "o", ms=3, label="data")
(line,) = ax.plot([], [], "r-", lw=3, label="model")
title = ax.set_title("")
ax.set(xlabel="x", ylabel="y", ylim=(-0.7, 1.3), xticks=[-1, 0, 1], yticks=[-0.5, 0, 0.5, 1])
ax.legend(loc="upper center")
fig.subplots_adjust(left=0.15, right=0.97, bottom=0.17, top=0.9)  # room for the labels


def draw(step):  # called once per frame: update the line and the title only
    prediction, loss = history[step]
    line.set_data(x.numpy(), prediction.numpy())
    title.set_text(f"step {step}  loss={loss:.4f}")
    return line, title


steps = list(range(0, 200, 7)) + [199]  # 30 frames
anim = FuncAnimation(fig, draw, frames=steps)
anim.save("regression.gif", writer=PillowWriter(fps=6))
plt.close(fig)  # the GIF is the result; no static copy of this figure
print("saved regression.gif:", len(steps), "frames")
# --8<-- [end:animation]

# --8<-- [start:snapshots]
fig, axes = plt.subplots(2, 2, figsize=(8, 6), sharex=True, sharey=True)
for ax, step in zip(axes.flat, [0, 20, 60, 199]):
    prediction, loss = history[step]
    ax.scatter(x.numpy(), y.numpy(), s=8, label="data")
    ax.plot(x.numpy(), prediction.numpy(), "r-", lw=3, label="model")
    ax.set_title(f"step {step}: loss={loss:.4f}")
axes[0, 0].legend(loc="upper center")
for ax in axes[1]:
    ax.set_xlabel("x")
for ax in axes[:, 0]:
    ax.set_ylabel("y")
fig.suptitle("Fitting y = x^2 + noise with Net(1, 10, 1)")
fig.tight_layout()
plt.show()
# --8<-- [end:snapshots]
