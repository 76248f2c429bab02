# nn.CrossEntropyLoss: raw scores (logits) for each class, and the index of the right class.

# --8<-- [start:cases]
import torch
from torch import nn

loss = nn.CrossEntropyLoss()
target = torch.tensor([1, 1, 0])  # class indices (int64), one per sample

cases = {
    "confident and right": torch.tensor([[-3.0, 3.0], [-3.0, 3.0], [3.0, -3.0]]),
    "right":               torch.tensor([[-1.0, 1.0], [-1.0, 1.0], [1.0, -1.0]]),
    "wrong":               torch.tensor([[1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]]),
    "confident and wrong": torch.tensor([[3.0, -3.0], [3.0, -3.0], [-3.0, 3.0]]),
}
for name, logits in cases.items():
    print(f"{name:20s} loss = {loss(logits, target).item():.4f}")
# --8<-- [end:cases]

# --8<-- [start:by_hand]
logits = cases["right"]
probs = torch.softmax(logits, dim=1)  # what the model "believes", rows sum to 1
print(probs)
p_correct = probs[torch.arange(3), target]  # probability given to the right class
print(p_correct)
print((-torch.log(p_correct)).mean())  # cross-entropy = mean of -log(p_correct)
log_probs = torch.log_softmax(logits, dim=1)  # what the loss computes internally
print(nn.NLLLoss()(log_probs, target))
# --8<-- [end:by_hand]

# --8<-- [start:predict]
print("predicted classes:", logits.argmax(dim=1))  # no softmax needed to pick a class
print(f"uniform guess: {loss(torch.zeros(3, 2), target).item():.4f}")  # log(2)
# --8<-- [end:predict]

# --8<-- [start:double_softmax]
perfect = torch.tensor([[-10.0, 10.0], [-10.0, 10.0], [10.0, -10.0]])
print(f"logits:           {loss(perfect, target).item():.4f}")
print(f"softmax, then CE: {loss(torch.softmax(perfect, dim=1), target).item():.4f}")  # wrong
# --8<-- [end:double_softmax]

# --8<-- [start:prob_targets]
soft_target = torch.tensor([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])  # same shape as the logits
print(loss(logits, soft_target))  # class probabilities work too (float, shape (N, C))
# --8<-- [end:prob_targets]

# --8<-- [start:float_target]
# raises: RuntimeError
loss(logits, torch.tensor([1.0, 1.0, 0.0]))  # indices must be integers
# --8<-- [end:float_target]
