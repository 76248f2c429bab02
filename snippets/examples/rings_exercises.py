# Exercises for "Classifying two rings": answers, run by the build.

# --8<-- [start:ex1]
import torch
from torch import nn

logits = torch.zeros(4, 1)  # an untrained model that is unsure about everything
labels = torch.tensor([[1.0], [0.0], [1.0], [0.0]])
print(round(nn.BCEWithLogitsLoss()(logits, labels).item(), 4))
print(round(torch.log(torch.tensor(2.0)).item(), 4))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import math


def rings(n, std, generator):
    """n points per class: label 1 on a ring of radius 5, label 0 on radius 8."""
    r = torch.cat([5 + std * torch.randn(n, generator=generator),
                   8 + std * torch.randn(n, generator=generator)])
    theta = 2 * math.pi * torch.rand(2 * n, generator=generator)
    points = torch.stack([r * torch.cos(theta), r * torch.sin(theta)], dim=1)
    labels = torch.cat([torch.ones(n), torch.zeros(n)])
    return points, labels


g = torch.Generator().manual_seed(0)
for std in (1.0, 0.5):
    points, labels = rings(2000, std, g)
    rule = (points.norm(dim=1) < 6.5).float()  # the best rule: inside radius 6.5 -> class 1
    expected = 0.5 * (1 + math.erf(1.5 / std / math.sqrt(2)))
    print(f"std {std}: rule accuracy {(rule == labels).float().mean():.4f},"
          f" expected {expected:.4f}")
# --8<-- [end:ex2]

# --8<-- [start:ex3]
# raises: ValueError
logits = torch.randn(4, 1)           # the model's output: one logit per sample, shape (4, 1)
labels = torch.tensor([1.0, 0.0, 1.0, 0.0])  # shape (4,)
nn.BCEWithLogitsLoss()(logits, labels)
# --8<-- [end:ex3]
