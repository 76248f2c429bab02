# Declaring parameters yourself with nn.Parameter.

# --8<-- [start:main]
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(2, 1))   # registered: the optimizer will see it
        self.b = nn.Parameter(torch.zeros(1, 1))
        self.scale = torch.ones(1)                 # a plain tensor: NOT a parameter

    def forward(self, x):
        return (x @ self.w + self.b) * self.scale


net = Net()
print([name for name, _ in net.named_parameters()])
print(net(torch.rand(10, 2)).shape)
# --8<-- [end:main]

# --8<-- [start:buffer]
class Scaled(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 1)
        self.register_buffer("scale", torch.ones(1))  # saved and moved with .to(), not trained


model = Scaled()
print([name for name, _ in model.named_parameters()])
print(list(model.state_dict().keys()))
# --8<-- [end:buffer]
