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
