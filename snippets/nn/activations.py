# Activation functions, as modules (nn.ReLU) and as plain functions (torch.relu, F.softplus).

# --8<-- [start:module]
import torch
from torch import nn

activation_fn = nn.ReLU()  # a module: create it once, then call it
example = torch.tensor([-1.0, 1.0, 0.0])
print("input:    ", example)
print("activated:", activation_fn(example))
# --8<-- [end:module]

# --8<-- [start:functional]
import torch.nn.functional as F

z = torch.tensor([-2.0, 0.0, 2.0])
print("relu:    ", torch.relu(z))
print("sigmoid: ", torch.sigmoid(z))
print("tanh:    ", torch.tanh(z))
print("softplus:", F.softplus(z))  # log(1 + exp(z)), a smooth relu
print(torch.equal(nn.Softplus()(z), F.softplus(z)))  # module and function agree
# --8<-- [end:functional]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

x = torch.linspace(-5, 5, 200)  # shape (200,)
curves = {
    "relu": (torch.relu(x), (-1, 5)),
    "sigmoid": (torch.sigmoid(x), (-0.2, 1.2)),
    "tanh": (torch.tanh(x), (-1.2, 1.2)),
    "softplus": (F.softplus(x), (-0.2, 6)),
}

fig, axes = plt.subplots(2, 2, figsize=(8, 6))
for ax, (name, (y, ylim)) in zip(axes.flat, curves.items()):
    ax.plot(x.numpy(), y.numpy(), c="red", label=name)
    ax.set_ylim(ylim)
    ax.axhline(0, color="gray", lw=0.5)
    ax.axvline(0, color="gray", lw=0.5)
    ax.set(xlabel="x", ylabel=f"{name}(x)")
    ax.legend(loc="best")
fig.suptitle("Activation functions on [-5, 5]")
fig.tight_layout()
plt.show()
# --8<-- [end:figure]
