# Why zero_grad: backward() adds to .grad, it does not overwrite it.

# --8<-- [start:accumulate]
import torch
from torch import nn

model = nn.Linear(1, 1)
x = torch.tensor([[1.0]])
y = torch.tensor([[2.0]])
loss_fn = nn.MSELoss()

for i in range(3):  # the same backward three times, no zero_grad in between
    loss_fn(model(x), y).backward()
    print(f"after backward {i + 1}: weight.grad = {model.weight.grad.item():.4f}")
# --8<-- [end:accumulate]

# --8<-- [start:reset]
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
optimizer.zero_grad()  # sets every .grad to None (the default since PyTorch 2.0)
print(model.weight.grad)
loss_fn(model(x), y).backward()
print(f"fresh gradient: {model.weight.grad.item():.4f}")
# --8<-- [end:reset]

# --8<-- [start:cycle]
for step in range(4):
    optimizer.zero_grad()           # 1. forget the previous step's gradients
    loss = loss_fn(model(x), y)     # 2. forward pass and loss
    loss.backward()                 # 3. backward pass: fill .grad
    optimizer.step()                # 4. update the parameters
    print(f"step {step}: loss {loss.item():.4f}")
# --8<-- [end:cycle]

# --8<-- [start:micro_batches]
# Gradient accumulation: one update for 8 samples, fed as 4 micro-batches of 2
xs = torch.linspace(-1, 1, 8).unsqueeze(1)
ys = 2 * xs + 1
steps = 4

optimizer.zero_grad()
for xb, yb in zip(xs.split(2), ys.split(2)):
    loss = loss_fn(model(xb), yb) / steps  # each micro-batch is 1/4 of the batch
    loss.backward()                        # adds to .grad
accumulated = model.weight.grad.clone()

optimizer.zero_grad()                      # for comparison: the full batch at once
loss_fn(model(xs), ys).backward()
print(f"accumulated: {accumulated.item():.4f}")
print(f"full batch:  {model.weight.grad.item():.4f}")
optimizer.step()                           # one step for the whole batch
# --8<-- [end:micro_batches]
