# An optimizer does not need a model: minimise f(x) = a*x**2 + b*x + c directly.

import torch

x = torch.tensor(0.0, requires_grad=True)  # the tensor to optimise
a, b, c = torch.tensor(1.0), torch.tensor(-2.0), torch.tensor(1.0)


def f(x):
    return a * torch.pow(x, 2) + b * x + c


optimizer = torch.optim.SGD(params=[x], lr=0.01)
for i in range(500):
    optimizer.zero_grad()
    y = f(x)
    y.backward()
    optimizer.step()
    if i % 100 == 0:
        print(f"step {i:3d}: x = {x.item():.4f}")

print(f"y = {f(x).item():.6f}; x = {x.item():.4f}")  # .item(), not .data
