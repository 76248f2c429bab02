# Exercises for "Autograd basics": answers, run by the build.

# --8<-- [start:ex1]
import torch

x = torch.tensor(1.0, requires_grad=True)
y = x * x * x        # x is used three times
y.backward()
print(x.grad)
y = x * x * x        # a new graph
y.backward()
print(x.grad)
# --8<-- [end:ex1]

# --8<-- [start:ex2_bug]
w = torch.tensor(0.0, requires_grad=True)
for step in range(4):
    loss = (w - 2) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    print(step, round(w.item(), 4))
# --8<-- [end:ex2_bug]

# --8<-- [start:ex2]
w = torch.tensor(0.0, requires_grad=True)
for step in range(4):
    loss = (w - 2) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad = None    # the fix: reset the gradient after every update
    print(step, round(w.item(), 4))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
t = torch.ones(2, 3, requires_grad=True)
s = t.sum(dim=1, keepdim=True)
print(s.shape)
(s * torch.tensor([[1.0], [10.0]])).sum().backward()
print(t.grad)
# --8<-- [end:ex3]

# --8<-- [start:ex4]
x = torch.tensor(2.0, requires_grad=True)
y = x ** 2
z1 = y.detach() * x + y
z1.backward()
print(x.grad)

x.grad = None
y = x ** 2                      # a fresh graph for the second question
z2 = y * x + y
z2.backward()
print(x.grad)
# --8<-- [end:ex4]

# --8<-- [start:ex5]
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
model[0].requires_grad_(False)
optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)

before = [p.detach().clone() for p in model.parameters()]
loss = (model(torch.randn(8, 3)) - 1).pow(2).mean()
optimizer.zero_grad()
loss.backward()
optimizer.step()
changed = [not torch.equal(b, p) for b, p in zip(before, model.parameters())]
print("first layer changed:", changed[:2], "grad:", model[0].weight.grad)
print("last layer changed:", changed[2:])
# --8<-- [end:ex5]
