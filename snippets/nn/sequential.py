# nn.Sequential: layers applied one after another.

# --8<-- [start:build]
import torch
from torch import nn

d_in, d_hidden, d_out = 3, 4, 1
model = nn.Sequential(
    nn.Linear(d_in, d_hidden),
    nn.Tanh(),
    nn.Linear(d_hidden, d_out),
    nn.Sigmoid(),
)

example = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
transformed = model(example)
print("transformed:", transformed.shape)
print(transformed)
# --8<-- [end:build]

# --8<-- [start:inspect]
print(model)
print("first layer:", model[0])
for name, p in model.named_parameters():  # names are "<index>.<parameter>"
    print(f"{name:8s} {tuple(p.shape)}")
print("parameters:", sum(p.numel() for p in model.parameters()))
# --8<-- [end:inspect]

# --8<-- [start:step_by_step]
h = example
for layer in model:  # exactly what model(example) does
    h = layer(h)
    print(f"{type(layer).__name__:8s} -> {tuple(h.shape)}")
print(torch.equal(h, transformed))
# --8<-- [end:step_by_step]
