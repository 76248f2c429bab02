# One optimizer step on the smallest possible model, and how the parameter changes.

# --8<-- [start:step]
import torch
from torch import nn

model = nn.Linear(1, 1)          # y = w * x + b
X_simple = torch.tensor([[1.0]])
y_simple = torch.tensor([[2.0]])

optimizer = torch.optim.SGD(model.parameters(), lr=1e-2)
mse_loss_fn = nn.MSELoss()

before = model.weight.detach().clone()  # a copy: model.weight itself will change
y_hat = model(X_simple)
loss = mse_loss_fn(y_hat, y_simple)
optimizer.zero_grad()  # get ready: clear old gradients
loss.backward()        # step 1: every parameter gets its .grad
optimizer.step()       # step 2: update each parameter from its .grad
print("weight before:", before)
print("weight.grad:  ", model.weight.grad)
print("weight after: ", model.weight.detach())
# --8<-- [end:step]

# --8<-- [start:check]
expected = before - 1e-2 * model.weight.grad  # plain SGD: w <- w - lr * grad
print(torch.allclose(model.weight.detach(), expected))
# --8<-- [end:check]

# --8<-- [start:same_object]
reference = model.weight             # the same tensor object, not a copy
copy = model.weight.detach().clone()
optimizer.zero_grad()
mse_loss_fn(model(X_simple), y_simple).backward()
optimizer.step()
print("reference:", reference.detach())  # follows the parameter
print("copy:     ", copy)                # keeps the old value
# --8<-- [end:same_object]
