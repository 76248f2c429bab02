# Exercises for "Loss functions": answers, run by the build.

# --8<-- [start:ex1]
import torch
from torch import nn
import torch.nn.functional as F

logits = torch.zeros(3, 4)            # 3 samples, 4 classes, all scores equal
target = torch.tensor([0, 2, 3])
print(nn.CrossEntropyLoss()(logits, target))
print(nn.BCEWithLogitsLoss()(torch.zeros(3), torch.tensor([0.0, 1.0, 1.0])))
print(torch.log(torch.tensor([4.0, 2.0])))
# --8<-- [end:ex1]

# --8<-- [start:ex2_bug]
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 2)

    def forward(self, x):
        return torch.softmax(self.linear(x), dim=1)


torch.manual_seed(0)
x = torch.randn(64, 2)
y = (x[:, 0] > 0).long()             # class 1 when the first feature is positive


def train(model, steps=300):
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.CrossEntropyLoss()(model(x), y)
        loss.backward()
        optimizer.step()
    return loss.item()


print(f"final loss: {train(Classifier()):.4f}")
# --8<-- [end:ex2_bug]

# --8<-- [start:ex2]
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 2)

    def forward(self, x):
        return self.linear(x)        # raw scores: CrossEntropyLoss does the softmax


print(f"final loss: {train(Classifier()):.4f}")
# --8<-- [end:ex2]

# --8<-- [start:ex3]
def cross_entropy(logits, target):
    log_p = F.log_softmax(logits, dim=1)             # log-probabilities, stable
    return -log_p[torch.arange(len(target)), target].mean()


logits = torch.randn(5, 3)
target = torch.tensor([0, 2, 1, 1, 0])
print(cross_entropy(logits, target))
print(F.cross_entropy(logits, target))
# --8<-- [end:ex3]
