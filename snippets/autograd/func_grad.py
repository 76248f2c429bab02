# torch.func.grad (PyTorch 2.x): derivatives as functions, composable for higher orders.
import torch
from torch.func import grad, vmap


def f(x):
    return x ** 2 - 2 * x + 1  # a scalar tensor in, a scalar tensor out


df = grad(f)         # x -> f'(x) = 2x - 2
d2f = grad(grad(f))  # x -> f''(x) = 2

x = torch.tensor(0.0)  # no requires_grad needed
print(df(x), d2f(x))
print(vmap(df)(torch.tensor([0.0, 1.0, 2.0])))  # f' at several points
