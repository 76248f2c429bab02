# Exercises for "Layers, activations and models": answers, run by the build.

# --8<-- [start:ex1]
import torch
from torch import nn

layer = nn.Linear(4, 3)
print(layer.weight.shape, layer.bias.shape)
print(sum(p.numel() for p in layer.parameters()))
print(layer(torch.randn(2, 5, 4)).shape)
# --8<-- [end:ex1]

# --8<-- [start:ex2_bug]
class Stack(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(8, 8) for _ in range(3)]   # a plain Python list

    def forward(self, x):
        for layer in self.layers:
            x = torch.relu(layer(x))
        return x


print(len(list(Stack().parameters())))
# --8<-- [end:ex2_bug]

# --8<-- [start:ex2]
class Stack(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(8, 8) for _ in range(3))

    def forward(self, x):
        for layer in self.layers:
            x = torch.relu(layer(x))
        return x


print(len(list(Stack().parameters())))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 8)
        self.out = nn.Linear(8, 1)

    def forward(self, x):
        return self.out(torch.tanh(self.hidden(x)))


mlp = MLP()
seq = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
seq.load_state_dict({"0.weight": mlp.hidden.weight, "0.bias": mlp.hidden.bias,
                     "2.weight": mlp.out.weight, "2.bias": mlp.out.bias})
x = torch.randn(5, 2)
print(sum(p.numel() for p in mlp.parameters()), sum(p.numel() for p in seq.parameters()))
print(torch.allclose(mlp(x), seq(x)))
# --8<-- [end:ex3]
