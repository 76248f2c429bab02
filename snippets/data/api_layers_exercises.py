# Exercises for "PyTorch's API layers".

# --8<-- [start:ex1]
import torch

w = torch.tensor([1.0], requires_grad=True)
x = torch.tensor([3.0])
for step in range(3):
    loss = (w * x).sum()        # d(loss)/dw = 3
    loss.backward()             # no zeroing in between ...
    print(step, w.grad)         # ... so the gradient adds up
# --8<-- [end:ex1]

# --8<-- [start:ex2]
from torch import nn

torch.manual_seed(0)
x = torch.linspace(-1, 1, 50).unsqueeze(1)
y = 3 * x - 2                          # no noise: the answer is exactly w = 3, b = -2
model = nn.Linear(1, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.MSELoss()
for step in range(500):
    loss = loss_fn(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(f"w = {model.weight.item():.3f}, b = {model.bias.item():.3f}")
# --8<-- [end:ex2]

# --8<-- [start:ex3]
# raises: RuntimeError
w = torch.zeros(1, requires_grad=True)
loss = ((w * 2.0 - 4.0) ** 2).mean()
loss.backward()
with torch.no_grad():
    w -= 0.1 * w.grad            # the fix: update inside no_grad
print(w)
w -= 0.1 * w.grad                # the bug: an in-place change of a leaf that requires grad
# --8<-- [end:ex3]
