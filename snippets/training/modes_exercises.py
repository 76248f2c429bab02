# Exercises for the page on train()/eval() and inference.

# --8<-- [start:ex1]
import torch
from torch import nn

torch.manual_seed(0)
dropout = nn.Dropout(p=0.2)  # a new module is in training mode
out = dropout(torch.ones(10))
print(out)
print("distinct values:", sorted(set(out.tolist())))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
model = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 1))


def evaluate(model, x):
    model.eval()
    with torch.no_grad():
        return model(x).mean().item()


for epoch in range(2):
    print(f"epoch {epoch}: training mode while training? {model.training}")
    # ... the training steps of this epoch would run here ...
    evaluate(model, torch.randn(5, 4))

# fix: switch back at the start of every epoch (or inside evaluate, after it is done)
for epoch in range(2):
    model.train()
    print(f"fixed, epoch {epoch}: training mode while training? {model.training}")
    evaluate(model, torch.randn(5, 4))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
bn = nn.BatchNorm1d(3)
one = torch.randn(1, 3)  # a batch of ONE sample
bn.eval()
print("eval mode, one sample:", bn(one).shape)
bn.train()
try:
    bn(one)
except ValueError as error:
    print("train mode, one sample: ValueError:", error)
print("train mode, (1, 3, 5) input:", bn(torch.randn(1, 3, 5)).shape)  # 5 values per channel
# --8<-- [end:ex3]

# --8<-- [start:ex4]
# raises: RuntimeError
backbone = nn.Linear(4, 4)
head = nn.Linear(4, 1)  # we want to train only this layer
with torch.inference_mode():
    features = backbone(torch.randn(8, 4))  # bug: inference tensors
loss = head(features).pow(2).mean()  # head must save `features` for backward
# --8<-- [end:ex4]
