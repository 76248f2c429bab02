# Derivatives worked out by hand against autograd (seed 002, examples 1 and 2).

# --8<-- [start:example1]
import math

import torch


def f(x):
    return (x - 2) ** 2


def fp(x):
    return 2 * (x - 2)  # f'(x), worked out by hand


x = torch.tensor([1.0], requires_grad=True)
y = f(x)
y.backward()

print("Analytical f'(x):", fp(x.detach()))  # detach: the check needs no graph
print("PyTorch's f'(x): ", x.grad)
# --8<-- [end:example1]

# --8<-- [start:example2]
def g(w):
    return 2 * w[0] * w[1] + w[1] * torch.cos(w[0])


def grad_g(w):
    return torch.stack([2 * w[1] - w[1] * torch.sin(w[0]), 2 * w[0] + torch.cos(w[0])])


w = torch.tensor([math.pi, 1.0], requires_grad=True)
z = g(w)
z.backward()

with torch.no_grad():
    analytical = grad_g(w)
print("Analytical grad g(w):", analytical)
print("PyTorch's grad g(w): ", w.grad)
print(torch.allclose(analytical, w.grad))
# --8<-- [end:example2]

# --8<-- [start:seed_form]
# Building the analytical gradient with torch.tensor([...]) instead
old = torch.tensor([2 * w[1] - w[1] * torch.sin(w[0]), 2 * w[0] + torch.cos(w[0])])
print(old)
# --8<-- [end:seed_form]
