# Exercises for the page on state_dict and checkpoints.

# --8<-- [start:ex1]
import torch
from torch import nn

bn = nn.BatchNorm1d(3)
print("parameters:", [name for name, _ in bn.named_parameters()])
print("state_dict:", list(bn.state_dict().keys()))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
torch.manual_seed(0)
model = nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(16, 2), torch.randn(16, 1)

best = model.state_dict()  # keep the weights from before training
before = model.weight.detach().clone()

for _ in range(5):
    optimizer.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    optimizer.step()

print("weight now: ", model.weight.data)
print("best weight:", best["weight"])
print("best == weight before training:", torch.equal(best["weight"], before))
# --8<-- [end:ex2]

# --8<-- [start:ex2_fix]
import copy

torch.manual_seed(0)
model = nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

best = copy.deepcopy(model.state_dict())  # an independent snapshot
before = model.weight.detach().clone()
for _ in range(5):
    optimizer.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    optimizer.step()
print("best == weight before training:", torch.equal(best["weight"], before))
# --8<-- [end:ex2_fix]

# --8<-- [start:ex3]
import tempfile
from pathlib import Path

net = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1))
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "whole_model.pt"
    torch.save(net, path)
    print("classes in the file:", sorted(torch.serialization.get_unsafe_globals_in_checkpoint(path)))
    allowed = [nn.Sequential, nn.Linear, nn.BatchNorm1d, nn.ReLU]
    with torch.serialization.safe_globals(allowed):
        loaded = torch.load(path)  # weights_only=True, with these classes allowlisted
print(type(loaded).__name__, torch.equal(loaded[0].weight, net[0].weight))
# --8<-- [end:ex3]
