# Exercises for "torch.autograd.grad and higher-order derivatives": answers, run by the build.

# --8<-- [start:ex1]
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
(g,) = torch.autograd.grad(y, x, create_graph=True)
(h,) = torch.autograd.grad(g, x)
print(g)
print(h)
print(x.grad)
# --8<-- [end:ex1]

# --8<-- [start:ex2_bug]
x = torch.tensor(3.0, requires_grad=True)
y1 = x ** 2                  # dy1/dx = 2x = 6
y2 = 5 * x                   # dy2/dx = 5
print(torch.autograd.grad([y1, y2], x))
# --8<-- [end:ex2_bug]

# --8<-- [start:ex2]
y1 = x ** 2
y2 = 5 * x
(d1,) = torch.autograd.grad(y1, x)   # one call per output
(d2,) = torch.autograd.grad(y2, x)
print(d1, d2)

from torch.autograd.functional import jacobian
print(jacobian(lambda t: torch.stack([t ** 2, 5 * t]), x))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
from torch.func import grad

third = grad(grad(grad(torch.sin)))  # d3/dx3 sin(x) = -cos(x)
for value in (0.0, torch.pi / 2, torch.pi):
    t = torch.tensor(value)
    print(f"x = {value:.4f}: {third(t).item():+.4f}  -cos(x) = {-torch.cos(t).item():+.4f}")
# --8<-- [end:ex3]
