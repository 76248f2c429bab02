# Stopping gradient tracking: torch.no_grad(), detach() and requires_grad_(False).

# --8<-- [start:no_grad]
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():       # nothing in this block is recorded
    y = w * 3
print(y, y.requires_grad, y.grad_fn)
z = w * 3                   # outside the block: recorded as usual
print(z.requires_grad, z.grad_fn.name())


@torch.no_grad()            # the same, for a whole function
def accuracy(scores, labels):
    return (scores.argmax(dim=1) == labels).float().mean()


scores = torch.tensor([[2.0, 1.0], [0.5, 3.0], [1.0, 0.0]], requires_grad=True)
print(accuracy(scores, torch.tensor([0, 1, 1])))
# --8<-- [end:no_grad]

# --8<-- [start:detach]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
u = y.detach()              # same numbers, same memory, but no history
print(u, u.requires_grad, u.data_ptr() == y.data_ptr())

z = u * x                   # u counts as a constant here
z.sum().backward()
print(x.grad)               # dz/dx = u = x**2, not 3 * x**2

x.grad = None
(y * x).sum().backward()    # without detach(): d(x**3)/dx = 3 * x**2
print(x.grad)
# --8<-- [end:detach]

# --8<-- [start:freeze]
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
model[0].requires_grad_(False)   # freeze the first layer: its weight and bias
trainable = [p for p in model.parameters() if p.requires_grad]
print("trainable tensors:", len(trainable), "of", len(list(model.parameters())))

loss = model(torch.randn(5, 4)).pow(2).mean()
loss.backward()
print("first layer grad:", model[0].weight.grad)
print("last layer grad shape:", model[2].weight.grad.shape)
optimizer = torch.optim.SGD(trainable, lr=0.1)  # give it only what should change
# --8<-- [end:freeze]

# --8<-- [start:numpy_error]
# raises: RuntimeError
w = torch.tensor([1.0, 2.0], requires_grad=True)
print(w.detach().numpy())   # fine: detach first
w.numpy()                   # numpy() refuses a tensor that requires grad
# --8<-- [end:numpy_error]
