# nn.MSELoss: mean squared error between a prediction and a target.

# --8<-- [start:basic]
import torch
from torch import nn

mse_loss_fn = nn.MSELoss()
prediction = torch.tensor([[0.0, 0.0, 0.0]])
target = torch.tensor([[1.0, 0.0, -1.0]])

loss = mse_loss_fn(prediction, target)  # (prediction, target): in this order
print(loss)
print(((prediction - target) ** 2).mean())  # the same by hand: (1 + 0 + 1) / 3
# --8<-- [end:basic]

# --8<-- [start:reduction]
print(nn.MSELoss(reduction="sum")(prediction, target))   # no division by 3
print(nn.MSELoss(reduction="none")(prediction, target))  # one value per element
# --8<-- [end:reduction]

# --8<-- [start:shape_trap]
pred = torch.tensor([[1.0], [2.0], [3.0]])  # shape (3, 1): what a model with 1 output gives
y = torch.tensor([1.0, 2.0, 3.0])           # shape (3,): a flat target
print("mismatched shapes:", nn.MSELoss()(pred, y))  # broadcasts to (3, 3): wrong
print("matching shapes:  ", nn.MSELoss()(pred, y.view(-1, 1)))
# --8<-- [end:shape_trap]
