# Two classes with one output: nn.BCEWithLogitsLoss.

# --8<-- [start:basic]
import torch
from torch import nn

logits = torch.tensor([2.0, -1.0, 0.5])  # one raw score per sample (a model with 1 output)
labels = torch.tensor([1.0, 0.0, 0.0])   # float 0/1 labels, same shape as the logits
bce = nn.BCEWithLogitsLoss()
print(bce(logits, labels))

p = torch.sigmoid(logits)                 # probability of class 1
by_hand = -(labels * torch.log(p) + (1 - labels) * torch.log(1 - p)).mean()
print(by_hand)
print("predicted classes:", (logits > 0).long())  # same as p > 0.5
# --8<-- [end:basic]

# --8<-- [start:same_as_ce]
two_logits = torch.stack([torch.zeros(3), logits], dim=1)  # class 0 scored 0, class 1 scored z
print(two_logits)
print(nn.CrossEntropyLoss()(two_logits, labels.long()))  # the same loss
# --8<-- [end:same_as_ce]

# --8<-- [start:stability]
z = torch.tensor([-120.0])  # a confident, wrong prediction for label 1
y1 = torch.tensor([1.0])
print("BCEWithLogitsLoss:", bce(z, y1).item())  # works on z directly
print("sigmoid + BCELoss:", nn.BCELoss()(torch.sigmoid(z), y1).item())  # sigmoid(z) rounds to 0
# --8<-- [end:stability]
