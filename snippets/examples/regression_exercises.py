# Exercises for "Regression with a small network": answers, run by the build.

# --8<-- [start:ex1]
import torch

t = torch.linspace(-1, 1, 100)
print(t.shape)
print(torch.unsqueeze(t, dim=1).shape)
print(torch.unsqueeze(t, dim=0).shape)
hidden, out = torch.nn.Linear(1, 50), torch.nn.Linear(50, 1)
print(sum(p.numel() for p in [*hidden.parameters(), *out.parameters()]))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
from torch import nn

torch.manual_seed(0)
x = torch.unsqueeze(torch.linspace(-1, 1, 100), dim=1)
y = x.pow(2) + 0.2 * torch.rand(x.size())


def train(zero_grad, steps=200):
    torch.manual_seed(1)  # the same initial weights for both runs
    net = nn.Sequential(nn.Linear(1, 10), nn.ReLU(), nn.Linear(10, 1))
    optimizer = torch.optim.SGD(net.parameters(), lr=0.2)
    for step in range(steps):
        loss = nn.functional.mse_loss(net(x), y)
        if zero_grad:
            optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return nn.functional.mse_loss(net(x), y).item()


print(f"with zero_grad():    loss {train(True):.4f}")
print(f"without zero_grad(): loss {train(False):.4f}")
# --8<-- [end:ex2]

# --8<-- [start:ex3]
def train_with(activation, steps=200):
    torch.manual_seed(1)
    net = nn.Sequential(nn.Linear(1, 10), activation, nn.Linear(10, 1))
    optimizer = torch.optim.SGD(net.parameters(), lr=0.2)
    for step in range(steps):
        loss = nn.functional.mse_loss(net(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return nn.functional.mse_loss(net(x), y).item()


for activation in (nn.ReLU(), nn.Tanh()):
    print(f"{type(activation).__name__:5s} loss after 200 steps: {train_with(activation):.4f}")
# --8<-- [end:ex3]
