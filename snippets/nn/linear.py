# nn.Linear: what it computes, the parameters it holds, and how they start out.

# --8<-- [start:apply]
import torch
from torch import nn

d_in, d_out = 3, 4
linear = nn.Linear(d_in, d_out)  # y = x @ W.T + b

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # a batch of 2 samples
y = linear(x)
print("x:", x.shape)
print("y:", y.shape)
# --8<-- [end:apply]

# --8<-- [start:params]
print("weight:", linear.weight.shape)  # (out_features, in_features)
print("bias:  ", linear.bias.shape)    # (out_features,)
print(linear.weight)
for name, p in linear.named_parameters():
    print(f"{name:6s} {str(tuple(p.shape)):7s} requires_grad={p.requires_grad}")
print("number of parameters:", sum(p.numel() for p in linear.parameters()))
# --8<-- [end:params]

# --8<-- [start:formula]
by_hand = x @ linear.weight.T + linear.bias
print(torch.allclose(y, by_hand))
# --8<-- [end:formula]

# --8<-- [start:init]
big = nn.Linear(100, 50)
bound = 1 / 100 ** 0.5  # 1 / sqrt(in_features)
print("bound:", bound)
print("weight range:", round(big.weight.min().item(), 4), round(big.weight.max().item(), 4))
print("bias range:  ", round(big.bias.min().item(), 4), round(big.bias.max().item(), 4))

conv = nn.Conv2d(1, 6, kernel_size=5)  # fan_in = 1 * 5 * 5 = 25 -> bound 0.2
print("conv weight range:", round(conv.weight.min().item(), 4), round(conv.weight.max().item(), 4))
bn = nn.BatchNorm1d(3)  # starts as the identity scaling
print("batchnorm:", bn.weight.tolist(), bn.bias.tolist())
# --8<-- [end:init]

# --8<-- [start:custom_init]
layer = nn.Linear(3, 2)
nn.init.xavier_uniform_(layer.weight)  # trailing _ : changes the tensor in place
nn.init.zeros_(layer.bias)
print(layer.bias)

with torch.no_grad():  # setting values by hand: outside autograd
    layer.weight.fill_(0.5)
print(layer.weight)
# --8<-- [end:custom_init]
