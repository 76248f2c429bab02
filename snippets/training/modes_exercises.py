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
# --8<-- [end:ex2]

# --8<-- [start:ex2_fix]
for epoch in range(2):
    model.train()  # at the start of every epoch
    print(f"fixed, epoch {epoch}: training mode while training? {model.training}")
    evaluate(model, torch.randn(5, 4))
# --8<-- [end:ex2_fix]

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
    features = backbone(torch.randn(8, 4))
loss = head(features).pow(2).mean()
loss.backward()
# --8<-- [end:ex4]

# --8<-- [start:ex4_fix]
with torch.no_grad():  # ordinary tensors that need no gradient
    features = backbone(torch.randn(8, 4))
loss = head(features).pow(2).mean()
loss.backward()
print("head has gradients:", head.weight.grad is not None)
print("backbone has none: ", backbone.weight.grad is None)
# --8<-- [end:ex4_fix]

# --8<-- [start:ex5]
def evaluate(model, x):
    """Mean output in eval mode without autograd; leaves the model in the mode it found it in."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            return model(x).mean().item()
    finally:
        model.train(was_training)  # runs even if the forward pass raises


net = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 1))
for mode in ("train", "eval"):
    getattr(net, mode)()
    evaluate(net, torch.randn(5, 4))
    print(f"called in {mode} mode -> still training afterwards? {net.training}")
# --8<-- [end:ex5]
