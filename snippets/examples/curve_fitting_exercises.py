# Exercises for "Curve fitting with momentum": answers, run by the build.

# --8<-- [start:ex1]
import torch

p = torch.nn.Parameter(torch.tensor(0.0))
optimizer = torch.optim.SGD([p], lr=0.1, momentum=0.9)
for step in range(1, 4):
    before = p.item()
    optimizer.zero_grad()
    (1.0 * p).backward()  # the gradient is always 1
    optimizer.step()
    print(f"step {step}: moved by {before - p.item():.3f}")
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import copy

from torch import nn

torch.manual_seed(0)
model = nn.Linear(1, 1)
saved = model.state_dict()                  # references to the live parameters
snapshot = copy.deepcopy(model.state_dict())  # a real copy
with torch.no_grad():
    model.weight += 1.0                     # stands in for a training step
print("state_dict() changed too:", torch.equal(saved["weight"], model.weight))
print("deepcopy kept the start: ", not torch.equal(snapshot["weight"], model.weight))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
import math

torch.manual_seed(0)
X = torch.rand(200, 1)
y = 4 * torch.sin(math.pi * X) * torch.cos(6 * math.pi * X ** 2)


def make_model():
    return nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(),
                         nn.Linear(32, 1))


start = copy.deepcopy(make_model().state_dict())
for name, make_opt in [("SGD momentum 0.9", lambda ps: torch.optim.SGD(ps, lr=0.03, momentum=0.9)),
                       ("Adam lr 0.003", lambda ps: torch.optim.Adam(ps, lr=0.003))]:
    model = make_model()
    model.load_state_dict(start)
    optimizer = make_opt(model.parameters())
    for epoch in range(500):
        loss = nn.functional.mse_loss(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"{name:16s} loss after 500 epochs: {loss.item():.4f}")
# --8<-- [end:ex3]
